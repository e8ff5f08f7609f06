/* exe_dir.c — the directory of the running binary; see exe_dir.h. */
#include "exe_dir.h"

#include <string.h>
#include <unistd.h>

int exe_dir(char out[PATH_MAX])
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
