/* tmx_stats.c — counting what a memory holds; see tmx_stats.h.
 *
 * Each unit is walked twice: first each text once, for the unit's hash and its length
 * together, then each segment against the unit's source. The ratios are kept per
 * language (four bytes a segment) for the median, found by selection, not sorting.
 * The units' hashes are kept in a list (eight bytes a unit) sorted once at the end, in
 * place, to count the duplicates: a hash set doubled as it grew held twice the keys and
 * half as much again while it was copied, the largest part of the command's peak memory. */
#include "tmx_stats.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/u64sort.h"
#include "../util/vec.h"

void tmx_stats_init(tmx_stats *s)
{
    memset(s, 0, sizeof *s);
}

void tmx_stats_free(tmx_stats *s)
{
    for (size_t k = 0; k < s->nlang; k++)
        free(s->lang[k].ratio);
    free(s->hash);
    free(s->tuv);
    free(s->srclang);
    memset(s, 0, sizeof *s);
}

static tmx_lang_stats *lang_of(tmx_stats *s, const char *tag)
{
    for (size_t k = 0; k < s->nlang; k++)
        if (strcasecmp(s->lang[k].tag, tag) == 0)
            return &s->lang[k];
    if (s->nlang == TMX_STATS_MAX_LANGS)
        return NULL;
    tmx_lang_stats *l = &s->lang[s->nlang++];
    utf8_truncate(tag, 0, l->tag, sizeof l->tag);
    return l;
}

int tmx_stats_add_unit(tmx_stats *s, const tmx_unit *u, const char *srclang)
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
        tmx_tuv_seen *seen = &s->tuv[k];
        seen->lang = lang_of(s, tag ? tag : "?");
        if (seen->lang)
            h = tmx_text_hash_count(tmx_text_hash(h, tag ? tag : "?"), text, &seen->chars);
        else
            tmx_text_hash_count(0, text, &seen->chars); /* a source's length all the same */
    }
    const char *src_text = src != SIZE_MAX ? u->tuv[src].text : NULL;
    size_t src_chars = src_text ? s->tuv[src].chars : 0;
    for (size_t k = 0; k < u->ntuv; k++) {
        tmx_lang_stats *l = s->tuv[k].lang;
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
        tmx_lang_stats *l = lang_of(s, tmx_tuv_lang(&u->tuv[src]));
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

void tmx_stats_finish(tmx_stats *s)
{
    s->duplicates = u64_count_repeats(s->hash, s->nhash);
    for (size_t k = 0; k < s->nlang; k++) {
        tmx_lang_stats *l = &s->lang[k];
        if (l->nratio < 10)
            continue;
        /* the count does not depend on the ratios' order: select in place */
        float median = select_kth(l->ratio, l->nratio, l->nratio / 2);
        for (size_t i = 0; i < l->nratio; i++)
            l->outliers += l->ratio[i] > median * TMX_STATS_OUTLIER_FACTOR || l->ratio[i] * TMX_STATS_OUTLIER_FACTOR < median;
    }
}

int tmx_stats_read(const char *path, tmx_stats *s)
{
    tmx_stats_init(s);
    tmx_reader *r;
    int rc = tmx_reader_open(path, &r);
    if (rc < 0)
        return rc;
    const char *src = tmx_attr_get(tmx_reader_header(r), "srclang");
    s->has_header = tmx_reader_header_line(r) > 0;
    s->srclang = src ? strdup(src) : NULL;
    if (src && !s->srclang)
        rc = error_nomem();
    tmx_unit u = {0};
    while (rc == 0 && (rc = tmx_reader_next(r, &u)) == 1)
        rc = tmx_stats_add_unit(s, &u, s->srclang);
    tmx_unit_free(&u);
    tmx_reader_close(r);
    if (rc == 0)
        tmx_stats_finish(s);
    return rc;
}
