/* tokens.h — the characters and tokens the boundary model reads.
 *
 * The boundary features (boundary_features.h) and the document statistics (doc_stats.h)
 * must see the same tokens and the same words, or a word counted in the document would
 * never be found again at a candidate. So both take them from here: a character's class
 * (capital, lower case, digit, ideograph, sentence-final mark, quote …), the token that
 * ends or starts at a position (text between spaces), its word (the token without the
 * quotes, brackets and punctuation around it) and that word's case-folded hash. */
#ifndef POLYALIGN_TOKENS_H
#define POLYALIGN_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/umachine.h>

#include "../text/space.h" /* char_is_space */

typedef enum {
    CH_NONE = 0,    /* no character (an edge of the text) */
    CH_UPPER,       /* Lu, Lt */
    CH_LOWER,       /* Ll */
    CH_LETTER,      /* other letters and marks (Lo, Lm, M*), but not ideographs */
    CH_HAN,         /* ideographs, kana */
    CH_DIGIT,       /* Nd and other numbers */
    CH_TERM,        /* sentence-final marks: . ! ? 。 ！ ？ … (Sentence_Terminal, ellipsis) */
    CH_OPEN,        /* opening quotes and brackets (Ps, Pi) */
    CH_CLOSE,       /* closing quotes and brackets (Pe, Pf), and the ASCII quotes */
    CH_DASH,        /* Pd */
    CH_PAUSE,       /* , ; : and their full-width forms */
    CH_SYMBOL,      /* S*: emoji, math, currency, modifiers */
    CH_PUNCT,       /* other punctuation: / @ # * & … */
    CH_SPACE        /* White_Space */
} char_class;

/* The class of c beyond ASCII (tokens.c); char_class_of below is the one to call. */
char_class char_class_wide(UChar32 c);

/* ASCII's classes, one byte each (letters, digits and marks alike). */
extern const uint8_t ascii_char_class[128];

/* The class of code point c (-1: CH_NONE). Inline: it is asked of nearly every character
 * around every candidate. */
static inline char_class char_class_of(UChar32 c)
{
    return c >= 0 && c < 128 ? (char_class)ascii_char_class[c] : char_class_wide(c);
}

/* Word characters: letters, marks, digits and ideographs. */
static inline int char_class_is_word(char_class k)
{
    return k == CH_UPPER || k == CH_LOWER || k == CH_LETTER || k == CH_HAN || k == CH_DIGIT;
}

/* The token ending at byte `end` (text between spaces), at most `max` bytes long and not
 * before `lo`: its start. */
size_t token_start_before(const char *text, size_t lo, size_t end, size_t max);

/* The token starting at byte `start`, ending before `hi` or after `max` bytes: its end. */
size_t token_end_after(const char *text, size_t len, size_t hi, size_t start, size_t max);

/* The word of token [from, to): the token without the punctuation and symbols at its two
 * ends ("(AFP)" -> "AFP", "“Hello," -> "Hello", "U.S." -> "U.S"), in *wfrom, *wto (empty
 * when the token holds no word character). */
void token_word(const char *text, size_t from, size_t to, size_t *wfrom, size_t *wto);

/* 64-bit hash of text[from, to) case-folded (so "The" and "the" are one type). */
uint64_t word_hash(const char *text, size_t from, size_t to);

#endif
