/* xliff_writer.h — XLIFF 1.2 and 2.0, the exchange format of CAT tools, streamed.
 *
 * A bilingual document: one source and one target language. Each aligned bead becomes a
 * unit (1.2: trans-unit, 2.0: unit with one segment) holding the source text and, when
 * the bead has one, the target text. The aligner's confidence travels with it: in 1.2 a
 * <note from="polyalign"> ("confidence 0.9731, bead 2-1"), in 2.0 the Metadata module
 * (mda:metaGroup category="polyalign", meta type="confidence" and "shape"). A unit whose
 * confidence is below --min-score is marked for review: 1.2 state="needs-review-
 * translation", 2.0 state="translated" with subState="polyalign:needs-review"; the others
 * are "translated". XLIFF 1.2 carries several target languages as several <file>
 * elements; XLIFF 2.0 has one target language per document (srcLang and trgLang on the
 * root), so a caller with two translations writes 1.2. */
#ifndef POLYALIGN_XLIFF_WRITER_H
#define POLYALIGN_XLIFF_WRITER_H

#include <stdio.h>

typedef struct xliff_writer xliff_writer;

/* Start an XLIFF document (version 1 for 1.2, 2 for 2.0) on f (not closed here).
 * `srclang` and, for 2.0, `trglang` go on the root. 0 or -ERR_NOMEM. */
int xliff_writer_open(xliff_writer **w, FILE *f, int version, const char *srclang, const char *trglang);

/* A <file>: `original` names the source document; `trglang` its target language (1.2). */
int xliff_writer_begin_file(xliff_writer *w, const char *original, const char *trglang);

typedef struct {
    const char *id;         /* unique in the file */
    const char *source;
    const char *target;     /* NULL: no translation found for it */
    double confidence;
    const char *shape;      /* "2-1" */
    int needs_review;
} xliff_unit;

int xliff_writer_unit(xliff_writer *w, const xliff_unit *u);

int xliff_writer_end_file(xliff_writer *w);

/* Finish, flush and free. 0, -ERR_NOMEM or -ERR_IO. */
int xliff_writer_close(xliff_writer *w);

/* Characters dropped because XML 1.0 forbids them. */
size_t xliff_writer_dropped(const xliff_writer *w);

#endif
