/* input.h — reading a whole text file (or stdin) as checked UTF-8.
 *
 * The aligner and the segmenter need random access to the whole document, so a document
 * is read into one buffer. The buffer is validated here, once: invalid UTF-8 and NUL bytes
 * are refused with the file name and byte offset, a leading BOM is skipped (offsets
 * still count it, so they point into the file as stored). */
#ifndef POLYALIGN_INPUT_H
#define POLYALIGN_INPUT_H

#include <stddef.h>

#include "encoding.h"

typedef struct {
    char *bytes;        /* file contents after any BOM, NUL-terminated, writable */
    size_t len;         /* bytes in `bytes` */
    size_t offset;      /* file offset of bytes[0]: 3 after a BOM, else 0 */
    char *name;         /* file name for messages ("<stdin>" for stdin) */
    text_encoding encoding; /* what the file was converted from; name "" for UTF-8 */
} text_input;

/* Read path ("-" or NULL for stdin). Returns 0, or -ERR_NOINPUT / -ERR_IO / -ERR_DATA
 * with error_last() naming the file (and the byte offset for bad bytes). Text that is not
 * UTF-8 is converted when its encoding is clear (encoding.h; out->encoding says from
 * what; offsets then count the UTF-8 bytes). */
int text_input_read(const char *path, text_input *out);

/* The same with the encoding named: NULL or "auto" detects as above, "UTF-8" accepts
 * UTF-8 only, any other name ICU knows converts from it. */
int text_input_read_encoded(const char *path, const char *encoding, text_input *out);

/* The bytes of path ("-" or NULL: stdin) as stored, NUL-terminated (malloc'd; *out_len
 * excludes the NUL): for readers that look at a file before deciding how to read it
 * (doc/doc_read.h). 0, -ERR_NOINPUT or -ERR_IO naming the file. */
int text_input_read_bytes(const char *path, char **out, size_t *out_len);

/* The name of path in messages: "<stdin>" for "-" or NULL. */
const char *text_input_name(const char *path);

/* Take ownership of buf[0..len) (malloc'd, one byte more for a NUL; freed on error) and
 * make it a text_input as text_input_read_encoded does with a file's bytes. */
int text_input_adopt(char *buf, size_t len, const char *name, const char *encoding, text_input *out);

/* Wrap bytes already in memory (copied), validated the same way. */
int text_input_from_memory(const char *bytes, size_t len, const char *name, text_input *out);

void text_input_free(text_input *in);

#endif
