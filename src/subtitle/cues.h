/* cues.h — a transcript's sentences cut into subtitle cues of at most two lines.
 *
 * Lines break only where ICU's line breaker (UAX #14) allows, which also keeps CJK
 * punctuation rules; among those places the cutter picks by a small cost minimization,
 * not a greedy fill: one line when the text fits; balanced lines, the lower one rather
 * longer; breaks after punctuation preferred; never after an article, preposition or
 * pronoun of the profile's list (nor a pronoun's auxiliary), nor between two capitalized
 * words (a first and last name); in Chinese and Japanese never inside a word (ICU's
 * dictionary) nor before a bound particle, and nowhere between a likely adjective and its
 * noun, unless nothing else fits (line_end.h). A long sentence continues over several
 * cues, each ending where it reads best by the same rules, none of them a lone word or
 * less than half a line when another cut fits.
 * Widths are grapheme clusters (ICU character breaks), half-width ones counting 0.5 in
 * Chinese, as the style guides count them. */
#ifndef POLYALIGN_SUBTITLE_CUES_H
#define POLYALIGN_SUBTITLE_CUES_H

#include <stddef.h>
#include <stdint.h>

#include "profile.h"

typedef struct {
    char *text;             /* one or two lines joined by '\n' */
    size_t sentence, para;  /* where it comes from */
    int ends_sentence;      /* the last cue of its sentence */
    double weight;          /* how long it takes to say: spoken syllables weighted by their consonants (syllables.h) */
    double chars;           /* how long it takes to read: display characters */
    double start, end;      /* seconds, set by a timing source */
    double latest_end;      /* > 0: the cue may not stay up past it (untranscribed speech follows) */
} cue;

typedef struct {
    cue *v;
    size_t n, cap;
} cue_list;

/* Cut sentences[0..n) (with their paragraph numbers) into cues for `lang`. */
int cues_build(const char *lang, const subtitle_profile *p, const char *const *sentences, const size_t *para,
               size_t n, cue_list *out);

/* Append a cue (the list takes its text). 0 or -ERR_IO. */
int cue_list_add(cue_list *l, cue c);

/* Cut one text (of paragraph para_no, from sentence or unit `unit`) into cues under the
 * profile, share [t0, t1] among them by their reading widths, the profile's minimum gap
 * (two frames at SUBTITLE_DEFAULT_FPS) between two of them, and append
 * them to out: how a translated sentence takes its source's time, and how `srt fix`
 * re-breaks a cue. A span longer than the profile's longest cue is cut into enough cues
 * that each one's share fits it, wherever the text has the cuts, so that they tile the
 * span without a hole. *nparts (may be NULL) gets how many cues it became. 0 or a
 * negative error code. */
int cues_cut_over(const char *lang, const subtitle_profile *p, const char *text, size_t para_no, size_t unit,
                  double t0, double t1, cue_list *out, size_t *nparts);

/* Whether the cue is up too briefly to be read at the profile's reading speed. */
int cue_reads_too_fast(const cue *c, const subtitle_profile *p);

/* Display width of a UTF-8 line under the profile. */
double cue_text_width(const char *text, const subtitle_profile *p);

/* Display width of a cue's text, its lines added up (a line break is not read): the
 * measure of reading speed, a cue's `chars`, and what cues_cut_over shares time by. */
double cue_reading_width(const char *text, const subtitle_profile *p);

/* Code points of a UTF-8 text that are not whitespace nor markup (markup.h: a source
 * track's <i> is not in its transcript, and a cut adds tags). Cutting a transcript into cues
 * changes only its whitespace, so the k-th visible character of a sentence is the k-th
 * of its cues: how a cue is found in its sentence, and a time in the transcript. */
size_t cue_text_visible_chars(const char *text);

/* The next visible character of text[0..len) from byte *i on (markup and whitespace
 * skipped), *i moved past it; -1 at the end. */
int32_t cue_text_next_visible(const char *text, size_t len, size_t *i);

/* The byte of `text` where its visible character `nth` (0-based) starts; the length of
 * the text when it has no more. */
size_t cue_text_visible_byte(const char *text, size_t nth);

/* Texts parts[0..n) (cues, or the lines of one) as one line of running text in `lang`: a
 * line break or a bare CR becomes a space, or nothing in a language written without
 * spaces where both sides are its script; TABs and runs of spaces become one space;
 * no space at either end. NULL when out of memory. */
char *cue_text_unwrap(const char *const *parts, size_t n, const char *lang);

/* All the cues' text, one cue a line (malloc'd, *len its length; NULL when memory is
 * short): what a track says, to guess its language from. */
char *cue_list_text(const cue_list *l, size_t *len);

void cues_free(cue_list *l);

#endif
