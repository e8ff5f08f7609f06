/* resource_dir.c — the folders of the files polyalign ships with; see resource_dir.h. */
#include "resource_dir.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The directory of /proc/self/exe; 0, or -1 when it cannot be read. */
static int exe_dir(char out[PATH_MAX])
{
    ssize_t n = readlink("/proc/self/exe", out, PATH_MAX - 1);
    if (n <= 0)
        return -1;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}

/* Whether dir/probe is readable; the path is noted in `tried`. */
static int holds(const char *dir, const char *probe, char *tried, size_t tried_size)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, probe) >= (int)sizeof path)
        return 0;
    if (tried) {
        size_t used = strlen(tried);
        snprintf(tried + used, tried_size - used, "%s%s", used ? ", " : "", path);
    }
    return access(path, R_OK) == 0;
}

int resource_dir_find(const char *const *beside_exe, const char *fallback, const char *probe, char out[PATH_MAX],
                      char *tried, size_t tried_size)
{
    char exe[PATH_MAX];
    if (exe_dir(exe) == 0) {
        for (size_t k = 0; beside_exe && beside_exe[k]; k++) {
            if (snprintf(out, PATH_MAX, "%s/%s", exe, beside_exe[k]) < PATH_MAX && holds(out, probe, tried, tried_size))
                return 0;
        }
    }
    if (fallback && snprintf(out, PATH_MAX, "%s", fallback) < PATH_MAX && holds(out, probe, tried, tried_size))
        return 0;
    out[0] = '\0';
    return -1;
}
