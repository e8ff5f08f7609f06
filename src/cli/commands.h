/* commands.h — entry points and option tables of the commands (one cmd_*.c each). */
#ifndef POLYALIGN_COMMANDS_H
#define POLYALIGN_COMMANDS_H

#include "cli.h"

extern const cli_option segment_cli_options[];
extern const cli_runner segment_cli_runner;

extern const cli_option align_cli_options[];
extern const cli_runner align_cli_runner;

extern const cli_option batch_cli_options[];
extern const cli_runner batch_cli_runner;

extern const cli_option tmx_validate_cli_options[];
extern const cli_runner tmx_validate_cli_runner;
extern const cli_option tmx_stats_cli_options[];
extern const cli_runner tmx_stats_cli_runner;
extern const cli_option tmx_extract_cli_options[];
extern const cli_runner tmx_extract_cli_runner;

extern const cli_option tmx_from_tsv_cli_options[];
extern const cli_runner tmx_from_tsv_cli_runner;

extern const cli_option tmx_merge_cli_options[];
extern const cli_runner tmx_merge_cli_runner;

extern const cli_option po2tmx_cli_options[];
extern const cli_runner po2tmx_cli_runner;
extern const cli_option tmx2po_cli_options[];
extern const cli_runner tmx2po_cli_runner;

extern const cli_option tmx_lookup_cli_options[];
extern const cli_runner tmx_lookup_cli_runner;

extern const cli_option subtitle_cli_options[];
extern const cli_runner subtitle_cli_runner;

extern const cli_option sync_cli_options[];
extern const cli_runner sync_cli_runner;
struct sync_map;
/* The help of --force, which sync and subtitle --audio share. */
#define SYNC_FORCE_HELP N_("time the transcript even when the recording does not seem to hold it (another text or language; with a warning)")

/* Warnings after a forced alignment: speech/transcript mismatch, low-confidence sentences. */
void sync_report_warnings(const struct sync_map *m, const char *audio, const char *const *sentences);

extern const cli_option srt_check_cli_options[];
extern const cli_runner srt_check_cli_runner;
extern const cli_option srt_fix_cli_options[];
extern const cli_runner srt_fix_cli_runner;

#endif
