/* review_table.h — the review table: an alignment as a TSV a person corrects in a
 * spreadsheet before it becomes a translation memory (LF Aligner's way of working).
 *
 *     id  score   flag      en-US                 zh-CN
 *     1   0.9731            The Internet is …     互联网是 …
 *     2   0.4210  doubtful  Such was the main …   …
 *
 * A header row names the columns: id, score and flag (in any order, any case), then one
 * column per language (BCP 47 tags; the first is the source). A table of several
 * documents (align with several groups of files) also has a `document` column naming
 * each row's pivot file, which goes back into a TMX as the unit's x-polyalign-document. A cell holding a tab, a
 * line break or starting with a double quote is written quoted, the quotes doubled, as
 * spreadsheets write TSV; reading takes such cells back (a quoted cell may span lines).
 * Reading is for edited tables: rows merged, split, deleted, reordered or added, cells
 * edited or emptied, a score emptied or written with a decimal comma, trailing empty
 * cells cut off by the spreadsheet. What cannot be meant is an error naming the table,
 * the line and the row: more cells than columns, a score that is not a number from 0 to
 * 1, an unclosed quote, a header without the three columns or with something that is
 * not a language tag. Everything is read before anything is written. */
#ifndef POLYALIGN_REVIEW_TABLE_H
#define POLYALIGN_REVIEW_TABLE_H

#include <stddef.h>
#include <stdio.h>

/* Write one cell (quoted when it must be). */
void review_table_cell(FILE *f, const char *text);

/* The header row: id, score, flag, with_document ? document : nothing, and the language tags. */
void review_table_header(FILE *f, const char *const *langs, size_t n, int with_document);

typedef struct {
    size_t line;            /* the row's first line in the file (1-based) */
    size_t number;          /* the row's number: the header is row 1 */
    const char *id;         /* "" when empty */
    double score;           /* NAN when empty */
    const char *flag;       /* "" when empty */
    const char *document;   /* "" when empty or without a document column */
    const char **text;      /* one per language, "" when empty */
} review_row;

typedef struct {
    char **langs;           /* canonical tags of the language columns, source first */
    size_t nlangs;
    review_row *rows;
    size_t nrows;
    char *name;             /* the file, for messages */
    void *storage;          /* owns the cells */
} review_table;

/* Read a review table from path ("-": stdin; any encoding text_input reads). 0, or
 * -ERR_DATA / -ERR_NOINPUT / -ERR_IO / -ERR_NOMEM with the file, line and row named. */
int review_table_read(const char *path, review_table *t);

void review_table_free(review_table *t);

#endif
