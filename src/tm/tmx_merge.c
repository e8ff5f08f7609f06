/* tmx_merge.c — merging TMX files; see tmx_merge.h. */
#include "tmx_merge.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../util/error.h"
#include "tmx_reader.h"
#include "tmx_writer.h"

/* one slot per distinct unit content */
typedef struct {
    uint64_t key;           /* hash of the whole unit (0: empty slot) */
    uint32_t file, ordinal; /* the unit kept so far */
    char date[17];          /* its changedate or creationdate, "" when none */
} unit_slot;

/* one slot per distinct source segment */
typedef struct {
    uint64_t source;        /* hash of the source segment (0: empty slot) */
    uint64_t key;           /* the first unit content seen for it */
} source_slot;

typedef struct {
    unit_slot *units;
    size_t ucap, un;
    source_slot *sources;
    size_t scap, sn;
} merge_tables;

/* The unit's content key: languages and normalized texts, in a fixed language order. */
static uint64_t unit_key(const tmx_unit *u)
{
    uint64_t acc = 0;
    for (size_t k = 0; k < u->ntuv; k++) {
        const char *lang = tmx_tuv_lang(&u->tuv[k]);
        char lower[64];
        size_t n = 0;
        for (; lang && lang[n] && n < sizeof lower - 1; n++)
            lower[n] = (char)(lang[n] | 0x20);
        lower[n] = '\0';
        /* order-independent: the sum of per-tuv hashes */
        acc += tmx_text_hash(tmx_text_hash(1469598103934665603ULL, lower), u->tuv[k].xml ? u->tuv[k].xml : u->tuv[k].text);
    }
    return acc ? acc : 1;
}

static const char *unit_date(const tmx_unit *u)
{
    const char *d = tmx_attr_get(&u->attrs, "changedate");
    return d ? d : tmx_attr_get(&u->attrs, "creationdate");
}

