/* style_check.c — checking well-formed cues against a style profile; see style_check.h.
 *
 * Each cue is measured as the profile counts (cue_text_width: Chinese characters count
 * as one, Latin ones as less in a proportional font), line by line for the width and as
 * a whole for the reading speed; a cue is compared with the next for order and gap. */
#include "style_check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "line_end.h"
#include "markup.h"

/* Where findings go. */
typedef struct {
    style_finding_fn report;
    void *ctx;
} finding_sink;

static void style(const finding_sink *a, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void style(const finding_sink *a, int line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    a->report(a->ctx, line, msg);
}

/* Characters per line (reported at the line, the cue's text starting at file line `line`)
 * and in all, and the number of lines, of one cue. */
static double check_lines(const finding_sink *a, const subtitle_profile *p, char *text, int line, int *nlines)
{
    double chars = 0;
    *nlines = 0;
    for (char *t = text, *nl; t; t = nl ? nl + 1 : NULL) {
        nl = strchr(t, '\n');
        if (nl)
            *nl = '\0';
        double w = cue_text_width(t, p);
        chars += w;
        if (w > p->max_chars)
            style(a, line + *nlines, _("line of %.1f characters (limit %.0f)"), w, p->max_chars);
        if (nl)
            *nl = '\n';
        (*nlines)++;
    }
    return chars;
}

/* Line breaks a subtitler never makes, between each line of a cue and the next. */
static int check_breaks(const finding_sink *a, const subtitle_profile *p, const char *lang, const char *text, int line)
{
    char *copy = strdup(text);
    if (!copy)
        return error_nomem();
    markup_strip(copy); /* "the</i>" ends with "the" */
    int rc = 0, k = 1;
    for (char *t = copy, *nl; rc >= 0 && (nl = strchr(t, '\n')); t = nl + 1, k++) {
        *nl = '\0';
        char *next_nl = strchr(nl + 1, '\n');
        if (next_nl)
            *next_nl = '\0';
        char word[256];
        rc = line_break_judge(lang, p, t, nl + 1, word, sizeof word);
        if (rc == LINE_BREAK_WEAK_WORD)
            style(a, line, _("line %d ends with '%s', which leans on the next word: break before it"), k, word);
        else if (rc == LINE_BREAK_FORBIDDEN)
            style(a, line, _("line %d is broken where Unicode line breaking allows no break (before closing "
                             "punctuation, after an opening bracket)"), k);
        if (next_nl)
            *next_nl = '\n';
    }
    free(copy);
    return rc < 0 ? rc : 0;
}

int style_check_cues(cue_list *cues, const srt_cue_info *info, const subtitle_profile *p, const char *base,
                     double fps, style_finding_fn report, void *ctx)
{
    finding_sink sink = {report, ctx};
    int rc = 0;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        int line = info[k].line, nlines;
        double chars = check_lines(&sink, p, c->text, info[k].text_line ? info[k].text_line : line, &nlines);
        if ((rc = check_breaks(&sink, p, base, c->text, line)) < 0)
            break;
        if (nlines > p->max_lines)
            style(&sink, line, P_("%d line (at most %d)", "%d lines (at most %d)", (unsigned long)nlines), nlines,
                  p->max_lines);
        double d = c->end - c->start;
        if (d > 0 && chars / d > p->max_cps + 1e-9)
            style(&sink, line, _("reading speed %.1f characters per second (limit %.0f)"), chars / d, p->max_cps);
        if (d > 0 && d + 1e-9 < p->min_duration)
            style(&sink, line, _("shown %.3f s, less than %.3f s"), d, p->min_duration);
        if (d > p->max_duration + 1e-9)
            style(&sink, line, _("shown %.3f s, more than %.0f s"), d, p->max_duration);
        if (k + 1 < cues->n) {
            double next = cues->v[k + 1].start;
            if (next < c->start)
                style(&sink, info[k + 1].line, _("out of order: starts before the previous cue"));
            else if (next < c->end)
                style(&sink, info[k + 1].line, _("overlaps the previous cue"));
            else if (profile_gap_too_short(next - c->end, p->min_gap_frames, fps))
                style(&sink, info[k + 1].line,
                      P_("less than %d frame after the previous cue", "less than %d frames after the previous cue",
                         (unsigned long)p->min_gap_frames),
                      p->min_gap_frames);
        }
    }
    return rc;
}
