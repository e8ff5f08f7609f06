/* file_ext.h — a file name's extension, where an output format is chosen by it
 * (`-o out.vtt`, `-o memory.tmx`). Extensions are compared in any case: `out.VTT` is
 * WebVTT as much as `out.vtt` is. */
#ifndef POLYALIGN_FILE_EXT_H
#define POLYALIGN_FILE_EXT_H

/* Whether the last component of path (NULL: none) ends in '.' and ext, in any case. */
int file_ext_is(const char *path, const char *ext);

#endif
