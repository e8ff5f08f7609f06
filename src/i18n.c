/* i18n.c — find the message catalogs: $POLYALIGN_LOCALEDIR, else locale/ beside the binary
 * (a checkout), else ../share/locale relative to it (an install, wherever it was put),
 * else the prefix compiled in. */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/resource_dir.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void i18n_init(void)
{
    setlocale(LC_ALL, "");
    static const char *const beside_exe[] = {"locale", "../share/locale", NULL};
    char dir[PATH_MAX];
    const char *override = getenv("POLYALIGN_LOCALEDIR");
    if (override && *override)
        snprintf(dir, sizeof dir, "%s", override);
    else if (resource_dir_find(beside_exe, NULL, "ru/LC_MESSAGES/" PACKAGE ".mo", dir, NULL, 0) < 0)
        snprintf(dir, sizeof dir, "%s", LOCALEDIR);
    bindtextdomain(PACKAGE, dir);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
}
