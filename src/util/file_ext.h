/* file_ext.h — a file name's extension, where an output format is chosen by it
 * (`-o out.vtt`, `-o memory.tmx`). Extensions are compared in any case: `out.VTT` is
 * WebVTT as much as `out.vtt` is. */
#ifndef POLYALIGN_FILE_EXT_H
#define POLYALIGN_FILE_EXT_H

/* The last component of path: the file's name without its folder. */
const char *file_base_name(const char *path);

/* Whether the last component of path (NULL: none) ends in '.' and ext, in any case. */
int file_ext_is(const char *path, const char *ext);

/* The extension of path when it names a file format that is not among `writes` (a
 * NULL-terminated list of the extensions an output takes): a spreadsheet, a document,
 * another exchange or subtitle format (.xlsx, .csv, .docx, .xliff, .po, .srt …). NULL
 * when path has no extension, one of `writes`, or one that names no known format (a
 * file called corpus.en is the user's business). */
const char *file_ext_foreign(const char *path, const char *const *writes);

#endif
