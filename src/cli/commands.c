/* commands.c — the table of commands; each lives in its own cmd_*.c file. A command's
 * usage lines are made from its option table (cli_synopsis): here are the operands of
 * each of its forms. */
#include "../i18n.h"
#include "cli.h"
#include "commands.h"

const cli_command cli_commands[] = {
    {"segment", {N_("[FILE...]")}, N_("split text into sentences, one per line"), segment_cli_options,
     &segment_cli_runner},
    {"align", {N_("PIVOT_FILE TRANSLATION_FILE [TRANSLATION_FILE]")},
     N_("align a text with its translations (beads, TSV, JSON Lines or TMX)"), align_cli_options, &align_cli_runner, 1},
    /* a manifest; a folder instead (--from-dir); the shards' output folders (--merge) */
    {"batch", {N_("MANIFEST"), "", N_("OUTDIR...")},
     N_("align many document sets on several threads: a TMX each, all.tmx and report.jsonl"), batch_cli_options,
     &batch_cli_runner, 1},
    /* timed by --audio, --duration, --times; a translated track by --from with --align or --tmx */
    {"subtitle", {N_("TRANSCRIPT"), N_("TRANSCRIPT"), N_("TRANSCRIPT"), N_("TRANSCRIPT"), ""},
     N_("cut a transcript into timed subtitle cues (SRT or WebVTT)"), subtitle_cli_options, &subtitle_cli_runner},
    {"sync", {N_("TRANSCRIPT")}, N_("when each sentence of a transcript is spoken in a recording, with a confidence"),
     sync_cli_options, &sync_cli_runner},
    {"srt check", {N_("FILE.srt")}, N_("check subtitles: format, then style limits, one line per problem"),
     srt_check_cli_options, &srt_check_cli_runner},
    {"srt fix", {N_("FILE.srt")}, N_("repair common subtitle errors"), srt_fix_cli_options, &srt_fix_cli_runner},
    {"tmx validate", {N_("FILE.tmx...")}, N_("check TMX files: TMX 1.4b structure and CAT-tool lint"),
     tmx_validate_cli_options, &tmx_validate_cli_runner},
    {"tmx stats", {N_("FILE.tmx...")}, N_("units, languages, duplicates and suspect units of TMX files"),
     tmx_stats_cli_options, &tmx_stats_cli_runner},
    {"tmx merge", {N_("A.tmx B.tmx...")}, N_("merge TMX files: duplicates once, conflicts kept and listed"),
     tmx_merge_cli_options, &tmx_merge_cli_runner, 1},
    {"tmx extract", {N_("FILE.tmx...")}, N_("export a bitext from TMX files (TSV or line-parallel files)"),
     tmx_extract_cli_options, &tmx_extract_cli_runner},
    {"tmx from-tsv", {N_("TABLE.tsv")}, N_("a review table (align --format tsv), corrected in a spreadsheet, to TMX"),
     tmx_from_tsv_cli_options, &tmx_from_tsv_cli_runner, 1},
    {"tmx lookup", {N_("[TEXT...]")}, N_("fuzzy matches from a translation memory, with percentages"),
     tmx_lookup_cli_options, &tmx_lookup_cli_runner},
    {"po2tmx", {N_("FILE.po...")}, N_("gettext PO catalogs to a TMX memory"), po2tmx_cli_options,
     &po2tmx_cli_runner, 1},
    {"tmx2po", {N_("FILE.tmx")}, N_("a TMX memory to a gettext PO catalog"), tmx2po_cli_options, &tmx2po_cli_runner},
    {0},
};
