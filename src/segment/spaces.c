/* spaces.c — the whitespace and the quote marks around a break.
 *
 * A break ICU proposes comes after the spaces that follow a sentence; the rules speak of
 * the position right after its punctuation, and a sentence is printed without the spaces
 * around it. The spaces trimmed are ASCII's, U+00A0 and U+3000, read as bytes: these run
 * at every break. Opening quotes and brackets before a break belong to the sentence after
 * it (UAX #29 counts every quote as Close); closing quotes ICU does not know for marks
 * (` and the HTML entities of ' and ") belong to the sentence before, and so does a
 * straight quote standing apart that closes an open quotation ("phrase. ' And"). */
#include "segmenter_impl.h"

#include <string.h>

#include <unicode/uchar.h>

#include "../text/utf8.h"

/* Length of an opening quote or bracket (Unicode Pi or Ps) ending at text[i], or 0.
 * UAX #29 counts every quote as Close, so "。“Next" would keep “ with the sentence
 * before; an opening mark always belongs to the sentence after. */
size_t opener_before(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    size_t bytes;
    UChar32 c = utf8_char_before(t, i, &bytes);
    int8_t type = c < 0 ? 0 : u_charType(c);
    return type == U_INITIAL_PUNCTUATION || type == U_START_PUNCTUATION ? bytes : 0;
}

/* Length of the whitespace character ending at text[i] (exclusive end), or 0. */
size_t space_before(const char *t, size_t i)
{
    if (i >= 1 && (t[i - 1] == ' ' || (t[i - 1] >= '\t' && t[i - 1] <= '\r')))
        return 1;
    if (i >= 2 && (unsigned char)t[i - 2] == 0xC2 && (unsigned char)t[i - 1] == 0xA0)
        return 2; /* U+00A0 */
    if (i >= 3 && (unsigned char)t[i - 3] == 0xE3 && (unsigned char)t[i - 2] == 0x80 &&
        (unsigned char)t[i - 1] == 0x80)
        return 3; /* U+3000 ideographic space */
    return 0;
}

