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

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void i18n_init(void)
{
    setlocale(LC_ALL, "");
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *dir = LOCALEDIR;
    char build_tree[PATH_MAX + 16];
    const char *override = getenv("POLYALIGN_LOCALEDIR");
    if (override && *override)
        dir = override;
    else if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            struct stat st;
            snprintf(build_tree, sizeof build_tree, "%s/locale", exe);
            if (stat(build_tree, &st) == 0 && S_ISDIR(st.st_mode))
                dir = build_tree;
        }
    }
    bindtextdomain(PACKAGE, dir);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
}
