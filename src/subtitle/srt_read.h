/* srt_read.h — reading SRT and WebVTT files, reporting every deviation.
 *
 * Players tolerate a lot (a BOM, CRLF, '.' before the milliseconds, a missing blank line)
 * and editors produce all of it. The reader reports each problem with its line number and
 * reads the cues one of two ways: as a lenient player does, recovering what it can (`srt
 * fix` repairs those cues, `subtitle --from` times a translation by them), or as a strict
 * parser does (`srt check`, whose style findings must be about the cues a strict client
 * will show: a cue number and timing line without a blank line before them are text of
 * the cue above, and a cue with a malformed timing line is lost). */
#ifndef POLYALIGN_SUBTITLE_SRT_READ_H
#define POLYALIGN_SUBTITLE_SRT_READ_H

#include <stddef.h>

#include "cues.h"

typedef enum {
    SRT_ERROR,      /* not the format, but read: the cues are what the file means */
    SRT_WARNING,    /* within the format, but trips some clients */
    SRT_UNREADABLE, /* an error after which the reader skipped text to the next blank line */
} srt_severity;

/* Called per problem; line 0 means the whole file (a BOM, line endings). */
typedef void (*srt_problem_fn)(void *ctx, srt_severity sev, int line, const char *message);

/* Where a problem is, for a message: "FILE:LINE", or "FILE" alone for the whole file. */
void srt_problem_place(char *buf, size_t size, const char *file, int line);

typedef struct {
    int line;               /* of the cue's first line */
    int text_line;          /* of its first text line; 0 when it has none */
    int vtt_settings;       /* WebVTT: the cue has settings after its times */
    int vtt_id;             /* WebVTT: the cue has an identifier */
    int vtt_blocks;         /* WebVTT: NOTE / STYLE / REGION blocks since the cue before (the
                             * last cue also counts those after it) */
} srt_cue_info;

typedef enum {
    SRT_LENIENT, /* recover cues: '.' milliseconds, a one-digit hour, a cue run into the one above */
    SRT_STRICT,  /* keep only what a strict parser reads as cues (the problems reported are the same,
                  * but for where a missing blank line is flagged: at the timing line, where a
                  * strict parser notices it) */
} srt_reading;

/* Read `path` into cues (text lines joined by '\n', WebVTT's character references decoded:
 * the text as shown, tags kept; start/end set; sentence = cue number as written). info
 * (may be NULL) gets one entry per cue. 0 or a negative error code (file unreadable, not
 * UTF-8); format problems are reported, not errors. */
int srt_read(const char *path, srt_reading reading, cue_list *out, srt_cue_info **info, srt_problem_fn report,
             void *ctx);

/* Told of each repair a lenient reading makes: "FILE:LINE" and what was wrong. */
typedef void (*srt_repair_fn)(void *ctx, const char *place, const char *message);

/* Read `path` leniently for a command that rewrites or re-times its cues: each repair is
 * told to `repaired` (may be NULL), and text the reader would have to skip (a block it
 * cannot read as a cue) fails the reading with ERR_DATA at its line, so that nothing of
 * the file is dropped unsaid. */
int srt_read_repairing(const char *path, cue_list *out, srt_cue_info **info, srt_repair_fn repaired, void *ctx);

#endif