size_t space_after(const char *t, size_t i, size_t len)
{
    if (i < len && (t[i] == ' ' || (t[i] >= '\t' && t[i] <= '\r')))
        return 1;
    if (i + 1 < len && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (i + 2 < len && (unsigned char)t[i] == 0xE3 && (unsigned char)t[i + 1] == 0x80 &&
        (unsigned char)t[i + 2] == 0x80)
        return 3;
    return 0;
}

int is_blank_line(const char *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!(t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\f' || t[i] == '\v'))
            return 0;
    return 1;
}

/* The first character from byte i on that is not White_Space (or `to`). */
size_t skip_spaces(const char *text, size_t len, size_t i, size_t to)
{
    size_t k;
    while (i < to && (k = space_after(text, i, len)) != 0)
        i += k;
    return i;
}

/* Length of a quote mark at t[i] that UAX #29 does not count as Close: ` (the ``…'' of
 * LaTeX and of treebank text) and the HTML entities of ' and " left in text taken from
 * web pages ("сезону.&#39;&#39; Тем"). Else 0. */
static size_t plain_quote_at(const char *t, size_t i, size_t to)
{
    static const char *const entities[] = {"&#39;", "&#039;", "&#34;", "&quot;", "&apos;"};
    if (t[i] == '`')
        return 1;
    if (t[i] != '&')
        return 0;
    for (size_t k = 0; k < sizeof entities / sizeof *entities; k++) {
        size_t n = strlen(entities[k]);
        if (to - i >= n && memcmp(t + i, entities[k], n) == 0)
            return n;
    }
    return 0;
}

size_t closing_quotes_after(const char *t, size_t p, size_t to, int glued)
{
    size_t i = p, k;
    while (i < to && (k = plain_quote_at(t, i, to)) != 0)
        i += k;
    if (i == p)
        return p;
    size_t quotes_end = i;
    while (i < to && (t[i] == '.' || t[i] == '!' || t[i] == '?'))
        i++;
    if (!glued && i == quotes_end)
        return p; /* after a space a quote may as well open the next sentence */
    return i == to || space_after(t, i, to) ? i : p;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Bytes of the straight quote mark at t[i]: ' or the '' of treebank and wiki text ("the
 * series '' American Dad ! '' ."), which counts as one mark; 0 for anything else. */
static size_t straight_quote_at(const char *t, size_t i, size_t to)
{
    if (t[i] != '\'')
        return 0;
    return i + 1 < to && t[i + 1] == '\'' ? 2 : 1;
}

/* Is t[i..] the rest of an English clitic that tokenized text writes apart ("Sebadoh 's",
 * "they 're", "we 'll", "I 'm"), followed by a space or the end? */
static int is_clitic(const char *t, size_t i, size_t to)
{
    static const char *const rests[] = {"s", "S", "re", "ll", "ve", "d", "m"};
    for (size_t k = 0; k < sizeof rests / sizeof *rests; k++) {
        size_t n = strlen(rests[k]);
        if (to - i >= n && memcmp(t + i, rests[k], n) == 0 && (i + n == to || !is_word_byte((unsigned char)t[i + n])))
            return 1;
    }
    return 0;
}

/* The state after the straight quote of n bytes at t[i], given its neighbours. */
static void quote_turn(quote_parity *qp, const char *t, size_t len, size_t i, size_t n, size_t to)
{
    unsigned char before = i > 0 ? (unsigned char)t[i - 1] : ' ', after = i + n < to ? (unsigned char)t[i + n] : ' ';
    int apart_before = before == ' ' || (before >= '\t' && before <= '\r');
    int apart_after = i + n >= to || space_after(t, i + n, len) != 0;
    if (n == 1 && is_word_byte(before) && is_word_byte(after))
        return; /* an apostrophe: don't, l'homme */
    if (n == 1 && apart_before && is_clitic(t, i + 1, to))
        return; /* a clitic of tokenized text: "Sebadoh 's album", "they 're" */
    qp->seen = 1;
    if (apart_before && apart_after)
        qp->open = !qp->open;
    else if (apart_before || before == '(' || before == '[')
        qp->open = 1;
    else
        qp->open = 0; /* after a word or a mark it closes what is open; with nothing
                         open, a possessive ("the students' books") */
}

/* Is there no straight quote of n bytes standing apart (a space before it, no clitic) in
 * t[from..to), the rest of the stretch (which ends at the paragraph's end), within
 * PARTNER_REACH bytes? Then the first quote of a paragraph, which would open a quotation
 * there, has nothing to close it: it closes one opened before the text we see ("what to
 * do ? '' Graham was"). 0 when the search stops at PARTNER_REACH (too far to say). */
enum { PARTNER_REACH = 4096 };
static int no_partner_after(const char *t, size_t from, size_t to, size_t n)
{
    size_t end = to - from > PARTNER_REACH ? from + PARTNER_REACH : to;
    for (size_t i = from; i < end;) {
        const char *q = memchr(t + i, '\'', end - i);
        if (!q)
            break;
        i = (size_t)(q - t);
        size_t k = straight_quote_at(t, i, end);
        if (k == n && space_before(t, i) && !(n == 1 && is_clitic(t, i + 1, end)))
            return 0;
        i += k;
    }
    return end == to;
}

/* Does what starts at byte i go on a sentence rather than start one: a comma, semicolon
 * or colon, or a word in lower case? */
int continues_sentence(const char *t, size_t i, size_t to)
{
    if (i >= to)
        return 0;
    if (t[i] == ',' || t[i] == ';' || t[i] == ':')
        return 1;
    size_t bytes;
    UChar32 c = utf8_char_at(t, to, i, &bytes);
    return c >= 0 && u_islower(c);
}

size_t detached_quote_closes(quote_parity *qp, const char *t, size_t len, size_t p, size_t to)
{
    /* the next ' and the next ` from i on (p when none), each looked for again only once
     * passed, so that the walk stays linear in the text */
    size_t next_straight = qp->at, next_back = qp->at;
    for (size_t i = qp->at, n = 1; i < p; i += n) {
        if (next_straight < i || (next_straight == i && t[i] != '\'')) {
            const char *q = memchr(t + i, '\'', p - i);
            next_straight = q ? (size_t)(q - t) : p;
        }
        if (next_back < i || (next_back == i && t[i] != '`')) {
            const char *q = memchr(t + i, '`', p - i);
            next_back = q ? (size_t)(q - t) : p;
        }
        i = next_straight < next_back ? next_straight : next_back;
        n = 1;
        if (i >= p)
            break;
        if (t[i] == '`' && i + 1 < to && t[i + 1] == '`') {
            qp->open = qp->seen = 1; /* the treebank's opening `` */
            n = 2;
        } else if (t[i] == '\'') {
            n = straight_quote_at(t, i, to);
            quote_turn(qp, t, len, i, n, to);
        }
    }
    if (p > qp->at)
        qp->at = p;
    /* only ': a " standing apart goes on with what follows, as razdel's Russian and the
     * tokenized text it comes from has it ("чуда . ! " | "), and so do ours */
    size_t n = p < to ? straight_quote_at(t, p, to) : 0;
    if (n == 0 || p == 0 || !space_before(t, p))
        return 0;
    if (p + n < to && !space_after(t, p + n, len))
        return 0;
    /* a quotation it closes is open, or what follows goes on the sentence: a mark standing
     * apart before a comma or a lower-case word closes, whatever came before ("the
     * shower. ' , Tim then turned", "boy? ' he said") */
    size_t q = skip_spaces(t, len, p + n, to);
    if (!qp->open && !continues_sentence(t, q, to) && (qp->seen || !no_partner_after(t, p + n, to, n)))
        return 0;
    /* a full stop standing apart after it ends the same sentence: "Dad ! '' ." */
    if (q < to && t[q] == '.' && (q + 1 == to || space_after(t, q + 1, len)))
        return q + 1 - p;
    return n;
}
