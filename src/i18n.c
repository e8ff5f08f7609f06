/* i18n.c — find the message catalogs: $POLYALIGN_LOCALEDIR, else locale/ beside the binary
 * (a checkout), else the install prefix. */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/exe_dir.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void i18n_init(void)
{
    setlocale(LC_ALL, "");
    char exe[PATH_MAX];
    const char *dir = LOCALEDIR;
    char build_tree[PATH_MAX + 16];
    const char *override = getenv("POLYALIGN_LOCALEDIR");
    if (override && *override)
        dir = override;
    else if (exe_dir(exe) == 0) {
        struct stat st;
        snprintf(build_tree, sizeof build_tree, "%s/locale", exe);
        if (stat(build_tree, &st) == 0 && S_ISDIR(st.st_mode))
            dir = build_tree;
    }
    bindtextdomain(PACKAGE, dir);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
}
