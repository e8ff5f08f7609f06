/* parallel.c — a large text segmented on several threads, printed in order.
 *
 * The text is cut at paragraph ends into STRETCHES_PER_JOB stretches per thread, taken
 * in order by whichever thread is free (Chinese and English paragraphs cost differently,
 * so equal halves would leave one thread idle). The calling thread prints every stretch
 * as soon as all before it are printed: straight from the segmenter when it takes the
 * next one to print itself, else from the sentence list a helper filled. The helpers
 * live as long as their pool: a text read in blocks (stream.c) runs each of its windows
 * through one pool, the numbers going on from the last, and the threads build their
 * segmenters once. */
#include "segmenter_impl.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

enum { MAX_JOBS = 64, STRETCHES_PER_JOB = 4, MAX_STRETCHES = 64 };

typedef struct {
    size_t from, to;
    sentence_list out;       /* paragraph and sentence numbers count from 0 in the stretch */
    int done;                /* out is complete (under the pool's lock) */
    int rc;
    char message[1024];      /* an error, carried out of the thread (error.h's size) */
} stretch;

typedef struct helper helper;

struct parallel_pool {
    segmenter *seg;          /* the calling thread's */
    char *text;              /* the run in progress */
    size_t len;
    const offset_list *wraps;
    const doc_stats *stats;
    stretch st[MAX_STRETCHES];
    int n;
    int next;                /* the next stretch to take */
    int busy;                /* stretches helpers are segmenting */
    int quit;
    pthread_mutex_t lock;
    pthread_cond_t work;     /* stretches to take, or quit */
    pthread_cond_t finished; /* a stretch is done */
    helper *helpers;
    int jobs;
};

struct helper {
    parallel_pool *q;
    segmenter *seg;          /* this thread's own copy, made in the thread */
    pthread_t thread;
    int started;
};

static int take_stretch(parallel_pool *q)
{
    pthread_mutex_lock(&q->lock);
    int k = q->next < q->n ? q->next++ : -1;
    pthread_mutex_unlock(&q->lock);
    return k;
}

/* Segment stretch k into its sentence list; the caller marks it done. */
static void fill_stretch(parallel_pool *q, segmenter *seg, int k)
{
    stretch *st = &q->st[k];
    emitter em = {sentence_list_push, &st->out, 0, 0, 0, 0, q->wraps, 0};
    st->rc = run_stretch(seg, q->text, q->len, st->from, st->to, q->stats, &em);
    if (st->rc < 0)
        snprintf(st->message, sizeof st->message, "%s", error_last());
}

/* Under the lock: stretch k is finished. */
static void mark_done(parallel_pool *q, int k)
{
    q->st[k].done = 1;
    pthread_cond_broadcast(&q->finished);
}

static void *helper_main(void *arg)
{
    helper *h = arg;
    parallel_pool *q = h->q;
    /* its own segmenter, built here so that the threads build theirs at once; one that
     * cannot (out of memory) takes no stretch, and the others do its share */
    if (segmenter_new(q->seg->lang, q->seg->source, &h->seg) < 0)
        return NULL;
    segmenter_set_filtering(h->seg, !q->seg->no_filter);
    h->seg->model = q->seg->model; /* borrowed: the calling thread's segmenter outlives it */
    pthread_mutex_lock(&q->lock);
    for (;;) {
        while (!q->quit && q->next >= q->n)
            pthread_cond_wait(&q->work, &q->lock);
        if (q->quit)
            break;
        int k = q->next++;
        q->busy++;
        pthread_mutex_unlock(&q->lock);
        fill_stretch(q, h->seg, k);
        pthread_mutex_lock(&q->lock);
        q->busy--;
        mark_done(q, k);
    }
    pthread_mutex_unlock(&q->lock);
    return NULL;
}

int parallel_pool_new(segmenter *seg, parallel_pool **out)
{
    *out = NULL;
    int jobs = seg->jobs < MAX_JOBS ? seg->jobs : MAX_JOBS;
    parallel_pool *q = calloc(1, sizeof *q);
    helper *helpers = calloc((size_t)jobs, sizeof *helpers);
    if (!q || !helpers) {
        free(q);
        free(helpers);
        return error_nomem();
    }
    q->seg = seg;
    q->helpers = helpers;
    q->jobs = jobs;
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->work, NULL);
    pthread_cond_init(&q->finished, NULL);
    int rc = 0;
    for (int k = 1; k < jobs && rc == 0; k++) {
        helpers[k].q = q;
        helpers[k].started = pthread_create(&helpers[k].thread, NULL, helper_main, &helpers[k]) == 0;
        if (!helpers[k].started)
            rc = error_set(ERR_SOFTWARE, _("cannot start a thread"));
    }
    *out = q;
    if (rc < 0) {
        parallel_pool_free(q);
        *out = NULL;
    }
    return rc;
}

