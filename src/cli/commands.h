/* commands.h — entry points and option tables of the commands (one cmd_*.c each). */
#ifndef POLYALIGN_COMMANDS_H
#define POLYALIGN_COMMANDS_H

#include "cli.h"

extern const cli_option segment_cli_options[];
int cmd_segment(int argc, char **argv);

extern const cli_option align_cli_options[];
int cmd_align(int argc, char **argv);

extern const cli_option batch_cli_options[];
int cmd_batch(int argc, char **argv);

extern const cli_option tmx_validate_cli_options[];
int cmd_tmx_validate(int argc, char **argv);
extern const cli_option tmx_stats_cli_options[];
int cmd_tmx_stats(int argc, char **argv);
extern const cli_option tmx_extract_cli_options[];
int cmd_tmx_extract(int argc, char **argv);

extern const cli_option tmx_from_tsv_cli_options[];
int cmd_tmx_from_tsv(int argc, char **argv);

extern const cli_option tmx_merge_cli_options[];
int cmd_tmx_merge(int argc, char **argv);

extern const cli_option po2tmx_cli_options[];
int cmd_po2tmx(int argc, char **argv);
extern const cli_option tmx2po_cli_options[];
int cmd_tmx2po(int argc, char **argv);

extern const cli_option tmx_lookup_cli_options[];
int cmd_tmx_lookup(int argc, char **argv);

extern const cli_option subtitle_cli_options[];
int cmd_subtitle(int argc, char **argv);

extern const cli_option sync_cli_options[];
int cmd_sync(int argc, char **argv);
struct sync_map;
/* Warnings after a forced alignment: speech/transcript mismatch, low-confidence sentences. */
void sync_report_warnings(const struct sync_map *m, const char *audio, const char *const *sentences);

extern const cli_option srt_check_cli_options[];
int cmd_srt_check(int argc, char **argv);
extern const cli_option srt_fix_cli_options[];
int cmd_srt_fix(int argc, char **argv);

#endif
