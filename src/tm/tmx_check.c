/* tmx_check.c — structure and lint checks of TMX files; see tmx_check.h. */
#include "tmx_check.h"
#include "tmx_dtd.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/valid.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "tmx_reader.h"

typedef struct {
    const char *file;
    tmx_problem_fn report;
    void *ctx;
    int count;
} checker;

static void problem(checker *c, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(checker *c, int line, int col, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->count++;
    c->report(c->ctx, c->file, line, col, msg);
}

int tmx_date_ok(const char *d)
{
    if (strlen(d) != 16 || d[8] != 'T' || d[15] != 'Z')
        return 0;
    for (int k = 0; k < 15; k++)
        if (k != 8 && (d[k] < '0' || d[k] > '9'))
            return 0;
    int month = (d[4] - '0') * 10 + d[5] - '0', day = (d[6] - '0') * 10 + d[7] - '0';
    int hour = (d[9] - '0') * 10 + d[10] - '0', min = (d[11] - '0') * 10 + d[12] - '0';
    int sec = (d[13] - '0') * 10 + d[14] - '0';
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && min < 60 && sec < 61;
}

static void check_dates(checker *c, const tmx_attrs *a, int line, const char *where)
{
    static const char *names[] = {"creationdate", "changedate", "lastusagedate"};
    for (size_t k = 0; k < 3; k++) {
        const char *v = tmx_attr_get(a, names[k]);
        if (v && !tmx_date_ok(v))
            problem(c, line, 1, _("%s %s \"%s\" is not YYYYMMDDThhmmssZ"), where, names[k], v);
    }
}

static void check_header(checker *c, const tmx_reader *r)
{
    static const char *required[] = {"creationtool", "creationtoolversion", "segtype", "o-tmf",
                                     "adminlang",    "srclang",             "datatype"};
    const tmx_attrs *h = tmx_reader_header(r);
    int line = tmx_reader_header_line(r);
    if (!line) {
        problem(c, 1, 1, _("no <header> element"));
        return;
    }
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        if (!tmx_attr_get(h, required[k]))
            problem(c, line, 1, _("header lacks the required attribute %s"), required[k]);
    const char *seg = tmx_attr_get(h, "segtype");
    if (seg && strcmp(seg, "block") && strcmp(seg, "paragraph") && strcmp(seg, "sentence") && strcmp(seg, "phrase"))
        problem(c, line, 1, _("header segtype \"%s\" is not block, paragraph, sentence or phrase"), seg);
    const char *src = tmx_attr_get(h, "srclang");
    char norm[LANG_TAG_MAX];
    if (src && strcmp(src, "*all*") != 0 && lang_normalize(src, norm) < 0)
        problem(c, line, 1, _("header srclang \"%s\" is not a known language tag"), src);
    check_dates(c, h, line, "header");
}

/* C0 and C1 control characters other than tab and line breaks */
static int has_control_chars(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    int32_t n = (int32_t)strlen(s);
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F))
            return 1;
    }
    return 0;
}

static void check_unit(checker *c, const tmx_unit *u, const char *srclang)
{
    int line = u->line;
    check_dates(c, &u->attrs, line, "tu");
    if (u->ntuv < 2)
        problem(c, line, 1, _("translation unit with %zu tuv (a memory needs two languages)"), u->ntuv);
    int has_src = srclang && strcmp(srclang, "*all*") == 0;
    const char *unit_src = tmx_attr_get(&u->attrs, "srclang");
    const char *want = unit_src ? unit_src : srclang;
    for (size_t k = 0; k < u->ntuv; k++) {
        const tmx_tuv *t = &u->tuv[k];
        const char *lang = tmx_tuv_lang(t);
        int tl = t->line ? t->line : line;
        check_dates(c, &t->attrs, tl, "tuv");
        if (t->segs != 1)
            problem(c, tl, 1, _("tuv has %d <seg> elements (exactly one is required)"), t->segs);
        if (!lang) {
            problem(c, tl, 1, _("tuv without xml:lang"));
            continue;
        }
        char norm[LANG_TAG_MAX];
        if (lang_normalize(lang, norm) < 0)
            problem(c, tl, 1, _("unknown language tag \"%s\""), lang);
        if (want && strcasecmp(lang, want) == 0)
            has_src = 1;
        for (size_t j = 0; j < k; j++) {
            const char *other = tmx_tuv_lang(&u->tuv[j]);
            if (other && strcasecmp(other, lang) == 0) {
                problem(c, tl, 1, _("language %s appears twice in one unit"), lang);
                break;
            }
        }
        if (t->segs == 1 && (!t->text || !*t->text))
            problem(c, tl, 1, _("empty segment (%s)"), lang);
        else if (t->segs == 1 && has_control_chars(t->text))
            problem(c, tl, 1, _("control characters in the %s segment"), lang);
        if (t->unpaired)
            problem(c, tl, 1, _("%d <bpt>/<ept> without a partner of the same i"), t->unpaired);
    }
    if (want && !has_src)
        problem(c, line, 1, _("no tuv in the source language %s"), want);
}

/* The reader's last error, "FILE:LINE:COL: message" (or "FILE: message"), reported as a
 * problem of the file. */
static void report_read_error(checker *c)
{
    const char *msg = error_last(), *p = msg;
    int line = 1, col = 1, used = 0;
    size_t plen = strlen(c->file);
    if (strncmp(msg, c->file, plen) == 0) {
        p = msg + plen;
        if (sscanf(p, ":%d:%d:%n", &line, &col, &used) == 2 && used)
            p += used;
        else if (*p == ':')
            p++;
    }
    problem(c, line, col, "%s", *p == ' ' ? p + 1 : p);
}

static void report_foreign(void *ctx, int line, int col, const char *name)
{
    problem(ctx, line, col, _("element <%s> is not part of TMX 1.4b (never processed)"), name);
}

int tmx_check_file(const char *path, const char *dtd, tmx_problem_fn report, void *ctx)
{
    int from_stdin = strcmp(path, "-") == 0;
    checker c = {from_stdin ? TMX_STDIN_NAME : path, report, ctx, 0};
    /* --dtd reads the file a second time: standard input is kept in a temporary file */
    int spool = -1;
    if (from_stdin && dtd && (spool = tmx_stdin_spool()) < 0)
        return spool;
    tmx_reader_options o = {spool, report_foreign, &c};
    tmx_reader *r;
    int rc = tmx_reader_open_with(spool >= 0 ? c.file : path, &o, &r);
    if (rc < 0 && rc != -ERR_NOINPUT && rc != -ERR_IO && rc != -ERR_NOMEM) {
        report_read_error(&c);
        rc = c.count;
    } else if (rc == 0) {
        check_header(&c, r);
        const char *src = tmx_attr_get(tmx_reader_header(r), "srclang");
        char *srclang = src ? strdup(src) : NULL;
        int nomem = src && !srclang; /* never a check without the source language */
        tmx_unit u = {0};
        while (!nomem && (rc = tmx_reader_next(r, &u)) == 1)
            check_unit(&c, &u, srclang);
        if (!nomem && rc < 0)
            report_read_error(&c);
        tmx_unit_free(&u);
        free(srclang);
        tmx_reader_close(r);
        rc = nomem ? error_nomem() : c.count;
        if (dtd && !nomem) {
            int n = tmx_dtd_validate(c.file, spool, dtd, report, ctx);
            rc = n < 0 ? n : rc + n;
        }
    }
    if (spool >= 0)
        close(spool);
    return rc;
}
