/* tmx_stats.h — what a memory holds, counted in one streaming pass: units, each
 * language's segments, duplicate units, empty and untranslated segments, and segments
 * whose length ratio to the source is far from the memory's median for that language.
 *
 * A duplicate is a unit whose languages and texts all hash like an earlier unit's (a
 * 64-bit FNV hash per unit, kept in a set: constant memory per unit, no texts kept).
 * A segment is untranslated when it repeats the source's text, or when its unit holds
 * the source alone. An outlier's length (characters other than white space) is more
 * than TMX_STATS_OUTLIER_FACTOR times above or below the median ratio of its language,
 * counted only where a language has ten ratios or more: a sign of misalignment. */
#ifndef POLYALIGN_TM_TMX_STATS_H
#define POLYALIGN_TM_TMX_STATS_H

#include <stddef.h>

#include "tmx_reader.h"

enum { TMX_STATS_MAX_LANGS = 64, TMX_STATS_OUTLIER_FACTOR = 3 };

typedef struct {
    char tag[32];
    size_t tuvs, empty, untranslated, outliers;
    float *ratio;           /* length ratio to the source, per unit that has both */
    size_t nratio, cap;
} tmx_lang_stats;

/* What tmx_stats_add_unit learns of each tuv in its first pass over a unit, for its
 * second */
typedef struct {
    tmx_lang_stats *lang;   /* NULL past TMX_STATS_MAX_LANGS languages */
    size_t chars;           /* characters other than white space */
} tmx_tuv_seen;

typedef struct {
    char *srclang;          /* the header's, or NULL */
    int has_header;         /* the file has a <header> (TMX requires one) */
    size_t units, duplicates;
    tmx_lang_stats lang[TMX_STATS_MAX_LANGS]; /* in order of first appearance */
    size_t nlang;
    uint64_t *hash;         /* each unit's content hash; the repeats are the duplicates */
    size_t nhash, hash_cap;
    tmx_tuv_seen *tuv;      /* per tuv of the unit being added, reused from unit to unit */
    size_t tuv_cap;
} tmx_stats;

/* Count the memory at `path` ("-": standard input) into s (freed with tmx_stats_free
 * whatever is returned). 0 or a negative error code: a count cut short (a reading
 * error, memory short) is no report. */
int tmx_stats_read(const char *path, tmx_stats *s);

/* The steps of tmx_stats_read, for a caller holding the units: start, add each unit
 * (srclang: the source language, or NULL), then count the duplicates and the outliers
 * once at the end. */
void tmx_stats_init(tmx_stats *s);
int tmx_stats_add_unit(tmx_stats *s, const tmx_unit *u, const char *srclang);
void tmx_stats_finish(tmx_stats *s);

void tmx_stats_free(tmx_stats *s);

#endif
