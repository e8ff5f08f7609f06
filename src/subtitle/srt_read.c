/* srt_read.c — the SRT/WebVTT reader, lenient or strict; see srt_read.h. */
#include "srt_read.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/input.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/file_ext.h"
#include "../util/vec.h"
#include "vtt_text.h"

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
    utf8_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->report(r->ctx, sev, line, msg);
}

void srt_problem_place(char *buf, size_t size, const char *file, int line)
{
    if (line > 0)
        snprintf(buf, size, "%s:%d", file, line);
    else
        snprintf(buf, size, "%s", file);
}

/* Two ASCII digits at s, as a number in *v. */
static int two_digits(const char *s, long *v)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
        return -1;
    *v = (s[0] - '0') * 10 + s[1] - '0';
    return 0;
}

/* What a timing line says, and how far it keeps to the format. */
typedef struct {
    double start, end;
    int strict;  /* exactly the format's own form */
    int extra;   /* SRT: text after the end time (position coordinates), an extension */
    const char *settings; /* WebVTT: the cue settings after the end time ("" when none) */
    int over59;  /* a minutes or seconds field over 59 (read as written) */
} timing_line;

/* Parse "H:MM:SS,mmm" (any number of hour digits, ',' or '.') at *p, or WebVTT's
 * "MM:SS.mmm" without hours, noting in tl where the form is not exactly the format's. */
static int parse_time(const char **p, double *t, timing_line *tl, int vtt)
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
        tl->strict = 0;
    s++;
    int msd = 0;
    long ms = 0;
    while (isdigit((unsigned char)*s) && msd < 3) {
        ms = ms * 10 + (*s++ - '0');
        msd++;
    }
    if (msd != 3)
        return -1;
    if (m > 59 || sec > 59)
        tl->over59 = 1;
    if (digits < 2)
        tl->strict = 0;
    *t = (double)h * 3600 + (double)m * 60 + (double)sec + (double)ms / 1000;
    *p = s;
    return 0;
}

