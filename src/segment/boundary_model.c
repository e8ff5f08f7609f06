/* boundary_model.c — reading the boundary model's text and scoring candidates; see
 * boundary_model.h.
 *
 * The weights of one language go into a u64_table keyed by the feature hash, so scoring
 * a candidate costs one probe or two per feature. Parsing is a hand loop over hexadecimal and decimal digits: the
 * built-in text is read at every segmenter_new, and strtol's locale handling would cost
 * more than the table. */
#include "boundary_model.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"
#include "../util/u64table.h"

/* the built-in model, embedded from src/segment/boundary_model.txt at build time */
extern const char builtin_boundary_model[];
extern const size_t builtin_boundary_model_len;

typedef struct {
    uint64_t key;   /* the feature hash */
    int32_t weight;
} weight_slot;

struct boundary_model {
    u64_table weights;  /* of weight_slot */
    int64_t threshold;
};

/* One line of text from *at (without its newline) in [*line, *end); 0 at the end. */
static int next_line(const char *data, size_t len, size_t *at, const char **line, const char **end)
{
    if (*at >= len)
        return 0;
    const char *s = data + *at, *nl = memchr(s, '\n', len - *at);
    *line = s;
    *end = nl ? nl : data + len;
    *at = (size_t)(*end - data) + (nl != NULL);
    return 1;
}

static const char *skip_spaces(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p;
}

/* A decimal integer (optionally signed) at *p; 0 when there is none. */
static int read_int(const char **p, const char *end, int64_t *v)
{
    const char *s = skip_spaces(*p, end);
    int neg = s < end && *s == '-';
    s += s < end && (*s == '-' || *s == '+');
    if (s >= end || *s < '0' || *s > '9')
        return 0;
    int64_t x = 0;
    while (s < end && *s >= '0' && *s <= '9' && x < (INT64_C(1) << 40))
        x = x * 10 + (*s++ - '0');
    *v = neg ? -x : x;
    *p = s;
    return 1;
}

static int read_hex(const char **p, const char *end, uint32_t *v)
{
    const char *s = skip_spaces(*p, end);
    uint32_t x = 0;
    int digits = 0;
    for (; s < end && digits < 8; s++, digits++) {
        int c = *s, d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            break;
        x = x << 4 | (uint32_t)d;
    }
    *v = x;
    *p = s;
    return digits == 8;
}

/* "lang L threshold T features N": 1 and the values, or 0. */
static int read_header(const char *p, const char *end, char lang[LANG_TAG_MAX], int64_t *threshold, int64_t *n)
{
    static const char *words[] = {"lang", "threshold", "features"};
    for (int k = 0; k < 3; k++) {
        p = skip_spaces(p, end);
        size_t w = strlen(words[k]);
        if ((size_t)(end - p) < w || memcmp(p, words[k], w) != 0)
            return 0;
        p += w;
        if (k == 0) {
            p = skip_spaces(p, end);
            size_t l = 0;
            while (p < end && *p != ' ' && *p != '\t' && l + 1 < LANG_TAG_MAX)
                lang[l++] = *p++;
            lang[l] = '\0';
            if (l == 0)
                return 0;
        } else if (!read_int(&p, end, k == 1 ? threshold : n) || (k == 2 && *n < 0)) {
            return 0;
        }
    }
    return skip_spaces(p, end) == end;
}

int boundary_model_parse(const char *data, size_t len, const char *name, const char *lang, boundary_model **out)
{
    *out = NULL;
    char want[LANG_TAG_MAX], have[LANG_TAG_MAX];
    lang_base(lang, want);
    size_t at = 0;
    int lineno = 0;
    const char *line, *end;
    while (next_line(data, len, &at, &line, &end)) {
        lineno++;
        const char *p = skip_spaces(line, end);
        if (p == end || *p == '#')
            continue;
        int64_t threshold, n;
        if (!read_header(p, end, have, &threshold, &n))
            return error_set(ERR_DATA, _("%s:%d: expected \"lang L threshold T features N\""), name, lineno);
        int mine = strcmp(have, want) == 0;
        boundary_model *m = NULL;
        if (mine) {
            if (!(m = calloc(1, sizeof *m)))
                return error_nomem();
            u64_table_init(&m->weights, sizeof(weight_slot));
            m->threshold = threshold;
        }
        for (int64_t k = 0; k < n; k++) {
            uint32_t h;
            int64_t w;
            const char *q;
            if (!next_line(data, len, &at, &q, &end) || !read_hex(&q, end, &h) || !read_int(&q, end, &w) ||
                skip_spaces(q, end) != end || w < INT32_MIN || w > INT32_MAX) {
                boundary_model_free(m);
                return error_set(ERR_DATA, _("%s:%d: expected a feature hash and its weight"), name,
                                 lineno + (int)k + 1);
            }
            int added;
            weight_slot *slot = m ? u64_table_put(&m->weights, h, &added) : NULL;
            if (m && !slot) {
                boundary_model_free(m);
                return -ERR_NOMEM;
            }
            if (slot)
                slot->weight = (int32_t)w;
        }
        lineno += (int)n;
        if (m) {
            *out = m;
            return 0;
        }
    }
    return 0;
}

int boundary_model_builtin(const char *lang, boundary_model **out)
{
    return boundary_model_parse(builtin_boundary_model, builtin_boundary_model_len, "boundary_model.txt (built-in)",
                                lang, out);
}

int64_t boundary_model_margin(const boundary_model *m, const boundary_features *f)
{
    int64_t sum = -m->threshold;
    for (int i = 0; i < f->n; i++) {
        const weight_slot *w = u64_table_get(&m->weights, f->v[i]);
        sum += w ? w->weight : 0;
    }
    return sum;
}

void boundary_model_free(boundary_model *m)
{
    if (m)
        u64_table_free(&m->weights);
    free(m);
}
