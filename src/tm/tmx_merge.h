/* tmx_merge.h — the union of translation memories, each translation once.
 *
 * Units with the same source segment (whitespace normalized, markup kept) whose shared
 * languages agree are one unit: an en-zh, an en-ru and an en-zh-ru memory of the same
 * text give one en-zh-ru unit per sentence, not three units of which some lack Russian
 * (OmegaT, asked for Russian, fills a segment from a unit without it with its Chinese).
 * The unit's attributes, props and notes are those of its newest copy (changedate, else
 * creationdate; the first on ties), each language's tuv that of the newest copy holding
 * it; markup is written back unchanged. Units whose shared languages disagree are all
 * kept and reported as conflicts, because choosing between translations is a
 * translator's job. Units without a tuv in the source language are kept once per exact
 * content.
 *
 * Two passes over the inputs: the first decides, keeping a few hashes per unit; the
 * second streams the units out, each where its last copy is read, holding only the
 * tuvs earlier copies bring to it until then. */
#ifndef POLYALIGN_TMX_MERGE_H
#define POLYALIGN_TMX_MERGE_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    size_t units;           /* read */
    size_t kept;            /* written */
    size_t duplicates;      /* units that brought nothing new to the unit of their source */
    size_t joined;          /* units that brought it languages it lacked */
    size_t conflicts;       /* units kept beside another of the same source that translates it differently */
} tmx_merge_stats;

/* Called for each conflicting unit: where it is, its source text, the language of the
 * first disagreeing translation, and where the unit it disagrees with was first read. */
typedef struct {
    const char *file;
    int line;
    const char *source, *lang;
    const char *other_file;
    int other_line;
} tmx_conflict;

typedef void (*tmx_conflict_fn)(void *ctx, const tmx_conflict *c);

/* Merge the files ("-": standard input, read once and kept in a temporary file) into a
 * TMX written to `out`. 0 or a negative error with its message. */
int tmx_merge(const char *const *paths, size_t npaths, FILE *out, tmx_conflict_fn on_conflict, void *ctx,
              tmx_merge_stats *stats);

#endif
