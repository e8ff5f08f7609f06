/* lexicon_load_bench.c — time opening a compiled lexicon (map + full check of every
 * offset), against a bare open + mmap + touch-every-page of the same file in the same
 * run: the floor any loader of that file pays.
 *
 *   lexicon_load_bench FILE.lex [RUNS]   prints "lexicon_open MS  bare_mmap MS" (best of RUNS) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "align/lexicon.h"
#include "util/error.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double bare_map(const char *path)
{
    double t0 = now_ms();
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0)
        exit(66);
    const volatile unsigned char *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        exit(74);
    unsigned sum = 0;
    for (off_t k = 0; k < st.st_size; k += 4096)
        sum += p[k];
    munmap((void *)p, (size_t)st.st_size);
    double t = now_ms() - t0;
    return t + (sum == 0xffffffffu); /* keep the reads */
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE.lex [RUNS]\n", argv[0]);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    double best_open = 1e9, best_bare = 1e9;
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        lexicon *lx;
        if (lexicon_open(argv[1], &lx) < 0) {
            fprintf(stderr, "%s\n", error_last());
            return 1;
        }
        double t = now_ms() - t0;
        lexicon_free(lx);
        if (t < best_open)
            best_open = t;
        t = bare_map(argv[1]);
        if (t < best_bare)
            best_bare = t;
    }
    printf("%.2f %.2f\n", best_open, best_bare);
    return 0;
}
