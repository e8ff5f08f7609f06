/* tm_lookup_bench.c — `make bench`: build the fuzzy-lookup index of a large memory, time
 * queries one by one and check the answers against scoring every unit.
 *
 * Two kinds of query, taken from every k-th source of the memory: the source with one
 * word changed (what a translator's edited sentence looks like), and its first three
 * words (short queries of common words, like "Report of the", the case where an index
 * of words has the most to read). Latency is p50/p99 at --min 70, elapsed and in CPU
 * time (which the other processes of a shared machine disturb less). The check: for a
 * sample of both kinds, at --min 70 and 50, the index's answer against a brute force that
 * scores every unit with the same function (tm_index_score), sorted the same way and cut
 * at the same count: recall of the units the brute force returns, and how many answers
 * are identical.
 *
 * usage: tm_lookup_bench FILE.tmx SRC TGT QUERIES INDEX_FILE [CHECKED_PER_KIND (10)] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tm/tm_index.h"
#include "tm/tmx_reader.h"
#include "util/error.h"

enum { KINDS = 2 };
static const char *const kind_name[KINDS] = {"one word changed", "first three words"};

/* Seconds on clock `clock`: CLOCK_MONOTONIC (elapsed), or CLOCK_THREAD_CPUTIME_ID, which
 * other processes on a shared machine disturb less. */
