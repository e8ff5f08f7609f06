/* cues.c — cue and line cutting; see cues.h.
 *
 * For one sentence: the ICU line-break opportunities are the only candidate cut points;
 * a dynamic programme over them chooses cue ends, each cue costing 1 plus the cost of
 * its best one- or two-line layout plus the quality of its end, and more when it is an
 * orphan: a single word, or a few characters, left alone from a longer sentence. A
 * stretch without a break opportunity that is wider than a line (a 600-character word, a
 * URL) is cut at grapheme boundaries a line apart, so the rest of its sentence keeps its
 * word breaks and a 2 MB word is cut in linear time; a sentence that still offers no
 * fitting layout falls back to every grapheme boundary. */
#include "cues.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "line_end.h"
#include "markup.h"
#include "../text/lang.h"
#include "../text/space.h"
#include "../text/utf8.h"
#include "syllables.h"
#include "../util/error.h"
#include "../util/vec.h"

enum { MAX_WORD = 64 };

/* costs, in "cues": one more cue costs 1. A break inside a word of Chinese or Japanese
 * costs more than the worst layout and end of a cue together, so a word boundary wins
 * wherever one fits. Parting a likely adjective from its noun costs less than a cue more
 * (no sentence takes another cue to spare it) but more than half a line of imbalance
 * between the lines. An orphan costs a cue more. A cue whose share of a known span would
 * outlast the longest cue (cues_cut_over) costs as much as a break inside a word, more
 * for each character over. A break inside a part of a transliterated name (萨|蒂亚) is a
 * guess that also takes in the name's outer edges, so it costs less than a word's but
 * more than another cue; between two parts (萨蒂亚·|纳德拉) a name breaks best. */
static const double bad_end_cost = 2.0, name_split_cost = 1.0, top_longer_cost = 0.3, punct_bonus = 0.7,
                    inside_word_cost = 10.0, noun_phrase_cost = 0.7, orphan_cost = 1.0, too_long_cost = 10.0,
                    name_part_cost = 4.0;

static int is_half_width(UChar32 c)
{
    int w = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_NARROW || w == U_EA_HALFWIDTH || w == U_EA_NEUTRAL;
}

/* Display width of a text without markup. */
static double plain_width(const char *text, const subtitle_profile *p)
{
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, -1, &err);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    double w = 0;
    if (U_SUCCESS(err)) {
        for (int32_t a = ubrk_first(bi), b; (b = ubrk_next(bi)) != UBRK_DONE; a = b) {
            int32_t i = a;
            UChar32 c;
            U8_NEXT((const uint8_t *)text, i, b, c);
            w += p->half_width_half && c >= 0 && is_half_width(c) ? 0.5 : 1.0;
        }
    }
    ubrk_close(bi);
    utext_close(ut);
    return w;
}

double cue_text_width(const char *text, const subtitle_profile *p)
{
    if (!strpbrk(text, "<{"))
        return plain_width(text, p);
    char *plain = strdup(text);
    if (!plain)
        return plain_width(text, p); /* out of memory: count the markup rather than fail */
    markup_strip(plain);
    double w = plain_width(plain, p);
    free(plain);
    return w;
}

double cue_reading_width(const char *text, const subtitle_profile *p)
{
    double w = 0;
    for (const char *line = text, *nl; line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        char *one = nl ? strndup(line, (size_t)(nl - line)) : NULL;
        w += cue_text_width(one ? one : line, p); /* out of memory: the rest of the text, a little more */
        free(one);
    }
    return w;
}

char *cue_text_unwrap(const char *const *parts, size_t n, const char *lang)
{
    int spaced = !lang_joins_unspaced(lang);
    size_t total = 1;
    for (size_t k = 0; k < n; k++)
        total += strlen(parts[k]) + 1;
    char *t = malloc(total);
    if (!t)
        return NULL;
    size_t w = 0;
    for (size_t k = 0; k < n; k++) {
        for (const char *s = parts[k]; *s || k + 1 < n; s++) {
            char c = *s ? *s : '\n'; /* between parts: a line break */
            if (c != '\n' && c != '\r') {
                t[w++] = c;
                continue;
            }
            /* Chinese lines join without a space where a wide character meets the other
             * line (markup such as <i>…</i> on either side does not count) */
            const char *after = *s ? s + 1 : parts[k + 1];
            for (size_t m; (m = markup_length(after));)
                after += m;
            if (spaced || !line_join_unspaced(t, markup_end_before(t, w), after))
                t[w++] = ' ';
            if (!*s)
                break;
        }
    }
    w = space_collapse(t, w, t);
    size_t a = 0;
    while (a < w && t[a] == ' ')
        a++;
    while (w > a && t[w - 1] == ' ')
        w--;
    memmove(t, t + a, w - a);
    t[w - a] = '\0';
    return t;
}

