/* outputs.h — the files that sum up a batch: report.jsonl, all.tmx and, with --review,
 * the index of the review pages.
 *
 * One run and the merge of its shards write them here, from the same list of sets in
 * manifest order, so that they cannot differ: report.jsonl holds the sets' report lines
 * in that order, all.tmx the sets' memories merged in that order as `tmx merge` merges
 * them (a unit repeated across documents once, conflicting ones kept). Both are written
 * through temporary files. */
#ifndef POLYALIGN_BATCH_OUTPUTS_H
#define POLYALIGN_BATCH_OUTPUTS_H

#include <stddef.h>

#include "batch.h"

typedef struct {
    size_t set;             /* ordinal in the manifest */
    const char *line;       /* the report line */
    const char *tmx;        /* the set's TMX, a path from the current folder; NULL: failed */
} batch_entry;

/* OUTDIR, OUTDIR/docs and, for review pages, OUTDIR/review, made when missing. 0 or
 * -ERR_IO naming the folder. */
int batch_make_folders(const char *outdir, int review);

/* OUTDIR/NAME: the lines of v[0..n) (in set order), one per line. */
int batch_write_report(const char *outdir, const char *name, const batch_entry *v, size_t n);

/* OUTDIR/all.tmx from the TMX files of v[0..n); s gets its units and conflicts and
 * all_written. With no TMX at all nothing is written, and an all.tmx of an earlier run
 * is removed (it would show a memory this batch did not make). */
int batch_write_all(const char *outdir, const batch_entry *v, size_t n, batch_summary *s);

/* OUTDIR/review/index.html over the sets of v[0..n): each with its counts from its report
 * line and a link to its page when there is one (review/ID.html beside the set's TMX). */
int batch_write_review_index(const char *outdir, const batch_entry *v, size_t n, double min_score);

#endif
