/* text_blocks.h — a plain UTF-8 text file read in blocks, twice, in constant memory.
 *
 * `polyalign segment` must know a few things of the whole document before it prints the
 * first sentence (the document's own abbreviation evidence, what a newline means, the
 * language), and must print nothing of a file that is not UTF-8. So it reads a file
 * twice: a first pass validates every block and gathers that evidence, a second segments.
 * A regular file is simply read again; standard input, which cannot be, is copied to an
 * unnamed temporary file (tmpfile(), in TMPDIR) during the first pass: disk, not memory,
 * holds it. Blocks end at character boundaries; a leading UTF-8 BOM is not handed out
 * (its length is in `bom`, since offsets count it). Anything this cannot read as plain
 * UTF-8 (a directory, a pipe given by name, bad bytes) is left to the whole-file reader
 * (doc_read.h), which reports it as before: text_blocks_fallback makes standard input
 * readable again from its start for it. */
#ifndef POLYALIGN_TEXT_BLOCKS_H
#define POLYALIGN_TEXT_BLOCKS_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    int fd;                 /* the file, or the temporary copy of standard input */
    const char *name;       /* for messages ("<stdin>" for standard input) */
    int is_stdin;
    FILE *spool;            /* that copy (NULL for a file) */
    int spooling;           /* first pass over stdin: copy what is read */
    int validate;           /* check the blocks (first pass) */
    int bad;                /* a block was not UTF-8, or held a NUL byte */
    size_t bom;             /* 3 after a UTF-8 BOM, else 0 */
    int started;            /* the BOM was looked for */
    char carry[4];          /* an incomplete character from the end of the last read */
    size_t ncarry;
    int eof;
} text_blocks;

/* Open path ("-" or NULL: standard input). 0; 1 when it is not a regular file (left to
 * the whole-file reader); a negative error code when the temporary file cannot be made. */
int text_blocks_open(const char *path, text_blocks *tb);

/* The next bytes into buf[0..cap) (cap >= 8), ending at a character boundary: *got = 0 at
 * the end. 0, or -ERR_IO naming the file. In the first pass, tb->bad says when a block
 * was not valid UTF-8 or held a NUL byte (the caller stops and falls back). */
int text_blocks_read(text_blocks *tb, char *buf, size_t cap, size_t *got);

/* Back to the start for the second pass (no validation: the first one did it). */
int text_blocks_rewind(text_blocks *tb);

/* For the whole-file reader: standard input becomes the copy made so far followed by
 * what was not read yet (0 or -ERR_IO). Nothing to do for a file. */
int text_blocks_fallback(text_blocks *tb);

void text_blocks_close(text_blocks *tb);

#endif
