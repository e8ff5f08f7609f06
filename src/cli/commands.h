/* commands.h — entry points and option tables of the commands (one cmd_*.c each). */
#ifndef POLYALIGN_COMMANDS_H
#define POLYALIGN_COMMANDS_H

#include "cli.h"

extern const cli_option segment_cli_options[];
int cmd_segment(int argc, char **argv);

extern const cli_option align_cli_options[];
int cmd_align(int argc, char **argv);

#endif
