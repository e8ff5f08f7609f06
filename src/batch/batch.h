/* batch.h — aligning the document sets of a manifest on several threads.
 *
 * Corpus builders align thousands of document sets. One process does them all: the
 * lexicons are opened once and shared (align_options' lexicon sets), and -j threads each
 * take the next set, align it exactly as `align` would (document.h) and write its TMX
 * to OUTDIR/docs/ID.tmx and its report line to OUTDIR/docs/ID.json, each through a
 * temporary file. A set that fails is reported and the others go on. At the end come
 * OUTDIR/report.jsonl, the sets' lines in manifest order, and OUTDIR/all.tmx, the sets'
 * memories merged in manifest order (tmx_merge.h, as `tmx merge` would). Since no set
 * depends on another and both files follow the manifest, every output is byte for byte
 * the same whatever the number of threads (a TMX header's creationdate is the time of
 * the run unless SOURCE_DATE_EPOCH sets it; report lines differ in `seconds` only).
 *
 * With --review each set also gets a review page (OUTDIR/review/ID.html) and the batch
 * an index of them (OUTDIR/review/index.html).
 *
 * --shard K/N takes every N-th set from the K-th (0-based), for a job array or any
 * scheduler; a shard writes report.K-of-N.jsonl and no all.tmx, and batch_merge joins
 * the shards' reports into the report.jsonl and all.tmx one run would write. --resume
 * keeps the sets whose TMX and report line exist for the same files and that did not
 * fail. */
#ifndef POLYALIGN_BATCH_BATCH_H
#define POLYALIGN_BATCH_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include "../align/align.h"
#include "../export/alignment_output.h"
#include "manifest.h"

/* Where a batch is, for progress lines. */
typedef struct {
    size_t done, total;         /* sets finished (aligned, failed or resumed) of this run's */
    size_t failed, resumed;
    size_t sentences;           /* aligned so far (resumed sets not counted) */
    uint64_t bytes_done, bytes_total;   /* input sizes: what is left, for the time left */
    double elapsed;             /* seconds since the start */
} batch_counts;

/* A set finished. */
typedef struct {
    const manifest_doc *doc;
    const char *where;          /* "manifest.tsv:12", or DIR for --from-dir */
    const char *error;          /* NULL when aligned */
    const char *const *warnings;
    size_t nwarnings;
    int resumed;
} batch_event;

/* Called on the thread that started the batch, never two at once. */
typedef struct {
    void (*finished)(void *ctx, const batch_event *e, const batch_counts *c);
    void (*tick)(void *ctx, const batch_counts *c);     /* four times a second while running */
    void *ctx;
} batch_observer;

typedef struct {
    align_options align;        /* scorers, and the lexicons the threads share */
    output_options output;      /* what each TMX keeps */
    line_structure lines;       /* what a newline is in the texts */
    const char *encoding;       /* of the texts: NULL, detected */
    doc_format input_format;    /* of the texts: DOC_AUTO, sniffed (doc_read.h) */
    const char *marker;         /* hard-anchor marker: NULL, the default */
    int force;                  /* align texts that do not look like translations */
    int jobs;                   /* threads (at least 1) */
    int resume;
    int review;                 /* a review page per set (review/ID.html) and an index */
    unsigned shard, shards;     /* shards 0: every set */
    batch_observer observer;
} batch_options;

typedef struct {
    batch_counts counts;
    size_t units, conflicts;    /* of all.tmx */
    int all_written;            /* all.tmx was written (at least one set aligned, no shard) */
} batch_summary;

/* Align the sets of `m` (those of the shard) into `outdir` (made when missing). 0 with
 * the counts in *s (sets that failed among them), or a negative error code when the
 * batch itself could not go on (the output folder, report.jsonl or all.tmx). */
int batch_run(const manifest *m, const char *outdir, const batch_options *o, batch_summary *s);

/* Join the shards whose reports are in `dirs` into `outdir`'s report.jsonl and all.tmx,
 * as one run would have written them (and with `review`, review/index.html over the
 * shards' pages, saying doubtful is below min_score). Every shard of the split must be
 * there, each set once: else -ERR_DATA, nothing written. */
int batch_merge(const char *const *dirs, size_t ndirs, const char *outdir, int review, double min_score,
                batch_summary *s);

/* "report.jsonl", or "report.K-of-N.jsonl" for a shard (buf of at least 64 bytes). */
void batch_report_name(unsigned shard, unsigned shards, char *buf, size_t size);

#endif
