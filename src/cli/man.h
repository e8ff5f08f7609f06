/* man.h — man pages from the command table (see man.c). */
#ifndef POLYALIGN_CLI_MAN_H
#define POLYALIGN_CLI_MAN_H

#include <stdio.h>

#include "cli.h"

/* The page of one command, polyalign-COMMAND(1), in roff. */
void cli_print_man(const cli_command *cmd, FILE *out);

/* polyalign(1): the commands, exit statuses and environment. */
void cli_print_man_index(FILE *out);

#endif
