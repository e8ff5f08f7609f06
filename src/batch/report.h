/* report.h — the lines of a batch's report.jsonl, one per document set.
 *
 * A line says where the set is (its ordinal `set` among the manifest's `sets`, which
 * --shard counts, and its manifest `line`), what it is (id, files, languages), what came
 * of it (sentences per language, beads, mean confidence, doubtful beads, units written,
 * seconds, the TMX written) or why nothing did (`error`), and what was noted on the way
 * (`note`, `warnings`). The same line is kept beside each document's TMX (docs/ID.json),
 * so that --resume knows which sets are done and --merge can join shards without
 * aligning anything again. Keys are written in one order, numbers rounded, so lines
 * compare as text: only `seconds` differs between two runs of the same sets. */
#ifndef POLYALIGN_BATCH_REPORT_H
#define POLYALIGN_BATCH_REPORT_H

#include <stddef.h>

#include <jansson.h>

#include "../text/lang.h"

typedef struct {
    size_t set, sets, line;
    const char *id;                     /* NULL when the line has none */
    const char *const *files;           /* as the manifest gives them */
    const char (*langs)[LANG_TAG_MAX];
    int nlangs;
    const size_t *sentences;            /* per language; NULL when nothing was aligned */
    size_t beads, doubtful, units;
    double mean_confidence, seconds;
    const char *tmx;                    /* relative to the output folder; NULL: none */
    const char *error, *note;           /* NULL: none */
    json_t *warnings;                   /* an array of strings, or NULL (borrowed) */
    unsigned shard, shards;             /* shards 0: not a shard's run */
} report_fields;

/* The line as compact JSON without its newline (malloc'd), or NULL when out of memory. */
char *report_line(const report_fields *f);

/* A line read back (text[0..len)) with its results kept and its place in the batch
 * (set, sets, line, id, files, languages, shard, note) taken from `now`: a set that
 * --resume finds done, in a manifest that may have changed around it. The new line
 * (malloc'd), or NULL when the text is not a report line or memory is short. */
char *report_line_again(const char *text, size_t len, const report_fields *now);

/* What --resume and --merge read back from a line. */
typedef struct {
    size_t set, sets, line;
    int failed;             /* the line has an error */
    char *id, *tmx;         /* NULL when absent */
    json_t *files;          /* the array of files (owned) */
} report_entry;

/* Parse one line (text[0..len)); `where` names it in messages ("FILE:LINE"). 0 or -ERR_DATA
 * ("WHERE: not a line of a polyalign batch report: …"). */
int report_parse(const char *text, size_t len, const char *where, report_entry *e);
void report_entry_free(report_entry *e);

/* Whether the entry's files are exactly `files[0..n)`. */
int report_entry_has_files(const report_entry *e, const char *const *files, int n);

#endif
