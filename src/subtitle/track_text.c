/* track_text.c — comparing a track's text with a transcript; see track_text.h. */
#include "track_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/u64table.h"

/* The visible characters of a text (cue_text_next_visible), case folded: growable, with
 * the cue each comes from. */
typedef struct {
    UChar32 *c;
    size_t *cue;
    size_t n, cap;
} visible_text;

static int visible_append(visible_text *v, const char *s, size_t from_cue)
{
    size_t i = 0, len = strlen(s);
    for (UChar32 c; (c = cue_text_next_visible(s, len, &i)) >= 0;) {
        if (v->n == v->cap) {
            size_t cap = v->cap ? v->cap * 2 : 256;
            UChar32 *nc = realloc(v->c, cap * sizeof *nc);
            if (nc)
                v->c = nc;
            size_t *ncue = nc ? realloc(v->cue, cap * sizeof *ncue) : NULL;
            if (!ncue)
                return error_nomem();
            v->cue = ncue;
            v->cap = cap;
        }
        v->cue[v->n] = from_cue;
        v->c[v->n++] = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    }
    return 0;
}

/* Count each character pair of v into t (slots of a key and a count per side). */
typedef struct {
    uint64_t key;
    uint32_t count[2];
} pair_count;

static int count_pairs(u64_table *t, const visible_text *v, int side)
{
    for (size_t k = 0; k + 1 < v->n; k++) {
        int added;
        pair_count *p = u64_table_put(t, (uint64_t)(uint32_t)v->c[k] << 32 | (uint32_t)v->c[k + 1], &added);
        if (!p)
            return error_nomem();
        p->count[side]++;
    }
    return 0;
}

int track_text_compare(const cue_list *track, const char *const *sentences, size_t n, track_text_match *m)
{
    visible_text a = {0}, b = {0};
    u64_table pairs;
    u64_table_init(&pairs, sizeof(pair_count));
    int rc = 0;
    for (size_t k = 0; k < track->n && rc == 0; k++)
        rc = visible_append(&a, track->v[k].text, k);
    for (size_t s = 0; s < n && rc == 0; s++)
        rc = visible_append(&b, sentences[s], 0);
    if (rc == 0)
        rc = count_pairs(&pairs, &a, 0);
    if (rc == 0)
        rc = count_pairs(&pairs, &b, 1);
    if (rc == 0) {
        size_t common = 0, at = 0;
        for (const pair_count *p; (p = u64_table_next(&pairs, &at));)
            common += p->count[0] < p->count[1] ? p->count[0] : p->count[1];
        size_t total = (a.n ? a.n - 1 : 0) + (b.n ? b.n - 1 : 0);
        m->shared = total ? 2.0 * (double)common / (double)total : a.n == b.n;
        m->holds_text = m->shared >= TRACK_TEXT_MIN_SHARED;
        size_t k = 0;
        while (k < a.n && k < b.n && a.c[k] == b.c[k])
            k++;
        m->same = k == a.n && k == b.n;
        m->first_diff_cue = m->same || !a.n ? 0 : a.cue[k < a.n ? k : a.n - 1];
    }
    u64_table_free(&pairs);
    free(a.c);
    free(a.cue);
    free(b.c);
    free(b.cue);
    return rc < 0 ? error_nomem() : 0;
}