static const tmx_tuv *source_tuv(const tmx_unit *u, const char *srclang)
{
    for (size_t k = 0; srclang && k < u->ntuv; k++)
        if (tmx_tuv_lang(&u->tuv[k]) && strcasecmp(tmx_tuv_lang(&u->tuv[k]), srclang) == 0)
            return &u->tuv[k];
    return NULL;
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    if ((n + 1) * 2 <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 4096;
    void *bigger = calloc(ncap, size);
    if (!bigger)
        return error_set(ERR_IO, _("out of memory"));
    /* rehash into the bigger table: the key is the first 8 bytes of every slot */
    for (size_t k = 0; k < *cap; k++) {
        const char *slot = (const char *)*v + k * size;
        uint64_t key;
        memcpy(&key, slot, 8);
        if (!key)
            continue;
        size_t at = key & (ncap - 1);
        while (*(uint64_t *)((char *)bigger + at * size))
            at = (at + 1) & (ncap - 1);
        memcpy((char *)bigger + at * size, slot, size);
    }
    free(*v);
    *v = bigger;
    *cap = ncap;
    return 0;
}

static unit_slot *find_unit(merge_tables *t, uint64_t key)
{
    size_t at = key & (t->ucap - 1);
    while (t->units[at].key && t->units[at].key != key)
        at = (at + 1) & (t->ucap - 1);
    return &t->units[at];
}

static source_slot *find_source(merge_tables *t, uint64_t source)
{
    size_t at = source & (t->scap - 1);
    while (t->sources[at].source && t->sources[at].source != source)
        at = (at + 1) & (t->scap - 1);
    return &t->sources[at];
}

/* Pass one: decide which unit represents each content, and find conflicts. */
static int decide(const char *const *paths, size_t npaths, merge_tables *t, char **srclang,
                  tmx_conflict_fn on_conflict, void *ctx, tmx_merge_stats *st)
{
    int rc = 0;
    for (size_t f = 0; f < npaths && rc == 0; f++) {
        tmx_reader *r;
        if ((rc = tmx_reader_open(paths[f], &r)) < 0)
            break;
        tmx_reader_keep_markup(r, 1);
        const char *src = tmx_attr_get(tmx_reader_header(r), "srclang");
        if (!*srclang && src)
            *srclang = strdup(src);
        else if (src && *srclang && strcasecmp(src, *srclang) != 0)
            rc = error_set(ERR_DATA, _("%s: source language %s differs from %s in %s"), paths[f], src, *srclang,
                           paths[0]);
        tmx_unit u = {0};
        int more;
        for (uint32_t ordinal = 0; rc == 0 && (more = tmx_reader_next(r, &u)) != 0; ordinal++) {
            if (more < 0) {
                rc = more;
                break;
            }
            st->units++;
            if ((rc = grow((void **)&t->units, &t->ucap, t->un, sizeof *t->units)) < 0 ||
                (rc = grow((void **)&t->sources, &t->scap, t->sn, sizeof *t->sources)) < 0)
                break;
            uint64_t key = unit_key(&u);
            const char *date = unit_date(&u);
            unit_slot *slot = find_unit(t, key);
            if (!slot->key) {
                *slot = (unit_slot){key, (uint32_t)f, ordinal, ""};
                snprintf(slot->date, sizeof slot->date, "%s", date ? date : "");
                t->un++;
            } else {
                st->duplicates++;
                if (date && strcmp(date, slot->date) > 0) { /* YYYYMMDDThhmmssZ sorts by time */
                    slot->file = (uint32_t)f;
                    slot->ordinal = ordinal;
                    snprintf(slot->date, sizeof slot->date, "%s", date);
                }
                continue;
            }
            const tmx_tuv *s = source_tuv(&u, *srclang);
            if (!s)
                continue;
            uint64_t sk = tmx_text_hash(1469598103934665603ULL, s->xml ? s->xml : s->text);
            source_slot *ss = find_source(t, sk ? sk : 1);
            if (!ss->source) {
                *ss = (source_slot){sk ? sk : 1, key};
                t->sn++;
            } else if (ss->key != key) {
                st->conflicts++;
                if (on_conflict)
                    on_conflict(ctx, paths[f], u.line, s->text ? s->text : "");
            }
        }
        tmx_unit_free(&u);
        tmx_reader_close(r);
    }
    return rc;
}

/* Pass two: stream the representatives out. */
static int write_kept(const char *const *paths, size_t npaths, merge_tables *t, FILE *out, const char *srclang,
                      tmx_merge_stats *st)
{
    tmx_writer *w;
    tmx_header h = {.srclang = srclang ? srclang : "*all*"};
    int rc = tmx_writer_open(&w, out, &h);
    for (size_t f = 0; f < npaths && rc == 0; f++) {
        tmx_reader *r;
        if ((rc = tmx_reader_open(paths[f], &r)) < 0)
            break;
        tmx_reader_keep_markup(r, 1);
        tmx_unit u = {0};
        int more;
        for (uint32_t ordinal = 0; rc == 0 && (more = tmx_reader_next(r, &u)) != 0; ordinal++) {
            if (more < 0) {
                rc = more;
                break;
            }
            unit_slot *slot = find_unit(t, unit_key(&u));
            if (slot->file == f && slot->ordinal == ordinal) {
                rc = tmx_writer_copy_unit(w, &u);
                st->kept++;
            }
        }
        tmx_unit_free(&u);
        tmx_reader_close(r);
    }
    int crc = tmx_writer_close(w);
    return rc ? rc : crc;
}

int tmx_merge(const char *const *paths, size_t npaths, FILE *out, tmx_conflict_fn on_conflict, void *ctx,
              tmx_merge_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    merge_tables t = {0};
    char *srclang = NULL;
    int rc = decide(paths, npaths, &t, &srclang, on_conflict, ctx, stats);
    if (rc == 0)
        rc = write_kept(paths, npaths, &t, out, srclang, stats);
    free(t.units);
    free(t.sources);
    free(srclang);
    return rc;
}
