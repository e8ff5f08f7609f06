/* emit.c — a span made a sentence: trimmed of its spaces, numbered, its paragraph counted.
 *
 * The segmenter decides where sentences end; this is the one place that turns a span
 * into a sentence_span, so that the threads (parallel.c) and one thread number paragraphs
 * and wrapped lines alike: two or more newlines in the gap before a sentence are a blank
 * line, a new paragraph. */
#include "segmenter_impl.h"

int emit_span(emitter *em, const char *t, size_t len, size_t from, size_t to)
{
    size_t k;
    while (from < to && (k = space_after(t, from, len)) != 0)
        from += k;
    while (to > from && (k = space_before(t, to)) != 0)
        to -= k;
    if (from >= to)
        return 0;
    if (em->any) {
        int newlines = 0;
        for (size_t i = em->prev_end; i < from && newlines < 2; i++)
            newlines += t[i] == '\n';
        em->para += newlines >= 2;
    }
    sentence_span s = {from, to, em->para, em->index++, 0};
    while (em->next_wrap < em->wraps->n && em->wraps->at[em->next_wrap] < to)
        s.wraps += em->wraps->at[em->next_wrap++] >= from;
    em->any = 1;
    em->prev_end = to;
    return em->emit(t, &s, em->ctx);
}

