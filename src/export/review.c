/* review.c — review pages in HTML; see review.h.
 *
 * The page is written as it goes, one table per document, so a batch's page of a long
 * document costs no more memory than its alignment. Text is escaped by libxml2
 * (xmlEncodeSpecialChars); the style and script are the files review.css and review.js,
 * embedded by the build (scripts/embed.sh). */
#include "review.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/xmlmemory.h>

#include "../i18n.h"
#include "../util/error.h"

#ifndef POLYALIGN_VERSION
#define POLYALIGN_VERSION "0.0.0"
#endif

extern const char review_css[];
extern const char review_js[];

struct review_writer {
    FILE *f;
    double min_score;
    size_t docs;        /* documents written, for the rows' ids */
};

/* Write s escaped for HTML text and attribute values; -ERR_NOMEM. */
static int put_escaped(FILE *f, const char *s)
{
    xmlChar *e = xmlEncodeSpecialChars(NULL, (const xmlChar *)s);
    if (!e)
        return error_nomem();
    fputs((const char *)e, f);
    xmlFree(e);
    return 0;
}

/* The page up to its content: head, style, the header with the filter and the keys. */
static int page_start(FILE *f, const char *title, double min_score, const char *only_label)
{
    fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"polyalign " POLYALIGN_VERSION "\">\n<title>",
          f);
    int rc = put_escaped(f, title);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body data-min-score=\"%.4f\">\n<header>\n<h1>", review_css,
            min_score);
    if (rc == 0)
        rc = put_escaped(f, title);
    fprintf(f,
            "</h1>\n<div class=\"controls\">\n<label>%s <input type=\"range\" id=\"filter\" min=\"0\" max=\"1\" "
            "step=\"0.01\" value=\"1\"> <output id=\"filter-value\">1.00</output></label>\n"
            "<label><input type=\"checkbox\" id=\"doubtful-only\"> %s</label>\n<span>%s <span id=\"shown\"></span>"
            "</span>\n</div>\n",
            _("confidence at most"), only_label, _("shown:"));
    fprintf(f, _("<p class=\"keys\"><kbd>n</kbd> or <kbd>j</kbd>: next doubtful, <kbd>p</kbd> or <kbd>k</kbd>: "
                 "previous, <kbd>f</kbd>: the filter. Doubtful: confidence below %.2f.</p>\n"),
            min_score);
    fputs("</header>\n<main>\n", f);
    return rc;
}

static void page_end(FILE *f)
{
    fprintf(f, "</main>\n<script>\n%s</script>\n</body>\n</html>\n", review_js);
}

int review_begin(review_writer **out, FILE *f, const char *title, double min_score)
{
    review_writer *w = calloc(1, sizeof *w);
    if (!w)
        return error_nomem();
    *w = (review_writer){f, min_score, 0};
    int rc = page_start(f, title, min_score, _("doubtful only"));
    if (rc < 0) {
        free(w);
        return rc;
    }
    *out = w;
    return 0;
}

/* "<span class=bar><i style=width:53%></i></span>0.531" */
static void put_score(FILE *f, double score)
{
    fprintf(f, "<td class=\"score\"><span class=\"bar\"><i style=\"width:%.0f%%\"></i></span>%.3f</td>", score * 100,
            score);
}

static int put_bead(review_writer *w, const alignment *a, size_t k)
{
    const bead *b = &a->beads[k];
    int doubtful = b->confidence < w->min_score;
    char shape[64];
    bead_shape_name(a, b, shape, sizeof shape);
    fprintf(w->f, "<tr class=\"row%s\" id=\"d%zu-b%zu\" tabindex=\"-1\" data-score=\"%.4f\"><td class=\"n\">%zu</td>",
            doubtful ? " doubtful" : "", w->docs, k + 1, b->confidence, k + 1);
    int rc = 0;
    for (size_t t = 0; t < a->ntexts && rc == 0; t++) {
        fprintf(w->f, "<td class=\"text\" lang=\"%s\"", a->text[t]->lang);
        if (b->len[t] == 1)
            fprintf(w->f, " title=\"%zu\">", b->start[t]);
        else if (b->len[t] > 1)
            fprintf(w->f, " title=\"%zu-%zu\">", b->start[t], b->start[t] + b->len[t] - 1);
        else
            fputc('>', w->f);
        char *text = alignment_side_text(a->text[t], b->start[t], b->len[t]);
        rc = text ? put_escaped(w->f, text) : error_nomem();
        free(text);
        fputs("</td>", w->f);
    }
    fprintf(w->f, "<td class=\"shape\">%s</td>", shape);
    put_score(w->f, b->confidence);
    fputs("</tr>\n", w->f);
    return rc;
}