void parallel_pool_free(parallel_pool *q)
{
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    q->quit = 1;
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->lock);
    for (int k = 1; k < q->jobs; k++) {
        if (q->helpers[k].started)
            pthread_join(q->helpers[k].thread, NULL);
        segmenter_free(q->helpers[k].seg);
    }
    pthread_cond_destroy(&q->finished);
    pthread_cond_destroy(&q->work);
    pthread_mutex_destroy(&q->lock);
    free(q->helpers);
    free(q);
}

/* Sentences leave numbered on from the stretches before: each stretch starts a new
 * paragraph. */
typedef struct {
    sentence_fn emit;
    void *ctx;
    sentence_numbers *n;     /* the next sentence's numbers, kept by the caller */
    size_t para_base;        /* added to the stretch's own paragraph numbers */
} numbering;

static void numbering_start(numbering *nb)
{
    nb->para_base = nb->n->any ? nb->n->para + 1 : 0;
}

static int emit_numbered(const char *text, const sentence_span *s, void *arg)
{
    numbering *nb = arg;
    sentence_span out = *s;
    out.index = nb->n->index++;
    out.para = nb->para_base + s->para;
    nb->n->para = out.para;
    nb->n->any = 1;
    return nb->emit(text, &out, nb->ctx);
}

int parallel_pool_run(parallel_pool *q, char *text, size_t len, size_t begin, size_t end, const offset_list *wraps,
                      const doc_stats *stats, sentence_numbers *numbers, sentence_fn emit, void *ctx)
{
    segmenter *seg = q->seg;
    int want = q->jobs * STRETCHES_PER_JOB < MAX_STRETCHES ? q->jobs * STRETCHES_PER_JOB : MAX_STRETCHES;
    pthread_mutex_lock(&q->lock);
    q->text = text;
    q->len = len;
    q->wraps = wraps;
    q->stats = stats;
    q->n = q->next = 0;
    memset(q->st, 0, sizeof q->st);
    for (size_t from = begin; from < end && q->n < want; q->n++) {
        size_t to = q->n + 1 == want ? end : paragraph_end_after(text, end, from + (end - from) / (size_t)(want - q->n));
        q->st[q->n].from = from;
        q->st[q->n].to = to;
        from = to;
    }
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->lock);
    /* this thread: take stretches too, and print in order */
    numbering nb = {emit, ctx, numbers, 0};
    int rc = 0, printed = 0;
    while (rc == 0 && printed < q->n) {
        int k = take_stretch(q);
        if (k >= 0 && k == printed) { /* the next to print: straight out */
            numbering_start(&nb);
            emitter em = {emit_numbered, &nb, 0, 0, 0, 0, wraps, 0};
            rc = run_stretch(seg, text, len, q->st[k].from, q->st[k].to, stats, &em);
            printed++;
        } else if (k >= 0) {
            fill_stretch(q, seg, k);
            pthread_mutex_lock(&q->lock);
            mark_done(q, k);
            pthread_mutex_unlock(&q->lock);
        }
        /* print what is finished, in order; with nothing left to take, wait for the
         * helpers (every stretch not done is then in a helper's hands) */
        while (rc == 0 && printed < q->n) {
            pthread_mutex_lock(&q->lock);
            while (k < 0 && !q->st[printed].done)
                pthread_cond_wait(&q->finished, &q->lock);
            int ready = q->st[printed].done;
            pthread_mutex_unlock(&q->lock);
            if (!ready)
                break;
            stretch *st = &q->st[printed++];
            if (st->rc < 0)
                rc = error_set(-st->rc, "%s", st->message);
            numbering_start(&nb);
            for (size_t i = 0; rc == 0 && i < st->out.n; i++)
                rc = emit_numbered(text, &st->out.v[i], &nb);
            sentence_list_free(&st->out);
        }
    }
    /* after a failure the helpers stop at their stretch; none may still read the text
     * when this returns */
    pthread_mutex_lock(&q->lock);
    q->next = q->n;
    while (q->busy)
        pthread_cond_wait(&q->finished, &q->lock);
    pthread_mutex_unlock(&q->lock);
    for (int k = 0; k < q->n; k++)
        sentence_list_free(&q->st[k].out);
    return rc;
}

int run_parallel(segmenter *seg, char *text, size_t len, const offset_list *wraps, const doc_stats *stats,
                 sentence_fn emit, void *ctx)
{
    parallel_pool *q;
    int rc = parallel_pool_new(seg, &q);
    sentence_numbers numbers = {0, 0, 0};
    if (rc == 0)
        rc = parallel_pool_run(q, text, len, 0, len, wraps, stats, &numbers, emit, ctx);
    parallel_pool_free(q);
    return rc;
}
