/* rule_filter.c — first/last character sets of ICU regex patterns; see rule_filter.h.
 *
 * The pattern is parsed into a small tree: a sequence of items, each an atom with a
 * minimum repeat count; an atom is a character set, a zero-width assertion, or a group of
 * alternative sequences. The first set of a sequence is the union of its items' first sets
 * up to the first item that must match at least once; if every item may be skipped, the
 * sequence can match the empty string and its set is "any". The last set is the mirror
 * image. Anything unmodelled makes the whole answer "any". */
#include "rule_filter.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf8.h>

typedef struct node node;

typedef enum { ATOM_SET, ATOM_ZERO_WIDTH, ATOM_GROUP } atom_kind;

typedef struct {
    atom_kind kind;
    USet *set;          /* ATOM_SET */
    node **alts;        /* ATOM_GROUP, and look-arounds: alternatives */
    int nalts;
    int min;            /* minimum repetitions */
    int max;            /* maximum repetitions (INT_MAX: unbounded) */
    const char *text;   /* the atom as written (sets and anchors), for reversal */
    size_t text_len;
    const char *quant;  /* its quantifier as written ("" when none) */
    size_t quant_len;
    char look;          /* look-around: '=' '!' (ahead), '<' '>' (behind, positive/negative) */
} item;

struct node {           /* a sequence */
    item *items;
    int n, cap;
};

typedef struct {
    const char *p;
    int failed;
    int possessive;     /* possessive quantifiers change meaning when reversed */
} parser;

static void node_free(node *s);

static void item_free(item *it)
{
    if (it->set)
        uset_close(it->set);
    for (int a = 0; a < it->nalts; a++)
        node_free(it->alts[a]);
    free(it->alts);
}

static void node_free(node *s)
{
    if (!s)
        return;
    for (int k = 0; k < s->n; k++)
        item_free(&s->items[k]);
    free(s->items);
    free(s);
}

static USet *set_from_pattern(const char *pat)
{
    UChar u[1024];
    int32_t len;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, 1024, &len, pat, -1, &err);
    if (U_FAILURE(err))
        return NULL;
    USet *s = uset_openPattern(u, len, &err);
    if (U_FAILURE(err)) {
        if (s)
            uset_close(s);
        return NULL;
    }
    return s;
}

/* ICU regex escapes that UnicodeSet patterns spell differently */
static const char *class_escape(char c)
{
    switch (c) {
    case 's': return "\\p{White_Space}";
    case 'S': return "\\P{White_Space}";
    case 'd': return "\\p{Nd}";
    case 'D': return "\\P{Nd}";
    case 'w': return "[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200C\\u200D]";
    case 'n': return "\\n";
    case 't': return "\\t";
    case 'r': return "\\r";
    default: return NULL;
    }
}

/* A bracketed class starting at p->p ('['); translated to a UnicodeSet pattern. */
static USet *parse_class(parser *ps)
{
    char out[2048];
    size_t o = 0;
    int depth = 0;
    const char *p = ps->p;
    do {
        if (o + 64 >= sizeof out)
            return NULL;
        if (*p == '\\' && p[1]) {
            const char *rep = class_escape(p[1]); /* \w expands to a class: nesting is fine */
            if (rep) {
                size_t l = strlen(rep);
                memcpy(out + o, rep, l);
                o += l;
                p += 2;
            } else if (p[1] == 'p' || p[1] == 'P') {
                const char *close = strchr(p, '}');
                if (!close || p[2] != '{')
                    return NULL;
                size_t l = (size_t)(close - p + 1);
                if (o + l >= sizeof out)
                    return NULL;
                memcpy(out + o, p, l);
                o += l;
                p = close + 1;
            } else {
                out[o++] = p[0];
                out[o++] = p[1];
                p += 2;
            }
            continue;
        }
        if (*p == '[')
            depth++;
        else if (*p == ']')
            depth--;
        else if (*p == '&' || (*p == '-' && p[1] == '-'))
            return NULL; /* set operations: not modelled */
        if (!*p)
            return NULL;
        out[o++] = *p++;
    } while (depth > 0);
    out[o] = '\0';
    ps->p = p;
    return set_from_pattern(out);
}

static node *parse_alternatives(parser *ps, item *group);

static int add_item(node *s, item it)
{
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        item *v = realloc(s->items, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        s->items = v;
        s->cap = cap;
    }
    s->items[s->n++] = it;
    return 0;
}

/* Parse a quantifier after an atom; returns the minimum count (1 when none), *max the
 * maximum. */
