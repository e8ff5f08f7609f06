/* commands.c — the table of commands; each lives in its own cmd_*.c file. */
#include "../i18n.h"
#include "cli.h"
#include "commands.h"

const cli_command cli_commands[] = {
    {"segment", N_("[OPTIONS] [FILE...]"), N_("split text into sentences, one per line"), segment_cli_options,
     cmd_segment},
    {"align", N_("[OPTIONS] PIVOT_FILE TRANSLATION_FILE [TRANSLATION_FILE]"),
     N_("align a text with its translations (beads, TSV, JSON Lines or TMX)"), align_cli_options, cmd_align},
    {0},
};
