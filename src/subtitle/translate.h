/* translate.h — subtitles in another language, timed by the original's cues.
 *
 * The source track's cues say when each source sentence is spoken (their text is the
 * source transcript, cue by cue); the sentence alignment says which target sentences
 * translate which source sentences. Each bead's target text is cut into cues under the
 * target language's profile and shown over the time its source sentences take, shared in
 * proportion to the target cues' lengths. */
#ifndef POLYALIGN_SUBTITLE_TRANSLATE_H
#define POLYALIGN_SUBTITLE_TRANSLATE_H

#include "../doc/beads.h"
#include "../doc/text.h"
#include "cues.h"
#include "profile.h"

/* The source cues are put in time order and overlaps trimmed first (in place). */
int subtitle_translate(cue_list *source, const doc_text *src, const doc_text *tgt, const bead *beads,
                       size_t nbeads, const char *tgt_base, const subtitle_profile *p, cue_list *out);

/* The same with the translation units of a memory instead of an alignment: each unit
 * whose source segment (language src) is found in the track, in order, is shown in
 * language tgt over the time of that stretch. *found / *units count them. */
int subtitle_translate_tmx(cue_list *source, const char *tmx_path, const char *src, const char *tgt,
                           const char *tgt_base, const subtitle_profile *p, cue_list *out, size_t *found,
                           size_t *units);

#endif
