/* batch.c — the threads of a batch and the files that sum it up; see batch.h.
 *
 * Threads take the next set from a shared counter, so a long document never holds up
 * the others, and record what came of it under one lock; the thread that started the
 * batch only waits, telling the observer of each finished set and ticking four times a
 * second, so that everything printed comes from one thread. The results are kept by set
 * and written in that order at the end, which is why the order the threads finish in
 * never shows in any file. */
#include "batch.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "../i18n.h"
#include "../util/error.h"
#include "job.h"
#include "outputs.h"

typedef struct {
    const manifest *m;
    const char *outdir;
    const batch_options *o;
    size_t *sets;               /* the sets of this run (the shard's), in order */
    size_t nsets;
    job_result *results;        /* per entry of sets */
    pthread_mutex_t lock;
    pthread_cond_t changed;     /* a set finished */
    size_t next;                /* the next entry of sets to take (nsets: none left) */
    size_t taken;               /* entries taken so far */
    size_t *finished;           /* entries of sets in the order they finished */
    size_t nfinished;
    int fatal;                  /* the error that stopped the batch (out of memory, an
                                 * output not written), or 0 */
    char fatal_message[1024];   /* its message: error_last() is the thread's own */
    batch_counts counts;
    double start;
} run_state;

void batch_report_name(unsigned shard, unsigned shards, char *buf, size_t size)
{
    if (shards)
        snprintf(buf, size, "report.%u-of-%u.jsonl", shard, shards);
    else
        snprintf(buf, size, "report.jsonl");
}

static void *worker(void *arg)
{
    run_state *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        size_t at = r->next < r->nsets ? r->next++ : r->nsets;
        r->taken += at < r->nsets;
        pthread_mutex_unlock(&r->lock);
        if (at == r->nsets)
            return NULL;
        job_result *res = &r->results[at];
        int rc = job_run(r->m, r->sets[at], r->outdir, r->o, res); /* a set's own failure is in res */
        pthread_mutex_lock(&r->lock);
        if (rc < 0 && !r->fatal) {
            r->fatal = rc;
            snprintf(r->fatal_message, sizeof r->fatal_message, "%s", error_last());
        }
        if (rc < 0)
            r->next = r->nsets; /* no set is taken after it */
        r->counts.done++;
        r->counts.failed += !res->line || res->error;
        r->counts.resumed += res->resumed;
        r->counts.sentences += res->sentences;
        r->counts.bytes_done += r->m->docs[r->sets[at]].bytes;
        r->finished[r->nfinished++] = at;
        pthread_cond_signal(&r->changed);
        pthread_mutex_unlock(&r->lock);
    }
}

static void tell_finished(const run_state *r, size_t at, const batch_counts *c)
{
    const batch_observer *ob = &r->o->observer;
    if (!ob->finished)
        return;
    const job_result *res = &r->results[at];
    if (!res->line)
        return; /* what stopped the batch: said once, at the end */
    const manifest_doc *d = &r->m->docs[r->sets[at]];
    char where[PATH_MAX + 64];
    manifest_doc_where(r->m, d, where, sizeof where);
    const char *warnings[16];
    size_t nw = 0;
    for (size_t k = 0; res->warnings && k < json_array_size(res->warnings) && nw < 16; k++)
        warnings[nw++] = json_string_value(json_array_get(res->warnings, k));
    batch_event e = {d, where, res->error, warnings, nw, res->resumed};
    ob->finished(ob->ctx, &e, c);
}

/* Wait for the threads, telling the observer as sets finish. */
static void watch(run_state *r)
{
    size_t told = 0;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (told < r->nfinished) {
            size_t at = r->finished[told++];
            batch_counts c = r->counts;
            c.elapsed = batch_seconds() - r->start;
            pthread_mutex_unlock(&r->lock);
            tell_finished(r, at, &c);
            pthread_mutex_lock(&r->lock);
        }
        if (r->next == r->nsets && told == r->taken)
            break; /* every set taken has finished */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        int waited = pthread_cond_timedwait(&r->changed, &r->lock, &until);
        if (waited == ETIMEDOUT && r->o->observer.tick) {
            batch_counts c = r->counts;
            c.elapsed = batch_seconds() - r->start;
            pthread_mutex_unlock(&r->lock);
            r->o->observer.tick(r->o->observer.ctx, &c);
            pthread_mutex_lock(&r->lock);
        }
    }
    pthread_mutex_unlock(&r->lock);
}

