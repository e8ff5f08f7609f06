/* icu_sentence_loop.c — the baseline for `make bench`: a bare ICU sentence BreakIterator
 * over a UTF-8 UText, counting breaks and nothing else. polyalign's segmenter does this
 * plus rules, paragraphs and output, so the ratio of the two is the cost of our work.
 * With --print it prints the sentences instead, one per line (newlines inside a sentence
 * become spaces), so that `make eval` scores plain ICU with the same loop on the dev sets
 * (the "plain ICU" row of issue 15's table).
 *
 * usage: icu_sentence_loop [--print] LOCALE FILE   (FILE may be - or a pipe) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

/* The whole of f, read in chunks (a pipe has no size); NULL when out of memory. */
static char *read_all(FILE *f, long *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger)
                free(buf);
            buf = bigger;
        }
    }
    *len = (long)n;
    return buf;
}

int main(int argc, char **argv)
{
    int print = argc > 1 && strcmp(argv[1], "--print") == 0;
    argv += print;
    argc -= print;
    if (argc != 3) {
        fprintf(stderr, "usage: icu_sentence_loop [--print] LOCALE FILE\n");
        return 2;
    }
    FILE *f = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 66;
    }
    long len = 0;
    char *buf = read_all(f, &len);
    if (!buf || ferror(f)) {
        fprintf(stderr, "%s: read failed\n", argv[2]);
        return 74;
    }
    if (f != stdin)
        fclose(f);
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, buf, len, &err);
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, argv[1], NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "ICU: %s\n", u_errorName(err));
        return 70;
    }
    long n = 0;
    for (int32_t a = ubrk_first(bi), b; (b = ubrk_next(bi)) != UBRK_DONE; a = b, n++)
        if (print) {
            for (int32_t i = a; i < b; i++)
                putchar(buf[i] == '\n' || buf[i] == '\r' ? ' ' : buf[i]);
            putchar('\n');
        }
    if (!print)
        printf("%ld\n", n);
    ubrk_close(bi);
    utext_close(ut);
    free(buf);
    return 0;
}
