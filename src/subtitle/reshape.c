/* reshape.c — splitting cues that last too long, merging cues too fast to read; see
 * reshape.h. */
#include "reshape.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

/* Merge cues k and k+1 when their text fits one cue: 1 merged, 0 not, or an error. */
static int try_merge(cue_list *cues, size_t k, const char *lang, const subtitle_profile *p, int same_sentence)
{
    cue *a = &cues->v[k], *b = &cues->v[k + 1];
    if (same_sentence && a->sentence != b->sentence)
        return 0;
    const char *parts[] = {a->text, b->text};
    char *text = cue_text_unwrap(parts, 2, lang);
    if (!text)
        return error_nomem();
    const char *one[] = {text};
    size_t para = a->para;
    cue_list cut;
    int rc = cues_build(lang, p, one, &para, 1, &cut);
    free(text);
    if (rc < 0)
        return rc;
    if (cut.n != 1) {
        cues_free(&cut);
        return 0;
    }
    cue merged = cut.v[0];
    cut.v[0].text = NULL;
    cues_free(&cut);
    merged.sentence = a->sentence;
    merged.para = a->para;
    merged.ends_sentence = b->ends_sentence;
    merged.weight = a->weight + b->weight;
    merged.start = a->start;
    merged.end = b->end;
    free(a->text);
    free(b->text);
    *a = merged;
    memmove(b, b + 1, (cues->n - k - 2) * sizeof *b);
    cues->n--;
    return 1;
}

int cues_merge_too_fast(cue_list *cues, const char *lang, const subtitle_profile *p, int same_sentence)
{
    int merges = 0;
    for (size_t k = 0; k < cues->n; k++) {
        if (!cue_reads_too_fast(&cues->v[k], p))
            continue;
        int rc = k + 1 < cues->n ? try_merge(cues, k, lang, p, same_sentence) : 0;
        if (rc == 0 && k > 0 && (rc = try_merge(cues, k - 1, lang, p, same_sentence)) == 1)
            k--;
        if (rc < 0)
            return rc;
        merges += rc;
    }
    return merges;
}

int cues_split_too_long(cue_list *cues, const subtitle_profile *p)
{
    int splits = 0;
    for (size_t k = 0; k < cues->n; k++) {
        cue *c = &cues->v[k];
        char *nl = strchr(c->text, '\n');
        if (c->end - c->start <= p->max_duration || !nl)
            continue;
        char *second = strdup(nl + 1);
        if (!second)
            return error_nomem();
        *nl = '\0';
        double w1 = cue_text_width(c->text, p), w2 = cue_text_width(second, p);
        double first_share = w1 + w2 > 0 ? w1 / (w1 + w2) : 0.5;
        double at = c->start + (c->end - c->start) * first_share;
        cue tail = {second, c->sentence, c->para, c->ends_sentence, c->weight * (1 - first_share), w2, at, c->end,
                     c->latest_end};
        c->ends_sentence = 0;
        c->weight -= tail.weight;
        c->chars = w1;
        c->end = at;
        if (cue_list_add(cues, tail) < 0) { /* appended, then moved into place */
            free(second);
            return error_nomem();
        }
        memmove(&cues->v[k + 2], &cues->v[k + 1], (cues->n - k - 2) * sizeof *cues->v);
        cues->v[k + 1] = tail;
        splits++;
    }
    return splits;
}
