/* timing.h — when each cue appears: timing sources behind one interface.
 *
 * A timing source fills in the speech interval of every cue; the display rules of the
 * style profile then apply the same way whatever the source: minimum duration, reading
 * speed (a cue too fast to read is extended into the following gap), maximum duration,
 * the minimum gap between cues. Sources: a duration to spread the speech over (a speaking
 * rate model with pauses at sentence and paragraph ends), known times of some sentences
 * (a time-coded transcript), or the recording itself (forced alignment, timing_audio.c). */
#ifndef POLYALIGN_SUBTITLE_TIMING_H
#define POLYALIGN_SUBTITLE_TIMING_H

#include <stddef.h>

#include "cues.h"
#include "profile.h"

struct sync_map;

/* A known time: sentence `sentence` starts at `time` seconds. */
typedef struct time_anchor {
    size_t sentence;
    double time;
} time_anchor;

typedef struct timing_source {
    const char *name;
    /* set cues[k].start/end to the speech of each cue; 0 or a negative error code */
    int (*assign)(const struct timing_source *self, cue_list *cues);
    double start, duration;     /* the span: --start, --duration */
    const time_anchor *anchors; /* --times */
    size_t nanchors;
    const char *audio, *lang;   /* --audio: the recording and the transcript's language */
    const char *const *sentences;
    size_t nsentences;
    struct sync_map *map;       /* --audio: filled with the sync map, for the summary */
} timing_source;

/* Speech spread over [start, start + duration] by a speaking-rate model. */
timing_source timing_from_duration(double start, double duration);

/* How long the cues take at the usual speaking rate, with the usual pauses, into *usual;
 * returns whether `duration` is so much longer that the pauses must stretch too (speech
 * slower than the plausible range of rates would not fill it). */
int timing_duration_stretches_pauses(const cue_list *cues, double duration, double *usual);

/* Known start times of some sentences (sorted by sentence): the same model, stretched
 * piece by piece between them and extended past the first and last at their pace; with
 * the recording's duration (> 0), the last piece ends with the recording instead. */
timing_source timing_from_anchors(const time_anchor *anchors, size_t n, double duration);

/* Each cue when it is spoken in the recording `audio` of `sentences` (forced alignment);
 * `map` receives the per-sentence times and confidences. */
timing_source timing_from_audio(const char *audio, const char *lang, const char *const *sentences, size_t n,
                                struct sync_map *map);

/* Apply the display rules (measured_starts: the starts come from the recording and
 * stay where they are whenever the style limits allow); returns how many cues still read faster than the profile
 * allows (listed in the summary by the caller). */
size_t timing_display(cue_list *cues, const subtitle_profile *p, double fps, int measured_starts);

/* The last time SRT and WebVTT timestamps written with two-digit hours can hold,
 * 99:59:59.999, in seconds. */
#define SUBTITLE_MAX_TIME 359999.999

#endif