/* Whitespace is what cutting changes (a line break for a space, spaces trimmed at a cut):
 * every other code point of a transcript is in its cues, in the same order. */
static int is_visible(UChar32 c)
{
    return c >= 0 && !u_isUWhiteSpace(c);
}

/* The size of the character or the markup at text + i, and whether it is visible. */
static int visible_at(const char *text, size_t len, size_t i, size_t *step)
{
    size_t m = markup_length(text + i);
    if (m) {
        *step = m;
        return 0;
    }
    return is_visible(utf8_char_at(text, len, i, step));
}

size_t cue_text_visible_chars(const char *text)
{
    size_t n = 0, len = strlen(text), step;
    for (size_t i = 0; i < len; i += step)
        n += visible_at(text, len, i, &step);
    return n;
}

int32_t cue_text_next_visible(const char *text, size_t len, size_t *i)
{
    for (size_t step; *i < len; *i += step)
        if (visible_at(text, len, *i, &step)) {
            int32_t c = utf8_char_at(text, len, *i, &step);
            *i += step;
            return c;
        }
    return -1;
}

size_t cue_text_visible_byte(const char *text, size_t nth)
{
    size_t seen = 0, len = strlen(text), step, i = 0;
    for (; i < len; i += step)
        if (visible_at(text, len, i, &step) && seen++ == nth)
            return i;
    return len;
}

typedef struct {
    const char *s;
    size_t len;
    const subtitle_profile *p;
    size_t *pos;            /* cut candidates (byte offsets), pos[0] = 0, pos[n-1] = len */
    double *cost;           /* break_cost at each candidate, computed once */
    unsigned char *inside;  /* 1 where a candidate falls inside a word (Chinese, Japanese) */
    unsigned char *hints;   /* line_breaks_word_hints: a bound particle (的, 了) next, a
                             * determiner before (所有 | 参与者); Chinese, Japanese */
    size_t *words;          /* words[k]: how many of the candidates 1..k are word boundaries */
    size_t n;
    double *width;          /* display width from 0 to each byte offset (len + 1 entries) */
    unsigned char *markup;  /* 1 for each byte of markup (<i>, {\an8} …: no width, no break inside) */
    double max_cue;         /* the widest a cue may be before it costs too_long_cost */
} sentence_cut;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* width of s[a..b) without its leading and trailing spaces */
static double span_width(const sentence_cut *sc, size_t a, size_t b)
{
    while (a < b && is_space(sc->s[a]))
        a++;
    while (b > a && is_space(sc->s[b - 1]))
        b--;
    return sc->width[b] - sc->width[a];
}

static int starts_upper(const char *s, size_t at, size_t len)
{
    while (at < len && is_space(s[at]))
        at++;
    int32_t i = (int32_t)at;
    UChar32 c;
    if (at >= len)
        return 0;
    U8_NEXT((const uint8_t *)s, i, (int32_t)len, c);
    return c >= 0 && u_isupper(c);
}

/* How good a break at candidate k is (lower is better). */
/* Whether word w (lower-cased by line_last_word) is an initial: one letter and a full
 * stop ("F." of John F. Kennedy), part of a name rather than the end of a clause. */
static int is_initial(const char *w)
{
    int32_t i = 0, n = (int32_t)strlen(w);
    UChar32 c;
    U8_NEXT((const uint8_t *)w, i, n, c);
    return c >= 0 && u_isalpha(c) && i + 1 == n && w[i] == '.';
}

