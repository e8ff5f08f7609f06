/* window.h — a UTF-16 view of a stretch of a UTF-8 document, for ICU regular expressions.
 *
 * ICU's regex engine runs four to six times faster on UTF-16 than through a UTF-8 UText,
 * and the SRX rules look only a few hundred characters around a break. So rules run on a
 * window of about 64 K characters, refilled as the segmenter moves on: never a UTF-16 copy
 * of the whole document. Each UTF-16 index knows its byte offset, so positions convert
 * both ways. A reversed copy lets patterns that look backwards run forwards. */
#ifndef POLYALIGN_WINDOW_H
#define POLYALIGN_WINDOW_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

typedef struct {
    const char *text;       /* the whole UTF-8 document */
    size_t len;
    size_t start, end;      /* bytes [start, end) are in the window */
    UChar *u;               /* the window in UTF-16 */
    int32_t ulen, ucap;
    uint32_t *byte_at;      /* byte offset (from start) of each UTF-16 index, ulen + 1 entries */
    UChar *rev;             /* the window backwards, by code point: index i here is ulen - i there */
    unsigned generation;    /* increases at every refill */
} utf16_window;

void window_init(utf16_window *w, const char *text, size_t len);
void window_free(utf16_window *w);

/* Make bytes [from, to) part of the window (clamped to the document; at least `chunk`
 * bytes are converted when refilling). 0 or -ERR_IO. */
int window_cover(utf16_window *w, size_t from, size_t to, size_t chunk);

/* UTF-16 index of a byte offset inside the window (a character boundary). */
int32_t window_index(const utf16_window *w, size_t byte);

/* Byte offset of a UTF-16 index of the window. */
size_t window_byte(const utf16_window *w, int32_t index);

#endif
