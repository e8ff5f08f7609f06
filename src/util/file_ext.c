/* file_ext.c — file name extensions in any case; see file_ext.h. */
#include "file_ext.h"

#include <string.h>
#include <strings.h>

int file_ext_is(const char *path, const char *ext)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    return dot && !strchr(dot, '/') && strcasecmp(dot + 1, ext) == 0;
}