static double break_cost(const sentence_cut *sc, size_t k)
{
    size_t m = sc->pos[k];
    if (m >= sc->len)
        return 0;
    char w[MAX_WORD * 4];
    line_last_word(sc->s, m, w, sizeof w);
    double c = line_end_is_avoided(sc->p, sc->s, m) || (sc->hints[k] & LINE_BREAK_BEFORE_BOUND) ? bad_end_cost : 0;
    if (sc->inside[k] == LINE_BREAK_IN_WORD)
        c += inside_word_cost;
    else if (sc->inside[k] == LINE_BREAK_IN_NAME)
        c += name_part_cost; /* a guess: the name's first and last break are taken in too */
    else if (line_break_splits_name(sc->s, sc->len, m))
        c += name_split_cost; /* 萨蒂亚·|纳德拉: between a name's parts, where a long name
                               * breaks best, but a name kept whole is better still */
    if (line_end_parts_noun_phrase(sc->p, sc->s, sc->len, m) || (sc->hints[k] & LINE_BREAK_AFTER_DETERMINER))
        c += noun_phrase_cost;
    size_t wl = strlen(w);
    if (wl) {
        /* after punctuation is where a reader pauses anyway */
        int32_t i = (int32_t)wl;
        UChar32 last;
        U8_PREV((const uint8_t *)w, 0, i, last);
        if (last == '-' || last == 0x2010)
            c += bad_end_cost; /* inside a hyphenated word: fastest-|growing */
        else if (last >= 0 && u_ispunct(last) && !is_initial(w) && !line_break_splits_name(sc->s, sc->len, m))
            c -= punct_bonus;
        if (!sc->p->half_width_half && (!(last >= 0 && u_ispunct(last)) || is_initial(w)) &&
            starts_upper(sc->s, m, sc->len)) {
            /* two capitalized words side by side: a name, keep it together */
            size_t a = m;
            while (a > 0 && is_space(sc->s[a - 1]))
                a--;
            size_t end = a;
            while (a > 0 && end - a < MAX_WORD * 4 && !is_space(sc->s[a - 1]))
                a--;
            if (a > 0 && !is_space(sc->s[a - 1]))
                a = end; /* a very long word: not a name */
            while (a < end && ((unsigned char)sc->s[a] & 0xC0) == 0x80)
                a++;
            if (a < end && starts_upper(sc->s, a, sc->len))
                c += name_split_cost;
        }
    }
    return c;
}

/* Whether cue [ia, ib) is an orphan: a part of a longer sentence that holds a single word
 * (no word boundary among its inner candidates: "transportation.") or is narrower than
 * half a line ("Кроме того,", "in its governance.", "合作十分重要。"); it flashes by and
 * breaks the sentence's flow. With a third of a line, "…，/ 因此，加强…领域的国际 | 合作十分
 * 重要。" left 7 characters on screen for a second where "…， | 因此，…" fits. */
static int is_orphan(const sentence_cut *sc, size_t ia, size_t ib)
{
    return (ia > 0 || ib + 1 < sc->n) &&
           (sc->words[ib - 1] == sc->words[ia] || span_width(sc, sc->pos[ia], sc->pos[ib]) < sc->p->max_chars / 2);
}

/* Best layout of cue [a, b) in one or two lines: cost, and the line break (0: one line). */
static double layout(const sentence_cut *sc, size_t ia, size_t ib, size_t *split)
{
    size_t a = sc->pos[ia], b = sc->pos[ib];
    double max = sc->p->max_chars;
    *split = 0;
    if (span_width(sc, a, b) <= max)
        return 0;
    if (sc->p->max_lines < 2)
        return INFINITY;
    double best = INFINITY;
    for (size_t im = ia + 1; im < ib; im++) {
        size_t m = sc->pos[im];
        double w1 = span_width(sc, a, m), w2 = span_width(sc, m, b);
        if (w1 > max || w2 > max)
            continue;
        double c = fabs(w1 - w2) / max + (w1 > w2 ? top_longer_cost * (w1 - w2) / max : 0) + sc->cost[im];
        if (c < best) {
            best = c;
            *split = im;
        }
    }
    return best;
}

static char *line_text(const sentence_cut *sc, size_t a, size_t b)
{
    while (a < b && is_space(sc->s[a]))
        a++;
    while (b > a && is_space(sc->s[b - 1]))
        b--;
    char *t = malloc(b - a + 1);
    if (t) {
        memcpy(t, sc->s + a, b - a);
        t[b - a] = '\0';
    }
    return t;
}

int cue_list_add(cue_list *l, cue c)
{
    int rc = vec_reserve(&l->v, &l->cap, l->n + 1, sizeof *l->v);
    if (rc == 0)
        l->v[l->n++] = c;
    return rc;
}

/* Append cut point b to sc->pos. */
static int add_candidate(sentence_cut *sc, size_t *cap, size_t b)
{
    if (sc->n == *cap) {
        size_t *v = realloc(sc->pos, (*cap *= 2) * sizeof *v);
        if (!v)
            return error_nomem();
        sc->pos = v;
    }
    sc->pos[sc->n++] = b;
    return 0;
}

