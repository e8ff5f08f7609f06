/* encoding.h — text in legacy encodings, read as UTF-8 through ICU.
 *
 * Translators' files come in GB18030, GBK or Big5, Windows-1251, KOI8-R or ISO-8859-5,
 * or UTF-16 from Windows tools. Everything past the input boundary is UTF-8, so such a
 * file is converted here (ICU converters, ucnv), from the encoding the user names or,
 * when none is named and the bytes are not UTF-8, from the one ICU's charset detector
 * (ucsdet) names clearly. "Clearly" is measured on our sample texts in every such
 * encoding: the right candidate scored 32-100 and led the next by 15 points or more (the
 * UTF-16 guesses ICU adds at 10 for any 8-bit text aside). A weaker or closer guess is
 * never taken: it is an error that names the candidates and asks for --encoding. Bytes
 * that are UTF-8 with a few bad ones stay an "invalid UTF-8 at byte N" error, as a
 * damaged file should (input.c asks the detector only about text with no valid UTF-8
 * sequence and enough non-ASCII bytes to go on). */
#ifndef POLYALIGN_TEXT_ENCODING_H
#define POLYALIGN_TEXT_ENCODING_H

#include <stddef.h>

typedef struct {
    char name[40];      /* the encoding converted from ("" for UTF-8 as read) */
    int confidence;     /* ICU's detection confidence 0-100; -1 when the user named it */
} text_encoding;

/* Whether `requested` names UTF-8 or asks for detection (NULL, "", "auto"). */
int encoding_is_auto(const char *requested);

/* Whether `requested` names UTF-8 itself. */
int encoding_is_utf8(const char *requested);

/* Convert buf[0..len) from `charset` (an ICU name or alias) to a malloc'd, NUL-terminated
 * UTF-8 string. 0; -ERR_USAGE for a name ICU does not know; -ERR_DATA, naming `name`,
 * for bytes that are not valid in that encoding. */
int encoding_convert(const char *buf, size_t len, const char *name, const char *charset, char **out,
                     size_t *out_len);

/* Ask ICU's detector about buf[0..len), bytes that are not UTF-8. 1 when one encoding
 * is clear (in *best); 0 otherwise, with the candidates ("windows-1251 (25%), KOI8-R
 * (20%)") in `candidates` for a message ("" when none fits, and best->name "UTF-8" when
 * the bytes look like damaged UTF-8). */
int encoding_detect(const char *buf, size_t len, text_encoding *best, char *candidates, size_t size);

#endif
