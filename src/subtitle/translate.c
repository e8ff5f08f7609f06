/* translate.c — translated tracks; see translate.h.
 *
 * Source sentences are located in the source cues by counting non-space characters: the
 * k-th character of the transcript is the k-th character of the cues, so a sentence's
 * first and last characters fall in known cues, at known fractions of their time. */
#include "translate.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../util/error.h"

static size_t visible_chars(const char *s)
{
    size_t n = 0;
    const uint8_t *p = (const uint8_t *)s;
    for (int32_t i = 0, len = (int32_t)strlen(s); i < len;) {
        UChar32 c;
        U8_NEXT(p, i, len, c);
        n += c >= 0 && !u_isUWhiteSpace(c);
    }
    return n;
}

/* The time at which visible character `at` of the track is shown. */
static double time_of(const cue_list *src, const size_t *cum, double at)
{
    size_t k = 0;
    while (k + 1 < src->n && cum[k + 1] <= at)
        k++;
    double len = (double)(cum[k + 1] - cum[k]);
    double f = len > 0 ? (at - (double)cum[k]) / len : 0;
    f = f < 0 ? 0 : f > 1 ? 1 : f;
    return src->v[k].start + f * (src->v[k].end - src->v[k].start);
}

static int append(cue_list *out, cue c)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        cue *v = realloc(out->v, cap * sizeof *v);
        if (!v)
            return error_set(ERR_IO, _("out of memory"));
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = c;
    return 0;
}

int subtitle_translate(const cue_list *source, const align_text *src, const align_text *tgt, const bead *beads,
                       size_t nbeads, const char *tgt_base, const subtitle_profile *p, cue_list *out)
{
    memset(out, 0, sizeof *out);
    if (!source->n)
        return 0;
    size_t *cum = malloc((source->n + 1) * sizeof *cum), *sent_at = malloc((src->n + 1) * sizeof *sent_at);
    if (!cum || !sent_at) {
        free(cum);
        free(sent_at);
        return error_set(ERR_IO, _("out of memory"));
    }
    cum[0] = 0;
    for (size_t k = 0; k < source->n; k++)
        cum[k + 1] = cum[k] + visible_chars(source->v[k].text);
    sent_at[0] = 0;
    for (size_t s = 0; s < src->n; s++)
        sent_at[s + 1] = sent_at[s] + visible_chars(src->sent[s]);
    int rc = 0;
    double last_end = source->v[0].start;
    int spaced = strcmp(tgt_base, "zh") != 0 && strcmp(tgt_base, "ja") != 0;
    for (size_t b = 0; b < nbeads && rc == 0; b++) {
        const bead *bd = &beads[b];
        if (!bd->dj)
            continue;
        /* the time of the source sentences; a target sentence without one follows on */
        double t0 = bd->di ? time_of(source, cum, (double)sent_at[bd->i]) : last_end;
        double t1 = bd->di ? time_of(source, cum, (double)sent_at[bd->i + bd->di] - 0.5) : last_end + 1.5;
        if (t1 <= t0)
            t1 = t0 + 1.0;
        last_end = t1;
        size_t len = 1;
        for (size_t s = bd->j; s < bd->j + bd->dj; s++)
            len += strlen(tgt->sent[s]) + 1;
        char *text = malloc(len);
        if (!text) {
            rc = error_set(ERR_IO, _("out of memory"));
            break;
        }
        text[0] = '\0';
        for (size_t s = bd->j; s < bd->j + bd->dj; s++) {
            if (s > bd->j && spaced)
                strcat(text, " ");
            strcat(text, tgt->sent[s]);
        }
        cue_list parts;
        const char *one[1] = {text};
        size_t para[1] = {tgt->para[bd->j]};
        rc = cues_build(tgt_base, p, one, para, 1, &parts);
        free(text);
        if (rc < 0)
            break;
        double total = 0, at = t0;
        for (size_t k = 0; k < parts.n; k++)
            total += parts.v[k].chars;
        for (size_t k = 0; k < parts.n && rc == 0; k++) {
            cue c = parts.v[k];
            c.sentence = b;
            c.start = at;
            c.end = at + (t1 - t0) * (total > 0 ? c.chars / total : 1.0 / (double)parts.n);
            at = c.end;
            if ((rc = append(out, c)) == 0)
                parts.v[k].text = NULL;
        }
        cues_free(&parts);
    }
    free(cum);
    free(sent_at);
    if (rc < 0)
        cues_free(out);
    return rc;
}
