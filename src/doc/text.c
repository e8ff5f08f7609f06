/* text.c — loading a text (text.h) from a file: segmented or presegmented. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../segment/segmenter.h"
#include "../text/script.h"
#include "../text/space.h"
#include "../util/error.h"

static int build(doc_text *t, const char *bytes, const sentence_span *v, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].end - v[i].start + 1;
    t->storage = malloc(total + 1);
    t->sent = malloc((n + 1) * sizeof *t->sent);
    t->para = malloc((n + 1) * sizeof *t->para);
    if (!t->storage || !t->sent || !t->para)
        return error_nomem();
    char *p = t->storage;
    for (size_t i = 0; i < n; i++) {
        size_t len = v[i].end - v[i].start;
        t->sent[i] = p;
        t->para[i] = v[i].para;
        p += space_collapse(bytes + v[i].start, len, p);
        *p++ = '\0';
    }
    t->n = n;
    return 0;
}

/* One sentence per line; blank lines separate paragraphs. */
static int split_lines(const char *bytes, size_t len, sentence_list *out)
{
    size_t para = 0, index = 0, line = 0;
    int blank_seen = 0;
    while (line < len) {
        const char *nl = memchr(bytes + line, '\n', len - line);
        size_t end = nl ? (size_t)(nl - bytes) : len;
        size_t a = line, b = end;
        while (a < b && (bytes[a] == ' ' || bytes[a] == '\t' || bytes[a] == '\r'))
            a++;
        while (b > a && (bytes[b - 1] == ' ' || bytes[b - 1] == '\t' || bytes[b - 1] == '\r'))
            b--;
        if (a == b) {
            blank_seen = 1;
        } else {
            if (blank_seen && index > 0)
                para++;
            blank_seen = 0;
            sentence_span s = {a, b, para, index++, 0};
            int rc = sentence_list_push(bytes, &s, out);
            if (rc < 0)
                return rc;
        }
        line = end + 1;
    }
    return 0;
}

int doc_text_load(doc_text *t, const char *path, const doc_text_options *o, line_evidence *decided)
{
    memset(t, 0, sizeof *t);
    const char *lang = o->lang;
    line_structure lines = o->lines;
    doc_input doc;
    doc_read_options ro = {o->encoding, o->format};
    int rc = doc_read(path, &ro, &doc);
    if (rc < 0)
        return rc;
    text_input *in = &doc.text;
    t->encoding = in->encoding;
    t->format = doc.format;
    t->format_by_content = doc.by_content;
    t->paragraphs = doc.nparas;
    t->headings = doc.headings;
    t->name = strdup(in->name);
    if (!t->name) {
        doc_input_free(&doc);
        return error_nomem();
    }
    if (lang) {
        snprintf(t->lang, sizeof t->lang, "%s", lang);
    } else {
        script_guess_language(in->bytes, in->len, t->lang);
        if (!t->lang[0] && !space_only(in->bytes, in->len)) { /* a blank text has no language: "und" */
            rc = error_set(ERR_USAGE, _("%s: cannot guess the language from its text; give it with %s"), t->name,
                           o->lang_option ? o->lang_option : "--langs");
            doc_input_free(&doc);
            doc_text_free(t);
            return rc;
        }
        if (!t->lang[0])
            snprintf(t->lang, sizeof t->lang, "und");
    }
    lang_base(t->lang, t->base);
    size_t *markers = NULL, nmarkers = 0;
    rc = text_anchors_blank_markers(in->bytes, in->len, o->marker ? o->marker : HARD_ANCHOR_DEFAULT_MARKER, doc.kind,
                                   &doc.nparas, &markers, &nmarkers);
    line_evidence ev = {lines, 0, 0, 0, 0};
    if (doc.format != DOC_TXT) /* one paragraph a line: a newline never wraps a sentence */
        ev.structure = lines == LINES_SENTENCE ? LINES_SENTENCE : LINES_PARAGRAPH;
    else if (lines == LINES_AUTO)
        ev = text_line_structure(in->bytes, in->len);
    if (decided)
        *decided = ev;
    sentence_list spans = {0};
    if (rc < 0) {
        /* reported below */
    } else if (ev.structure == LINES_SENTENCE) {
        rc = split_lines(in->bytes, in->len, &spans);
    } else {
        segmenter *seg;
        rc = segmenter_new(t->lang, NULL, &seg);
        if (rc == 0) {
            rc = segmenter_run(seg, in->bytes, in->len, newline_mode_of(lines, ev.structure), sentence_list_push, &spans);
            segmenter_free(seg);
        }
    }
    if (rc == 0)
        rc = build(t, in->bytes, spans.v, spans.n);
    if (rc == 0)
        rc = text_anchors_collect(markers, nmarkers, spans.v, spans.n, doc.kind, doc.nparas, &t->anchors,
                                 &t->nanchors);
    free(markers);
    sentence_list_free(&spans);
    doc_input_free(&doc);
    if (rc < 0)
        doc_text_free(t);
    return rc;
}

void doc_text_free(doc_text *t)
{
    free(t->storage);
    free(t->sent);
    free(t->para);
    free(t->name);
    free(t->anchors);
    memset(t, 0, sizeof *t);
}
