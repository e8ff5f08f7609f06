/* translate.c — translated tracks; see translate.h.
 *
 * Source sentences are located in the source cues by counting non-space characters: the
 * k-th character of the transcript is the k-th character of the cues, so a sentence's
 * first and last characters fall in known cues, at known fractions of their time. */
#include "translate.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "markup.h"
#include "../text/lang.h"
#include "../tm/tmx_reader.h"
#include "../util/error.h"

/* Source cues in time order, never overlapping: a track edited by hand may have neither,
 * and the character-to-time mapping needs both. Sorts and trims a copy's times in place. */
static void order_source(cue_list *src)
{
    for (size_t i = 1; i < src->n; i++) { /* insertion sort: tracks are nearly sorted */
        cue c = src->v[i];
        size_t j = i;
        while (j > 0 && src->v[j - 1].start > c.start) {
            src->v[j] = src->v[j - 1];
            j--;
        }
        src->v[j] = c;
    }
    for (size_t k = 0; k < src->n; k++) {
        if (src->v[k].start < 0)
            src->v[k].start = 0;
        if (k + 1 < src->n && src->v[k].end > src->v[k + 1].start)
            src->v[k].end = src->v[k + 1].start;
        if (src->v[k].end < src->v[k].start)
            src->v[k].end = src->v[k].start;
    }
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

int subtitle_translate(cue_list *source, const doc_text *src, const doc_text *tgt, const bead *beads,
                       size_t nbeads, const char *tgt_base, const subtitle_profile *p, cue_list *out)
{
    memset(out, 0, sizeof *out);
    order_source(source);
    if (!source->n)
        return 0;
    size_t *cum = malloc((source->n + 1) * sizeof *cum), *sent_at = malloc((src->n + 1) * sizeof *sent_at);
    if (!cum || !sent_at) {
        free(cum);
        free(sent_at);
        return error_nomem();
    }
    cum[0] = 0;
    for (size_t k = 0; k < source->n; k++)
        cum[k + 1] = cum[k] + cue_text_visible_chars(source->v[k].text);
    sent_at[0] = 0;
    for (size_t s = 0; s < src->n; s++)
        sent_at[s + 1] = sent_at[s] + cue_text_visible_chars(src->sent[s]);
    int rc = 0;
    double last_end = source->v[0].start;
    int spaced = !lang_joins_unspaced(tgt_base);
    for (size_t b = 0; b < nbeads && rc == 0; b++) {
        const bead *bd = &beads[b];
        size_t i = bd->start[0], di = bd->len[0], j = bd->start[1], dj = bd->len[1];
        if (!dj)
            continue;
        /* the time of the source sentences; a target sentence without one follows on */
        double t0 = di ? time_of(source, cum, (double)sent_at[i]) : last_end;
        double t1 = di ? time_of(source, cum, (double)sent_at[i + di] - 0.5) : last_end + 1.5;
        if (t1 <= t0)
            t1 = t0 + 1.0;
        last_end = t1;
        size_t len = 1;
        for (size_t s = j; s < j + dj; s++)
            len += strlen(tgt->sent[s]) + 1;
        char *text = malloc(len);
        if (!text) {
            rc = error_nomem();
            break;
        }
        text[0] = '\0';
        for (size_t s = j; s < j + dj; s++) {
            if (s > j && spaced)
                strcat(text, " ");
            strcat(text, tgt->sent[s]);
        }
        rc = cues_cut_over(tgt_base, p, text, tgt->para[j], b, t0, t1, out, NULL);
        free(text);
    }
    free(cum);
    free(sent_at);
    if (rc < 0)
        cues_free(out);
    return rc;
}

/* The text without whitespace or markup, appended to buf (grown as needed); returns its length. */
static size_t squeeze_into(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t need = *len + strlen(s) + 1;
    if (need > *cap) {
        size_t c = need * 2;
        char *b = realloc(*buf, c);
        if (!b)
            return (size_t)-1;
        *buf = b;
        *cap = c;
    }
    for (size_t m; *s; s++) {
        if ((m = markup_length(s))) /* a track's <i> is not in the memory */
            s += m - 1;
        else if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            (*buf)[(*len)++] = *s;
    }
    (*buf)[*len] = '\0';
    return *len;
}

int subtitle_translate_tmx(cue_list *source, const char *tmx_path, const char *src, const char *tgt,
                           const char *tgt_base, const subtitle_profile *p, cue_list *out, size_t *found,
                           size_t *units)
{
    memset(out, 0, sizeof *out);
    order_source(source);
    *found = *units = 0;
    /* the track as one string without spaces; cum[k] = its length before cue k (bytes) */
    char *track = NULL, *seg = NULL;
    size_t len = 0, cap = 0, slen = 0, scap = 0;
    size_t *cum = malloc((source->n + 1) * sizeof *cum);
    int rc = cum ? 0 : error_nomem();
    for (size_t k = 0; rc == 0 && k < source->n; k++) {
        cum[k] = len;
        if (squeeze_into(&track, &len, &cap, source->v[k].text) == (size_t)-1)
            rc = error_nomem();
    }
    if (rc == 0)
        cum[source->n] = len;
    tmx_reader *r = NULL;
    if (rc == 0)
        rc = tmx_reader_open(tmx_path, &r);
    tmx_unit u = {0};
    size_t from = 0;
    int more;
    while (rc == 0 && track && (more = tmx_reader_next(r, &u)) != 0) {
        if (more < 0) {
            rc = more;
            break;
        }
        const char *s, *t;
        if (!tmx_unit_pair(&u, src, tgt, &s, &t))
            continue;
        (*units)++;
        slen = 0;
        if (squeeze_into(&seg, &slen, &scap, s) == (size_t)-1) {
            rc = error_nomem();
            break;
        }
        const char *at = slen ? strstr(track + from, seg) : NULL;
        if (!at)
            continue;
        size_t a = (size_t)(at - track);
        from = a + slen;
        (*found)++;
        double t0 = time_of(source, cum, (double)a), t1 = time_of(source, cum, (double)from - 0.5);
        rc = cues_cut_over(tgt_base, p, t, 0, *units, t0, t1 > t0 ? t1 : t0 + 1.0, out, NULL);
    }
    tmx_unit_free(&u);
    tmx_reader_close(r);
    free(track);
    free(seg);
    free(cum);
    if (rc < 0)
        cues_free(out);
    return rc;
}
