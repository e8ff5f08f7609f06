/* commands.c — the table of commands; each lives in its own cmd_*.c file. */
#include "../i18n.h"
#include "cli.h"
#include "commands.h"

const cli_command cli_commands[] = {
    {"segment", N_("[OPTIONS] [FILE...]"), N_("split text into sentences, one per line"), segment_cli_options,
     cmd_segment},
    {"align", N_("[OPTIONS] PIVOT_FILE TRANSLATION_FILE [TRANSLATION_FILE]"),
     N_("align a text with its translations (beads, TSV, JSON Lines or TMX)"), align_cli_options, cmd_align},
    {"subtitle", N_("--lang LANG (--audio RECORDING | --duration SECONDS | --times FILE [--duration SECONDS] | --from SOURCE.srt (--align SOURCE_TEXT | --tmx FILE.tmx)) [TRANSCRIPT] [-o OUT.srt]"),
     N_("cut a transcript into timed subtitle cues (SRT or WebVTT)"), subtitle_cli_options, cmd_subtitle},
    {"sync", N_("--lang LANG --audio RECORDING [--format json|tsv|srt] [--cues] TRANSCRIPT [-o OUT]"),
     N_("when each sentence of a transcript is spoken in a recording, with a confidence"), sync_cli_options,
     cmd_sync},
    {"srt check", N_("--lang LANG [--profile NAME] [--fps N] [--max-chars N ...] FILE.srt"),
     N_("check subtitles: format, then style limits, one line per problem"), srt_check_cli_options, cmd_srt_check},
    {"srt fix", N_("FILE.srt -o OUT.srt [--lang LANG] [--profile NAME] [--fps N] [--max-chars N ...]"), N_("repair common subtitle errors"), srt_fix_cli_options,
     cmd_srt_fix},
    {"tmx validate", N_("[--dtd FILE] FILE.tmx..."), N_("check TMX files: TMX 1.4b structure and CAT-tool lint"),
     tmx_validate_cli_options, cmd_tmx_validate},
    {"tmx stats", N_("[--format jsonl] FILE.tmx..."), N_("units, languages, duplicates and suspect units of TMX files"),
     tmx_stats_cli_options, cmd_tmx_stats},
    {"tmx merge", N_("-o OUT.tmx A.tmx B.tmx..."), N_("merge TMX files: duplicates once, conflicts kept and listed"),
     tmx_merge_cli_options, cmd_tmx_merge},
    {"tmx extract", N_("--langs SRC,TGT [--moses PREFIX] FILE.tmx..."),
     N_("export a bitext from TMX files (TSV or line-parallel files)"), tmx_extract_cli_options, cmd_tmx_extract},
    {"tmx from-tsv", N_("TABLE.tsv -o OUT.tmx"),
     N_("a review table (align --format tsv), corrected in a spreadsheet, to TMX"), tmx_from_tsv_cli_options,
     cmd_tmx_from_tsv},
    {"tmx lookup", N_("--tm FILE.tmx --src LANG --tgt LANG [TEXT...]"),
     N_("fuzzy matches from a translation memory, with percentages"), tmx_lookup_cli_options, cmd_tmx_lookup},
    {"po2tmx", N_("[--include-fuzzy] FILE.po... -o OUT.tmx"), N_("gettext PO catalogs to a TMX memory"),
     po2tmx_cli_options, cmd_po2tmx},
    {"tmx2po", N_("--lang LANG FILE.tmx -o OUT.po"), N_("a TMX memory to a gettext PO catalog"), tmx2po_cli_options,
     cmd_tmx2po},
    {0},
};