static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static double now(void)
{
    return seconds(CLOCK_MONOTONIC);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The queries of both kinds made from a memory source. */
static void make_queries(const char *source, char edited[4096], char short_query[4096])
{
    snprintf(edited, 4096, "%s", source);
    char *space = strchr(edited, ' ');
    if (space && space[1])
        memcpy(space + 1, "zzz", space[2] && space[3] ? 3 : 1);
    snprintf(short_query, 4096, "%s", source);
    char *end = short_query;
    for (int words = 0; end && words < 3; words++)
        end = strchr(end + (words > 0), ' ');
    if (end)
        *end = '\0';
}

/* Every unit scored against the query, the best `max` into out, as a lookup sorts them. */
static size_t brute_force(const tm_index *ix, const char *query, int min_score, tm_match *out, size_t max)
{
    tm_query *q;
    if (tm_query_new(ix, query, &q) < 0)
        return 0;
    size_t n = 0, cap = 64;
    tm_match *all = malloc(cap * sizeof *all);
    for (size_t u = 0; u < tm_index_units(ix) && all; u++) {
        if (n == cap)
            all = realloc(all, (cap *= 2) * sizeof *all);
        if (all && tm_index_score(ix, q, u, min_score, &all[n]))
            n++;
    }
    tm_query_free(q);
    if (!all)
        return 0;
    qsort(all, n, sizeof *all, tm_match_compare);
    n = n < max ? n : max;
    memcpy(out, all, n * sizeof *out);
    free(all);
    return n;
}

/* Whether two answers list the same units with the same scores and notes, in order. */
static int same_answer(const tm_match *a, size_t na, const tm_match *b, size_t nb)
{
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].order != b[i].order || a[i].score != b[i].score || a[i].differs != b[i].differs)
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: %s FILE.tmx SRC TGT QUERIES INDEX_FILE [CHECKED_PER_KIND]\n", argv[0]);
        return 2;
    }
    int nq = atoi(argv[4]), checked = argc == 7 ? atoi(argv[6]) : 10;
    double t0 = now();
    tm_index *ix;
    if (tm_index_build(argv[1], argv[2], argv[3], &ix) < 0) {
        fprintf(stderr, "%s\n", error_last());
        return 1;
    }
    double built = now() - t0;
    struct stat st = {0};
    if (tm_index_save(ix, argv[5]) < 0 || stat(argv[5], &st) < 0)
        fprintf(stderr, "%s\n", error_last());
    printf("units %zu, index build %.2f s, index file %.0f MB\n", tm_index_units(ix), built,
           (double)st.st_size / 1048576);
    /* queries: every k-th source segment of the memory */
    tmx_reader *r;
    if (nq < 1 || tmx_reader_open(argv[1], &r) < 0)
        return 1;
    size_t every = tm_index_units(ix) / (size_t)nq + 1, seen = 0;
    char (*queries)[KINDS][4096] = malloc(sizeof *queries * (size_t)nq);
    int done = 0;
    tmx_unit u = {0};
    while (queries && done < nq && tmx_reader_next(r, &u) == 1) {
        if (seen++ % every || !u.ntuv || !u.tuv[0].text)
            continue;
        make_queries(u.tuv[0].text, queries[done][0], queries[done][1]);
        done++;
    }
    tmx_unit_free(&u);
    tmx_reader_close(r);
    double *lat = malloc(sizeof *lat * (size_t)(done ? done : 1)), *cpu = malloc(sizeof *cpu * (size_t)(done ? done : 1));
    tm_match *m = malloc(sizeof *m * TM_INDEX_MAX_MATCHES), *b = malloc(sizeof *b * TM_INDEX_MAX_MATCHES);
    if (!queries || !lat || !cpu || !m || !b)
        return 1;
    for (int kind = 0; kind < KINDS && done; kind++) {
        int found = 0;
        for (int k = 0; k < done; k++) {
            double a = now(), c = seconds(CLOCK_THREAD_CPUTIME_ID);
            found += tm_index_lookup(ix, queries[k][kind], 70, m, 5) > 0;
            lat[k] = now() - a;
            cpu[k] = seconds(CLOCK_THREAD_CPUTIME_ID) - c;
        }
        qsort(lat, (size_t)done, sizeof *lat, cmp_double);
        qsort(cpu, (size_t)done, sizeof *cpu, cmp_double);
        printf("%d queries (%s), --min 70, %d with a match: p50 %.2f ms, p99 %.2f ms, max %.2f ms "
               "(CPU time: p50 %.2f ms, p99 %.2f ms)\n",
               done, kind_name[kind], found, 1000 * lat[done / 2], 1000 * lat[done * 99 / 100], 1000 * lat[done - 1],
               1000 * cpu[done / 2], 1000 * cpu[done * 99 / 100]);
    }
    /* agreement with scoring every unit */
    size_t want = 0, got = 0;
    int same = 0, compared = 0;
    double brute_time = 0;
    static const int mins[] = {70, 50};
    int step = checked > 0 && done > checked ? done / checked : 1;
    for (int kind = 0; kind < KINDS; kind++)
        for (size_t mi = 0; mi < sizeof mins / sizeof *mins; mi++)
            for (int k = 0; k < done && checked > 0 && k / step < checked; k += step) {
                ptrdiff_t found_now = tm_index_lookup(ix, queries[k][kind], mins[mi], m, TM_INDEX_MAX_MATCHES);
                if (found_now < 0) {
                    fprintf(stderr, "tm_lookup_bench: %s\n", error_last());
                    return 1;
                }
                size_t nm = (size_t)found_now;
                double a = now();
                size_t nb = brute_force(ix, queries[k][kind], mins[mi], b, TM_INDEX_MAX_MATCHES);
                brute_time += now() - a;
                want += nb;
                for (size_t i = 0; i < nb; i++)
                    for (size_t j = 0; j < nm; j++)
                        if (m[j].order == b[i].order) {
                            got++;
                            break;
                        }
                same += same_answer(m, nm, b, nb);
                compared++;
            }
    printf("agreement with scoring every unit (%d queries: both kinds, --min 70 and 50): recall %zu/%zu "
           "units (%.4f), %d/%d identical answers; brute force %.0f ms per query\n",
           compared, got, want, want ? (double)got / (double)want : 1.0, same, compared,
           compared ? 1000 * brute_time / compared : 0.0);
    tm_index_free(ix);
    free(queries);
    free(lat);
    free(cpu);
    free(m);
    free(b);
    return 0;
}