/* Cut points inside [a, b), a stretch with no line break that is wider than a line (a
 * 600-character word, a URL): grapheme boundaries, greedily as far apart as a line holds,
 * so that such a text is cut in time linear in its length instead of handing every
 * grapheme of the sentence to the dynamic programme. */
static int add_wide_word_cuts(sentence_cut *sc, size_t *cap, UBreakIterator *graphemes, size_t a, size_t b)
{
    size_t line_start = a, last = a;
    for (int32_t g = ubrk_following(graphemes, (int32_t)a); g != UBRK_DONE && (size_t)g < b;
         g = ubrk_following(graphemes, g)) {
        if (sc->markup[g - 1] && sc->markup[g])
            continue; /* inside a tag */
        if (span_width(sc, line_start, (size_t)g) > sc->p->max_chars && last > line_start) {
            int rc = add_candidate(sc, cap, last);
            if (rc < 0)
                return rc;
            line_start = last;
        }
        last = (size_t)g;
    }
    return 0;
}

/* Candidate cut points: ICU line breaks, with grapheme boundaries inside a stretch wider
 * than a line; or every grapheme boundary as a last resort. */
static int candidates(sentence_cut *sc, const char *locale, int graphemes)
{
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, sc->s, (int64_t)sc->len, &err);
    UBreakIterator *bi = ubrk_open(graphemes ? UBRK_CHARACTER : UBRK_LINE, locale, NULL, 0, &err);
    UBreakIterator *chars = graphemes ? NULL : ubrk_open(UBRK_CHARACTER, locale, NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    if (chars)
        ubrk_setUText(chars, ut, &err);
    size_t cap = 64;
    sc->n = 0;
    free(sc->pos);
    sc->pos = malloc(cap * sizeof *sc->pos);
    int rc = !sc->pos ? error_nomem() : U_SUCCESS(err) ? 0 : error_set(ERR_SOFTWARE, _("ICU error: %s"), u_errorName(err));
    for (int32_t b = rc == 0 ? ubrk_first(bi) : UBRK_DONE; b != UBRK_DONE && rc == 0; b = ubrk_next(bi)) {
        if (b > 0 && (size_t)b < sc->len && sc->markup[b - 1] && sc->markup[b])
            continue; /* inside a tag */
        if (chars && sc->n && span_width(sc, sc->pos[sc->n - 1], (size_t)b) > sc->p->max_chars)
            rc = add_wide_word_cuts(sc, &cap, chars, sc->pos[sc->n - 1], (size_t)b);
        if (rc == 0)
            rc = add_candidate(sc, &cap, (size_t)b);
    }
    ubrk_close(chars);
    ubrk_close(bi);
    utext_close(ut);
    return rc;
}

static int widths(sentence_cut *sc)
{
    sc->width = calloc(sc->len + 1, sizeof *sc->width);
    sc->markup = calloc(sc->len + 1, 1);
    if (!sc->width || !sc->markup)
        return error_nomem();
    for (size_t a = 0, n; a < sc->len; a += n ? n : 1)
        if ((n = markup_length(sc->s + a)) && a + n <= sc->len)
            memset(sc->markup + a, 1, n);
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, sc->s, (int64_t)sc->len, &err);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    double w = 0;
    int32_t a = U_SUCCESS(err) ? ubrk_first(bi) : UBRK_DONE;
    for (int32_t b; a != UBRK_DONE && (b = ubrk_next(bi)) != UBRK_DONE; a = b) {
        int32_t i = a;
        UChar32 c;
        U8_NEXT((const uint8_t *)sc->s, i, b, c);
        if (!sc->markup[a])
            w += sc->p->half_width_half && c >= 0 && is_half_width(c) ? 0.5 : 1.0;
        for (int32_t k = a + 1; k <= b; k++)
            sc->width[k] = k == b ? w : sc->width[a];
    }
    ubrk_close(bi);
    utext_close(ut);
    return 0;
}

/* Tags a cut leaves open in cues [first, n) carried over into the next (markup.h). */
static int carry_markup_over(cue_list *out, size_t first)
{
    size_t n = out->n - first;
    char **texts = malloc((n ? n : 1) * sizeof *texts);
    if (!texts)
        return error_nomem();
    for (size_t k = 0; k < n; k++)
        texts[k] = out->v[first + k].text;
    int rc = markup_carry_over(texts, n);
    for (size_t k = 0; k < n; k++) /* replaced or not, each pointer is valid */
        out->v[first + k].text = texts[k];
    free(texts);
    return rc < 0 ? error_nomem() : 0;
}

