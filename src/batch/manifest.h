/* manifest.h — the document sets of a batch: a manifest file, or a folder of NAME.LANG.EXT
 * files.
 *
 * A manifest is TSV: a header naming the languages, pivot first (`id<TAB>en-GB<TAB>
 * zh-CN<TAB>ru-RU`, two or three languages), then one document set per line: an id and
 * one file per language, paths relative to the manifest's folder. Blank lines and lines
 * starting with '#' are skipped. What is wrong with the whole manifest (no header, a
 * language ICU does not know, no document at all) is an error; what is wrong with one
 * line (a missing file, a wrong column count, an id used before or that cannot name a
 * file, a file whose name says it is in the language of another column) is kept with
 * that line, so that the good lines are still aligned and the bad ones reported in
 * order. A file outside the manifest's folder is allowed but noted, since a manifest
 * copied elsewhere would then align other files.
 *
 * --from-dir builds the same list from a folder: files named NAME.LANG or NAME.LANG.EXT
 * in the languages asked for, one set per NAME, sets in byte order of their names; a NAME
 * lacking a language, or holding it twice, is a set with an error. */
#ifndef POLYALIGN_BATCH_MANIFEST_H
#define POLYALIGN_BATCH_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "../text/lang.h"

/* An id is a file name in OUTDIR/docs/: at most this many bytes. */
#define MANIFEST_ID_MAX 200

typedef struct {
    size_t line;            /* line in the manifest (1-based); 0 in a folder's list */
    char *id;               /* NULL when the line has none */
    char *given[3];         /* the files as written (the manifest's own words) */
    char *path[3];          /* the same, relative to the current folder */
    char *error;            /* why the set cannot be aligned, or NULL */
    char *note;             /* something to report that does not stop it, or NULL */
    uint64_t bytes;         /* the files' total size */
} manifest_doc;

typedef struct {
    char *name;             /* the manifest's path, or the folder's */
    int from_dir;
    char langs[3][LANG_TAG_MAX];    /* full tags, pivot first */
    char words[3][LANG_TAG_MAX];    /* --from-dir: what the files' names say (en for en-US) */
    int nlangs;
    manifest_doc *docs;     /* every document line, bad ones too, in order */
    size_t n, cap;
} manifest;

/* Read the manifest at `path`. 0, or -ERR_NOINPUT (missing, unreadable), -ERR_DATA
 * ("FILE:LINE: message": no header, a bad header, no document) with nothing in *m. */
int manifest_read(const char *path, manifest *m);

/* The sets of folder `dir` in languages `langs` (full tags, pivot first); `names` are the
 * words the files are named with, one per language (en for en-US). 0, -ERR_NOINPUT (not
 * a folder), -ERR_DATA (no file in those languages). */
int manifest_from_dir(const char *dir, char langs[][LANG_TAG_MAX], const char *const *names, int nlangs,
                      manifest *m);

/* Where a set is: "manifest.tsv:12", or the folder for --from-dir (the set's id then
 * says which). */
void manifest_doc_where(const manifest *m, const manifest_doc *d, char *buf, size_t size);

void manifest_free(manifest *m);

#endif
