/* rule_tree.c — parsing SRX rule regexes into the tree of rule_tree.h. */
#include "rule_tree.h"

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

typedef struct {
    const char *p;
    int failed;
    int possessive;     /* possessive quantifiers change meaning when reversed */
} parser;

static void seq_free(rule_seq *s);

void rule_item_free(rule_item *it)
{
    if (it->set)
        uset_close(it->set);
    for (int a = 0; a < it->nalts; a++)
        seq_free(it->alts[a]);
    free(it->alts);
}

static void seq_free(rule_seq *s)
{
    if (!s)
        return;
    for (int k = 0; k < s->n; k++)
        rule_item_free(&s->items[k]);
    free(s->items);
    free(s);
}

static USet *open_set(const char *pat)
{
    UChar u[1024];
    int32_t len;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, 1024, &len, pat, -1, &err);
    if (U_FAILURE(err))
        return NULL;
    USet *s = uset_openPatternOptions(u, len, 0, &err); /* spaces count, as in a regex class */
    if (U_FAILURE(err)) {
        if (s)
            uset_close(s);
        return NULL;
    }
    return s;
}

/* Building a property set (\p{Lu}, \s) walks Unicode's property tables, and every rule
 * file spells the same few dozen sets many times over: sets already built are kept for
 * the life of the process, frozen, and handed out as copies. */
enum { SET_CACHE = 512, MAX_REPEAT = 100000 }; /* larger counts are left to ICU alone */
static struct {
    char *pattern;
    USet *set;
} set_cache[SET_CACHE];
static int set_cache_n;
static pthread_mutex_t set_cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* The cached set of `pat` (built and kept if new), under the lock; NULL when it cannot be
 * kept (out of memory, or the cache is full). */
static const USet *cached_set(const char *pat)
{
    for (int k = 0; k < set_cache_n; k++)
        if (!strcmp(set_cache[k].pattern, pat))
            return set_cache[k].set;
    if (set_cache_n >= SET_CACHE)
        return NULL;
    USet *kept = open_set(pat);
    char *name = kept ? strdup(pat) : NULL;
    if (!name) {
        if (kept)
            uset_close(kept);
        return NULL;
    }
    uset_freeze(kept);
    set_cache[set_cache_n].pattern = name;
    set_cache[set_cache_n++].set = kept;
    return kept;
}

const USet *rule_set_shared(const char *pat)
{
    pthread_mutex_lock(&set_cache_lock);
    const USet *set = cached_set(pat);
    pthread_mutex_unlock(&set_cache_lock);
    return set;
}

USet *rule_set_from_pattern(const char *pat)
{
    pthread_mutex_lock(&set_cache_lock);
    const USet *kept = cached_set(pat);
    USet *out = kept ? uset_cloneAsThawed(kept) : NULL;
    pthread_mutex_unlock(&set_cache_lock);
    return out || kept ? out : open_set(pat); /* not kept: the cache is full */
}

/* ICU regex escapes that UnicodeSet patterns spell differently */
const char *rule_class_escape(char c)
{
    switch (c) {
    case 's': return "\\p{White_Space}"; /* ICU 72's \s, \v and U+0085 included */
    case 'S': return "\\P{White_Space}";
    case 'd': return "\\p{Nd}";
    case 'D': return "\\P{Nd}";
    case 'w': return "[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200C\\u200D]";
    case 'W': return "[^\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200C\\u200D]";
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
            const char *rep = rule_class_escape(p[1]); /* \w expands to a class: nesting is fine */
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
            } else if (strchr("uUxNtnrfae", p[1]) || !isalnum((unsigned char)p[1])) {
                out[o++] = p[0]; /* \u, \x{…}, \N{…}, a control or an escaped mark: alike in both */
                out[o++] = p[1];
                p += 2;
            } else {
                return NULL; /* \h, \v, \b, octal …: a UnicodeSet reads them otherwise, as it read
                              * \W before rule_class_escape knew it ([\p{L}\W] was letters and
                              * 'W'; found by fuzz_srx) */
            }
            continue;
        }
        if (*p == '[') {
            depth++;
            if (p[1] == ']' || (p[1] == '^' && p[2] == ']'))
                return NULL; /* "[]…]": a regex reads that ] as a literal, a UnicodeSet may not
                              * (found by fuzz_srx: [,;[]p{L}…]) */
        } else if (*p == ']') {
            depth--;
        } else if (*p == '&' || (*p == '-' && p[1] == '-')) {
            return NULL; /* set operations: not modelled */
        }
        if (!*p)
            return NULL;
        if (*p == '$' || *p == '{' || *p == '}')
            out[o++] = '\\'; /* literal in a regex class, syntax in a UnicodeSet */
        out[o++] = *p++;
    } while (depth > 0);
    out[o] = '\0';
    ps->p = p;
    return rule_set_from_pattern(out);
}

static rule_seq *parse_alternatives(parser *ps, rule_item *group);

/* (?i:…): every set in the group gains the other cases of its characters. ICU compares
 * literal strings by full case folding, where "ss" matches "ß" and "fi" matches "ﬁ": one
 * text character for two pattern characters, which the tree cannot express. Such
 * foldings exist only in the Latin, Greek and Armenian scripts, so a caseless group that
 * holds letters of those is not modelled (-1); Cyrillic abbreviation lists are. */
static int has_multi_fold_letters(const USet *set)
{
    UErrorCode err = U_ZERO_ERROR;
    for (int32_t k = 0; k < uset_getItemCount(set); k++) {
        UChar32 lo, hi;
        if (uset_getItem(set, k, &lo, &hi, NULL, 0, &err) != 0 || hi - lo > 256)
            return 1; /* a string, or a class too wide to look through: not modelled */
        for (UChar32 c = lo; c <= hi; c++) {
            UScriptCode script = uscript_getScript(c, &err);
            if (script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_ARMENIAN)
                return 1;
        }
    }
    return 0;
}

