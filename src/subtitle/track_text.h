/* track_text.h — whether a subtitle track holds the text of a transcript.
 *
 * A translated track takes its timing from a source track by counting the characters of
 * the source transcript in its cues (translate.c), which only works when the track says
 * what the transcript says. A track edited by hand (a word changed, a typo fixed) still
 * mostly does; the track of another text, or of another language, does not. The measure is
 * the Dice coefficient of the two texts' character pairs (bigrams of the visible
 * characters: whitespace and markup aside, case folded), which a few edits lower a little
 * and another text of the same language a lot. */
#ifndef POLYALIGN_SUBTITLE_TRACK_TEXT_H
#define POLYALIGN_SUBTITLE_TRACK_TEXT_H

#include <stddef.h>

#include "cues.h"

/* Below this share of character pairs in common a track is not of its transcript: an
 * edited track of the same text keeps well over 90 %, another text of the same language
 * shares 20-50 % (common words), another language next to none. */
#define TRACK_TEXT_MIN_SHARED 0.7

typedef struct {
    double shared;          /* Dice coefficient of the character pairs, 0..1 */
    int holds_text;         /* shared >= TRACK_TEXT_MIN_SHARED: the track is of this text */
    int same;               /* the visible characters are the same, in the same order */
    size_t first_diff_cue;  /* the cue (from 0) holding the first difference, when not same */
} track_text_match;

/* Compare the cues' text with the n sentences. Returns 0, or -ERR_NOMEM when out of memory. */
int track_text_compare(const cue_list *track, const char *const *sentences, size_t n, track_text_match *m);

#endif
