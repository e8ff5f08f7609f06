/* tm_lookup_bench.c — `make bench`: build the fuzzy-lookup index of a large memory, then
 * time queries one by one (a query is a memory source with a word changed), printing
 * build time, index size and p50/p99 latency.
 *
 * usage: tm_lookup_bench FILE.tmx SRC TGT QUERIES INDEX_FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tm/tm_index.h"
#include "tm/tmx_reader.h"
#include "util/error.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: %s FILE.tmx SRC TGT QUERIES INDEX_FILE\n", argv[0]);
        return 2;
    }
    int nq = atoi(argv[4]);
    double t0 = now();
    tm_index *ix;
    if (tm_index_build(argv[1], argv[2], argv[3], &ix) < 0) {
        fprintf(stderr, "%s\n", error_last());
        return 1;
    }
    double built = now() - t0;
    tm_index_save(ix, argv[5]);
    struct stat st;
    stat(argv[5], &st);
    /* queries: every k-th source segment of the memory, one word replaced */
    tmx_reader *r;
    if (tmx_reader_open(argv[1], &r) < 0)
        return 1;
    size_t every = tm_index_units(ix) / (size_t)nq + 1, seen = 0;
    double *lat = malloc(sizeof *lat * (size_t)nq);
    int done = 0, found = 0;
    tmx_unit u = {0};
    while (done < nq && tmx_reader_next(r, &u) == 1) {
        if (seen++ % every || !u.ntuv || !u.tuv[0].text)
            continue;
        char q[4096];
        snprintf(q, sizeof q, "%s", u.tuv[0].text);
        char *space = strchr(q, ' ');
        if (space && space[1])
            memcpy(space + 1, "zzz", space[2] && space[3] ? 3 : 1);
        tm_match m[5];
        double a = now();
        found += tm_index_lookup(ix, q, 70, m, 5) > 0;
        lat[done++] = now() - a;
    }
    qsort(lat, (size_t)done, sizeof *lat, cmp_double);
    printf("units %zu, index build %.2f s, index file %.0f MB, %d queries (%d with a match >= 70%%): "
           "p50 %.2f ms, p99 %.2f ms\n",
           tm_index_units(ix), built, (double)st.st_size / 1048576, done, found, 1000 * lat[done / 2],
           1000 * lat[done * 99 / 100]);
    tmx_unit_free(&u);
    tmx_reader_close(r);
    tm_index_free(ix);
    free(lat);
    return 0;
}
