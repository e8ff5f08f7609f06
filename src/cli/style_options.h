/* style_options.h — the options that choose and adjust subtitle style limits, shared by
 * `subtitle`, `srt check` and `srt fix`: --profile, --fps and the overrides of each limit
 * (--max-chars, --max-lines, --max-cps, --min-duration, --max-duration, --min-gap), so
 * that subtitles made under custom limits are checked and repaired under the same ones. */
#ifndef POLYALIGN_CLI_STYLE_OPTIONS_H
#define POLYALIGN_CLI_STYLE_OPTIONS_H

#include <math.h>

#include "../i18n.h"
#include "../subtitle/profile.h"
#include "../subtitle/srt.h"
#include "../text/script.h"
#include "cli.h"

/* option keys, clear of each command's own (256 and up) */
enum {
    OPT_STYLE_PROFILE = 0x300, OPT_STYLE_FPS, OPT_STYLE_MAX_CHARS, OPT_STYLE_MAX_LINES, OPT_STYLE_MAX_CPS,
    OPT_STYLE_MIN_DUR, OPT_STYLE_MAX_DUR, OPT_STYLE_MIN_GAP
};

/* the rows of a command's option table; `type` is the command's argument struct, whose
 * member `style` is its style_options; `shown`: where its usage lines name --profile, --fps
 * and --max-chars (CLI_SHOWN, or CLI_IN(0, 0) for nowhere) */
#define STYLE_CLI_OPTIONS(type, shown)                                                                                            \
    {"profile", OPT_STYLE_PROFILE, 1, "NAME", N_("style limits: netflix (default) or bbc"), CLI_TEXT(type, style.profile), shown},                         \
        {"fps", OPT_STYLE_FPS, 1, "N", N_("frame rate, for the minimum gap (default 23.976, the slowest in common use)"), CLI_NUMBER(type, style.fps, 1, 1000), shown}, \
        {"max-chars", OPT_STYLE_MAX_CHARS, 1, "N", N_("override the characters per line"), CLI_NUMBER(type, style.max_chars, 1, INFINITY), shown},                         \
        {"max-lines", OPT_STYLE_MAX_LINES, 1, "N", N_("override the lines per cue (1 or 2)"), CLI_COUNT(type, style.max_lines, 1, 2)},                      \
        {"max-cps", OPT_STYLE_MAX_CPS, 1, "N", N_("override the reading speed (characters per second)"), CLI_NUMBER(type, style.max_cps, 0.1, INFINITY)},           \
        {"min-duration", OPT_STYLE_MIN_DUR, 1, "SECONDS", N_("override the shortest cue"), CLI_NUMBER(type, style.min_dur, 0, INFINITY)},                         \
        {"max-duration", OPT_STYLE_MAX_DUR, 1, "SECONDS", N_("override the longest cue"), CLI_NUMBER(type, style.max_dur, 0.1, INFINITY)},                          \
        {"min-gap", OPT_STYLE_MIN_GAP, 1, "FRAMES", N_("override the shortest gap between cues, in frames"), CLI_COUNT(type, style.min_gap, 0, 1000)}

typedef struct {
    const char *profile;
    double fps;
    double max_chars, max_cps, min_dur, max_dur; /* overrides; NAN: the profile's */
    long max_lines, min_gap;                      /* overrides; -1: the profile's */
} style_options;

/* The defaults: netflix, 23.976 fps, no overrides. */
void style_options_init(style_options *s);

/* The profile for a language (base subtag) with the overrides applied, into *p: 0, or a
 * usage error (exit 2) for an unknown profile or a shortest cue longer than the longest. */
int style_profile(const cli_command *self, const style_options *s, const char *base, subtitle_profile *p);

/* The format of subtitles written to `output` (NULL: standard output): `format` when
 * given (srt or vtt, any case), else WebVTT for a .vtt name and SRT for any other, into
 * *fmt. 0, or a usage error (exit 2) for an unknown format or an output named for another
 * subtitle format (.ass, .ttml …), which would get SRT under that name. */
int style_output_format(const cli_command *self, const char *format, const char *output, subtitle_format *fmt);

/* Warn when the text tallied (of file `name`) is mostly in another script than that of
 * language `lang` (Chinese text with --lang en): its limits and line breaks would apply
 * all the same, and nothing else would show it. */
void style_warn_other_script(const char *name, const script_tally *t, const char *lang);

#endif
