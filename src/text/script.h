/* script.h — whether a text is written in the script of a language, and which language
 * a text is in, guessed from its script.
 *
 * `subtitle --lang en` on a Chinese transcript cuts 37-character lines of ideographs, all
 * within the English limits and all wrong. The text's main script (the one most of its
 * letters are in) is compared with the script ICU's likely-subtags data gives the
 * language (en -> Latn, ru -> Cyrl, zh -> Hans, ja -> Jpan); Han, kana and Hangul count
 * as one family, which Chinese, Japanese and Korean are all written in. */
#ifndef POLYALIGN_TEXT_SCRIPT_H
#define POLYALIGN_TEXT_SCRIPT_H

#include <stddef.h>

#include "lang.h"

/* Letters by script, counted over one text or several (a transcript's sentences, a
 * track's cues) without joining them. */
typedef struct {
    int codes[8];           /* UScriptCode; the few scripts a transcript mixes */
    size_t counts[8], nscripts, letters;
} script_tally;

void script_tally_add(script_tally *t, const char *text, size_t len);

/* 1 when the tallied text can be in language `tag`, or has too few letters (under 20), or
 * no script has most of them; 0 when it is mostly in another script, whose ISO 15924 name
 * ("Hani", "Cyrl", "Latn" …) goes to script[8]. */
int script_tally_fits(const script_tally *t, const char *tag, char script[8]);

/* The same for one text. */
int script_fits_language(const char *text, size_t len, const char *tag, char script[8]);

/* The language of text[0..len) guessed from the script most of its letters are in (the
 * first 20,000 letters; one Han character weighs as three letters, carrying what three
 * or four Latin letters do): zh-CN for Han, ru-RU for Cyrillic, en-US for Latin; "" when
 * it has no letters. Every command that takes --lang guesses it this way without it.
 * Returns how many letters were counted: a prefix of a text with SCRIPT_GUESS_LETTERS of
 * them is guessed as the whole text is (segment reads large files in blocks). */
enum { SCRIPT_GUESS_LETTERS = 20000 };
size_t script_guess_language(const char *text, size_t len, char out[LANG_TAG_MAX]);

/* The same, English when the text has no letters to tell: what a command without --lang
 * segments in. */
void script_language_or_english(const char *text, size_t len, char out[LANG_TAG_MAX]);

#endif
