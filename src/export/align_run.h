/* align_run.h — what `polyalign align` does once its command line is read: each group of
 * files (a pivot, then its translations) loaded, aligned, judged as translations of each
 * other and added, in order, to one output in one format and to one review page.
 *
 * The CLI parses, opens the output files and the lexicons the groups share, calls
 * align_run and reports. Nothing here prints: what the command says about each text read
 * and each group aligned goes to a reporter; errors are returned as error.h codes with
 * their message. A batch aligns each document set alone (batch/job.c) with the same
 * align_document steps. */
#ifndef POLYALIGN_EXPORT_ALIGN_RUN_H
#define POLYALIGN_EXPORT_ALIGN_RUN_H

#include <stdio.h>

#include "../align/document.h"
#include "alignment_output.h"

typedef struct {
    const char *const *files;  /* groups of per_group paths, the pivot first in each */
    size_t nfiles;             /* a multiple of per_group */
    int per_group;             /* 2 or 3 */
    const char *langs[3];      /* the language of each place in a group (a full tag), NULL: guessed */
    doc_text_options read;     /* how the texts are read (its lang is not used: langs says it) */
    const align_options *align; /* its lexicons shared by every group */
    int force;                 /* align texts that are not translations of each other, warning */
    align_format format;
    output_options output;     /* several_documents is set from the groups */
} align_run_settings;

/* What the run says, as it goes; any member may be NULL. */
typedef struct {
    /* a text read, with how its lines were read */
    void (*text_read)(void *ctx, const doc_text *t, const line_evidence *ev);
    /* the texts of a group read, before they are aligned: 0, or an error code that stops the run */
    int (*group_read)(void *ctx, const align_document *d);
    /* once in a run: the pair pivot-translation (base subtags) has no lexicon at all */
    void (*no_lexicon)(void *ctx, const char *pivot, const char *translation);
    /* the pivot and a translation have headings that could not be paired */
    void (*headings_unpaired)(void *ctx, const doc_text *pivot, const doc_text *translation);
    /* a group aligned and written; st: what of it the output holds */
    void (*aligned)(void *ctx, const alignment *al, const output_stats *st);
    align_warn_fn warn;        /* the warnings of align_document (a text without sentences …) */
    void *ctx;
} align_run_reporter;

/* Align every group of s->files into `out` and, unless `review` is NULL, into a review
 * page titled with the first file's name. *total gets the output's counts at its end (the
 * characters XML cannot hold, dropped). Returns 0 or the first negative error code: of
 * the groups, then of ending the output, then of ending the page. */
int align_run(const align_run_settings *s, FILE *out, FILE *review, const align_run_reporter *r,
              output_stats *total);

#endif
