/* rule_filter.c — first/last character sets of ICU regex patterns; see rule_filter.h.
 *
 * The pattern is parsed into the tree of rule_tree.h. The first set of a sequence is the union of its items' first sets
 * up to the first item that must match at least once; if every item may be skipped, the
 * sequence can match the empty string and its set is "any". The last set is the mirror
 * image. Anything unmodelled makes the whole answer "any". */
#include "rule_filter.h"
#include "rule_tree.h"

#include <stdlib.h>
#include <string.h>

/* Union into *acc the chars that can start (dir = +1) or end (dir = -1) a match of
 * sequence s; with `ws`, the first character that is not in ws (sets within ws are
 * skipped, whatever their count). Returns 1 when the sequence must consume such a
 * character (the set is complete), 0 when it can match without one, -1 when unknown. */
static int edge_chars(const rule_seq *s, int dir, const USet *ws, USet *acc);

static int item_edge(const rule_item *it, int dir, const USet *ws, USet *acc)
{
    if (it->kind == ATOM_ZERO_WIDTH) /* anchors and look-arounds consume nothing */
        return 0;
    if (it->kind == ATOM_SET) {
        if (ws && uset_containsAll(ws, it->set))
            return 0;  /* spaces only: skipped */
        if (ws && uset_containsSome(it->set, ws))
            return -1; /* spaces and other characters mixed: not modelled */
        uset_addAll(acc, it->set);
        return it->min > 0;
    }
    int all_consume = 1;
    for (int a = 0; a < it->nalts; a++) {
        int r = edge_chars(it->alts[a], dir, ws, acc);
        if (r < 0)
            return -1;
        all_consume &= r;
    }
    return all_consume && it->min > 0;
}

static int edge_chars(const rule_seq *s, int dir, const USet *ws, USet *acc)
{
    for (int k = 0; k < s->n; k++) {
        const rule_item *it = &s->items[dir > 0 ? k : s->n - 1 - k];
        int r = item_edge(it, dir, ws, acc);
        if (r != 0)
            return r;
    }
    return 0;
}

static USet *edge_set(const char *pattern, int dir, int *exact, const USet *ws)
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
            complete = edge_chars(top.alts[a], dir, ws, acc) == 1;
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
    return edge_set(pattern, -1, exact, NULL);
}

USet *rule_first_chars(const char *pattern, int *exact)
{
    return edge_set(pattern, +1, exact, NULL);
}

USet *rule_first_chars_after_space(const char *pattern)
{
    USet *ws = rule_set_from_pattern("[\\p{White_Space}]");
    USet *acc = ws ? edge_set(pattern, +1, NULL, ws) : NULL;
    if (ws)
        uset_close(ws);
    return acc;
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
    } else if (it->text_len == 1 && *it->text == '^') {
        /* the start of the text only: `$` would also match before a line break ending the
         * reversed text, so that "\rp." read as a line's start (found by fuzz_segment) */
        put_str(b, "\\z");
    } else if (it->text_len == 1 && *it->text == '$') {
        put_str(b, "^");
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
