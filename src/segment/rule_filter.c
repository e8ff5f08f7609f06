/* rule_filter.c — first/last character sets of ICU regex patterns; see rule_filter.h.
 *
 * The pattern is parsed into the tree of rule_tree.h. The first set of a sequence is the union of its items' first sets
 * up to the first item that must match at least once; if every item may be skipped, the
 * sequence can match the empty string and its set is "any". The last set is the mirror
 * image. Anything unmodelled makes the whole answer "any". */
#include "rule_filter.h"
#include "rule_tree.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf8.h>
/* Union into *acc the chars that can start (dir = +1) or end (dir = -1) a match of
 * sequence s. Returns 1 when the sequence must consume a character (the set is
 * complete), 0 when it can match empty, -1 when unknown. */
static int edge_chars(const rule_seq *s, int dir, USet *acc);

static int item_edge(const rule_item *it, int dir, USet *acc)
{
    if (it->kind == ATOM_ZERO_WIDTH) /* anchors and look-arounds consume nothing */
        return 0;
    if (it->kind == ATOM_SET) {
        uset_addAll(acc, it->set);
        return it->min > 0;
    }
    int all_consume = 1;
    for (int a = 0; a < it->nalts; a++) {
        int r = edge_chars(it->alts[a], dir, acc);
        if (r < 0)
            return -1;
        all_consume &= r;
    }
    return all_consume && it->min > 0;
}

static int edge_chars(const rule_seq *s, int dir, USet *acc)
{
    for (int k = 0; k < s->n; k++) {
        const rule_item *it = &s->items[dir > 0 ? k : s->n - 1 - k];
        int r = item_edge(it, dir, acc);
        if (r != 0)
            return r;
    }
    return 0;
}

static USet *edge_set(const char *pattern, int dir, int *exact)
{
    if (exact)
        *exact = 0;
    if (!pattern || !*pattern)
        return NULL;
    rule_item top;
    USet *acc = NULL;
    if (rule_tree_parse(pattern, &top, NULL) == 0) {
        /* one set, repeated at least once: matching its edge character is the whole test */
        if (exact && top.nalts == 1 && top.alts[0]->n == 1 && top.alts[0]->items[0].kind == ATOM_SET &&
            top.alts[0]->items[0].min == 1)
            *exact = 1;
        acc = uset_openEmpty();
        int complete = 1;
        for (int a = 0; a < top.nalts && complete; a++)
            complete = edge_chars(top.alts[a], dir, acc) == 1;
        if (!complete) {
            uset_close(acc);
            acc = NULL;
        } else {
            uset_freeze(acc);
        }
    }
    rule_item_free(&top);
    return acc;
}

USet *rule_last_chars(const char *pattern, int *exact)
{
    return edge_set(pattern, -1, exact);
}

USet *rule_first_chars(const char *pattern, int *exact)
{
    return edge_set(pattern, +1, exact);
}

/* ---- the first character after leading spaces ---- */

static int skip_space_chars(const rule_seq *s, const USet *ws, USet *acc);

static int item_after_space(const rule_item *it, const USet *ws, USet *acc)
{
    if (it->kind == ATOM_ZERO_WIDTH)
        return 0;
    if (it->kind == ATOM_SET) {
        if (uset_containsAll(ws, it->set))
            return 0;  /* spaces only: skipped, whatever the count */
        if (uset_containsSome(it->set, ws))
            return -1; /* spaces and other characters mixed: not modelled */
        uset_addAll(acc, it->set);
        return it->min > 0;
    }
    int all_consume = 1;
    for (int a = 0; a < it->nalts; a++) {
        int r = skip_space_chars(it->alts[a], ws, acc);
        if (r < 0)
            return -1;
        all_consume &= r;
    }
    return all_consume && it->min > 0;
}

static int skip_space_chars(const rule_seq *s, const USet *ws, USet *acc)
{
    for (int k = 0; k < s->n; k++) {
        int r = item_after_space(&s->items[k], ws, acc);
        if (r != 0)
            return r;
    }
    return 0;
}

USet *rule_first_chars_after_space(const char *pattern)
{
    if (!pattern || !*pattern)
        return NULL;
    rule_item top;
    int parsed = rule_tree_parse(pattern, &top, NULL);
    USet *acc = NULL, *ws = rule_set_from_pattern("[\\p{White_Space}]");
    if (parsed == 0 && ws) {
        acc = uset_openEmpty();
        int complete = 1;
        for (int a = 0; a < top.nalts && complete; a++)
            complete = skip_space_chars(top.alts[a], ws, acc) == 1;
        if (!complete) {
            uset_close(acc);
            acc = NULL;
        } else {
            uset_freeze(acc);
        }
    }
    if (ws)
        uset_close(ws);
    rule_item_free(&top);
    return acc;
}