/* Cut one sentence into cues appended to out, none wider than max_cue where a cut fits. */
static int cut_sentence(const char *lang, const subtitle_profile *p, const char *text, size_t sentence, size_t para,
                        double max_cue, cue_list *out)
{
    sentence_cut sc = {text, strlen(text), p, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, max_cue};
    size_t first = out->n;
    int rc = widths(&sc);
    double *best = NULL;
    size_t *from = NULL, *split = NULL;
    for (int graphemes = 0; rc == 0 && graphemes < 2; graphemes++) {
        if ((rc = candidates(&sc, lang, graphemes)) < 0)
            break;
        free(sc.cost);
        free(sc.inside);
        free(sc.hints);
        free(sc.words);
        sc.cost = malloc((sc.n + 1) * sizeof *sc.cost);
        sc.inside = malloc(sc.n + 1);
        sc.hints = malloc(sc.n + 1);
        sc.words = malloc((sc.n + 1) * sizeof *sc.words);
        if (!sc.cost || !sc.inside || !sc.hints || !sc.words) {
            rc = error_nomem();
            break;
        }
        if ((rc = line_breaks_words(lang, p, sc.s, sc.len, sc.pos, sc.n, sc.inside, sc.hints)) < 0)
            break;
        for (size_t k = 0; k < sc.n; k++) {
            sc.cost[k] = break_cost(&sc, k);
            sc.words[k] = (k ? sc.words[k - 1] : 0) + (k > 0 && !sc.inside[k]);
        }
        free(best);
        free(from);
        free(split);
        best = malloc(sc.n * sizeof *best);
        from = malloc(sc.n * sizeof *from);
        split = malloc(sc.n * sizeof *split);
        if (!best || !from || !split) {
            rc = error_nomem();
            break;
        }
        best[0] = 0;
        for (size_t j = 1; j < sc.n; j++) {
            best[j] = INFINITY;
            for (size_t i = j; i-- > 0;) {
                double w = span_width(&sc, sc.pos[i], sc.pos[j]);
                if (w > p->max_chars * p->max_lines)
                    break; /* earlier starts only make the cue longer */
                size_t s;
                double c = best[i] + 1 + layout(&sc, i, j, &s) + sc.cost[j] +
                           (is_orphan(&sc, i, j) ? orphan_cost : 0) +
                           (w > sc.max_cue ? too_long_cost * (1 + (w - sc.max_cue) / sc.max_cue) : 0);
                if (c < best[j]) {
                    best[j] = c;
                    from[j] = i;
                    split[j] = s;
                }
            }
        }
        if (sc.n > 1 && isfinite(best[sc.n - 1]))
            break;
    }
    /* walk back and emit in order */
    size_t count = 0, j = sc.n ? sc.n - 1 : 0;
    size_t *chain = rc == 0 && sc.n > 1 ? malloc(sc.n * sizeof *chain) : NULL;
    for (; chain && j > 0; j = from[j])
        chain[count++] = j;
    for (size_t k = count; k-- > 0 && rc == 0;) {
        size_t e = chain[k], b = from[e], m = split[e];
        char *l1 = line_text(&sc, sc.pos[b], m ? sc.pos[m] : sc.pos[e]);
        char *l2 = m ? line_text(&sc, sc.pos[m], sc.pos[e]) : NULL;
        size_t n1 = l1 ? strlen(l1) : 0;
        char *t = l1 && (!m || l2) ? malloc(n1 + (l2 ? strlen(l2) + 2 : 1)) : NULL;
        if (t) {
            memcpy(t, l1, n1 + 1);
            if (l2) {
                t[n1] = '\n';
                strcpy(t + n1 + 1, l2);
            }
        }
        free(l1);
        free(l2);
        if (!t) {
            rc = error_nomem();
            break;
        }
        if (!*t || (t[0] == '\n' && !t[1])) {
            free(t);
            continue;
        }
        cue c = {t, sentence, para, k == 0, speech_weight(t, lang), cue_reading_width(t, p), 0, 0, 0};
        if ((rc = cue_list_add(out, c)) < 0)
            free(t);
    }
    if (rc == 0 && strpbrk(text, "<{"))
        rc = carry_markup_over(out, first);
    free(chain);
    free(best);
    free(from);
    free(split);
    free(sc.pos);
    free(sc.cost);
    free(sc.inside);
    free(sc.hints);
    free(sc.words);
    free(sc.width);
    free(sc.markup);
    return rc;
}

