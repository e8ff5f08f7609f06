/* style_options.c — subtitle style options shared by the commands; see style_options.h. */
#include "style_options.h"

#include <math.h>
#include <strings.h>

#include "../subtitle/timing.h"
#include "../text/lang.h"
#include "../util/file_ext.h"

void style_options_init(style_options *s)
{
    *s = (style_options){.profile = "netflix", .fps = SUBTITLE_DEFAULT_FPS, .max_chars = NAN, .max_cps = NAN,
                         .min_dur = NAN, .max_dur = NAN, .max_lines = -1, .min_gap = -1};
}

int style_profile(const cli_command *self, const style_options *s, const char *base, subtitle_profile *p)
{
    const subtitle_profile *found = subtitle_profile_find(s->profile, base);
    if (!found)
        return cli_usage_error(self, _("unknown profile '%s' (use netflix or bbc)"), s->profile);
    *p = *found;
    if (!lang_tags_match(found->lang, base))
        cli_warn(_("no %s limits of its own for '%s': the English ones apply (--max-chars and the other overrides "
                   "set them)"),
                 found->name, base);
    if (!isnan(s->max_chars))
        p->max_chars = s->max_chars;
    if (s->max_lines >= 0)
        p->max_lines = (int)s->max_lines;
    if (!isnan(s->max_cps))
        p->max_cps = s->max_cps;
    if (!isnan(s->min_dur))
        p->min_duration = s->min_dur;
    if (!isnan(s->max_dur))
        p->max_duration = s->max_dur;
    if (s->min_gap >= 0)
        p->min_gap_frames = (int)s->min_gap;
    if (p->min_duration > p->max_duration)
        return cli_usage_error(self, _("the shortest cue (%.3f s) is longer than the longest (%.3f s)"),
                               p->min_duration, p->max_duration);
    return 0;
}

void style_warn_other_script(const char *name, const script_tally *t, const char *lang)
{
    char script[8];
    if (!script_tally_fits(t, lang, script))
        cli_warn(_("%s is mostly in the %s script, which is not that of --lang %s: its limits and line breaks "
                   "apply all the same"),
                 name, script, lang);
}

int style_output_format(const cli_command *self, const char *format, const char *output, subtitle_format *fmt)
{
    static const char *const others[] = {"ass", "ssa", "sub", "sbv", "ttml", "dfxp", "scc", "stl", "lrc", "smi"};
    for (size_t k = 0; !format && k < sizeof others / sizeof *others; k++)
        if (file_ext_is(output, others[k]))
            return cli_usage_error(self, _("subtitles are written as SRT or WebVTT, not .%s: write .srt, then convert it "
                                           "(ffmpeg -i OUT.srt OUT.%s)"),
                                   others[k], others[k]);
    static const char *const writes[] = {"srt", "vtt", NULL};
    int status = format ? 0 : cli_output_ext(self, output, writes, "SRT (.srt) or WebVTT (.vtt)");
    if (status)
        return status;
    const char *name = format ? format : file_ext_is(output, "vtt") ? "vtt" : "srt";
    if (strcasecmp(name, "srt") != 0 && strcasecmp(name, "vtt") != 0)
        return cli_usage_error(self, _("unknown format '%s' (use srt or vtt)"), name);
    *fmt = strcasecmp(name, "vtt") == 0 ? SUBTITLE_VTT : SUBTITLE_SRT;
    return 0;
}
