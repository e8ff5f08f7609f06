/* srt_read.c — the lenient SRT/WebVTT reader; see srt_read.h. */
#include "srt_read.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/input.h"
#include "../util/error.h"
#include "../util/vec.h"

typedef struct {
    srt_problem_fn report;
    void *ctx;
} reporter;

static void problem(reporter *r, srt_severity sev, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void problem(reporter *r, srt_severity sev, int line, const char *fmt, ...)
{
    if (!r->report)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->report(r->ctx, sev, line, msg);
}

/* Two ASCII digits at s, as a number in *v. */
static int two_digits(const char *s, long *v)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
        return -1;
    *v = (s[0] - '0') * 10 + s[1] - '0';
    return 0;
}

/* Parse "H:MM:SS,mmm" (any number of hour digits, ',' or '.') at *p, or WebVTT's
 * "MM:SS.mmm" without hours; strict is cleared when the form is not exactly the
 * format's own. */
static int parse_time(const char **p, double *t, int *strict, int vtt)
{
    const char *s = *p;
    int digits = 0;
    long h = 0, m, sec;
    while (isdigit((unsigned char)*s)) {
        if (++digits > 6)
            return -1; /* a million hours is not a subtitle */
        h = h * 10 + (*s++ - '0');
    }
    if (!digits || *s++ != ':' || two_digits(s, &m) < 0)
        return -1;
    if (s[2] == ':') { /* hours, minutes, seconds */
        s += 3;
        if (two_digits(s, &sec) < 0)
            return -1;
        s += 2;
    } else if (vtt && digits == 2 && s[2] == '.') { /* WebVTT without hours: MM:SS.mmm */
        sec = m;
        m = h;
        h = 0;
        digits = 2;
        s += 2;
    } else {
        return -1;
    }
    if (*s != ',' && *s != '.')
        return -1;
    if (*s != (vtt ? '.' : ','))
        *strict = 0;
    s++;
    int msd = 0;
    long ms = 0;
    while (isdigit((unsigned char)*s) && msd < 3) {
        ms = ms * 10 + (*s++ - '0');
        msd++;
    }
    if (msd != 3 || m > 59 || sec > 59)
        return -1;
    if (digits < 2)
        *strict = 0;
    *t = (double)h * 3600 + (double)m * 60 + (double)sec + (double)ms / 1000;
    *p = s;
    return 0;
}

/* A timing line: 0, and its start and end times, when it is one (strict set when it is
 * exactly in SRT's form). */
static int parse_timing(const char *line, double *start, double *end, int *strict, int vtt)
{
    const char *p = line;
    *strict = 1;
    while (*p == ' ')
        p++, *strict = 0;
    if (parse_time(&p, start, strict, vtt) < 0)
        return -1;
    if (strncmp(p, " --> ", 5) == 0) {
        p += 5;
    } else {
        *strict = 0;
        while (*p == ' ')
            p++;
        if (strncmp(p, "-->", 3) != 0)
            return -1;
        p += 3;
        while (*p == ' ')
            p++;
    }
    if (parse_time(&p, end, strict, vtt) < 0)
        return -1;
    if (*p && !vtt) /* SRT allows position coordinates after the times; keep it strict */
        *strict = 0;
    return 0;
}

static int is_blank(const char *l)
{
    for (; *l; l++)
        if (!isspace((unsigned char)*l))
            return 0;
    return 1;
}

static int is_number(const char *l)
{
    if (!*l)
        return 0;
    for (; *l; l++)
        if (!isdigit((unsigned char)*l))
            return 0;
    return 1;
}

static int push(cue_list *l, srt_cue_info **info, size_t *icap, cue c, int line)
{
    int rc = info ? vec_reserve(info, icap, l->n + 1, sizeof **info) : 0;
    if (rc == 0 && info)
        (*info)[l->n].line = line;
    return rc ? rc : cue_list_add(l, c);
}

/* The cue being read is complete: add it with its text (owned from here on). */
static int finish_cue(cue_list *out, srt_cue_info **info, size_t *icap, cue *cur, char **text, size_t *text_len,
                      int line)
{
    cur->text = *text ? *text : strdup("");
    *text = NULL;
    *text_len = 0;
    if (!cur->text)
        return error_set(ERR_IO, _("out of memory"));
    int rc = push(out, info, icap, *cur, line);
    if (rc < 0)
        free(cur->text);
    return rc;
}

/* A WebVTT block that is not a cue: the keyword alone, or followed by a space or tab. */
static int starts_block(const char *line, const char *keyword)
{
    size_t n = strlen(keyword);
    return strncmp(line, keyword, n) == 0 && (line[n] == '\0' || line[n] == ' ' || line[n] == '\t');
}

/* Cut the next line off the text at *p in place (without its '\n' or '\r'), count
 * it, and move *p past it (NULL after the last line). */
static char *take_line(char **p, int *lineno)
{
    char *line = *p;
    char *nl = strchr(line, '\n');
    if (nl)
        *nl = '\0';
    size_t len = strlen(line);
    if (len && line[len - 1] == '\r')
        line[--len] = '\0';
    ++*lineno;
    *p = nl ? nl + 1 : NULL;
    return line;
}

