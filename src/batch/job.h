/* job.h — one document set of a batch: aligned into its TMX and report line, or found
 * done by --resume, or failed with its reason.
 *
 * Runs on any of the batch's threads: it reads only the manifest and the options, and
 * writes only the set's own files (OUTDIR/docs/ID.tmx, ID.json, review/ID.html), each
 * through a temporary file. A set that fails leaves none of them behind (a stale TMX of
 * an earlier run is removed, so the folder never shows a memory the report does not). */
#ifndef POLYALIGN_BATCH_JOB_H
#define POLYALIGN_BATCH_JOB_H

#include <jansson.h>

#include "batch.h"

typedef struct {
    char *line;             /* the report line (report.h) */
    char *error;            /* why the set failed, or NULL */
    json_t *warnings;       /* array of strings */
    char *tmx;              /* the TMX written or kept, relative to OUTDIR; NULL when failed */
    int resumed;
    size_t sentences;       /* aligned here (0 when resumed or failed) */
} job_result;

/* Set number `set` of m (its ordinal among the manifest's sets). 0 with *r filled (a set
 * that failed on its own account too: its error is in the report line); or a negative
 * error when the batch cannot go on: out of memory, or the set's outputs could not be
 * written (a full disk fails every set after it); the message is this thread's
 * error_last() and r->error. */
int job_run(const manifest *m, size_t set, const char *outdir, const batch_options *o, job_result *r);

void job_result_free(job_result *r);

/* Seconds on the monotonic clock: what sets and the batch are timed with. */
double batch_seconds(void);

/* OUTDIR/docs/ID.EXT (OUTDIR/review/ID.html for "html") into buf; 0, or -ERR_IO when
 * the path is too long. */
int job_doc_path(const char *outdir, const char *id, const char *ext, char *buf, size_t size);

#endif
