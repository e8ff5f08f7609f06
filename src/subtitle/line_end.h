/* line_end.h — what may end a subtitle line. A subtitler never ends a line on a word that
 * leans on the next (an article, a preposition, a conjunction: the profile's list) and
 * never breaks where Unicode line breaking (UAX #14) allows no break, such as before
 * closing punctuation or after an opening bracket in Chinese. The cue cutter (cues.c)
 * avoids such breaks; `srt check` reports them in files made elsewhere. Nor does a line
 * end inside a word of a language written without spaces (UAX #14 allows a break between
 * any two ideographs), nor inside a transliterated name at its middle dot, nor, where
 * another break fits, between an adjective and its noun, after a subject pronoun and its
 * auxiliaries, or before a bound particle (的, 了): the cutter weighs these. */
#ifndef POLYALIGN_SUBTITLE_LINE_END_H
#define POLYALIGN_SUBTITLE_LINE_END_H

#include <stddef.h>

#include "profile.h"

/* The word that ends s[0..end) (trailing spaces skipped), lower-cased, into w (size
 * bytes; "" when there is none). */
void line_last_word(const char *s, size_t end, char *w, size_t size);

/* Whether `word` (lower case; quotation marks around it do not count) must not end a line
 * under the profile: an article, preposition, conjunction or possessive. */
int line_end_word_is_weak(const subtitle_profile *p, const char *word);

/* The same, or a word the line breaker keeps off a line end where it can (a subject
 * pronoun, kept with its verb), though a line may end with it. */
int line_end_word_is_avoided(const subtitle_profile *p, const char *word);

/* Whether a line ending at byte m of s is one the line breaker avoids: its last word is
 * weak or avoided, or is an auxiliary after an avoided word ("it has | found", "мы будем |
 * работать": a subject pronoun kept with its verb). */
int line_end_is_avoided(const subtitle_profile *p, const char *s, size_t m);

/* Whether a line break at byte m of s[0..len) likely parts a noun phrase, an adjective or
 * a determiner from its noun (profile.h, adjective_hints): the word before the break is a
 * determiner ("every | participating"), has an adjective's ending, or follows a determiner
 * without a noun's ending ("an annual | report", "the third | ministerial"), and the word
 * after it is a content word: it begins with a letter and is none of the profile's listed
 * words ("an annual | and", "the state | of" are not); or the word after it is a
 * coordinator before a second adjective and their noun ("a more equal | and fair model",
 * "равноправную | и справедливую модель"). A guess without a tagger: the cutter only
 * avoids such a break. */
int line_end_parts_noun_phrase(const subtitle_profile *p, const char *s, size_t len, size_t m);

/* For each break position pos[0..n) (ascending byte offsets into s[0..len)), whether it
 * falls inside a word: inside[k] = LINE_BREAK_IN_WORD inside a dictionary word,
 * LINE_BREAK_IN_NAME probably inside a part of a transliterated name (single characters
 * on the way to a middle dot: 萨|蒂亚·纳德拉; a guess, since where the name begins and ends
 * is not known), else 0. Only in Chinese and Japanese (lang_joins_unspaced), whose words
 * ICU's word break iterator finds with its dictionary; elsewhere all 0. 0 or a negative
 * error code. */
enum { LINE_BREAK_IN_WORD = 1, LINE_BREAK_IN_NAME = 2 };
int line_breaks_inside_words(const char *lang, const char *s, size_t len, const size_t *pos, size_t n,
                             unsigned char *inside);

/* What the words around each break position pos[0..n) of s[0..len) say, in a language
 * written without spaces (lang_joins_unspaced), words as ICU's dictionary finds them:
 * hints[k] has LINE_BREAK_BEFORE_BOUND when the next line would start with a bound
 * particle of the profile's no_line_start (的, 了), LINE_BREAK_AFTER_DETERMINER when the
 * line would end with a determiner of its adjective hints, or a measure word after one or
 * after a numeral, before a content word (所有 | 参与者, 一个 | 命运共同体). Elsewhere all 0.
 * 0 or a negative error code. */
enum { LINE_BREAK_BEFORE_BOUND = 1, LINE_BREAK_AFTER_DETERMINER = 2 };
int line_breaks_word_hints(const char *lang, const subtitle_profile *p, const char *s, size_t len,
                           const size_t *pos, size_t n, unsigned char *hints);

/* Both of the above from one pass of ICU's word iterator, as the cutter needs them. */
int line_breaks_words(const char *lang, const subtitle_profile *p, const char *s, size_t len, const size_t *pos,
                      size_t n, unsigned char *inside, unsigned char *hints);

/* Whether a break at byte m of s[0..len) falls beside a middle dot (U+00B7, U+30FB) between
 * two Chinese or Japanese characters, inside a transliterated name (萨蒂亚·|纳德拉): never
 * a place for a line to end or start. */
int line_break_splits_name(const char *s, size_t len, size_t m);

/* Whether two lines of a language written without spaces, s[0..n) and the text at next,
 * join without a space as running text: where a wide character (an ideograph, full-width
 * punctuation) ends the one or begins the other; two runs of Latin letters or digits keep
 * a space between them, as they were written. */
int line_join_unspaced(const char *s, size_t n, const char *next);

typedef enum {
    LINE_BREAK_FINE,
    LINE_BREAK_WEAK_WORD,   /* the line ends with a word that leans on the next */
    LINE_BREAK_FORBIDDEN,   /* UAX #14 has no break opportunity between the lines */
} line_break_verdict;

/* The verdict on a line break between `line` and `next` in language `lang` (UAX #14 is
 * asked only in languages written without spaces); word (size bytes) gets the line's last
 * word. A negative error code when ICU fails. */
int line_break_judge(const char *lang, const subtitle_profile *p, const char *line, const char *next, char *word,
                     size_t size);

#endif