static int close_over_case(rule_item *it)
{
    if (it->kind == ATOM_SET) {
        if (has_multi_fold_letters(it->set))
            return -1;
        uset_closeOver(it->set, USET_CASE_INSENSITIVE);
        uset_removeAllStrings(it->set);
        return 0;
    }
    for (int a = 0; a < it->nalts; a++)
        for (int k = 0; k < it->alts[a]->n; k++)
            if (close_over_case(&it->alts[a]->items[k]) < 0)
                return -1;
    return 0;
}

static int add_item(rule_seq *s, rule_item it)
{
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        rule_item *v = realloc(s->items, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        s->items = v;
        s->cap = cap;
    }
    s->items[s->n++] = it;
    return 0;
}

/* The decimal count at *q, moving past it; -1 when it has no digit or passes MAX_REPEAT. */
static int read_count(const char **q)
{
    long n = 0;
    const char *p = *q;
    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (*p++ - '0');
        if (n > MAX_REPEAT)
            return -1;
    }
    *q = p;
    return (int)n;
}

/* Parse a quantifier after an atom; returns the minimum count (1 when none), *max the
 * maximum. */
static int parse_quantifier(parser *ps, int *max)
{
    const char *p = ps->p;
    int min = 1;
    *max = 1;
    if ((*p == '?' || *p == '*' || *p == '+') && p[1] == '+')
        ps->possessive = 1;
    if (*p == '?' || *p == '*') {
        min = 0;
        *max = *p == '?' ? 1 : INT_MAX;
        p++;
    } else if (*p == '+') {
        *max = INT_MAX;
        p++;
    } else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
        /* exactly {n}, {n,} or {n,m}; anything else (or a count past MAX_REPEAT) is not modelled */
        const char *q = p + 1;
        min = read_count(&q);
        if (*q == ',' && q[1] == '}')
            *max = INT_MAX, q++;
        else if (*q == ',')
            q++, *max = read_count(&q);
        else
            *max = min;
        if (*q != '}' || min < 0 || *max < 0 || *max < min) {
            ps->failed = 1;
            return 1;
        }
        p = q + 1;
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
static rule_seq *parse_sequence(parser *ps)
{
    rule_seq *s = calloc(1, sizeof *s);
    if (!s) {
        ps->failed = 1;
        return NULL;
    }
    while (*ps->p && *ps->p != ')' && *ps->p != '|' && !ps->failed) {
        rule_item it = {0};
        const char *p = ps->p;
        it.text = p;
        if (*p == '(') {
            if (p[1] == '?') {
                if (p[2] == ':') {
                    ps->p = p + 3;
                    it.kind = ATOM_GROUP;
                } else if (p[2] == 'i' && p[3] == ':') {
                    ps->p = p + 4;
                    it.kind = ATOM_GROUP;
                    it.caseless = 1;
                } else if (p[2] == '=' || p[2] == '!' || (p[2] == '<' && (p[3] == '=' || p[3] == '!'))) {
                    ps->p = p + (p[2] == '<' ? 4 : 3);
                    it.kind = ATOM_ZERO_WIDTH;
                    it.look = p[2] == '<' ? (p[3] == '=' ? '<' : '>') : p[2];
                } else {
                    ps->failed = 1; /* other flags (x, s, m, …) change what the pattern means */
                    break;
                }
            } else {
                ps->p = p + 1;
                it.kind = ATOM_GROUP;
            }
            rule_item group = {0};
            rule_seq *inner = parse_alternatives(ps, &group);
            if (!inner || *ps->p != ')') {
                rule_item_free(&group);
                ps->failed = 1;
                break;
            }
            ps->p++;
            it.alts = group.alts;
            it.nalts = group.nalts;
            if (it.caseless && close_over_case(&it) < 0) {
                rule_item_free(&it);
                ps->failed = 1;
                break;
            }
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
            } else if (rule_class_escape(c) && c != 'n' && c != 't' && c != 'r') {
                char pat[128];
                snprintf(pat, sizeof pat, rule_class_escape(c)[0] == '[' ? "%s" : "[%s]", rule_class_escape(c));
                it.kind = ATOM_SET;
                it.set = rule_set_from_pattern(pat);
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
                it.set = rule_set_from_pattern(pat);
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
            rule_item_free(&it);
            ps->failed = 1;
        }
    }
    if (ps->failed) {
        seq_free(s);
        return NULL;
    }
    return s;
}

/* Alternatives separated by '|' into group->alts; returns the first (non-NULL on success). */
static rule_seq *parse_alternatives(parser *ps, rule_item *group)
{
    for (;;) {
        rule_seq *alt = parse_sequence(ps);
        if (!alt)
            return NULL;
        rule_seq **v = realloc(group->alts, (size_t)(group->nalts + 1) * sizeof *v);
        if (!v) {
            seq_free(alt);
            return NULL;
        }
        group->alts = v;
        group->alts[group->nalts++] = alt;
        if (*ps->p != '|')
            return group->alts[0];
        ps->p++;
    }
}

int rule_tree_parse(const char *pattern, rule_item *top, int *possessive)
{
    memset(top, 0, sizeof *top);
    parser ps = {pattern, 0, 0};
    rule_seq *first = parse_alternatives(&ps, top);
    if (possessive)
        *possessive = ps.possessive;
    if (!first || ps.failed || *ps.p != '\0') {
        rule_item_free(top);
        memset(top, 0, sizeof *top);
        return -1;
    }
    top->kind = ATOM_GROUP;
    top->min = top->max = 1;
    return 0;
}
