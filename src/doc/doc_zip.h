/* doc_zip.h — the parts of a ZIP container (DOCX, ODT), read with libzip, bounded.
 *
 * Office documents are ZIP archives of XML parts. A part is read whole into memory, so
 * its expanded size is bounded: a part that says it expands beyond DOC_ZIP_PART_MAX, or
 * that turns out to while it is inflated (a lying header), is refused with the part's
 * name, never inflated further. A ZIP bomb of a few kilobytes that would expand to
 * gigabytes costs nothing. The container is read from memory: the file was read once
 * already, to sniff it. */
#ifndef POLYALIGN_DOC_ZIP_H
#define POLYALIGN_DOC_ZIP_H

#include <stddef.h>

/* The largest part read: a novel's word/document.xml takes 10-30 MB. */
#define DOC_ZIP_PART_MAX ((size_t)64 << 20)

typedef struct doc_zip doc_zip;

/* Open the ZIP in buf[0..len) (borrowed: must outlive the doc_zip); `name` names the file
 * in messages. 0, or -ERR_DATA ("not a ZIP container", a damaged one) / -ERR_NOMEM. */
int doc_zip_open(const char *buf, size_t len, const char *name, doc_zip **out);

/* Whether the container holds a part of that name. */
int doc_zip_has(doc_zip *z, const char *part);

/* What the container is, from its parts: "docx", "odt", "xlsx", "pptx", "ods", "odp",
 * "epub", or NULL for another ZIP archive. */
const char *doc_zip_kind(doc_zip *z);

/* Read a part whole into a malloc'd, NUL-terminated buffer, at most `limit` bytes
 * expanded. 0; -ERR_DATA naming file and part when it is missing (unless optional:
 * then 0 with *out NULL), bigger than the limit, encrypted or damaged; -ERR_NOMEM. */
int doc_zip_read(doc_zip *z, const char *part, size_t limit, int optional, char **out, size_t *len);

void doc_zip_close(doc_zip *z);

#endif