/* A timing line: 0 and what it says in tl, when it is one. */
static int parse_timing(const char *line, int vtt, timing_line *tl)
{
    const char *p = line;
    *tl = (timing_line){0, 0, 1, 0, "", 0};
    while (*p == ' ')
        p++, tl->strict = 0;
    if (parse_time(&p, &tl->start, tl, vtt) < 0)
        return -1;
    if (strncmp(p, " --> ", 5) == 0) {
        p += 5;
    } else {
        tl->strict = 0;
        while (*p == ' ')
            p++;
        if (strncmp(p, "-->", 3) != 0)
            return -1;
        p += 3;
        while (*p == ' ')
            p++;
    }
    if (parse_time(&p, &tl->end, tl, vtt) < 0)
        return -1;
    tl->extra = *p && !vtt;
    if (vtt) {
        if (*p && *p != ' ' && *p != '\t')
            return -1; /* settings are set off by white space */
        while (*p == ' ' || *p == '\t')
            p++;
        tl->settings = p;
    }
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

/* A cue number with spaces or tabs around it: " 4 ". */
static int is_padded_number(const char *l)
{
    while (*l == ' ' || *l == '\t')
        l++;
    const char *digits = l;
    while (isdigit((unsigned char)*l))
        l++;
    if (l == digits)
        return 0;
    while (*l == ' ' || *l == '\t')
        l++;
    return !*l;
}

static int push(cue_list *l, srt_cue_info **info, size_t *icap, cue c, srt_cue_info where)
{
    int rc = info ? vec_reserve(info, icap, l->n + 1, sizeof **info) : 0;
    if (rc == 0 && info)
        (*info)[l->n] = where;
    return rc ? rc : cue_list_add(l, c);
}

/* Where the cue being read is, and what WebVTT extras it had, the blocks before it included
 * (counted from here on for the next cue). */
static srt_cue_info cue_where(const srt_cue_info *w, int line, int text_line, int *blocks)
{
    srt_cue_info i = *w;
    i.line = line;
    i.text_line = text_line;
    i.vtt_blocks = *blocks;
    *blocks = 0;
    return i;
}

/* The cue being read is complete: add it with its text (owned from here on). */
static int finish_cue(cue_list *out, srt_cue_info **info, size_t *icap, cue *cur, char **text, size_t *text_len,
                      srt_cue_info where)
{
    cur->text = *text ? *text : strdup("");
    *text = NULL;
    *text_len = 0;
    if (!cur->text)
        return error_nomem();
    int rc = push(out, info, icap, *cur, where);
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

/* The end of the line that starts at s: its LF, CRLF or lone CR (old Mac files), or its
 * terminating NUL. */
static char *line_end(char *s)
{
    return s + strcspn(s, "\r\n");
}

/* Cut the next line off the text at *p in place (without its line ending), count it,
 * and move *p past it (NULL after the last line). */
static char *take_line(char **p, int *lineno)
{
    char *line = *p, *end = line_end(line);
    if (!*end) {
        *p = NULL;
    } else {
        *p = end + (end[0] == '\r' && end[1] == '\n' ? 2 : 1);
        *end = '\0';
    }
    ++*lineno;
    return line;
}

/* Whether a line reads as an attempt at a timing line, if not a good one: it holds the
 * arrow, or is made only of what times are made of and starts like one ("00:00:1" where a
 * download stopped; "3:1 to us" or "10:30 tomorrow" are text). */
static int looks_like_timing(const char *l)
{
    l += strspn(l, " \t");
    size_t digits = strspn(l, "0123456789");
    return strstr(l, "-->") ||
           (digits >= 1 && digits <= 2 && l[digits] == ':' && !l[strspn(l, "0123456789:,. \t")]);
}

enum { NEXT_OTHER, NEXT_TIMING, NEXT_BAD_TIMING };

/* What the line at p (NULL: none) is: a timing line, an attempt at one that fails
 * (looks_like_timing), or something else; the text is left as it was. */
static int next_line_timing(char *p, int vtt)
{
    if (!p)
        return NEXT_OTHER;
    char *end = line_end(p), saved = *end;
    *end = '\0';
    timing_line tl;
    int what = parse_timing(p, vtt, &tl) == 0 ? NEXT_TIMING : looks_like_timing(p) ? NEXT_BAD_TIMING : NEXT_OTHER;
    *end = saved;
    return what;
}

/* Append one text line to the cue's text (joined by '\n'). */
static int add_text_line(char **text, size_t *text_len, const char *line)
{
    size_t l = strlen(line);
    char *t = realloc(*text, *text_len + l + 2);
    if (!t)
        return error_nomem();
    *text = t;
    if (*text_len)
        t[(*text_len)++] = '\n';
    memcpy(t + *text_len, line, l + 1);
    *text_len += l;
    return 0;
}

/* Whether the last line of the text is a cue number. */
static int last_line_is_number(const char *text, size_t text_len)
{
    if (!text_len)
        return 0;
    const char *nl = strrchr(text, '\n');
    return is_number(nl ? nl + 1 : text);
}

/* WebVTT cue settings ("align:start line:0 …"): each a known name with a value. */
static void check_vtt_settings(reporter *r, const char *settings, int lineno)
{
    static const char *const names[] = {"vertical", "line", "position", "size", "align", "region"};
    for (const char *p = settings; *p;) {
        size_t n = strcspn(p, " \t");
        const char *colon = memchr(p, ':', n);
        int known = 0;
        for (size_t k = 0; colon && colon + 1 < p + n && k < sizeof names / sizeof names[0]; k++)
            known |= strlen(names[k]) == (size_t)(colon - p) && strncmp(p, names[k], (size_t)(colon - p)) == 0;
        if (!known)
            problem(r, SRT_WARNING, lineno, _("unknown cue setting '%.*s' (players ignore it)"), (int)n, p);
        p += n;
        while (*p == ' ' || *p == '\t')
            p++;
    }
}

/* Problems of the file as a whole: line endings, the last newline; and TABs (in SRT),
 * said at the first line that has one. */
static void check_file(reporter *r, const char *bytes, size_t len, int vtt)
{
    size_t crlf = 0, lf = 0, cr = 0, tab_lines = 0;
    int line = 1, first_tab = 0, last_tab = 0; /* lines as take_line counts them */
    for (size_t k = 0; k < len; k++) {
        if (bytes[k] == '\n') {
            lf++;
            line++;
        } else if (bytes[k] == '\r' && k + 1 < len && bytes[k + 1] == '\n') {
            crlf++;
        } else if (bytes[k] == '\r') {
            cr++;
            line++;
        } else if (bytes[k] == '\t' && last_tab != line) {
            first_tab = first_tab ? first_tab : line;
            last_tab = line;
            tab_lines++;
        }
    }
    lf -= crlf;
    if (cr)
        problem(r, SRT_ERROR, 0, P_("%zu bare CR line ending (old Mac style); many players see one long line",
                                    "%zu bare CR line endings (old Mac style); many players see one long line", cr),
                cr);
    if (crlf && lf) /* CRLF alone is SRT's own; a mix trips line-based tools */
        problem(r, SRT_WARNING, 0, _("mixed line endings: %zu CRLF and %zu LF"), crlf, lf);
    if (!vtt && tab_lines == 1) /* WebVTT separates cue settings with them */
        problem(r, SRT_WARNING, first_tab, _("TAB characters on this line"));
    else if (!vtt && tab_lines)
        problem(r, SRT_WARNING, first_tab,
                P_("TAB characters on this line and %zu more line", "TAB characters on this line and %zu more lines",
                   tab_lines - 1),
                tab_lines - 1);
    if (len && bytes[len - 1] != '\n')
        problem(r, SRT_WARNING, 0, _("the file does not end with a newline"));
}

/* Spacing problems of one text line of a cue. */
static void check_text_line(reporter *r, const char *line, int lineno)
{
    size_t n = strlen(line);
    if (n && (isspace((unsigned char)line[0]) || isspace((unsigned char)line[n - 1])))
        problem(r, SRT_WARNING, lineno, _("space at the start or end of a text line"));
    if (strstr(line, "  "))
        problem(r, SRT_WARNING, lineno, _("double space in a text line"));
}

int srt_read(const char *path, srt_reading reading, cue_list *out, srt_cue_info **info, srt_problem_fn report,
             void *ctx)
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
    int header = strncmp(in.bytes, "WEBVTT", 6) == 0;
    int vtt = header || file_ext_is(path, "vtt");
    if (in.offset && !vtt) /* WebVTT allows a BOM */
        problem(&r, SRT_WARNING, 0, _("UTF-8 BOM present (most players tolerate it, strict parsers fail)"));
    check_file(&r, in.bytes, in.len, vtt);
    if (vtt && !header)
        problem(&r, SRT_ERROR, 1, _("a WebVTT file starts with the line WEBVTT"));
    else if (header && in.bytes[6] && !strchr(" \t\r\n", in.bytes[6]))
        problem(&r, SRT_ERROR, 1, _("the WebVTT header is WEBVTT alone or followed by a space or a tab"));
    /* split into lines in place */
    char *p = in.bytes;
    int lineno = 0, blanks = 0, expected = 1, vtt_skip = 0, skip_to_blank = 0, seen_cue = 0;
    cue cur = {0};
    int in_cue = 0, cue_line = 0, text_line = 0, blocks = 0;
    srt_cue_info where = {0}; /* of the cue being read */
    size_t text_len = 0;
    char *text = NULL;
    while (rc == 0 && p && *p) {
        char *line = take_line(&p, &lineno);
        if (vtt && ((header && lineno == 1) || vtt_skip)) {
            /* the header block, and NOTE / STYLE / REGION blocks, end at a blank line */
            vtt_skip = lineno == 1 || !is_blank(line);
            continue;
        }
        if (vtt && !in_cue &&
            (starts_block(line, "NOTE") || starts_block(line, "STYLE") || starts_block(line, "REGION"))) {
            vtt_skip = 1;
            blocks++;
            continue;
        }
        if (skip_to_blank && !is_blank(line))
            continue; /* the rest of a block that is no cue */
        skip_to_blank = 0;
        timing_line tl;
        int timing = parse_timing(line, vtt, &tl) == 0;
        if (is_blank(line)) {
            if (in_cue) {
                if (!text_len && !vtt) /* WebVTT allows an empty cue */
                    problem(&r, SRT_ERROR, lineno, _("cue %zu has no text (an empty cue ends at this blank line; "
                                                     "many players then misread what follows)"),
                            cur.sentence);
                rc = finish_cue(out, info, &icap, &cur, &text, &text_len,
                                cue_where(&where, cue_line, text_line, &blocks));
                in_cue = 0;
                blanks = 0;
            }
            blanks++;
            continue;
        }
        if (in_cue) {
            /* a number then a timing line starts a cue; so does a number then a line that
             * only tries to be one (cut short or garbled), which is then refused rather than
             * read as two more lines of this cue's text */
            int number_then_timing = !vtt && is_number(line) && next_line_timing(p, vtt) != NEXT_OTHER;
            if (reading == SRT_STRICT || !(timing || number_then_timing)) {
                /* a text line; a strict parser reads on to the blank line, and notices a
                 * missing one only at a timing line after a cue number */
                if (timing && last_line_is_number(text, text_len))
                    problem(&r, SRT_ERROR, lineno, _("cue starts without a blank line separator"));
                else if (!vtt && looks_like_timing(line) && last_line_is_number(text, text_len))
                    problem(&r, SRT_UNREADABLE, lineno,
                            _("bad timing line '%s' after a cue number with no blank line before it (needs "
                              "HH:MM:SS,mmm --> HH:MM:SS,mmm; the file may be cut short)"),
                            line);
                else if (vtt && strstr(line, "-->"))
                    problem(&r, SRT_ERROR, lineno, _("'-->' in the text of a WebVTT cue (it reads as a timing line)"));
                else
                    check_text_line(&r, line, lineno);
                if (vtt) /* the text as shown: "&amp;" is one '&' */
                    vtt_text_decode(line);
                if (!text_len)
                    text_line = lineno;
                rc = add_text_line(&text, &text_len, line);
                continue;
            }
            /* a lenient reader starts the new cue */
            problem(&r, SRT_ERROR, lineno + !timing, _("cue starts without a blank line separator"));
            rc = finish_cue(out, info, &icap, &cur, &text, &text_len,
                            cue_where(&where, cue_line, text_line, &blocks));
            in_cue = 0;
            blanks = 1;
            if (rc < 0)
                break;
        }
        if (blanks && !vtt && !seen_cue)
            problem(&r, SRT_WARNING, lineno, _("blank lines before the first cue"));
        if (blanks > 1 && out->n && !vtt) /* WebVTT allows any number */
            problem(&r, SRT_WARNING, lineno,
                    P_("%d blank line between cues (expected 1)", "%d blank lines between cues (expected 1)",
                       (unsigned long)blanks),
                    blanks);
        blanks = 0;
        seen_cue = 1;
        cur = (cue){0};
        cue_line = lineno;
        text_line = 0;
        where = (srt_cue_info){0};
        if (vtt) {
            if (!timing && next_line_timing(p, vtt) == NEXT_TIMING) { /* a cue identifier: the timing line follows */
                where.vtt_id = 1;
                line = take_line(&p, &lineno);
                timing = parse_timing(line, vtt, &tl) == 0;
            }
        } else if (is_number(line) || is_padded_number(line)) {
            if (!is_number(line))
                problem(&r, SRT_ERROR, lineno, _("cue number '%s' has spaces around it"), line);
            const char *digits = line + strspn(line, " \t");
            size_t ndigits = strspn(digits, "0123456789");
            long number = ndigits > 9 ? -1 : strtol(digits, NULL, 10);
            if (number < 0)
                problem(&r, SRT_WARNING, lineno, _("cue number %.*s… has %zu digits (more than 9), expected %d"), 9,
                        digits, ndigits, expected);
            else if (number != expected)
                problem(&r, SRT_WARNING, lineno, _("cue number %ld, expected %d"), number, expected);
            cur.sentence = number < 0 ? 0 : (size_t)number;
            expected = number < 0 ? expected + 1 : (int)number + 1;
            if (!p || !*p) {
                problem(&r, SRT_ERROR, lineno, _("the file ends after the cue number"));
                break;
            }
            /* the timing line follows */
            line = take_line(&p, &lineno);
            timing = parse_timing(line, vtt, &tl) == 0;
        } else if (timing) {
            problem(&r, SRT_ERROR, lineno, _("cue without a number before its timing line"));
            cur.sentence = (size_t)expected++;
        } else {
            problem(&r, SRT_UNREADABLE, lineno, _("expected a cue number, found '%s'"), line);
            skip_to_blank = 1;
            continue;
        }
        if (!timing) {
            if (vtt)
                problem(&r, SRT_UNREADABLE, lineno,
                        _("bad timing line '%s' (needs [HH:]MM:SS.mmm --> [HH:]MM:SS.mmm, then any cue settings)"),
                        line);
            else
                problem(&r, SRT_UNREADABLE, lineno, _("bad timing line '%s' (needs HH:MM:SS,mmm --> HH:MM:SS,mmm)"),
                        line);
            skip_to_blank = 1;
            continue;
        }
        if (!tl.strict) {
            if (vtt)
                problem(&r, SRT_ERROR, lineno, _("timing line '%s' is not HH:MM:SS.mmm --> HH:MM:SS.mmm"), line);
            else if (strchr(line, '.'))
                problem(&r, SRT_ERROR, lineno,
                        _("bad timing line '%s' (needs exactly HH:MM:SS,mmm --> HH:MM:SS,mmm; '.' before the "
                          "milliseconds is WebVTT)"),
                        line);
            else
                problem(&r, SRT_ERROR, lineno,
                        _("bad timing line '%s' (needs exactly HH:MM:SS,mmm --> HH:MM:SS,mmm: two-digit hours, one "
                          "space either side of the arrow)"),
                        line);
            if (reading == SRT_STRICT) {
                skip_to_blank = 1;
                continue;
            }
        }
        if (tl.over59)
            problem(&r, SRT_ERROR, lineno, _("a minutes or seconds field over 59 in '%s'"), line);
        if (tl.extra)
            problem(&r, SRT_WARNING, lineno, _("text after the end time (position coordinates are an extension "
                                               "many players ignore)"));
        if (vtt) {
            check_vtt_settings(&r, tl.settings, lineno);
            where.vtt_settings = tl.settings[strspn(tl.settings, " \t")] != '\0';
        }
        if (tl.end <= tl.start)
            problem(&r, SRT_ERROR, lineno, _("end time is not after the start time"));
        cur.start = tl.start;
        cur.end = tl.end;
        in_cue = 1;
    }
    if (rc == 0 && in_cue) {
        if (!text_len && !vtt)
            problem(&r, SRT_ERROR, lineno + 1, _("cue %zu has no text"), cur.sentence);
        rc = finish_cue(out, info, &icap, &cur, &text, &text_len,
                        cue_where(&where, cue_line, text_line, &blocks));
    }
    if (rc == 0 && info && out->n) /* blocks after the last cue */
        (*info)[out->n - 1].vtt_blocks += blocks;
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

/* The problems of a repairing reading: repairs told, the first skipped place kept. */
typedef struct {
    srt_repair_fn repaired;
    void *ctx;
    const char *file;
    int unreadable_line;
    char unreadable[512];
} repairing;

static void repairing_problem(void *ctx, srt_severity sev, int line, const char *message)
{
    repairing *rp = ctx;
    if (sev == SRT_UNREADABLE && !rp->unreadable_line) {
        rp->unreadable_line = line;
        utf8_truncate(message, 0, rp->unreadable, sizeof rp->unreadable);
    } else if (sev == SRT_ERROR && rp->repaired) {
        char place[4096];
        srt_problem_place(place, sizeof place, rp->file, line);
        rp->repaired(rp->ctx, place, message);
    }
}

int srt_read_repairing(const char *path, cue_list *out, srt_cue_info **info, srt_repair_fn repaired, void *ctx)
{
    repairing rp = {repaired, ctx, path, 0, ""};
    int rc = srt_read(path, SRT_LENIENT, out, info, repairing_problem, &rp);
    if (rc < 0 || !rp.unreadable_line)
        return rc;
    cues_free(out);
    if (info) {
        free(*info);
        *info = NULL;
    }
    return error_set(ERR_DATA, _("%s:%d: %s"), path, rp.unreadable_line, rp.unreadable);
}
