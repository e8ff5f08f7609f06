/* input_file.h — the fuzz input as a file, for the readers that take a path.
 *
 * The TMX, SRT/WebVTT, PO, lexicon, --times and audio readers open files by name (they
 * stream, or hand the name to libxml2, libgettextpo or FFmpeg), so a target writes each
 * input to one private temporary file (mkstemps, removed at exit) and passes its name:
 * the code under test is the code a user's file meets. Included by the targets only. */
#ifndef POLYALIGN_FUZZ_INPUT_FILE_H
#define POLYALIGN_FUZZ_INPUT_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_input_path[4096];

static void fuzz_input_remove(void)
{
    unlink(fuzz_input_path);
}

/* Write data[0..size) to this process's input file, named with `suffix` (".srt" …) the
 * first time; its path. Aborts when the file cannot be written: that is no finding. */
static const char *fuzz_input_file(const uint8_t *data, size_t size, const char *suffix)
{
    if (!fuzz_input_path[0]) {
        const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(fuzz_input_path, sizeof fuzz_input_path, "%s/polyalign-fuzz-XXXXXX%s", dir, suffix);
        int fd = mkstemps(fuzz_input_path, (int)strlen(suffix));
        if (fd < 0) {
            perror(fuzz_input_path);
            abort();
        }
        close(fd);
        atexit(fuzz_input_remove);
    }
    FILE *f = fopen(fuzz_input_path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(fuzz_input_path);
        abort();
    }
    return fuzz_input_path;
}

#endif
