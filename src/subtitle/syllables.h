/* syllables.h — how long a piece of text takes to say, in syllables, for the duration
 * timing model (timing.c): words by spelling rules, and what is read out longer or
 * shorter than it is written (numbers, acronyms, abbreviations, symbols) by the words a
 * speaker says for it. */
#ifndef POLYALIGN_SUBTITLE_SYLLABLES_H
#define POLYALIGN_SUBTITLE_SYLLABLES_H

/* Spoken syllables of UTF-8 `text` in language `lang` (BCP 47; en, ru and zh have their
 * own number readings, other languages count vowel groups and read digits one by one).
 * Chinese characters count one syllable each in any language. Punctuation counts 0. */
double syllables_count(const char *text, const char *lang);

/* How long `text` takes to say, in syllable nuclei: its syllables plus 0.6 of one for
 * each consonant, so that "strengths" weighs more than "area" (a syllable's length grows
 * with its consonants; English syllables vary most). At least 0.5. */
double speech_weight(const char *text, const char *lang);

/* Syllables of the cardinal number n (< 10^12) read in `lang` ("en", "ru", "zh"). */
int syllables_cardinal(unsigned long long n, const char *lang);

#endif
