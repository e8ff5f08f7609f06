/* cmd_tmx_stats.c — `polyalign tmx stats FILE…`: what a memory holds, in one streaming pass:
 * units, languages and their counts, duplicate units, empty and untranslated segments,
 * and units whose target/source length ratio is far from the memory's median (a sign of
 * misalignment). Text or JSON Lines, one report per file. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../tm/tmx_reader.h"
#include "../util/error.h"
#include "../util/u64sort.h"
#include "../util/vec.h"
#include "commands.h"

enum { OPT_FORMAT = 'f', MAX_LANGS = 64, OUTLIER_FACTOR = 3 };

const cli_option tmx_stats_cli_options[] = {
    {"format", OPT_FORMAT, 1, "FMT", N_("text (default) or jsonl")},
    {0},
};

typedef struct {
    char tag[32];
    size_t tuvs, empty, untranslated, outliers;
    float *ratio;           /* length ratio to the source, per unit that has both */
    size_t nratio, cap;
} lang_stats;

/* What add_unit learns of each tuv in its first pass over a unit, for its second */
typedef struct {
    lang_stats *lang;       /* NULL past MAX_LANGS languages */
    size_t chars;           /* characters other than white space */
} tuv_seen;

typedef struct {
    size_t units, duplicates;
    lang_stats lang[MAX_LANGS];
    size_t nlang;
    uint64_t *hash;         /* each unit's content hash, its repeats counted at the end */
    size_t nhash, hash_cap;
    tuv_seen *tuv;          /* per tuv of the unit being added, reused from unit to unit */
    size_t tuv_cap;
} tmx_stats;

static int handle_option(int key, const char *arg, void *ctx)
{
    if (key == OPT_FORMAT)
        *(const char **)ctx = arg;
    return 0;
}

static lang_stats *lang_of(tmx_stats *s, const char *tag)
{
    for (size_t k = 0; k < s->nlang; k++)
        if (strcasecmp(s->lang[k].tag, tag) == 0)
            return &s->lang[k];
    if (s->nlang == MAX_LANGS)
        return NULL;
    lang_stats *l = &s->lang[s->nlang++];
    utf8_truncate(tag, 0, l->tag, sizeof l->tag);
    return l;
}

/* 0, or -ERR_NOMEM: a count cut short would be a wrong report */
static int add_unit(tmx_stats *s, const tmx_unit *u, const char *srclang)
{
    s->units++;
    if (vec_reserve(&s->tuv, &s->tuv_cap, u->ntuv, sizeof *s->tuv) < 0)
        return error_nomem();
    /* first pass: each text is read once, for the unit's hash and its length together */
    size_t src = SIZE_MAX;
    uint64_t h = 1469598103934665603ULL;
    for (size_t k = 0; k < u->ntuv; k++) {
        const tmx_tuv *t = &u->tuv[k];
        const char *tag = tmx_tuv_lang(t), *text = t->text ? t->text : "";
        if (srclang && tag && strcasecmp(tag, srclang) == 0)
            src = k; /* the last of the source language */
        tuv_seen *seen = &s->tuv[k];
        seen->lang = lang_of(s, tag ? tag : "?");
        if (seen->lang)
            h = tmx_text_hash_count(tmx_text_hash(h, tag ? tag : "?"), text, &seen->chars);
        else
            tmx_text_hash_count(0, text, &seen->chars); /* a source's length all the same */
    }
    const char *src_text = src != SIZE_MAX ? u->tuv[src].text : NULL;
    size_t src_chars = src_text ? s->tuv[src].chars : 0;
    for (size_t k = 0; k < u->ntuv; k++) {
        lang_stats *l = s->tuv[k].lang;
        if (!l)
            continue;
        l->tuvs++;
        const char *text = u->tuv[k].text ? u->tuv[k].text : "";
        if (!*text) {
            l->empty++;
            continue;
        }
        if (src == SIZE_MAX || k == src)
            continue;
        if (src_text && strcmp(src_text, text) == 0)
            l->untranslated++;
        if (!src_chars)
            continue;
        if (vec_reserve(&l->ratio, &l->cap, l->nratio + 1, sizeof *l->ratio) < 0)
            return error_nomem();
        l->ratio[l->nratio++] = (float)s->tuv[k].chars / (float)src_chars;
    }
    if (src != SIZE_MAX && u->ntuv == 1) {
        lang_stats *l = lang_of(s, tmx_tuv_lang(&u->tuv[src]));
        if (l)
            l->untranslated++;
    }
    if (vec_reserve(&s->hash, &s->hash_cap, s->nhash + 1, sizeof *s->hash) < 0)
        return error_nomem();
    s->hash[s->nhash++] = h;
    return 0;
}

/* The k-th smallest of v[0..n) (k < n), v reordered around it (Wirth's selection):
 * linear time on average, in place, where sorting a copy of each language's ratios cost
 * a tenth of `tmx stats` on a large memory. */
static float select_kth(float *v, size_t n, size_t k)
{
    ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, at = (ptrdiff_t)k;
    while (lo < hi) {
        float pivot = v[at];
        ptrdiff_t i = lo, j = hi;
        do {
            while (v[i] < pivot)
                i++;
            while (pivot < v[j])
                j--;
            if (i <= j) {
                float x = v[i];
                v[i++] = v[j];
                v[j--] = x;
            }
        } while (i <= j);
        if (j < at)
            lo = i;
        if (at < i)
            hi = j;
    }
    return v[at];
}

