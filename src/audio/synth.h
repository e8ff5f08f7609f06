/* synth.h — the transcript spoken by espeak-ng, as features to align the recording with.
 *
 * Each sentence is synthesized on its own (so its start and end in the synthetic speech
 * are known exactly), after a lead-in pause and each followed by a short pause, over a
 * faint noise floor as a recording has. Marks ask where a given byte of a
 * sentence is spoken (cue boundaries inside a sentence): espeak-ng's word events give
 * the time of each word. The voice is chosen per language; Chinese uses
 * `cmn-latn-pinyin`, since espeak-ng 1.51's plain `cmn` reads its pinyin as English.
 * espeak-ng keeps global state: one synthesis at a time per process. */
#ifndef POLYALIGN_AUDIO_SYNTH_H
#define POLYALIGN_AUDIO_SYNTH_H

#include <stddef.h>

#include "features.h"

typedef struct {
    size_t sentence, byte; /* in: a position in a sentence */
    size_t frame;          /* out: synthetic frame where the word holding it begins */
} synth_mark;

typedef struct {
    size_t seg_start, seg_end;   /* the sentence's frames, its pause after included */
    size_t speech_start, speech_end; /* first and one past the last voiced frame */
} synth_span;

/* The espeak-ng voice for a language tag's base ("en", "zh", "ru"), or NULL. */
const char *synth_voice_for(const char *lang);

/* Languages with a voice, for error messages ("en, ru, zh"). */
const char *synth_languages(void);

/* Synthesize sentences[0..n) into `out` (features, not normalized); spans[n] and the
 * frames of the marks (sorted by sentence, then byte) are filled in. With `phrased`, the
 * transcript is read a second time into it (spans in phrased_spans[n]; the marks' frames
 * are then those of this reading): every sentence as the phrases its marks cut it into,
 * one after another, each mark where its phrase begins, a phrase's last word lengthened
 * as a speaker lengthens it before a break. espeak-ng cannot be started twice in a
 * process (its second shutdown hangs): both readings are made in one session. */
int synth_transcript(const char *lang, const char *const *sentences, size_t n, synth_span *spans,
                     synth_mark *marks, size_t nmarks, audio_features *out, synth_span *phrased_spans,
                     audio_features *phrased);

#endif