static int parse_quantifier(parser *ps, int *max)
{
    const char *p = ps->p;
    int min = 1;
    *max = 1;
    if ((*p == '?' || *p == '*' || *p == '+' || *p == '}') && p[1] == '+')
        ps->possessive = 1;
    if (*p == '?' || *p == '*') {
        min = 0;
        *max = *p == '?' ? 1 : INT_MAX;
        p++;
    } else if (*p == '+') {
        *max = INT_MAX;
        p++;
    } else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
        min = atoi(p + 1);
        const char *close = strchr(p, '}'), *comma = strchr(p, ',');
        if (!close) {
            ps->failed = 1;
            return 1;
        }
        *max = comma && comma < close ? (comma + 1 == close ? INT_MAX : atoi(comma + 1)) : min;
        p = close + 1;
    } else {
        return 1;
    }
    if (*p == '+')
        ps->possessive = 1;
    if (*p == '?' || *p == '+')
        p++; /* lazy or possessive */
    ps->p = p;
    return min;
}

/* One sequence, up to ')' or '|' or the end. */
static node *parse_sequence(parser *ps)
{
    node *s = calloc(1, sizeof *s);
    if (!s) {
        ps->failed = 1;
        return NULL;
    }
    while (*ps->p && *ps->p != ')' && *ps->p != '|' && !ps->failed) {
        item it = {0};
        const char *p = ps->p;
        it.text = p;
        if (*p == '(') {
            if (p[1] == '?') {
                if (p[2] == ':') {
                    ps->p = p + 3;
                    it.kind = ATOM_GROUP;
                } else if (p[2] == '=' || p[2] == '!' || (p[2] == '<' && (p[3] == '=' || p[3] == '!'))) {
                    ps->p = p + (p[2] == '<' ? 4 : 3);
                    it.kind = ATOM_ZERO_WIDTH;
                    it.look = p[2] == '<' ? (p[3] == '=' ? '<' : '>') : p[2];
                } else {
                    ps->failed = 1; /* flags such as (?i: change what characters match */
                    break;
                }
            } else {
                ps->p = p + 1;
                it.kind = ATOM_GROUP;
            }
            item group = {0};
            node *inner = parse_alternatives(ps, &group);
            if (!inner || *ps->p != ')') {
                item_free(&group);
                ps->failed = 1;
                break;
            }
            ps->p++;
            it.alts = group.alts;
            it.nalts = group.nalts;
        } else if (*p == '[') {
            it.kind = ATOM_SET;
            it.set = parse_class(ps);
            if (!it.set) {
                ps->failed = 1;
                break;
            }
        } else if (*p == '\\') {
            char c = p[1];
            if (c == 'b' || c == 'B' || c == 'A' || c == 'z' || c == 'Z' || c == 'G') {
                it.kind = ATOM_ZERO_WIDTH;
                ps->p = p + 2;
            } else if (class_escape(c) && c != 'n' && c != 't' && c != 'r') {
                char pat[128];
                snprintf(pat, sizeof pat, c == 'w' ? "%s" : "[%s]", class_escape(c));
                it.kind = ATOM_SET;
                it.set = set_from_pattern(pat);
                ps->p = p + 2;
            } else if (c == 'p' || c == 'P') {
                const char *close = strchr(p, '}');
                if (p[2] != '{' || !close) {
                    ps->failed = 1;
                    break;
                }
                char pat[128];
                snprintf(pat, sizeof pat, "[%.*s]", (int)(close - p + 1), p);
                it.kind = ATOM_SET;
                it.set = set_from_pattern(pat);
                ps->p = close + 1;
            } else if (c && strchr(".\\/?*+()[]{}|^$-!\"'#%&,:;<=>@_`~ ", c)) {
                it.kind = ATOM_SET;
                it.set = uset_open(c, c);
                ps->p = p + 2;
            } else if (c == 'n' || c == 't' || c == 'r') {
                UChar32 ch = c == 'n' ? '\n' : c == 't' ? '\t' : '\r';
                it.kind = ATOM_SET;
                it.set = uset_open(ch, ch);
                ps->p = p + 2;
            } else {
                ps->failed = 1; /* \x{..}, \Q, back-references, …: not modelled */
                break;
            }
            if (it.kind == ATOM_SET && !it.set) {
                ps->failed = 1;
                break;
            }
        } else if (*p == '^' || *p == '$') {
            it.kind = ATOM_ZERO_WIDTH;
            ps->p = p + 1;
        } else if (*p == '.' || *p == '*' || *p == '+' || *p == '?' || *p == '{') {
            ps->failed = 1; /* '.' matches anything; a stray quantifier is not modelled */
            break;
        } else {
            int32_t i = 0, n = (int32_t)strnlen(p, 4);
            UChar32 c;
            U8_NEXT((const uint8_t *)p, i, n, c);
            if (c < 0) {
                ps->failed = 1;
                break;
            }
            it.kind = ATOM_SET;
            it.set = uset_open(c, c);
            ps->p = p + i;
        }
        it.text_len = (size_t)(ps->p - it.text);
        it.quant = ps->p;
        it.min = parse_quantifier(ps, &it.max);
        it.quant_len = (size_t)(ps->p - it.quant);
        if (add_item(s, it) < 0) {
            item_free(&it);
            ps->failed = 1;
        }
    }
    if (ps->failed) {
        node_free(s);
        return NULL;
    }
    return s;
}