static void count_outliers(tmx_stats *s)
{
    for (size_t k = 0; k < s->nlang; k++) {
        lang_stats *l = &s->lang[k];
        if (l->nratio < 10)
            continue;
        /* the count does not depend on the ratios' order: select in place */
        float median = select_kth(l->ratio, l->nratio, l->nratio / 2);
        for (size_t i = 0; i < l->nratio; i++)
            l->outliers += l->ratio[i] > median * OUTLIER_FACTOR || l->ratio[i] * OUTLIER_FACTOR < median;
    }
}

/* Print s right-aligned (left when width < 0) in |width| screen columns: translated
 * headers hold wide (CJK) and multi-byte characters, which printf's widths miscount. */
static void print_column(const char *s, int width)
{
    int cols = 0, left = width < 0;
    const uint8_t *p = (const uint8_t *)s;
    for (int32_t i = 0, n = (int32_t)strlen(s); i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        int w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        cols += w == U_EA_WIDE || w == U_EA_FULLWIDTH ? 2 : 1;
    }
    int pad = (left ? -width : width) - cols;
    if (!left)
        printf("%*s", pad > 0 ? pad : 0, "");
    fputs(s, stdout);
    if (left)
        printf("%*s", pad > 0 ? pad : 0, "");
}

static void print_text(const char *file, const tmx_stats *s, const char *srclang)
{
    printf(P_("%s: %zu unit, ", "%s: %zu units, ", s->units), file, s->units);
    printf(P_("%zu duplicate, ", "%zu duplicates, ", s->duplicates), s->duplicates);
    printf(_("source language %s\n"), srclang ? srclang : "?");
    fputs("  ", stdout);
    print_column(_("language"), -10);
    static const char *heads[] = {N_("segments"), N_("empty"), N_("untranslated"), N_("outliers")};
    static const int widths[] = {11, 9, 14, 10};
    for (int k = 0; k < 4; k++)
        print_column(_(heads[k]), widths[k]);
    fputc('\n', stdout);
    for (size_t k = 0; k < s->nlang; k++)
        printf("  %-10s %11zu %9zu %14zu %10zu\n", s->lang[k].tag, s->lang[k].tuvs, s->lang[k].empty,
               s->lang[k].untranslated, s->lang[k].outliers);
}

static void print_json(const char *file, const tmx_stats *s, const char *srclang)
{
    json_t *langs = json_object();
    for (size_t k = 0; k < s->nlang; k++)
        json_object_set_new(langs, s->lang[k].tag,
                            json_pack("{s:I,s:I,s:I,s:I}", "segments", (json_int_t)s->lang[k].tuvs, "empty",
                                      (json_int_t)s->lang[k].empty, "untranslated",
                                      (json_int_t)s->lang[k].untranslated, "outliers",
                                      (json_int_t)s->lang[k].outliers));
    json_t *o = json_pack("{s:s,s:I,s:I,s:s?,s:o}", "file", file, "units", (json_int_t)s->units, "duplicates",
                          (json_int_t)s->duplicates, "srclang", srclang, "languages", langs);
    json_dumpf(o, stdout, JSON_COMPACT);
    fputc('\n', stdout);
    json_decref(o);
}

int cmd_tmx_stats(int argc, char **argv)
{
    const cli_command *self = cli_find("tmx stats");
    const char *format = NULL;
    int first;
    int status = cli_parse(self, argc, argv, handle_option, &format, &first);
    if (status)
        return status < 0 ? 0 : status;
    int jsonl = format && strcmp(format, "jsonl") == 0;
    if (format && !jsonl && strcmp(format, "text") != 0)
        return cli_usage_error(self, _("unknown format '%s' (use text or jsonl)"), format);
    if (first >= argc)
        return cli_usage_error(self, _("give the TMX files to describe"));
    int worst = 0;
    for (int i = first; i < argc; i++) {
        tmx_reader *r;
        int rc = tmx_reader_open(argv[i], &r);
        tmx_stats s;
        memset(&s, 0, sizeof s);
        char *srclang = NULL;
        if (rc == 0) {
            const char *src = tmx_attr_get(tmx_reader_header(r), "srclang");
            srclang = src ? strdup(src) : NULL;
            if (src && !srclang)
                rc = error_nomem();
            tmx_unit u = {0};
            while (rc == 0 && (rc = tmx_reader_next(r, &u)) == 1)
                rc = add_unit(&s, &u, srclang);
            tmx_unit_free(&u);
            tmx_reader_close(r);
        }
        if (rc == 0) {
            count_outliers(&s);
            s.duplicates = u64_count_repeats(s.hash, s.nhash);
            (jsonl ? print_json : print_text)(strcmp(argv[i], "-") ? argv[i] : TMX_STDIN_NAME, &s, srclang);
        } else {
            int e = cli_report(rc);
            worst = e > worst ? e : worst;
        }
        for (size_t k = 0; k < s.nlang; k++)
            free(s.lang[k].ratio);
        free(s.hash);
        free(s.tuv);
        free(srclang);
    }
    fflush(stdout);
    return worst;
}