int cues_build(const char *lang, const subtitle_profile *p, const char *const *sentences, const size_t *para,
               size_t n, cue_list *out)
{
    memset(out, 0, sizeof *out);
    int rc = 0;
    for (size_t s = 0; s < n && rc == 0; s++)
        rc = cut_sentence(lang, p, sentences[s], s, para[s], INFINITY, out);
    if (rc < 0)
        cues_free(out);
    return rc;
}

int cue_reads_too_fast(const cue *c, const subtitle_profile *p)
{
    double shown = c->end - c->start;
    return c->chars > 0 && (shown <= 0 || c->chars / shown > p->max_cps + 1e-9);
}

char *cue_list_text(const cue_list *l, size_t *len)
{
    size_t size = 1;
    for (size_t k = 0; k < l->n; k++)
        size += strlen(l->v[k].text) + 1;
    char *all = malloc(size);
    size_t at = 0;
    for (size_t k = 0; all && k < l->n; k++)
        at += (size_t)sprintf(all + at, "%s\n", l->v[k].text);
    if (all)
        all[at] = '\0';
    *len = at;
    return all;
}

void cues_free(cue_list *l)
{
    for (size_t k = 0; k < l->n; k++)
        free(l->v[k].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* How long each of parts lasts when they share a span of `span` seconds by reading width,
 * with `gap` between two of them; durations into d (parts->n entries, may be NULL).
 * Returns the longest. */
static double share_span(const cue_list *parts, double span, double gap, double *d)
{
    double total = 0, longest = 0, n = (double)parts->n;
    for (size_t k = 0; k < parts->n; k++)
        total += parts->v[k].chars;
    double usable = span - gap * (n - 1);
    if (usable <= 0)
        usable = span; /* no room for the gaps: back to back */
    for (size_t k = 0; k < parts->n; k++) {
        double share = usable * (total > 0 ? parts->v[k].chars / total : 1.0 / n);
        longest = fmax(longest, share);
        if (d)
            d[k] = share;
    }
    return longest;
}

int cues_cut_over(const char *lang, const subtitle_profile *p, const char *text, size_t para_no, size_t unit,
                  double t0, double t1, cue_list *out, size_t *nparts)
{
    /* A text that needs several cues anyway is cut into enough of them that none's share
     * of the span (the gaps between them taken out) outlasts the longest cue: each no
     * wider than the text's width in that share, narrower again while a piece still
     * outlasts it, but never under half a line (no orphan of a word or two to fill time).
     * A text one cue holds stays one cue, shown for the longest a cue may be: a subtitler
     * does not split "Thank you." because the speaker took 20 s. */
    double gap = profile_gap_to_write(p->min_gap_frames, SUBTITLE_DEFAULT_FPS), longest_cue = p->max_duration;
    double span = t1 - t0, width = cue_reading_width(text, p), max_cue = INFINITY;
    if (span > longest_cue && width > p->max_chars * p->max_lines)
        max_cue = fmax(width * longest_cue / span, p->max_chars / 2);
    cue_list parts = {0};
    int rc = 0;
    for (int round = 0; rc == 0 && round < 4; round++) {
        cues_free(&parts);
        if ((rc = cut_sentence(lang, p, text, 0, para_no, max_cue, &parts)) < 0)
            break;
        double longest = share_span(&parts, span, gap, NULL);
        if (longest <= longest_cue + 1e-9 || !isfinite(max_cue) || max_cue <= p->max_chars / 2)
            break;
        max_cue = fmax(max_cue * longest_cue / longest, p->max_chars / 2);
    }
    double *d = rc == 0 ? malloc((parts.n + 1) * sizeof *d) : NULL;
    if (rc == 0 && !d)
        rc = error_nomem();
    if (rc < 0) {
        cues_free(&parts);
        free(d);
        return rc;
    }
    if (nparts)
        *nparts = parts.n;
    share_span(&parts, span, gap, d);
    double at = t0;
    for (size_t k = 0; k < parts.n && rc == 0; k++) {
        cue c = parts.v[k];
        c.sentence = unit;
        c.start = at;
        c.end = fmin(k + 1 < parts.n ? at + d[k] : t1, at + p->max_duration);
        at += d[k] + (span - gap * (double)(parts.n - 1) > 0 ? gap : 0);
        if ((rc = cue_list_add(out, c)) == 0)
            parts.v[k].text = NULL;
    }
    free(d);
    cues_free(&parts);
    return rc;
}