int review_add(review_writer *w, const alignment *a, const char *heading)
{
    w->docs++;
    size_t doubtful = 0;
    double sum = 0;
    for (size_t k = 0; k < a->n; k++) {
        doubtful += a->beads[k].confidence < w->min_score;
        sum += a->beads[k].confidence;
    }
    int rc = 0;
    if (heading) {
        fputs("<h2>", w->f);
        rc = put_escaped(w->f, heading);
        fputs("</h2>\n", w->f);
    }
    fputs("<p class=\"summary\">", w->f);
    fprintf(w->f, P_("%zu bead", "%zu beads", a->n), a->n);
    fprintf(w->f, P_(", %zu doubtful", ", %zu doubtful", doubtful), doubtful);
    fprintf(w->f, _(", mean confidence %.3f"), a->n ? sum / (double)a->n : 0.0);
    fputs("</p>\n<table>\n<colgroup><col class=\"n\">", w->f);
    for (size_t t = 0; t < a->ntexts; t++)
        fputs("<col>", w->f);
    fputs("<col class=\"shape\"><col class=\"score\"></colgroup>\n<thead><tr><th>#</th>", w->f);
    for (size_t t = 0; t < a->ntexts && rc == 0; t++) {
        const char *name = strrchr(a->text[t]->name, '/');
        fprintf(w->f, "<th>%s · ", a->text[t]->lang);
        rc = put_escaped(w->f, name ? name + 1 : a->text[t]->name);
        fputs("</th>", w->f);
    }
    fprintf(w->f, "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", _("shape"), _("confidence"));
    for (size_t k = 0; k < a->n && rc == 0; k++)
        rc = put_bead(w, a, k);
    fputs("</tbody>\n</table>\n", w->f);
    return rc;
}

int review_end(review_writer *w)
{
    page_end(w->f);
    free(w);
    return 0;
}

int review_write_index(FILE *f, const char *title, const review_index_row *rows, size_t n, double min_score)
{
    int rc = page_start(f, title, min_score, _("sets with doubtful beads or errors only"));
    fprintf(f, "<table>\n<colgroup><col class=\"n\"><col><col><col class=\"shape\"><col class=\"shape\">"
               "<col class=\"score\"><col></colgroup>\n<thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th>"
               "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
            _("document set"), _("sentences"), _("beads"), _("doubtful"), _("mean confidence"), _("error"));
    for (size_t k = 0; k < n && rc == 0; k++) {
        const review_index_row *r = &rows[k];
        int flagged = r->error || r->doubtful;
        fprintf(f, "<tr class=\"row%s%s\" id=\"s%zu\" tabindex=\"-1\" data-score=\"%.4f\"><td class=\"n\">%zu</td><td>",
                flagged ? " doubtful" : "", r->error ? " failed" : "", k + 1, r->error ? 0.0 : r->mean_confidence,
                k + 1);
        if (r->href) {
            fputs("<a href=\"", f);
            rc = put_escaped(f, r->href);
            fputs("\">", f);
        }
        if (rc == 0)
            rc = put_escaped(f, r->id ? r->id : "-");
        fputs(r->href ? "</a></td><td>" : "</td><td>", f);
        if (rc == 0 && r->sentences)
            rc = put_escaped(f, r->sentences);
        if (r->error) {
            fputs("</td><td></td><td></td><td></td><td>", f);
            if (rc == 0)
                rc = put_escaped(f, r->error);
            fputs("</td></tr>\n", f);
            continue;
        }
        fprintf(f, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>", r->beads, r->doubtful);
        put_score(f, r->mean_confidence);
        fputs("<td></td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n", f);
    page_end(f);
    return rc;
}
