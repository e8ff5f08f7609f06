/* exe_dir.h — the directory of the running binary.
 *
 * Catalogs, lexicons and the audio module are looked for beside the binary first, so a
 * build tree or a relocated install works without configuration. */
#ifndef POLYALIGN_EXE_DIR_H
#define POLYALIGN_EXE_DIR_H

#include <limits.h>

/* Fill out with the directory of /proc/self/exe; 0, or -1 when it cannot be read. */
int exe_dir(char out[PATH_MAX]);

#endif
