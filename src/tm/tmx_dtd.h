/* tmx_dtd.h — validating a TMX file against a DTD in constant memory.
 *
 * libxml2 validates a DTD on a whole tree; a memory of millions of units does not fit in
 * one. So the file is streamed (xmlTextReader) and validated a unit at a time: a small
 * document holding the root element, the header and the body with just the current <tu>
 * is checked against the DTD, then the unit is dropped. The first check reports every
 * problem; later ones only those inside their unit, so the header's are reported once. */
#ifndef POLYALIGN_TM_TMX_DTD_H
#define POLYALIGN_TM_TMX_DTD_H

#include "tmx_check.h"

/* Report every DTD problem of `path` (FILE:LINE:COL). Returns how many, or a negative
 * error when the DTD cannot be read. Well-formedness errors are left to the reader.
 * fd >= 0: read that descriptor from its start instead (standard input kept in a
 * temporary file), `path` only naming it. */
int tmx_dtd_validate(const char *path, int fd, const char *dtd_path, tmx_problem_fn report, void *ctx);

#endif
