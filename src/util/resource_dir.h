/* resource_dir.h — where the files polyalign ships with are found.
 *
 * Message catalogs, lexicons and the audio module are looked for relative to the running
 * binary before the prefix compiled in: beside it in a build tree (./polyalign with
 * locale/ and build/), then where `make install` puts them relative to PREFIX/bin
 * (../share/locale, ../share/polyalign/lexicons, ../lib/polyalign). So an install under
 * any PREFIX, a DESTDIR-staged tree and an install tree moved elsewhere all find their
 * files without configuration; the compiled prefix is only the last resort. */
#ifndef POLYALIGN_RESOURCE_DIR_H
#define POLYALIGN_RESOURCE_DIR_H

#include <limits.h>
#include <stddef.h>

/* The first folder that holds the readable file `probe` (a name relative to the folder):
 * each of the NULL-terminated `beside_exe` folders relative to the executable's folder,
 * then `fallback` (may be NULL). 0 with the folder in `out`, or -1 when none holds it.
 * When `tried` is not NULL, the paths looked at are appended to it, comma-separated
 * (for an error message). */
int resource_dir_find(const char *const *beside_exe, const char *fallback, const char *probe, char out[PATH_MAX],
                      char *tried, size_t tried_size);

#endif
