/* po_charset.h — PO catalogs in another charset than UTF-8, for the TMX bridge.
 *
 * A TMX is UTF-8; a PO catalog is in the charset its header declares (windows-1251,
 * KOI8-R, GB18030 …), and even a UTF-8 one can hold any byte through an octal escape.
 * Before a catalog's strings go into a TMX they are converted, or refused with the file,
 * line and byte offset of the first that is not valid. */
#ifndef POLYALIGN_PO_CHARSET_H
#define POLYALIGN_PO_CHARSET_H

#include <gettext-po.h>

/* Every string of `file` (read from `path`, "-" for standard input) in UTF-8, its header
 * then saying charset=UTF-8. 0, or -ERR_DATA naming the file, the line, the keyword and
 * the byte offset of the first string that is not valid in the declared charset (or the
 * charset when ICU does not know it). */
int po_catalog_to_utf8(po_file_t file, const char *path);

/* The header message's Content-Type set to text/plain; charset=UTF-8, when it declares
 * a charset: for messages that are UTF-8 whatever the catalog's charset was. 0 or -ERR_IO. */
int po_header_message_to_utf8(po_message_t header);

#endif
