/* tmx_writer.h — streaming TMX 1.4b output on libxml2's xmlTextWriter.
 *
 * Units are written as they come, so a memory of any size takes constant memory. The
 * header carries what CAT tools check (creationtool, segtype, o-tmf, adminlang, srclang,
 * datatype, creationdate); dates honour SOURCE_DATE_EPOCH so that builds are
 * reproducible. Text is escaped by libxml2; characters XML 1.0 forbids are dropped and
 * counted, so the caller can warn. */
#ifndef POLYALIGN_TMX_WRITER_H
#define POLYALIGN_TMX_WRITER_H

#include <stdio.h>
#include <time.h>

typedef struct tmx_writer tmx_writer;

typedef struct {
    const char *srclang;        /* the pivot language, a BCP 47 tag */
    const char *adminlang;      /* NULL: en-US */
    const char *datatype;       /* NULL: plaintext */
    const char *segtype;        /* NULL: sentence */
    const char *const *prop_types;  /* header props, e.g. x-po-header (may be NULL) */
    const char *const *prop_values;
    size_t nprops;
} tmx_header;

/* The creation time: $SOURCE_DATE_EPOCH when set, else now. */
time_t tmx_creation_time(void);

/* $SOURCE_DATE_EPOCH when it is set but not a whole number of seconds (" 7", "-1",
 * "2016-11-16"), so that the caller can say it is ignored; NULL otherwise. */
const char *tmx_source_date_epoch_ignored(void);

/* Format t as TMX wants it: YYYYMMDDThhmmssZ (buf of 17 bytes or more). */
void tmx_format_date(time_t t, char *buf, size_t size);

/* Start a TMX document on `f` (not closed by the writer). 0 or -ERR_IO. */
int tmx_writer_open(tmx_writer **w, FILE *f, const tmx_header *h);

int tmx_writer_begin_tu(tmx_writer *w, const char *tuid);
int tmx_writer_prop(tmx_writer *w, const char *type, const char *value);
int tmx_writer_note(tmx_writer *w, const char *text);
/* One <tuv xml:lang=…><seg>text</seg></tuv>, text plain (escaped here). */
int tmx_writer_tuv(tmx_writer *w, const char *lang, const char *text);
int tmx_writer_end_tu(tmx_writer *w);

/* A unit read by tmx_reader.h written back as it was: attributes, props and notes, and
 * each segment's markup (the reader must have kept it: tmx_reader_keep_markup). */
struct tmx_unit_s;
int tmx_writer_copy_unit(tmx_writer *w, const struct tmx_unit_s *u);

/* Finish the document and flush. 0 or -ERR_IO. The writer is freed either way. */
int tmx_writer_close(tmx_writer *w);

/* Characters dropped because XML 1.0 forbids them. */
size_t tmx_writer_dropped(const tmx_writer *w);

#endif
