/* backend.h — the forced aligner, loaded only when a command needs it.
 *
 * Decoding recordings pulls in FFmpeg's libraries, which bring some 130 shared
 * libraries: loading them costs every run of polyalign about 25 MB and 50 ms, even for
 * `segment` or `tmx stats`. So src/audio/ (but voices.c and sync_map.c) is built as a
 * module, polyalign-audio.so, opened with dlopen at the first forced alignment. It is
 * looked for in $POLYALIGN_AUDIO_MODULE, then beside the executable (lib/, ../lib/,
 * build/rel/lib/: the build tree; ../lib/polyalign/: a relocated install), then in the
 * install prefix. */
#ifndef POLYALIGN_AUDIO_BACKEND_H
#define POLYALIGN_AUDIO_BACKEND_H

#include "sync.h"

/* sync_align (sync.h) through the module; an error names what could not be loaded. */
int audio_sync_align(const char *audio_path, const char *lang, const char *const *sentences, size_t n,
                     synth_mark *marks, size_t nmarks, sync_map *out);

#endif