int srt_read(const char *path, cue_list *out, srt_cue_info **info, srt_problem_fn report, void *ctx)
{
    memset(out, 0, sizeof *out);
    if (info)
        *info = NULL;
    size_t icap = 0;
    reporter r = {report, ctx};
    text_input in;
    int rc = text_input_read(path, &in);
    if (rc < 0)
        return rc;
    if (in.offset)
        problem(&r, SRT_WARNING, 0, _("UTF-8 BOM present (most players tolerate it, strict parsers fail)"));
    if (strstr(in.bytes, "\r\n"))
        problem(&r, SRT_WARNING, 0, _("CRLF line endings"));
    int vtt = strncmp(in.bytes, "WEBVTT", 6) == 0;
    /* split into lines in place */
    char *p = in.bytes;
    int lineno = 0, blanks = 0, expected = 1, vtt_skip = 0;
    cue cur = {0};
    int in_cue = 0, cue_line = 0;
    size_t text_len = 0;
    char *text = NULL;
    while (rc == 0 && p && *p) {
        char *line = take_line(&p, &lineno);
        if (vtt && (lineno == 1 || vtt_skip)) {
            /* the header block, and NOTE / STYLE / REGION blocks, end at a blank line */
            vtt_skip = lineno == 1 || !is_blank(line);
            continue;
        }
        if (vtt && !in_cue &&
            (starts_block(line, "NOTE") || starts_block(line, "STYLE") || starts_block(line, "REGION"))) {
            vtt_skip = 1;
            continue;
        }
        double s, e;
        int strict;
        int timing = parse_timing(line, &s, &e, &strict, vtt) == 0;
        int next_is_timing = 0;
        if (p && (is_number(line) || (vtt && !timing))) {
            char *nl2 = strchr(p, '\n');
            char save = nl2 ? *nl2 : 0;
            if (nl2)
                *nl2 = '\0';
            double s2, e2;
            int st2;
            next_is_timing = parse_timing(p, &s2, &e2, &st2, vtt) == 0;
            if (nl2)
                *nl2 = save;
        }
        if (is_blank(line)) {
            if (in_cue) {
                rc = finish_cue(out, info, &icap, &cur, &text, &text_len, cue_line);
                in_cue = 0;
                blanks = 0;
            }
            blanks++;
            continue;
        }
        if (in_cue && !(timing || next_is_timing)) {
            /* a text line */
            size_t l = strlen(line);
            char *t = realloc(text, text_len + l + 2);
            if (!t) {
                rc = error_set(ERR_IO, _("out of memory"));
                break;
            }
            text = t;
            if (text_len)
                text[text_len++] = '\n';
            memcpy(text + text_len, line, l + 1);
            text_len += l;
            continue;
        }
        if (in_cue) { /* a new cue without a blank line before it */
            problem(&r, SRT_ERROR, lineno, _("cue starts without a blank line separator"));
            rc = finish_cue(out, info, &icap, &cur, &text, &text_len, cue_line);
            in_cue = 0;
            blanks = 1;
            if (rc < 0)
                break;
        }
        if (blanks > 1 && out->n)
            problem(&r, SRT_WARNING, lineno,
                    P_("%d blank line between cues (expected 1)", "%d blank lines between cues (expected 1)",
                       (unsigned long)blanks),
                    blanks);
        blanks = 0;
        cur = (cue){0};
        cue_line = lineno;
        if (vtt && !timing && next_is_timing && !is_number(line)) {
            /* a WebVTT cue identifier: the timing line follows */
            line = take_line(&p, &lineno);
            timing = parse_timing(line, &s, &e, &strict, vtt) == 0;
        } else if (is_number(line)) {
            long number = strlen(line) > 9 ? -1 : strtol(line, NULL, 10);
            if (!vtt && number != expected)
                problem(&r, SRT_WARNING, lineno, _("cue number %ld, expected %d"), number, expected);
            cur.sentence = number < 0 ? 0 : (size_t)number;
            expected = number < 0 ? expected + 1 : (int)number + 1;
            if (!p)
                break;
            /* the timing line follows */
            line = take_line(&p, &lineno);
            timing = parse_timing(line, &s, &e, &strict, vtt) == 0;
        } else if (!vtt) {
            problem(&r, SRT_ERROR, lineno, _("cue without a number"));
            expected++;
        }
        if (!timing) {
            problem(&r, SRT_ERROR, lineno, _("bad timing line '%s' (needs HH:MM:SS,mmm --> HH:MM:SS,mmm)"), line);
            continue;
        }
        if (!strict)
            problem(&r, SRT_ERROR, lineno,
                    vtt ? _("timing line '%s' is not HH:MM:SS.mmm --> HH:MM:SS.mmm")
                        : _("bad timing line '%s' (needs exactly HH:MM:SS,mmm --> HH:MM:SS,mmm; '.' before the "
                            "milliseconds is WebVTT)"),
                    line);
        if (e <= s)
            problem(&r, SRT_ERROR, lineno, _("end time is not after the start time"));
        cur.start = s;
        cur.end = e;
        in_cue = 1;
    }
    if (rc == 0 && in_cue)
        rc = finish_cue(out, info, &icap, &cur, &text, &text_len, cue_line);
    free(text);
    text_input_free(&in);
    if (rc < 0) {
        cues_free(out);
        if (info) {
            free(*info);
            *info = NULL;
        }
    }
    return rc;
}