/* Alternatives separated by '|' into group->alts; returns the first (non-NULL on success). */
static node *parse_alternatives(parser *ps, item *group)
{
    for (;;) {
        node *alt = parse_sequence(ps);
        if (!alt)
            return NULL;
        node **v = realloc(group->alts, (size_t)(group->nalts + 1) * sizeof *v);
        if (!v) {
            node_free(alt);
            return NULL;
        }
        group->alts = v;
        group->alts[group->nalts++] = alt;
        if (*ps->p != '|')
            return group->alts[0];
        ps->p++;
    }
}

/* Union into *acc the chars that can start (dir = +1) or end (dir = -1) a match of
 * sequence s. Returns 1 when the sequence must consume a character (the set is
 * complete), 0 when it can match empty, -1 when unknown. */
static int edge_chars(const node *s, int dir, USet *acc);

static int item_edge(const item *it, int dir, USet *acc)
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

static int edge_chars(const node *s, int dir, USet *acc)
{
    for (int k = 0; k < s->n; k++) {
        const item *it = &s->items[dir > 0 ? k : s->n - 1 - k];
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
    parser ps = {pattern, 0, 0};
    item top = {0};
    node *first = parse_alternatives(&ps, &top);
    USet *acc = NULL;
    if (first && !ps.failed && *ps.p == '\0') {
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
    item_free(&top);
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

static int skip_space_chars(const node *s, const USet *ws, USet *acc);

static int item_after_space(const item *it, const USet *ws, USet *acc)
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

static int skip_space_chars(const node *s, const USet *ws, USet *acc)
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
    parser ps = {pattern, 0, 0};
    item top = {0};
    node *first = parse_alternatives(&ps, &top);
    USet *acc = NULL, *ws = set_from_pattern("[\\p{White_Space}]");
    if (first && ws && !ps.failed && *ps.p == '\0') {
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
    item_free(&top);
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
static void walk_endings(const item *const *todo, int nt, suffix cur, suffix_list *out, int depth)
{
    if (out->overflow)
        return;
    if (cur.len == SUFFIX_MAX || nt == 0 || depth > 32) {
        suffix_add(out, &cur);
        return;
    }
    const item *it = todo[0];
    if (it->kind != ATOM_ZERO_WIDTH && it->min == 0) {
        /* optional: the ending may skip it … */
        walk_endings(todo + 1, nt - 1, cur, out, depth + 1);
        if (it->max != 1) {
            suffix_add(out, &cur); /* … or end inside its repeats: stop here */
            return;
        }
        item once = *it; /* … or hold it exactly once */
        once.min = 1;
        const item **next = malloc((size_t)nt * sizeof *next);
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
                out->overflow = 1; /* a string item: not modelled */
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
            const node *alt = it->alts[a];
            const item **next = malloc((size_t)(alt->n + nt) * sizeof *next);
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
    parser ps = {pattern, 0, 0};
    item top = {0};
    node *first = parse_alternatives(&ps, &top);
    suffix_list l = {0};
    if (first && !ps.failed && *ps.p == '\0') {
        item group = top; /* the pattern as one group */
        group.kind = ATOM_GROUP;
        group.min = group.max = 1;
        const item *todo[1] = {&group};
        suffix none = {{0}, 0};
        walk_endings(todo, 1, none, &l, 0);
    } else {
        l.overflow = 1;
    }
    item_free(&top);
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

static void reverse_sequence(const node *s, out_buf *b);

static void reverse_alternatives(const item *it, out_buf *b)
{
    for (int a = 0; a < it->nalts; a++) {
        if (a)
            put_str(b, "|");
        reverse_sequence(it->alts[a], b);
    }
}

static void reverse_item(const item *it, out_buf *b)
{
    if (it->kind == ATOM_SET) {
        put(b, it->text, it->text_len);
    } else if (it->kind == ATOM_GROUP) {
        put_str(b, "(?:");
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

static void reverse_sequence(const node *s, out_buf *b)
{
    for (int k = s->n - 1; k >= 0; k--)
        reverse_item(&s->items[k], b);
}

char *rule_reverse(const char *pattern)
{
    parser ps = {pattern, 0, 0};
    item top = {0};
    node *first = parse_alternatives(&ps, &top);
    out_buf b = {0};
    if (!first || ps.failed || ps.possessive || *ps.p != '\0') {
        b.failed = 1;
    } else {
        put_str(&b, "(?:");
        reverse_alternatives(&top, &b);
        put_str(&b, ")");
    }
    item_free(&top);
    if (b.failed) {
        free(b.s);
        return NULL;
    }
    return b.s;
}
