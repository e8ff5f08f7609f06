/* icu_sentence_loop.c — the baseline for `make bench`: a bare ICU sentence BreakIterator
 * over a UTF-8 UText, counting breaks and nothing else. polyalign's segmenter does this
 * plus rules, paragraphs and output, so the ratio of the two is the cost of our work.
 *
 * usage: icu_sentence_loop LOCALE FILE   (prints the number of sentences) */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s LOCALE FILE\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 66;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
        fprintf(stderr, "%s: read failed\n", argv[2]);
        return 74;
    }
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
    for (int32_t b = ubrk_first(bi); (b = ubrk_next(bi)) != UBRK_DONE;)
        n++;
    printf("%ld\n", n);
    ubrk_close(bi);
    utext_close(ut);
    free(buf);
    return 0;
}