/* ---- literal endings ---- */

enum { SUFFIX_MAX = 4, SUFFIX_SET_MAX = 4096, SMALL_SET = 64 };

typedef struct {
    UChar32 c[SUFFIX_MAX]; /* c[0] is the last character */
    int len;
} suffix;

typedef struct {
    suffix *v;
    size_t n, cap;
    int overflow;
} suffix_list;

static void suffix_add(suffix_list *l, const suffix *x)
{
    if (l->overflow)
        return;
    if (l->n == SUFFIX_SET_MAX || x->len == 0) {
        l->overflow = 1; /* too many endings, or one that constrains nothing */
        return;
    }
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        suffix *v = realloc(l->v, cap * sizeof *v);
        if (!v) {
            l->overflow = 1;
            return;
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *x;
}

/* Extend `cur` leftwards through todo[0..nt) (items from the end of the pattern backwards)
 * while the items are single characters from small sets or groups of them; wherever that
 * stops, the ending found so far is recorded (a shorter ending is a weaker but true test). */
static void walk_endings(const rule_item *const *todo, int nt, suffix cur, suffix_list *out, int depth)
{
    if (out->overflow)
        return;
    if (cur.len == SUFFIX_MAX || nt == 0 || depth > 32) {
        suffix_add(out, &cur);
        return;
    }
    const rule_item *it = todo[0];
    if (it->kind != ATOM_ZERO_WIDTH && it->min == 0) {
        /* optional: the ending may skip it … */
        walk_endings(todo + 1, nt - 1, cur, out, depth + 1);
        if (it->max != 1) {
            suffix_add(out, &cur); /* … or end inside its repeats: stop here */
            return;
        }
        rule_item once = *it; /* … or hold it exactly once */
        once.min = 1;
        const rule_item **next = malloc((size_t)nt * sizeof *next);
        if (!next) {
            out->overflow = 1;
            return;
        }
        next[0] = &once;
        for (int k = 1; k < nt; k++)
            next[k] = todo[k];
        walk_endings(next, nt, cur, out, depth + 1);
        free(next);
    } else if (it->kind == ATOM_ZERO_WIDTH) {
        walk_endings(todo + 1, nt - 1, cur, out, depth + 1);
    } else if (it->kind == ATOM_SET && it->min == 1 && it->max == 1 && uset_size(it->set) <= SMALL_SET) {
        for (int32_t r = 0; r < uset_getItemCount(it->set) && !out->overflow; r++) {
            UChar32 a, b;
            UErrorCode err = U_ZERO_ERROR;
            if (uset_getItem(it->set, r, &a, &b, NULL, 0, &err) != 0) {
                out->overflow = 1; /* a string rule_item: not modelled */
                return;
            }
            for (UChar32 c = a; c <= b && !out->overflow; c++) {
                suffix next = cur;
                next.c[next.len++] = c;
                walk_endings(todo + 1, nt - 1, next, out, depth + 1);
            }
        }
    } else if (it->kind == ATOM_GROUP && it->min == 1 && it->max == 1) {
        for (int a = 0; a < it->nalts && !out->overflow; a++) {
            const rule_seq *alt = it->alts[a];
            const rule_item **next = malloc((size_t)(alt->n + nt) * sizeof *next);
            if (!next) {
                out->overflow = 1;
                return;
            }
            for (int k = 0; k < alt->n; k++)
                next[k] = &alt->items[alt->n - 1 - k];
            for (int k = 1; k < nt; k++)
                next[alt->n + k - 1] = todo[k];
            walk_endings(next, alt->n + nt - 1, cur, out, depth + 1);
            free(next);
        }
    } else {
        suffix_add(out, &cur);
    }
}

static uint64_t hash_chars(const UChar32 *c, int len)
{
    uint64_t h = 1469598103934665603ULL;
    for (int k = 0; k < len; k++) {
        h ^= (uint64_t)c[k];
        h *= 1099511628211ULL;
    }
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

struct rule_endings {
    uint64_t *hash[SUFFIX_MAX + 1];  /* by length, sorted */
    size_t count[SUFFIX_MAX + 1];
};

rule_endings *rule_endings_new(const char *pattern)
{
    if (!pattern || !*pattern)
        return NULL;
    rule_item top;
    suffix_list l = {0};
    if (rule_tree_parse(pattern, &top, NULL) == 0) {
        const rule_item *todo[1] = {&top}; /* the pattern as one group */
        suffix none = {{0}, 0};
        walk_endings(todo, 1, none, &l, 0);
    } else {
        l.overflow = 1;
    }
    rule_item_free(&top);
    rule_endings *e = l.overflow ? NULL : calloc(1, sizeof *e);
    for (int len = 1; e && len <= SUFFIX_MAX; len++) {
        e->hash[len] = malloc((l.n + 1) * sizeof *e->hash[len]);
        if (!e->hash[len]) {
            rule_endings_free(e);
            e = NULL;
            break;
        }
        for (size_t k = 0; k < l.n; k++)
            if (l.v[k].len == len)
                e->hash[len][e->count[len]++] = hash_chars(l.v[k].c, len);
        qsort(e->hash[len], e->count[len], sizeof *e->hash[len], cmp_u64);
    }
    free(l.v);
    return e;
}

int rule_endings_match(const rule_endings *e, const UChar32 *last, int nlast)
{
    for (int len = 1; len <= SUFFIX_MAX; len++) {
        if (!e->count[len] || len > nlast)
            continue;
        uint64_t h = hash_chars(last, len), *v = e->hash[len];
        size_t lo = 0, hi = e->count[len];
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (v[mid] < h)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < e->count[len] && v[lo] == h)
            return 1;
    }
    return 0;
}

void rule_endings_free(rule_endings *e)
{
    if (!e)
        return;
    for (int len = 0; len <= SUFFIX_MAX; len++)
        free(e->hash[len]);
    free(e);
}

/* ---- reversal ---- */

typedef struct {
    char *s;
    size_t len, cap;
    int failed;
} out_buf;

static void put(out_buf *b, const char *t, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *v = realloc(b->s, cap);
        if (!v) {
            b->failed = 1;
            return;
        }
        b->s = v;
        b->cap = cap;
    }
    memcpy(b->s + b->len, t, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void put_str(out_buf *b, const char *t)
{
    put(b, t, strlen(t));
}

static void reverse_sequence(const rule_seq *s, out_buf *b);

static void reverse_alternatives(const rule_item *it, out_buf *b)
{
    for (int a = 0; a < it->nalts; a++) {
        if (a)
            put_str(b, "|");
        reverse_sequence(it->alts[a], b);
    }
}

static void reverse_item(const rule_item *it, out_buf *b)
{
    if (it->kind == ATOM_SET) {
        put(b, it->text, it->text_len);
    } else if (it->kind == ATOM_GROUP) {
        put_str(b, it->caseless ? "(?i:" : "(?:");
        reverse_alternatives(it, b);
        put_str(b, ")");
    } else if (it->look) {
        /* ahead and behind trade places when the text runs backwards */
        put_str(b, it->look == '=' ? "(?<=" : it->look == '!' ? "(?<!" : it->look == '<' ? "(?=" : "(?!");
        reverse_alternatives(it, b);
        put_str(b, ")");
    } else if (it->text_len == 1 && (*it->text == '^' || *it->text == '$')) {
        put_str(b, *it->text == '^' ? "$" : "^");
    } else if (it->text_len == 2 && (it->text[1] == 'b' || it->text[1] == 'B')) {
        put(b, it->text, 2); /* a word boundary is one either way */
    } else if (it->text_len == 2 && it->text[1] == 'A') {
        put_str(b, "\\z");
    } else if (it->text_len == 2 && (it->text[1] == 'z' || it->text[1] == 'Z')) {
        put_str(b, "\\A");
    } else {
        b->failed = 1; /* \G and the like */
        return;
    }
    put(b, it->quant, it->quant_len);
}

static void reverse_sequence(const rule_seq *s, out_buf *b)
{
    for (int k = s->n - 1; k >= 0; k--)
        reverse_item(&s->items[k], b);
}

char *rule_reverse(const char *pattern)
{
    rule_item top;
    int possessive = 0;
    out_buf b = {0};
    if (rule_tree_parse(pattern, &top, &possessive) < 0 || possessive) {
        b.failed = 1;
    } else {
        put_str(&b, "(?:");
        reverse_alternatives(&top, &b);
        put_str(&b, ")");
    }
    rule_item_free(&top);
    if (b.failed) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
