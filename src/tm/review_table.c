/* review_table.c — writing and reading the review table; see review_table.h. */
#include "review_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../i18n.h"
#include "../text/input.h"
#include "../text/lang.h"
#include "../util/error.h"
#include "../util/vec.h"

void review_table_cell(FILE *f, const char *text)
{
    if (!strpbrk(text, "\t\n\r") && text[0] != '"') {
        fputs(text, f);
        return;
    }
    fputc('"', f);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

void review_table_header(FILE *f, const char *const *langs, size_t n, int with_document)
{
    fputs(with_document ? "id\tscore\tflag\tdocument" : "id\tscore\tflag", f);
    for (size_t k = 0; k < n; k++) {
        fputc('\t', f);
        fputs(langs[k], f);
    }
    fputc('\n', f);
}

/* A row of cells, NUL-terminated in place in the text (quoted cells unquoted there). */
typedef struct {
    char **cell;
    size_t n, cap;
    size_t line, lines;     /* first line, and lines spanned */
} raw_row;

/* Split the row starting at text[*at]; *at moves past its line end. Cells point into
 * text, which is rewritten in place. 0, 1 at the end of the text, or -ERR_DATA. */
static int next_row(char *text, size_t len, size_t *at, raw_row *r, const char *name)
{
    r->n = 0;
    r->lines = 1;
    if (*at >= len)
        return 1;
    size_t i = *at;
    for (;;) {
        int rc = vec_reserve(&r->cell, &r->cap, r->n + 1, sizeof *r->cell);
        if (rc < 0)
            return rc;
        char *out = text + i;
        r->cell[r->n++] = out;
        if (i < len && text[i] == '"') {
            size_t o = i;
            for (i++;; i++) {
                if (i >= len)
                    return error_set(ERR_DATA,
                                     _("%s:%zu: a quoted cell of this row is never closed: it runs to the end of the "
                                       "table"),
                                     name, r->line);
                if (text[i] == '"' && i + 1 < len && text[i + 1] == '"') {
                    text[o++] = '"';
                    i++;
                } else if (text[i] == '"') {
                    i++;
                    break;
                } else {
                    r->lines += text[i] == '\n';
                    text[o++] = text[i];
                }
            }
            /* anything after the closing quote up to the tab is kept as written */
            while (i < len && text[i] != '\t' && text[i] != '\n')
                text[o++] = text[i++];
            out = text + o;
        } else {
            while (i < len && text[i] != '\t' && text[i] != '\n')
                i++;
            out = text + i;
        }
        if (out > r->cell[r->n - 1] && out[-1] == '\r' && (i >= len || text[i] == '\n'))
            out--;
        char end = i < len ? text[i] : '\n';
        *out = '\0';
        i++;
        if (end == '\n') {
            *at = i;
            return 0;
        }
    }
}

static int is_blank_row(const raw_row *r)
{
    for (size_t k = 0; k < r->n; k++)
        if (r->cell[k][strspn(r->cell[k], " ")])
            return 0;
    return 1;
}

/* Column roles from the header. */
typedef struct {
    long id, score, flag, document; /* column index, -1 when absent */
    long *lang;                 /* column of each language */
} columns;

static int read_header(const raw_row *r, review_table *t, columns *c)
{
    c->id = c->score = c->flag = c->document = -1;
    c->lang = calloc(r->n + 1, sizeof *c->lang);
    t->langs = calloc(r->n + 1, sizeof *t->langs);
    if (!c->lang || !t->langs)
        return error_nomem();
    for (size_t k = 0; k < r->n; k++) {
        const char *h = r->cell[k];
        if (!h[strspn(h, " ")])
            continue; /* an empty column a spreadsheet added: its cells are ignored */
        long *role = strcasecmp(h, "id") == 0 ? &c->id : strcasecmp(h, "score") == 0 ? &c->score
                                                      : strcasecmp(h, "flag") == 0 ? &c->flag
                                                      : strcasecmp(h, "document") == 0 ? &c->document
                                                                                      : NULL;
        if (role) {
            *role = (long)k;
            continue;
        }
        char tag[LANG_TAG_MAX];
        if (lang_normalize(h, tag) < 0)
            return error_set(ERR_DATA,
                             _("%s:%zu: column %zu of the header, '%s', is neither id, score, flag, document nor a language tag"),
                             t->name, r->line, k + 1, h);
        if (!(t->langs[t->nlangs] = strdup(tag)))
            return error_nomem();
        c->lang[t->nlangs++] = (long)k;
    }
    if (c->id < 0 || c->score < 0 || c->flag < 0 || t->nlangs < 2)
        return error_set(ERR_DATA,
                         _("%s:%zu: the header must name the columns id, score and flag and at least two languages "
                           "(as polyalign align --format tsv writes it)"),
                         t->name, r->line);
    return 0;
}

static const char *cell_of(const raw_row *r, long col)
{
    return col >= 0 && (size_t)col < r->n ? r->cell[col] : "";
}

static int read_score(const char *s, const review_table *t, const raw_row *r, size_t number, double *out)
{
    *out = NAN;
    s += strspn(s, " ");
    if (!*s)
        return 0;
    char buf[64], *end;
    snprintf(buf, sizeof buf, "%s", s);
    char *comma = strchr(buf, ','); /* a spreadsheet in a locale with a decimal comma */
    if (comma)
        *comma = '.';
    double v = strtod(buf, &end);
    while (*end == ' ')
        end++;
    if (end == buf || *end || !(v >= 0 && v <= 1))
        return error_set(ERR_DATA, _("%s:%zu: row %zu: score '%s' is not a number from 0 to 1"), t->name, r->line,
                         number, s);
    *out = v;
    return 0;
}

int review_table_read(const char *path, review_table *t)
{
    memset(t, 0, sizeof *t);
    text_input in;
    int rc = text_input_read(path, &in);
    if (rc < 0)
        return rc;
    t->name = strdup(in.name);
    t->storage = in.bytes; /* cells point into the text */
    in.bytes = NULL;
    char *text = t->storage;
    size_t len = in.len, at = 0, cap = 0, line = 1, number = 0;
    text_input_free(&in);
    if (!t->name) {
        review_table_free(t);
        return error_nomem();
    }
    raw_row r = {0};
    columns c = {0};
    int header = 0;
    while (rc == 0) {
        r.line = line;
        int more = next_row(text, len, &at, &r, t->name);
        if (more != 0) {
            rc = more < 0 ? more : 0;
            break;
        }
        line += r.lines;
        if (is_blank_row(&r))
            continue;
        number++;
        if (!header) {
            rc = read_header(&r, t, &c);
            header = 1;
            continue;
        }
        size_t width = 3 + (c.document >= 0) + t->nlangs;
        size_t used = r.n;
        while (used > width && !*r.cell[used - 1]) /* empty cells a spreadsheet added */
            used--;
        if (used > width) {
            rc = error_set(ERR_DATA, _("%s:%zu: row %zu has %zu cells, the header %zu columns"), t->name, r.line,
                           number, used, width);
            break;
        }
        if ((rc = vec_reserve(&t->rows, &cap, t->nrows + 1, sizeof *t->rows)) < 0)
            break;
        review_row *row = &t->rows[t->nrows];
        memset(row, 0, sizeof *row);
        row->line = r.line;
        row->number = number;
        row->id = cell_of(&r, c.id);
        row->flag = cell_of(&r, c.flag);
        row->document = cell_of(&r, c.document);
        if (!(row->text = calloc(t->nlangs, sizeof *row->text))) {
            rc = error_nomem();
            break;
        }
        t->nrows++;
        for (size_t k = 0; k < t->nlangs; k++)
            row->text[k] = cell_of(&r, c.lang[k]);
        rc = read_score(cell_of(&r, c.score), t, &r, number, &row->score);
    }
    if (rc == 0 && !header)
        rc = error_set(ERR_DATA, _("%s: an empty table, without even its header row"), t->name);
    free(r.cell);
    free(c.lang);
    if (rc < 0)
        review_table_free(t);
    return rc;
}

void review_table_free(review_table *t)
{
    for (size_t k = 0; t->langs && k < t->nlangs; k++)
        free(t->langs[k]);
    free(t->langs);
    for (size_t k = 0; k < t->nrows; k++)
        free((void *)t->rows[k].text);
    free(t->rows);
    free(t->storage);
    free(t->name);
    memset(t, 0, sizeof *t);
}
