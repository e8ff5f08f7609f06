/* stream.c — a document segmented a window at a time, in memory that does not grow with it.
 *
 * The whole-text run (segmenter.c) unwraps lines, then segments; a paragraph end (after a
 * blank line) is a hard break that no quotation pair crosses, and the threads
 * (parallel.c) already cut a text there. So a window of the document is enough: blocks
 * are appended to it, its lines unwrapped up to the last paragraph end in it (unwrapping
 * a paragraph only looks inside it), and the paragraphs before the last paragraph end
 * that has CONTEXT unwrapped bytes after it are segmented, on one thread or several, with
 * the window in view of the rules and the model as the whole text would be (CONTEXT bytes
 * on both sides: far more than any rule or feature reads). Then everything before the
 * CONTEXT bytes preceding the next stretch is dropped, offsets moving on by a base.
 * Threads start once PARALLEL_MIN_BYTES (or four blocks) have been read, one pool for
 * the rest. A
 * text without paragraph ends cannot be cut: the window then grows until one comes (or
 * the text ends), as the whole-text run would hold it. */
#include "segmenter_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../util/error.h"
#include "../util/vec.h"

enum {
    CONTEXT = 1 << 16,              /* bytes in view on each side of a stretch */
    BLOCK_ONE = 1 << 20,            /* default block, one thread */
    BLOCK_PER_JOB = 1 << 20         /* default block per thread */
};

typedef struct {
    stream_sentence_fn emit;
    void *ctx;
    size_t base;                    /* document offset of the window's first byte */
} rebase;

static int emit_rebased(const char *text, const sentence_span *s, void *arg)
{
    rebase *r = arg;
    sentence_span out = *s;
    out.start += r->base;
    out.end += r->base;
    return r->emit(text + s->start, &out, r->ctx);
}

typedef struct {
    char *buf;                      /* the window */
    size_t len, cap;
    size_t unwrapped;               /* lines unwrapped up to here (a paragraph end) */
    size_t done;                    /* segmented up to here (a paragraph end) */
    size_t search;                  /* paragraph ends are searched for from here */
    offset_list wraps;              /* window offsets */
} window;

/* The last paragraph end (paragraph_end_after's) after `from` and before `limit` in
 * *end: 1, or 0 when there is none. *resume is where a later search may start: the
 * second-to-last newline, since the last two lines may still become a blank line. */
static int last_paragraph_end(const char *t, size_t from, size_t limit, size_t *end, size_t *resume)
{
    size_t last = from;
    for (size_t at = from, e; at < limit && (e = paragraph_end_after(t, limit, at)) < limit; at = e)
        last = e;
    if (resume) {
        const char *nl = limit > last ? memrchr(t + last, '\n', limit - last) : NULL;
        const char *nl2 = nl && nl > t + last ? memrchr(t + last, '\n', (size_t)(nl - t) - last) : NULL;
        *resume = nl2 ? (size_t)(nl2 - t) : last;
    }
    *end = last;
    return last > from;
}

/* Drop the window's first `keep` bytes. */
static void window_shift(window *w, size_t keep, rebase *rb, emitter *em)
{
    memmove(w->buf, w->buf + keep, w->len - keep);
    w->len -= keep;
    w->unwrapped -= keep;
    w->done -= keep;
    w->search -= keep;
    rb->base += keep;
    size_t gone = 0;
    while (gone < w->wraps.n && w->wraps.at[gone] < keep)
        gone++;
    for (size_t k = gone; k < w->wraps.n; k++)
        w->wraps.at[k - gone] = w->wraps.at[k] - keep;
    w->wraps.n -= gone;
    em->next_wrap = em->next_wrap > gone ? em->next_wrap - gone : 0;
    em->prev_end = em->prev_end > keep ? em->prev_end - keep : 0;
}

int segmenter_run_stream(segmenter *seg, text_read_fn read, void *read_ctx, const doc_stats *stats,
                         newline_mode newlines, size_t block, stream_sentence_fn emit, void *ctx)
{
    if (!block)
        block = seg->jobs > 1 ? (size_t)seg->jobs * BLOCK_PER_JOB : BLOCK_ONE;
    window w = {0};
    rebase rb = {emit, ctx, 0};
    emitter em = {emit_rebased, &rb, 0, 0, 0, 0, &w.wraps, 0};
    sentence_numbers numbers = {0, 0, 0};
    parallel_pool *pool = NULL;
    int rc = 0, eof = 0;
    while (rc == 0 && !eof) {
        size_t got = 0;
        if ((rc = vec_reserve(&w.buf, &w.cap, w.len + block + 1, 1)) < 0 ||
            (rc = read(read_ctx, w.buf + w.len, block, &got)) < 0)
            break;
        eof = got == 0;
        w.len += got;
        /* unwrap whole paragraphs: up to the last paragraph end, or the end of the text */
        size_t upto = w.len, to = w.len;
        if (!eof && !last_paragraph_end(w.buf, w.search, w.len, &upto, &w.search))
            upto = w.unwrapped;
        if (upto > w.unwrapped && newlines != NEWLINES_BREAK &&
            (rc = unwrap_lines_in(w.buf, w.unwrapped, upto, newlines == NEWLINES_WRAP, &w.wraps)) < 0)
            break;
        if (upto > w.unwrapped)
            w.unwrapped = upto;
        /* segment up to a paragraph end with CONTEXT unwrapped bytes after it */
        if (!eof && !(w.unwrapped >= w.done + CONTEXT &&
                      last_paragraph_end(w.buf, w.done, w.unwrapped - CONTEXT + 1, &to, NULL)))
            continue;
        /* threads once the text is large, as for a whole text (PARALLEL_MIN_BYTES), or
         * four blocks when they are smaller (tests): a small file starts none; the
         * numbers go on from one thread's */
        if (!pool && seg->jobs > 1 && rb.base + w.len >= (4 * block < PARALLEL_MIN_BYTES ? 4 * block : PARALLEL_MIN_BYTES)) {
            if ((rc = parallel_pool_new(seg, &pool)) < 0)
                break;
            numbers = (sentence_numbers){em.index, em.para, em.any};
        }
        if (pool)
            rc = parallel_pool_run(pool, w.buf, w.len, w.done, to, &w.wraps, stats, &numbers, emit_rebased, &rb);
        else
            rc = run_stretch(seg, w.buf, w.len, w.done, to, stats, &em);
        w.done = to;
        /* keep CONTEXT bytes before the next stretch, and the gap since the last sentence,
         * whose newlines tell whether the next one starts a paragraph */
        size_t keep = w.done > CONTEXT ? w.done - CONTEXT : 0;
        if (!pool && em.any && em.prev_end < keep)
            keep = em.prev_end;
        if (keep > 0)
            window_shift(&w, keep, &rb, &em);
    }
    parallel_pool_free(pool);
    free(w.buf);
    free(w.wraps.at);
    return rc;
}
