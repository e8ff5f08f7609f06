/* survey.c — the first pass over a text read in blocks; see survey.h.
 *
 * The counts: a window of the last DOC_STATS_REACH bytes already counted plus the new
 * ones; the full stops before a cut point well inside it are counted, the rest waits for
 * the next block. The prefix: the text's complete lines, checked each time it doubles;
 * once the line-structure evidence and the language's letters are both complete in it,
 * it stops growing. */
#include "survey.h"

#include <stdlib.h>
#include <string.h>

#include "../text/lang.h"
#include "../text/lines.h"
#include "../text/script.h"
#include "../util/error.h"
#include "../util/vec.h"

enum { FIRST_CHECK = 1 << 16 };

struct doc_survey {
    doc_stats *stats;
    char *win;              /* bytes not counted yet, after DOC_STATS_REACH bytes of context */
    size_t wlen, wcap, counted;
    int want_lines;
    line_tally lines;
    int prefix_done;        /* the prefix decides: it grows no more */
    char *prefix;
    size_t plen, pcap, checked_at;
};

int doc_survey_new(int want_lines, int want_lang, doc_survey **out)
{
    *out = NULL;
    doc_survey *s = calloc(1, sizeof *s);
    if (!s)
        return error_nomem();
    s->want_lines = want_lines;
    line_tally_init(&s->lines);
    s->prefix_done = !want_lang;
    s->checked_at = FIRST_CHECK;
    int rc = doc_stats_begin(&s->stats);
    if (rc < 0) {
        free(s);
        return rc;
    }
    *out = s;
    return 0;
}

static int append(char **buf, size_t *len, size_t *cap, const char *bytes, size_t n)
{
    if (vec_reserve(buf, cap, *len + n + 1, 1) < 0)
        return error_nomem();
    memcpy(*buf + *len, bytes, n);
    *len += n;
    return 0;
}

/* Does the prefix hold the letters the language is guessed from? Then it is complete. */
static void check_prefix(doc_survey *s)
{
    char lang[LANG_TAG_MAX];
    s->prefix_done = script_guess_language(s->prefix, s->plen, lang) >= SCRIPT_GUESS_LETTERS;
}

int doc_survey_add(doc_survey *s, const char *bytes, size_t n)
{
    if (s->want_lines && line_tally_add(&s->lines, bytes, n) < 0)
        return error_nomem();
    if (!s->prefix_done) {
        if (append(&s->prefix, &s->plen, &s->pcap, bytes, n) < 0)
            return error_nomem();
        if (s->plen >= s->checked_at) {
            check_prefix(s);
            s->checked_at = s->plen * 2;
        }
    }
    if (append(&s->win, &s->wlen, &s->wcap, bytes, n) < 0)
        return error_nomem();
    if (s->wlen < s->counted + 4 * DOC_STATS_REACH)
        return 0;
    size_t cut = doc_stats_cut_before(s->win, s->wlen, s->wlen - DOC_STATS_REACH);
    if (cut <= s->counted)
        return 0; /* nowhere to cut yet (a long run of spaces): wait for more */
    int rc = doc_stats_add(s->stats, s->win, s->wlen, s->counted, cut);
    if (rc < 0)
        return rc;
    size_t drop = cut > DOC_STATS_REACH ? cut - DOC_STATS_REACH : 0;
    memmove(s->win, s->win + drop, s->wlen - drop);
    s->wlen -= drop;
    s->counted = cut - drop;
    return 0;
}

int doc_survey_finish(doc_survey *s)
{
    int rc = doc_stats_add(s->stats, s->win, s->wlen, s->counted, s->wlen);
    s->counted = s->wlen;
    free(s->win);
    s->win = NULL;
    s->wlen = s->wcap = 0;
    return rc;
}

const char *doc_survey_prefix(const doc_survey *s, size_t *len)
{
    *len = s->plen;
    return s->prefix ? s->prefix : "";
}

line_evidence doc_survey_lines(doc_survey *s)
{
    return line_tally_finish(&s->lines);
}

doc_stats *doc_survey_take_stats(doc_survey *s)
{
    doc_stats *st = s->stats;
    s->stats = NULL;
    return st;
}

void doc_survey_free(doc_survey *s)
{
    if (!s)
        return;
    doc_stats_free(s->stats);
    line_tally_free(&s->lines);
    free(s->win);
    free(s->prefix);
    free(s);
}