/* Run the jobs on o->jobs threads (on this one when none can be started). */
static void run_jobs(run_state *r)
{
    size_t nthreads = (size_t)(r->o->jobs > 0 ? r->o->jobs : 1);
    if (nthreads > r->nsets)
        nthreads = r->nsets;
    pthread_t *threads = calloc(nthreads + 1, sizeof *threads);
    size_t started = 0;
    while (threads && started < nthreads && pthread_create(&threads[started], NULL, worker, r) == 0)
        started++;
    if (started == 0)
        worker(r);
    watch(r);
    for (size_t k = 0; k < started; k++)
        pthread_join(threads[k], NULL);
    free(threads);
}

/* The report and, for a whole run, all.tmx, from the results in set order. */
static int sum_up(const run_state *r, batch_summary *s)
{
    batch_entry *v = calloc(r->nsets + 1, sizeof *v);
    char **tmx = calloc(r->nsets + 1, sizeof *tmx);
    int rc = v && tmx ? 0 : error_nomem();
    for (size_t k = 0; rc == 0 && k < r->nsets; k++) {
        const job_result *res = &r->results[k];
        if (!res->line) {
            rc = error_nomem();
            break;
        }
        v[k] = (batch_entry){r->sets[k], res->line, NULL};
        if (res->tmx) {
            size_t size = strlen(r->outdir) + strlen(res->tmx) + 2;
            if (!(tmx[k] = malloc(size)))
                rc = error_nomem();
            else
                snprintf(tmx[k], size, "%s/%s", r->outdir, res->tmx);
            v[k].tmx = tmx[k];
        }
    }
    char name[64];
    batch_report_name(r->o->shard, r->o->shards, name, sizeof name);
    if (rc == 0)
        rc = batch_write_report(r->outdir, name, v, r->nsets);
    if (rc == 0 && !r->o->shards)
        rc = batch_write_all(r->outdir, v, r->nsets, s);
    if (rc == 0 && r->o->review && !r->o->shards)
        rc = batch_write_review_index(r->outdir, v, r->nsets, r->o->output.min_score);
    for (size_t k = 0; tmx && k < r->nsets; k++)
        free(tmx[k]);
    free(tmx);
    free(v);
    return rc;
}

int batch_run(const manifest *m, const char *outdir, const batch_options *o, batch_summary *s)
{
    memset(s, 0, sizeof *s);
    int rc = batch_make_folders(outdir, o->review);
    if (rc < 0)
        return rc;
    /* what libxml2 and jansson set up once must be set up before the threads */
    xmlInitParser();
    json_object_seed(0);
    run_state r = {.m = m, .outdir = outdir, .o = o, .start = batch_seconds()};
    r.sets = malloc((m->n + 1) * sizeof *r.sets);
    r.results = calloc(m->n + 1, sizeof *r.results);
    r.finished = malloc((m->n + 1) * sizeof *r.finished);
    if (!r.sets || !r.results || !r.finished)
        rc = error_nomem();
    for (size_t k = 0; rc == 0 && k < m->n; k++)
        if (!o->shards || k % o->shards == o->shard) {
            r.sets[r.nsets++] = k;
            r.counts.bytes_total += m->docs[k].bytes;
        }
    r.counts.total = r.nsets;
    if (rc == 0) {
        pthread_mutex_init(&r.lock, NULL);
        pthread_cond_init(&r.changed, NULL);
        run_jobs(&r);
        pthread_cond_destroy(&r.changed);
        pthread_mutex_destroy(&r.lock);
        r.counts.elapsed = batch_seconds() - r.start;
        s->counts = r.counts;
        /* the message of what stopped the batch, on this thread */
        rc = r.fatal ? error_set((error_code)-r.fatal, "%s", r.fatal_message) : sum_up(&r, s);
    }
    for (size_t k = 0; r.results && k < r.nsets; k++)
        job_result_free(&r.results[k]);
    free(r.results);
    free(r.sets);
    free(r.finished);
    return rc;
}
