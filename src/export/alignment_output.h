/* alignment_output.h — writing an alignment: beads, the review table (TSV), JSON Lines,
 * TMX or XLIFF 1.2 / 2.0.
 *
 * Every format carries each bead's confidence; JSON Lines ends each document with a
 * summary line holding the model fitted to it (bead priors, lexicons). `beads` is
 * exactly the format of the evaluation sets ([0,1]:[0], []:[5], a trailing :score), so outputs can be scored
 * directly; TSV and JSON Lines put the texts side by side; TMX is what CAT tools import.
 * These writers sit above align/ and tm/: align computes the beads, tm writes TMX. */
#ifndef POLYALIGN_EXPORT_ALIGNMENT_OUTPUT_H
#define POLYALIGN_EXPORT_ALIGNMENT_OUTPUT_H

#include <stdio.h>

#include "../align/alignment.h"

typedef enum { FORMAT_BEADS, FORMAT_TSV, FORMAT_JSONL, FORMAT_TMX, FORMAT_XLIFF, FORMAT_XLIFF2 } align_format;

typedef struct {
    double min_score;       /* TMX: beads below are doubtful, left out unless keep_doubtful
                             * (beads, tsv and jsonl show every bead with its confidence;
                             * tsv flags them doubtful, XLIFF marks them for review) */
    int keep_partial;       /* TMX: keep beads with the pivot and at least one translation */
    int keep_doubtful;      /* TMX: write doubtful beads, flagged x-polyalign-flag=doubtful */
    int several_documents;  /* the output holds several documents: beads get a line naming
                             * each document's files before its beads, TSV a document
                             * column, JSON Lines a "document" in each bead's line (the
                             * pivot file, as given); TMX units always carry it */
} output_options;

typedef struct {
    size_t written, below_min_score, doubtful_kept, empty_side_left_out, chars_dropped;
    size_t needs_review;    /* XLIFF units marked for review */
    size_t partial_left_out; /* of empty_side_left_out, those --keep-partial would write */
} output_stats;

/* Parse "tmx", "beads", "tsv", "jsonl", "xliff", "xliff2"; -1 if unknown. */
int align_format_parse(const char *name);

/* The extensions an output file name may have (NULL-terminated), and the formats for
 * messages. */
extern const char *const align_format_extensions[];
#define ALIGN_FORMAT_NAMES "tmx, xliff (.xliff, .xlf), tsv, jsonl or beads (.align, .txt)"

/* The format an output file name implies (by extension, in any case: x.TMX is TMX), or -1. */
int align_format_from_path(const char *path);

/* One output holding the alignments of several documents (units numbered throughout). */
typedef struct output_writer output_writer;

int output_begin(output_writer **w, align_format fmt, FILE *f, const output_options *o);
/* Write one document's alignment; st gets its own counts. */
int output_add(output_writer *w, const alignment *a, output_stats *st);
/* Finish (closes the TMX body) and free; *total gets the dropped-character count. */
int output_end(output_writer *w, output_stats *total);

#endif
