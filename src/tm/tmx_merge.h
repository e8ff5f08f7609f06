/* tmx_merge.h — the union of translation memories, each unit once.
 *
 * Two units are duplicates when all their segments match after whitespace normalization
 * (same languages, same texts); the one with the newest changedate (else creationdate)
 * is kept, with its markup, props and notes unchanged. Units that translate the same
 * source segment differently are all kept and reported as conflicts, because choosing
 * between translations is a translator's job. Two passes over the inputs: the first
 * decides, keeping a few bytes per unit; the second streams the kept units out. */
#ifndef POLYALIGN_TMX_MERGE_H
#define POLYALIGN_TMX_MERGE_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    size_t units, kept, duplicates, conflicts;
} tmx_merge_stats;

/* Called for each conflicting unit: file, line, and the source text. */
typedef void (*tmx_conflict_fn)(void *ctx, const char *file, int line, const char *source);

int tmx_merge(const char *const *paths, size_t npaths, FILE *out, tmx_conflict_fn on_conflict, void *ctx,
              tmx_merge_stats *stats);

#endif
