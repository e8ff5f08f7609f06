/* tmx_reader.h — a streaming TMX reader on libxml2's push parser (SAX callbacks).
 *
 * Translation memories run to millions of units and gigabytes, so units are handed out
 * one at a time and memory stays constant. A unit keeps everything a round trip needs:
 * its attributes, props and notes, and for each tuv its attributes, the segment's text
 * (inline markup left out, for comparing and exporting) and the segment's inner XML as
 * written (bpt/ept/ph/it/hi/sub/ut kept, for merging and converting without loss).
 *
 * Hostile XML is refused: no network, no entity substitution, no external DTD or entity
 * loading; an entity reference in the document is an error, so a billion-laughs file
 * fails at its first reference and an XXE attempt reads nothing. */
#ifndef POLYALIGN_TMX_READER_H
#define POLYALIGN_TMX_READER_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *name, *value;
} tmx_attr;

typedef struct {
    tmx_attr *v;
    size_t n, cap;
} tmx_attrs;

typedef struct {
    char *type;     /* prop type, or NULL for a note */
    char *text;
} tmx_annotation;

typedef struct {
    tmx_attrs attrs;            /* xml:lang is attrs' "xml:lang" (or "lang") */
    tmx_annotation *notes;      /* props and notes of the tuv */
    size_t nnotes;
    char *text;                 /* segment text without inline markup */
    char *xml;                  /* segment content as written (tmx_reader_keep_markup) */
    int segs;                   /* number of <seg> elements seen (1 when valid) */
    int unpaired;               /* <bpt>/<ept> without a partner (same i) in the segment */
    int line, col;
} tmx_tuv;

typedef struct tmx_unit_s {
    tmx_attrs attrs;
    tmx_annotation *notes;
    size_t nnotes;
    tmx_tuv *tuv;
    size_t ntuv, cap;
    int line, col;
} tmx_unit;

typedef struct tmx_reader tmx_reader;

/* Called for each element TMX 1.4b does not define (any namespaced one, e.g. xi:include,
 * or an unknown name), with its qualified name: `tmx validate` reports them. XInclude and
 * the like are never processed. */
typedef void (*tmx_foreign_fn)(void *ctx, int line, int col, const char *name);

typedef struct {
    int fd;                     /* read this open descriptor (not closed) instead of the path; -1: none */
    tmx_foreign_fn on_foreign;  /* may be NULL */
    void *ctx;
} tmx_reader_options;

/* The name standard input goes by in messages ("-" on the command line). */
#define TMX_STDIN_NAME "<stdin>"

/* Open a TMX file ("-": standard input) and read up to the first unit; the header is
 * available at once. 0, -ERR_NOINPUT (missing, unreadable, a directory), or -ERR_DATA
 * with "FILE:LINE:COL: message" (an empty file, or one that is not a TMX document, says
 * so in words). */
int tmx_reader_open(const char *path, tmx_reader **out);

/* The same with options; `path` names the file in messages when o->fd is used. */
int tmx_reader_open_with(const char *path, const tmx_reader_options *o, tmx_reader **out);

/* Standard input copied to an unnamed temporary file, for readers that read their input
 * twice (merge, validate --dtd): a descriptor at offset 0, or -ERR_IO. */
int tmx_stdin_spool(void);

/* Also keep each segment's inner XML (tmx_tuv.xml; NULL otherwise): needed to write a
 * unit back unchanged, not to read its text. Off by default, because it costs time; call
 * it right after opening, before the first tmx_reader_next. */
void tmx_reader_keep_markup(tmx_reader *r, int on);

/* Header attributes (empty when the file has none). */
const tmx_attrs *tmx_reader_header(const tmx_reader *r);

/* The value of the header's first <prop type="…">, or NULL. */
const char *tmx_reader_header_prop(const tmx_reader *r, const char *type);
int tmx_reader_header_line(const tmx_reader *r);

/* The next unit into *u (its previous content is freed). 1: a unit, 0: the end,
 * negative: an error with "FILE:LINE:COL: message" in error_last(). */
int tmx_reader_next(tmx_reader *r, tmx_unit *u);

/* The input's name in messages: the path, or TMX_STDIN_NAME. */
const char *tmx_reader_name(const tmx_reader *r);

/* The distinct tuv languages of the units read so far, "en-GB, zh-CN" ("…" after about
 * 200 bytes): what a message says a memory holds when a language asked for is not there. */
const char *tmx_reader_languages(const tmx_reader *r);

void tmx_reader_close(tmx_reader *r);

void tmx_unit_free(tmx_unit *u);

/* The value of attribute `name` or NULL. */
const char *tmx_attr_get(const tmx_attrs *a, const char *name);

/* A tuv's language: xml:lang, or TMX 1.1's lang. */
const char *tmx_tuv_lang(const tmx_tuv *t);

/* The texts of the tuvs in languages src and tgt: the first with the very tag, else the
 * first of the same language as far as both tags go (en answers en-GB, and en-GB en), so
 * that srclang "en" takes the en variant even after an en-GB one. 1 when both exist and
 * are not empty. */
int tmx_unit_pair(const tmx_unit *u, const char *src, const char *tgt, const char **s, const char **t);

/* A 64-bit hash of text with whitespace runs collapsed and the ends trimmed, continuing
 * h: units that differ only in spacing hash alike. Kept in memory only, never stored. */
uint64_t tmx_text_hash(uint64_t h, const char *text);

/* The same, also counting the text's characters other than whitespace into *chars
 * (when not NULL): one pass where a caller needs both. */
uint64_t tmx_text_hash_count(uint64_t h, const char *text, size_t *chars);

#endif
