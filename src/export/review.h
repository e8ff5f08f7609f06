/* review.h — the review page: an alignment as one self-contained HTML file.
 *
 * Before a memory goes to translators someone checks the doubtful units. A page shows
 * the beads of one or more documents side by side, two or three columns, each bead
 * with its shape and confidence, the doubtful ones (confidence below min_score)
 * highlighted; a filter keeps the beads at or below a confidence, and n / p (or j / k)
 * move the focus to the next / previous doubtful bead. A batch gets one page per
 * document set and an index of them all. Everything is inline (review.css and
 * review.js, embedded at build time): the page opens from a file with no network, and
 * each cell carries its language so the browser picks Chinese or Cyrillic fonts. The
 * page holds no date and no path but those given, so the same alignment gives the same
 * bytes. */
#ifndef POLYALIGN_EXPORT_REVIEW_H
#define POLYALIGN_EXPORT_REVIEW_H

#include <stdio.h>

#include "../align/alignment.h"

typedef struct review_writer review_writer;

/* Start a page on f (not closed here) titled `title`. 0 or -ERR_NOMEM. */
int review_begin(review_writer **w, FILE *f, const char *title, double min_score);

/* One document's beads, under `heading` (NULL: none). */
int review_add(review_writer *w, const alignment *a, const char *heading);

/* Finish the page (its summary and script) and free the writer. */
int review_end(review_writer *w);

/* A row of a batch's index. */
typedef struct {
    const char *id;
    const char *href;           /* the set's page, relative to the index; NULL: none */
    const char *sentences;      /* "en-US 43 · zh-CN 44", or NULL */
    size_t beads, doubtful;
    double mean_confidence;
    const char *error;          /* NULL when aligned */
} review_index_row;

/* The index of a batch's sets: each with its counts and a link to its page, the sets
 * with doubtful beads (or that failed) highlighted and reached with the same keys. */
int review_write_index(FILE *f, const char *title, const review_index_row *rows, size_t n, double min_score);

#endif
