/* script.h — whether a text is written in the script of a language.
 *
 * `subtitle --lang en` on a Chinese transcript cuts 37-character lines of ideographs, all
 * within the English limits and all wrong. The text's main script (the one most of its
 * letters are in) is compared with the script ICU's likely-subtags data gives the
 * language (en -> Latn, ru -> Cyrl, zh -> Hans, ja -> Jpan); Han, kana and Hangul count
 * as one family, which Chinese, Japanese and Korean are all written in. */
#ifndef POLYALIGN_TEXT_SCRIPT_H
#define POLYALIGN_TEXT_SCRIPT_H

#include <stddef.h>

/* 1 when text[0..len) can be in language `tag`, or has too few letters (under 20), or no
 * script has most of them; 0 when it is mostly in another script, whose ISO 15924 name
 * ("Hani", "Cyrl", "Latn" …) goes to script[8]. */
int script_fits_language(const char *text, size_t len, const char *tag, char script[8]);

#endif
