/* tm_index.c — a token index with length-bounded prefix filtering, and edit-distance
 * scoring with penalties; see tm_index.h.
 *
 * Layout (arrays, so that saving is writing them and loading is reading them back):
 *   units:    shortest first (ties in memory order), for each unit the offsets of its
 *             source and target texts in `text`, of its normalized tokens (32-bit
 *             hashes) in `tokens`, its place in the memory and a hash of its inline tags;
 *   postings: for each of BUCKETS hash buckets, the units (ascending, hence by length)
 *             holding a token that falls in it, CSR-style. A token is a word (a character
 *             for Chinese, Japanese, Thai) with its occurrence number in the segment: the
 *             second "the" is a token of its own, so shared tokens count repeats right.
 *
 * Why nothing above min is lost. Let the query have n tokens, a unit m, L = max(n, m) and
 * d their edit distance. A score of at least min means 100·(L − d) ≥ min·L. Every edit
 * changes at most one token, so they share at least L − d tokens (as multisets), and
 * |n − m| ≤ d. Hence the unit's length lies in [⌈min·n/100⌉, ⌊100·n/min⌋] — a range of
 * units, found in each sorted posting list by binary search — and it shares at least
 * need = ⌈min·L/100⌉ tokens with the query. A unit sharing `need` of the query's n
 * tokens holds one of any n − need + 1 of them: the lists of the rarest ones (the
 * prefix) give every candidate. The other lists only count (scanned, or probed by binary
 * search when the candidates are few), and a candidate that can no longer reach its need
 * is dropped. Scoring a survivor counts the tokens it really shares first (a small hash
 * table of the query's), and only then computes a banded edit distance, cut short once
 * it exceeds what min allows. Bucket collisions only add candidates: a list counts for
 * all the query tokens that fall in its bucket. The penalties (tm_index.h) only lower a
 * score, so the filters, which bound the score before them, lose nothing either. */
#include "tm_index.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "../util/u32set.h"
#include "../util/vec.h"
#include "tmx_reader.h"

enum { BUCKETS = 1 << 21, MAX_TOKENS = 512, MAX_TAG = 256 };
enum { TOKEN_SLOTS = 2 * MAX_TOKENS }; /* hash tables of a segment's tokens: a power of two, twice the most */
/* 1: without the languages; 2: word-pair keys, units in memory order, no tags */
static const char MAGIC[8] = "PATMIX3", MAGIC_V2[8] = "PATMIX2", MAGIC_V1[8] = "PATMIX1";

typedef struct {
    uint32_t src, tgt;      /* offsets in text */
    uint32_t tok, ntok;     /* tokens[tok .. tok + ntok) */
    uint32_t order;         /* place in the memory */
    uint32_t tags;          /* hash of its inline tags in order, 0: none */
} unit_entry;

struct tm_index {
    char lang[2][LANG_TAG_MAX]; /* source and target, canonical */
    int by_char;            /* tokens are characters (zh, ja), else words */
    unit_entry *units;      /* by ntok, then order */
    size_t nunits, ucap;
    char *text;
    size_t ntext, tcap;
    uint32_t *tokens;
    size_t ntokens, kcap;
    uint32_t *head;         /* BUCKETS + 1 offsets into post */
    uint32_t *post;
    size_t npost;
    uint32_t first_of_length[MAX_TOKENS + 2]; /* the first unit with at least that many tokens */
    uint16_t *hits;         /* per unit, query scratch (zero between queries) */
    size_t work;            /* postings read and units scored by the last lookup */
};

/* Numbers, punctuation marks or tags of a text, as written. */
typedef struct {
    uint32_t hash;                  /* of the whole sequence, 0: empty */
    uint32_t items[MAX_TOKENS];     /* of each item, in order (the first MAX_TOKENS) */
    size_t n;                       /* items seen */
} mark_list;

/* What tokenizing a text notes beyond its tokens: what the normalization hides. */
typedef struct {
    mark_list numbers, punctuation, tags;
    uint64_t words[MAX_TOKENS];     /* per word: normalized hash << 32 | hash as written */
    size_t nwords;
} text_marks;

struct tm_query {
    char *text;
    size_t n;
    uint32_t tokens[MAX_TOKENS];
    text_marks marks;       /* words sorted, repeats dropped */
    /* the query's distinct tokens (open addressing, 0: free) and how often each occurs;
     * `used` counts a unit's tokens against them, valid where `stamp` is the current one */
    uint32_t slot_token[TOKEN_SLOTS], slot_stamp[TOKEN_SLOTS], stamp;
    uint16_t slot_count[TOKEN_SLOTS], slot_used[TOKEN_SLOTS];
};

static const uint32_t FNV_OFFSET = 2166136261u, FNV_PRIME = 16777619u;

static uint32_t hash_more(uint32_t h, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        h = (h ^ (uint8_t)s[k]) * FNV_PRIME;
    return h;
}

static uint32_t hash32(const char *s, size_t n)
{
    uint32_t h = hash_more(FNV_OFFSET, s, n);
    return h ? h : 1;
}

/* The hash of a sequence (0: empty) with item s[0..n) appended. */
static uint32_t sequence_add(uint32_t seq, const char *s, size_t n)
{
    uint32_t h = (hash_more(seq ? seq : FNV_OFFSET, s, n) ^ 0x1f) * FNV_PRIME; /* 0x1f ends the item */
    return h ? h : 1;
}

static void mark_add(mark_list *list, const char *s, size_t n)
{
    list->hash = sequence_add(list->hash, s, n);
    if (list->n < MAX_TOKENS)
        list->items[list->n] = hash32(s, n);
    list->n++;
}

/* The length of the inline tag at s (`<`, maybe `/`, an ASCII letter, then anything but
 * `<` or a line break up to `>`, as <b>, </b>, <br/>, <x id="1"/>), or 0: "a < b" is text. */
static size_t tag_length(const char *s, size_t n)
{
    size_t i = 1;
    if (n < 3 || s[0] != '<')
        return 0;
    if (s[i] == '/')
        i++;
    if (i >= n || !((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        return 0;
    for (; i < n && i < MAX_TAG; i++) {
        if (s[i] == '>')
            return i + 1;
        if (s[i] == '<' || s[i] == '\n')
            return 0;
    }
    return 0;
}

/* The sequence hash seq with the inline tags written in text s appended. */
static uint32_t text_tags(uint32_t seq, const char *s)
{
    size_t n = strlen(s);
    for (const char *p = memchr(s, '<', n); p; p = memchr(p, '<', n - (size_t)(p - s))) {
        size_t len = tag_length(p, n - (size_t)(p - s));
        if (len)
            seq = sequence_add(seq, p, len);
        p += len ? len : 1;
    }
    return seq;
}

static int is_letter(UChar32 c)
{
    return c > 0 && (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
}

/* The end of the number starting at s[at] (a digit): digits, with `.` or `,` between two
 * digits ("3.5", "1,000" are one number). */
static int32_t number_end(const uint8_t *s, int32_t at, int32_t n)
{
    int32_t end = at;
    while (end < n) {
        int32_t k = end;
        UChar32 c;
        U8_NEXT(s, k, n, c);
        if (c > 0 && u_isdigit(c)) {
            end = k;
            continue;
        }
        if ((c == '.' || c == ',') && k < n) {
            int32_t after = k;
            U8_NEXT(s, after, n, c);
            if (c > 0 && u_isdigit(c)) {
                end = after;
                continue;
            }
        }
        break;
    }
    return end;
}

/* A word being collected: lower-cased (the token) and as written (for the case check). */
typedef struct {
    char lower[256], written[256];
    size_t nlower, nwritten;
} word_buf;

/* Emit the word collected in w, if any, as out[*count] (and into marks). */
static void word_flush(word_buf *w, uint32_t *out, size_t *count, size_t max, text_marks *marks)
{
    if (w->nlower && *count < max) {
        uint32_t token = hash32(w->lower, w->nlower);
        out[(*count)++] = token;
        if (marks)
            marks->words[marks->nwords++] = (uint64_t)token << 32 | hash32(w->written, w->nwritten);
    }
    w->nlower = w->nwritten = 0;
}

/* Normalized tokens of s: words (characters, by_char) lower-cased, each number one "#"
 * token, inline tags, punctuation and spaces left out. Returns the count (at most max).
 * marks, when not NULL, receives what was left out or lowered. */
static size_t tokenize(const char *s, int by_char, uint32_t *out, size_t max, text_marks *marks)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t len = strlen(s);
    int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len, i = 0;
    size_t count = 0;
    word_buf w = {.nlower = 0};
    if (marks)
        marks->numbers.hash = marks->punctuation.hash = marks->tags.hash = 0,
        marks->numbers.n = marks->punctuation.n = marks->tags.n = marks->nwords = 0;
    while (i < n && count < max) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        size_t tag = c == '<' ? tag_length(s + at, (size_t)(n - at)) : 0;
        if (tag) {
            word_flush(&w, out, &count, max, marks);
            if (marks)
                mark_add(&marks->tags, s + at, tag);
            i = at + (int32_t)tag;
        } else if (c > 0 && u_isdigit(c)) {
            word_flush(&w, out, &count, max, marks);
            i = number_end(p, at, n);
            if (count < max)
                out[count++] = hash32("#", 1);
            if (marks)
                mark_add(&marks->numbers, s + at, (size_t)(i - at));
        } else if (is_letter(c)) {
            if (by_char)
                word_flush(&w, out, &count, max, marks);
            if (w.nlower + 4 < sizeof w.lower) {
                U8_APPEND_UNSAFE((uint8_t *)w.lower, w.nlower, u_tolower(c));
                memcpy(w.written + w.nwritten, s + at, (size_t)(i - at));
                w.nwritten += (size_t)(i - at);
            }
            if (by_char)
                word_flush(&w, out, &count, max, marks);
        } else {
            word_flush(&w, out, &count, max, marks);
            if (marks && (c < 0 || u_ispunct(c) || (U_GET_GC_MASK(c) & U_GC_S_MASK)))
                mark_add(&marks->punctuation, s + at, (size_t)(i - at));
        }
    }
    word_flush(&w, out, &count, max, marks);
    return count;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The bucket of the k-th occurrence (from 0) of a token. */
static uint32_t bucket_of(uint32_t token, uint32_t k)
{
    uint32_t h = token ^ (k * 0x9e3779b9u);
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    return h & (BUCKETS - 1);
}

/* Where token t starts probing in a table of a segment's tokens (TOKEN_SLOTS slots). */
static size_t token_slot(uint32_t t)
{
    return (t * 2654435761u) & (TOKEN_SLOTS - 1);
}

/* Counts the occurrences of the tokens of one segment at a time: open addressing, a
 * slot belonging to the current segment when its stamp is the current one. */
typedef struct {
    uint32_t token[TOKEN_SLOTS], stamp_of[TOKEN_SLOTS], stamp;
    uint16_t seen[TOKEN_SLOTS];
} occurrence_counter;

/* The bucket of each token of tok[0..n), in order, with its occurrence number: the
 * second "the" has a key of its own. Two tokens may share a bucket. */
static void occurrence_keys(const uint32_t *tok, size_t n, occurrence_counter *oc, uint32_t *out)
{
    if (++oc->stamp == 0) { /* wrapped: every slot is stale again */
        memset(oc->stamp_of, 0, sizeof oc->stamp_of);
        oc->stamp = 1;
    }
    for (size_t i = 0; i < n; i++) {
        size_t s = token_slot(tok[i]);
        while (oc->stamp_of[s] == oc->stamp && oc->token[s] != tok[i])
            s = (s + 1) & (TOKEN_SLOTS - 1);
        if (oc->stamp_of[s] != oc->stamp)
            oc->stamp_of[s] = oc->stamp, oc->token[s] = tok[i], oc->seen[s] = 0;
        out[i] = bucket_of(tok[i], oc->seen[s]++);
    }
}

static int add_text(tm_index *ix, const char *s, uint32_t *at)
{
    size_t n = strlen(s) + 1;
    if (ix->ntext + n > UINT32_MAX)
        return error_set(ERR_DATA, _("memory too large for the index (over 4 GB of text)"));
    if (vec_reserve(&ix->text, &ix->tcap, ix->ntext + n, 1) < 0)
        return error_nomem();
    memcpy(ix->text + ix->ntext, s, n);
    *at = (uint32_t)ix->ntext;
    ix->ntext += n;
    return 0;
}

static int is_inline_code(const xmlChar *name)
{
    static const char *const codes[] = {"bpt", "ept", "ph", "it", "ut"};
    for (size_t k = 0; k < sizeof codes / sizeof *codes; k++)
        if (strcmp((const char *)name, codes[k]) == 0)
            return 1;
    return 0;
}

/* The sequence hash seq with the tags under node appended: the native code of each
 * bpt/ept/ph/it/ut (<b> in <bpt i="1">&lt;b&gt;</bpt>, as a query writes it), and the
 * tags written in its text. */
static uint32_t node_tags(uint32_t seq, const xmlNode *node)
{
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            seq = text_tags(seq, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && is_inline_code(c->name)) {
            xmlChar *code = xmlNodeGetContent(c);
            seq = sequence_add(seq, code ? (const char *)code : "", code ? strlen((const char *)code) : 0);
            xmlFree(code);
        } else if (c->type == XML_ELEMENT_NODE) {
            seq = node_tags(seq, c); /* hi: its text is the segment's */
        }
    }
    return seq;
}

/* The tags hash of a segment: from its inner XML when it has markup, else its text. */
static uint32_t segment_tags(const char *xml, const char *text)
{
    if (!xml || !strchr(xml, '<') || strlen(xml) > INT32_MAX - 16)
        return text_tags(0, text);
    size_t n = strlen(xml);
    char *doc = malloc(n + 16);
    if (!doc)
        return text_tags(0, text);
    memcpy(doc, "<seg>", 5);
    memcpy(doc + 5, xml, n);
    memcpy(doc + 5 + n, "</seg>", 6);
    xmlDoc *d = xmlReadMemory(doc, (int)(n + 11), NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(doc);
    uint32_t seq = d && xmlDocGetRootElement(d) ? node_tags(0, xmlDocGetRootElement(d)) : text_tags(0, text);
    xmlFreeDoc(d);
    return seq;
}

/* The tags of unit u's source s (one of its tuv texts). */
static uint32_t unit_tags(const tmx_unit *u, const char *s)
{
    for (size_t k = 0; k < u->ntuv; k++)
        if (u->tuv[k].text == s)
            return segment_tags(u->tuv[k].xml, s);
    return text_tags(0, s);
}

/* Order the units by length, those of one length in memory order (a counting sort). */
static int sort_units_by_length(tm_index *ix)
{
    size_t start[MAX_TOKENS + 2] = {0};
    for (size_t u = 0; u < ix->nunits; u++)
        start[ix->units[u].ntok + 1]++;
    for (size_t len = 0; len <= MAX_TOKENS; len++)
        start[len + 1] += start[len];
    unit_entry *sorted = malloc((ix->nunits + 1) * sizeof *sorted);
    if (!sorted)
        return error_nomem();
    for (size_t u = 0; u < ix->nunits; u++)
        sorted[start[ix->units[u].ntok]++] = ix->units[u];
    free(ix->units);
    ix->units = sorted;
    ix->ucap = ix->nunits + 1;
    return 0;
}

static void index_lengths(tm_index *ix)
{
    size_t u = 0;
    for (size_t len = 0; len <= MAX_TOKENS + 1; len++) {
        while (u < ix->nunits && ix->units[u].ntok < len)
            u++;
        ix->first_of_length[len] = (uint32_t)u;
    }
}

/* The postings, in two passes over the units (count, then fill); a unit is listed once
 * in a bucket even when two of its tokens fall in it. */
static int build_postings(tm_index *ix)
{
    int rc = sort_units_by_length(ix);
    if (rc < 0)
        return rc;
    index_lengths(ix);
    ix->head = calloc(BUCKETS + 1, sizeof *ix->head);
    ix->hits = calloc(ix->nunits + 1, sizeof *ix->hits);
    uint32_t *fill = calloc(BUCKETS, sizeof *fill); /* first the last unit + 1 counted there */
    occurrence_counter *oc = calloc(1, sizeof *oc);
    uint32_t keys[MAX_TOKENS];
    if (!ix->head || !ix->hits || !fill || !oc)
        rc = error_nomem();
    for (size_t u = 0; rc == 0 && u < ix->nunits; u++) {
        occurrence_keys(ix->tokens + ix->units[u].tok, ix->units[u].ntok, oc, keys);
        for (size_t k = 0; k < ix->units[u].ntok; k++)
            if (fill[keys[k]] != u + 1)
                fill[keys[k]] = (uint32_t)u + 1, ix->head[keys[k] + 1]++;
    }
    if (rc == 0) {
        for (size_t b = 0; b < BUCKETS; b++)
            ix->head[b + 1] += ix->head[b];
        ix->npost = ix->head[BUCKETS];
        if (!(ix->post = malloc((ix->npost + 1) * sizeof *ix->post)))
            rc = error_nomem();
    }
    if (rc == 0)
        memcpy(fill, ix->head, BUCKETS * sizeof *fill);
    for (size_t u = 0; rc == 0 && u < ix->nunits; u++) {
        occurrence_keys(ix->tokens + ix->units[u].tok, ix->units[u].ntok, oc, keys);
        for (size_t k = 0; k < ix->units[u].ntok; k++) {
            uint32_t b = keys[k];
            if (fill[b] == ix->head[b] || ix->post[fill[b] - 1] != u)
                ix->post[fill[b]++] = (uint32_t)u;
        }
    }
    free(oc);
    free(fill);
    return rc;
}

/* A tag in canonical spelling, or as given when ICU refuses it (the index still works). */
static void canonical(const char *tag, char out[LANG_TAG_MAX])
{
    if (lang_normalize(tag, out) < 0)
        snprintf(out, LANG_TAG_MAX, "%s", tag);
}

int tm_index_build(const char *tmx_path, const char *src, const char *tgt, tm_index **out)
{
    *out = NULL;
    tm_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return error_nomem();
    ix->by_char = lang_is_unspaced(src);
    canonical(src, ix->lang[0]);
    canonical(tgt, ix->lang[1]);
    tmx_reader *r = NULL;
    int rc = tmx_reader_open(tmx_path, &r);
    if (rc == 0)
        tmx_reader_keep_markup(r, 1); /* the inline codes of the sources */
    tmx_unit u = {0};
    int more = 0;
    while (rc == 0 && (more = tmx_reader_next(r, &u)) == 1) {
        const char *s, *t;
        if (!tmx_unit_pair(&u, src, tgt, &s, &t))
            continue;
        if (ix->nunits >= UINT32_MAX) {
            rc = error_set(ERR_DATA, _("memory too large for the index (over 4 GB of text)"));
            break;
        }
        unit_entry e = {0};
        uint32_t tok[MAX_TOKENS];
        e.ntok = (uint32_t)tokenize(s, ix->by_char, tok, MAX_TOKENS, NULL);
        e.tok = (uint32_t)ix->ntokens;
        e.order = (uint32_t)ix->nunits;
        e.tags = unit_tags(&u, s);
        if ((rc = vec_reserve(&ix->units, &ix->ucap, ix->nunits + 1, sizeof *ix->units)) < 0 ||
            (rc = vec_reserve(&ix->tokens, &ix->kcap, ix->ntokens + e.ntok, sizeof *ix->tokens)) < 0 ||
            (rc = add_text(ix, s, &e.src)) < 0 || (rc = add_text(ix, t, &e.tgt)) < 0)
            break;
        memcpy(ix->tokens + ix->ntokens, tok, e.ntok * sizeof *tok);
        ix->ntokens += e.ntok;
        ix->units[ix->nunits++] = e;
    }
    if (rc == 0 && more < 0)
        rc = more;
    tmx_unit_free(&u);
    tmx_reader_close(r);
    if (rc == 0)
        rc = build_postings(ix);
    if (rc < 0) {
        tm_index_free(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

const char *tm_index_lang(const tm_index *ix, int side)
{
    return ix->lang[side ? 1 : 0];
}

size_t tm_index_units(const tm_index *ix)
{
    return ix->nunits;
}

/* ---- scoring ---- */

/* Sort the words of marks and drop repeats. */
static void words_sort_unique(text_marks *marks)
{
    qsort(marks->words, marks->nwords, sizeof *marks->words, cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < marks->nwords; i++)
        if (!w || marks->words[w - 1] != marks->words[i])
            marks->words[w++] = marks->words[i];
    marks->nwords = w;
}

/* The slot of token t in q's table: where it is, or the free one where it would go. */
static size_t query_slot(const tm_query *q, uint32_t t)
{
    size_t s = token_slot(t);
    while (q->slot_token[s] && q->slot_token[s] != t)
        s = (s + 1) & (TOKEN_SLOTS - 1);
    return s;
}

int tm_query_new(const tm_index *ix, const char *text, tm_query **out)
{
    *out = NULL;
    tm_query *q = calloc(1, sizeof *q);
    if (!q || !(q->text = strdup(text))) {
        free(q);
        return error_nomem();
    }
    q->n = tokenize(text, ix->by_char, q->tokens, MAX_TOKENS, &q->marks);
    words_sort_unique(&q->marks);
    for (size_t i = 0; i < q->n; i++) {
        size_t s = query_slot(q, q->tokens[i]); /* tokens are never 0 (hash32) */
        q->slot_token[s] = q->tokens[i];
        q->slot_count[s]++;
    }
    *out = q;
    return 0;
}

/* How many of the unit's tokens tok[0..m) the query has, repeats counted as far as the
 * query repeats them (the size of the multisets' intersection). */
static size_t shared_tokens(tm_query *q, const uint32_t *tok, size_t m)
{
    if (++q->stamp == 0) { /* wrapped: every stamp is stale again */
        memset(q->slot_stamp, 0, sizeof q->slot_stamp);
        q->stamp = 1;
    }
    size_t shared = 0;
    for (size_t j = 0; j < m; j++) {
        size_t s = query_slot(q, tok[j]);
        if (!q->slot_token[s])
            continue;
        if (q->slot_stamp[s] != q->stamp)
            q->slot_stamp[s] = q->stamp, q->slot_used[s] = 0;
        if (q->slot_used[s] < q->slot_count[s])
            q->slot_used[s]++, shared++;
    }
    return shared;
}

void tm_query_free(tm_query *q)
{
    if (q)
        free(q->text);
    free(q);
}

/* The edit distance between token sequences a and b, or most + 1 when it is larger:
 * only the band of diagonals within `most` of the main one is computed, two rows. */
static size_t edit_distance_within(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t most)
{
    uint16_t rows[2][MAX_TOKENS + 2];
    uint16_t *prev = rows[0], *cur = rows[1], over = (uint16_t)(most + 1);
    for (size_t j = 0; j <= m; j++)
        prev[j] = j <= most ? (uint16_t)j : over;
    prev[m + 1] = over;
    for (size_t i = 1; i <= n; i++) {
        size_t lo = i > most ? i - most : 0, hi = i + most < m ? i + most : m;
        if (lo > m)
            return over;
        uint16_t best = over;
        if (lo == 0) {
            cur[0] = (uint16_t)i;
            best = cur[0];
            lo = 1;
        } else {
            cur[lo - 1] = over;
        }
        for (size_t j = lo; j <= hi; j++) {
            uint16_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]), del = prev[j] + 1, ins = cur[j - 1] + 1;
            uint16_t d = sub < del ? sub : del;
            d = d < ins ? d : ins;
            cur[j] = d < over ? d : over;
            best = cur[j] < best ? cur[j] : best;
        }
        cur[hi + 1] = over;
        if (best > most)
            return over;
        uint16_t *t = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

/* Whether a word both have is written differently (other capitals): words sorted by
 * normalized form, the forms of each word they share compared. */
static int case_differs(const text_marks *a, const text_marks *b)
{
    size_t i = 0, j = 0;
    while (i < a->nwords && j < b->nwords) {
        uint32_t x = (uint32_t)(a->words[i] >> 32), y = (uint32_t)(b->words[j] >> 32);
        size_t i_end = i, j_end = j;
        while (i_end < a->nwords && (uint32_t)(a->words[i_end] >> 32) == x)
            i_end++;
        while (j_end < b->nwords && (uint32_t)(b->words[j_end] >> 32) == y)
            j_end++;
        if (x == y && (i_end - i != j_end - j || memcmp(a->words + i, b->words + j, (i_end - i) * sizeof *a->words)))
            return 1;
        if (x <= y)
            i = i_end;
        if (y <= x)
            j = j_end;
    }
    return 0;
}

/* Whether numbers or punctuation differ. In a match of equal words, any difference
 * counts; in a fuzzy one (`fuzzy`), those that come with added or removed words are
 * part of that difference already, so only a changed one counts: the shorter list must
 * be found, as a multiset, in the longer. */
static int marks_differ(const mark_list *a, const mark_list *b, int fuzzy)
{
    if (a->hash == b->hash)
        return 0;
    if (!fuzzy || a->n > MAX_TOKENS || b->n > MAX_TOKENS)
        return 1;
    const mark_list *few = a->n <= b->n ? a : b, *many = few == a ? b : a;
    uint32_t x[MAX_TOKENS], y[MAX_TOKENS];
    memcpy(x, few->items, few->n * sizeof *x);
    memcpy(y, many->items, many->n * sizeof *y);
    qsort(x, few->n, sizeof *x, cmp_u32);
    qsort(y, many->n, sizeof *y, cmp_u32);
    size_t j = 0;
    for (size_t i = 0; i < few->n; i++, j++) {
        while (j < many->n && y[j] < x[i])
            j++;
        if (j == many->n || y[j] != x[i])
            return 1;
    }
    return 0;
}

/* TM_DIFF_* bits for what differs between query q and unit e beyond their tokens
 * (`fuzzy`: the tokens differ too). */
static unsigned differences(const tm_index *ix, const tm_query *q, const unit_entry *e, int fuzzy)
{
    text_marks um;
    uint32_t tok[MAX_TOKENS];
    tokenize(ix->text + e->src, ix->by_char, tok, MAX_TOKENS, &um);
    words_sort_unique(&um);
    unsigned differs = 0;
    if (marks_differ(&q->marks.numbers, &um.numbers, fuzzy))
        differs |= TM_DIFF_NUMBERS;
    if (e->tags != q->marks.tags.hash) /* tags never come with words */
        differs |= TM_DIFF_TAGS;
    if (marks_differ(&q->marks.punctuation, &um.punctuation, fuzzy))
        differs |= TM_DIFF_PUNCTUATION;
    if (case_differs(&q->marks, &um))
        differs |= TM_DIFF_CASE;
    return differs;
}

/* The tokens a unit of len tokens must share with a query of n to score min. */
static uint32_t shared_needed(size_t n, size_t len, int min_score)
{
    size_t longer = n > len ? n : len;
    return (uint32_t)(((size_t)min_score * longer + 99) / 100);
}

int tm_index_score(const tm_index *ix, tm_query *q, size_t unit, int min_score, tm_match *out)
{
    const unit_entry *e = &ix->units[unit];
    size_t n = q->n, m = e->ntok, longer = n > m ? n : m;
    if (!n || !m)
        return 0;
    size_t most = (size_t)(100 - min_score) * longer / 100; /* the most edits a score of min allows */
    if ((n > m ? n - m : m - n) > most || shared_tokens(q, ix->tokens + e->tok, m) < shared_needed(n, m, min_score))
        return 0; /* the lengths, or the tokens they share, rule it out already */
    size_t d = edit_distance_within(q->tokens, n, ix->tokens + e->tok, m, most);
    if (d > most)
        return 0;
    int score = (int)(100 * (longer - d) / longer);
    const char *source = ix->text + e->src;
    if (score == 100 && (n == MAX_TOKENS || m == MAX_TOKENS) && strcmp(source, q->text) != 0)
        score = 99; /* only the first MAX_TOKENS tokens were compared */
    unsigned differs = differences(ix, q, e, d > 0);
    for (unsigned bits = differs; bits; bits &= bits - 1)
        score--;
    if (score < min_score)
        return 0;
    if (score < 0) /* --min 0: every unit, the penalties stopping at 0 */
        score = 0;
    *out = (tm_match){source, ix->text + e->tgt, score, differs, e->order};
    return 1;
}

int tm_match_compare(const void *a, const void *b)
{
    const tm_match *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* ---- lookup: candidates by prefix filtering, see the top of the file ---- */

/* A bucket the query's tokens fall in: `count` of them, its units of the lengths a match
 * can have being post[from .. to). */
typedef struct {
    uint32_t count, from, to;
} query_list;

static int cmp_list_length(const void *a, const void *b)
{
    const query_list *x = a, *y = b;
    uint32_t lx = x->to - x->from, ly = y->to - y->from;
    return lx < ly ? -1 : lx > ly;
}

/* Keep in cand[0..n) the units that can still share their need (need[length]) with
 * `remaining` tokens to come; the others go back to zero hits. Returns the new count. */
static size_t cand_prune(tm_index *ix, uint32_t *cand, size_t n, const uint16_t *need, uint32_t remaining)
{
    size_t kept = 0;
    for (size_t c = 0; c < n; c++) {
        uint32_t u = cand[c];
        if (ix->hits[u] + remaining >= need[ix->units[u].ntok])
            cand[kept++] = u;
        else
            ix->hits[u] = 0;
    }
    return kept;
}

/* The units that may score min_score against q, into *cand (allocated): see the top of
 * the file. Hits of the units returned are left set (the caller zeroes them). */
static int candidates(tm_index *ix, const tm_query *q, int min_score, uint32_t **cand, size_t *ncand)
{
    size_t n = q->n, lo = ((size_t)min_score * n + 99) / 100;
    size_t hi = min_score ? 100 * n / (size_t)min_score : MAX_TOKENS;
    hi = hi < MAX_TOKENS ? hi : MAX_TOKENS;
    uint32_t first = ix->first_of_length[lo], last = ix->first_of_length[hi + 1];
    size_t cap = 0;
    *cand = NULL;
    *ncand = 0;
    if (shared_needed(n, n, min_score) == 0) { /* --min 0: every unit qualifies */
        if (vec_reserve(cand, &cap, last - first + 1, sizeof **cand) < 0)
            return error_nomem();
        for (uint32_t u = first; u < last; u++)
            (*cand)[(*ncand)++] = u;
        return 0;
    }
    uint32_t keys[MAX_TOKENS];
    query_list lists[MAX_TOKENS];
    size_t nl = 0;
    occurrence_counter *oc = calloc(1, sizeof *oc);
    if (!oc)
        return error_nomem();
    occurrence_keys(q->tokens, n, oc, keys);
    free(oc);
    qsort(keys, n, sizeof *keys, cmp_u32); /* the query's tokens that share a bucket together */
    for (size_t k = 0; k < n; k++) {
        if (k && keys[k] == keys[k - 1]) {
            lists[nl - 1].count++;
            continue;
        }
        const uint32_t *list = ix->post + ix->head[keys[k]];
        size_t len = ix->head[keys[k] + 1] - ix->head[keys[k]];
        uint32_t from = ix->head[keys[k]] + (uint32_t)(u32_lower_bound(list, len, first) - list);
        uint32_t to = ix->head[keys[k]] + (uint32_t)(u32_lower_bound(list, len, last) - list);
        lists[nl++] = (query_list){1, from, to};
    }
    qsort(lists, nl, sizeof *lists, cmp_list_length);
    /* the prefix: rarest lists until n − need + 1 of the query's tokens are covered */
    size_t l = 0, covered = 0, prefix = n - shared_needed(n, n, min_score) + 1;
    int rc = 0;
    for (; l < nl && covered < prefix && rc == 0; l++) {
        covered += lists[l].count;
        ix->work += lists[l].to - lists[l].from;
        for (uint32_t p = lists[l].from; p < lists[l].to; p++) {
            uint32_t u = ix->post[p];
            if (ix->hits[u] == 0) {
                if ((rc = vec_reserve(cand, &cap, *ncand + 1, sizeof **cand)) < 0)
                    break;
                (*cand)[(*ncand)++] = u;
            }
            ix->hits[u] += (uint16_t)lists[l].count;
        }
    }
    if (rc < 0) {
        for (size_t c = 0; c < *ncand; c++)
            ix->hits[(*cand)[c]] = 0;
        return rc;
    }
    /* the other lists count for the candidates already found, those that can no longer
     * reach their need dropped before each list (fewer to probe for) */
    uint16_t need[MAX_TOKENS + 1];
    for (size_t len = 0; len <= MAX_TOKENS; len++)
        need[len] = (uint16_t)shared_needed(n, len, min_score);
    uint32_t remaining = (uint32_t)(n - covered);
    for (; l < nl && *ncand; l++) {
        *ncand = cand_prune(ix, *cand, *ncand, need, remaining);
        const uint32_t *list = ix->post + lists[l].from;
        size_t len = lists[l].to - lists[l].from, log2len = 1;
        while ((size_t)1 << log2len < len)
            log2len++;
        if (*ncand * log2len < len) {
            ix->work += *ncand * log2len;
            for (size_t c = 0; c < *ncand; c++)
                if (u32_find(list, len, (*cand)[c]))
                    ix->hits[(*cand)[c]] += (uint16_t)lists[l].count;
        } else {
            ix->work += len;
            for (size_t p = 0; p < len; p++)
                if (ix->hits[list[p]])
                    ix->hits[list[p]] += (uint16_t)lists[l].count;
        }
        remaining -= lists[l].count;
    }
    *ncand = cand_prune(ix, *cand, *ncand, need, remaining);
    return 0;
}

ptrdiff_t tm_index_lookup(const tm_index *cix, const char *query, int min_score, tm_match *out, size_t max)
{
    tm_index *ix = (tm_index *)cix; /* the hit counters are scratch, zero again on return */
    tm_query *q = NULL;
    uint32_t *cand = NULL;
    size_t ncand = 0, nfound = 0, fcap = 0;
    tm_match *found = NULL;
    int rc = 0;
    ix->work = 0;
    if (!ix->nunits || (rc = tm_query_new(ix, query, &q)) < 0 || !q->n ||
        (rc = candidates(ix, q, min_score, &cand, &ncand)) < 0) {
        free(cand);
        tm_query_free(q);
        return rc < 0 ? error_nomem() : 0;
    }
    ix->work += ncand;
    for (size_t c = 0; c < ncand; c++) {
        ix->hits[cand[c]] = 0; /* every candidate's, even after a failure */
        tm_match m;
        if (rc == 0 && tm_index_score(ix, q, cand[c], min_score, &m)) {
            if (vec_reserve(&found, &fcap, nfound + 1, sizeof *found) < 0)
                rc = error_nomem();
            else
                found[nfound++] = m;
        }
    }
    if (rc < 0) {
        free(found);
        free(cand);
        tm_query_free(q);
        return rc;
    }
    size_t n = nfound < max ? nfound : max;
    if (n) {
        qsort(found, nfound, sizeof *found, tm_match_compare);
        memcpy(out, found, n * sizeof *out);
    }
    free(found);
    free(cand);
    tm_query_free(q);
    return (ptrdiff_t)n;
}

size_t tm_index_last_work(const tm_index *ix)
{
    return ix->work;
}

/* ---- saving and loading: the arrays, as they are ---- */

typedef struct {
    char magic[8];
    uint64_t by_char, nunits, ntext, ntokens, npost, buckets;
    char lang[2][LANG_TAG_MAX]; /* source and target, NUL-terminated */
} saved_header;

int tm_index_save(const tm_index *ix, const char *path)
{
    /* through a temporary file: an interrupted save must not leave an index that every
     * later run trips over */
    atomic_file af;
    int rc = atomic_file_open(&af, path);
    if (rc < 0)
        return rc;
    FILE *f = af.f;
    saved_header h = {{0}, (uint64_t)ix->by_char, ix->nunits, ix->ntext, ix->ntokens, ix->npost, BUCKETS, {{0}}};
    memcpy(h.magic, MAGIC, sizeof MAGIC);
    memcpy(h.lang, ix->lang, sizeof h.lang);
    int ok = fwrite(&h, sizeof h, 1, f) == 1 && fwrite(ix->units, sizeof *ix->units, ix->nunits, f) == ix->nunits &&
             fwrite(ix->text, 1, ix->ntext, f) == ix->ntext &&
             fwrite(ix->tokens, sizeof *ix->tokens, ix->ntokens, f) == ix->ntokens &&
             fwrite(ix->head, sizeof *ix->head, BUCKETS + 1, f) == BUCKETS + 1 &&
             fwrite(ix->post, sizeof *ix->post, ix->npost, f) == ix->npost;
    return atomic_file_finish(&af, ok ? 0 : -ERR_IO); /* a short write is the stream's failure, reported there */
}

/* Read n elements; n comes from the file, so it must fit in what the file still holds. */
static int read_array(FILE *f, void **v, size_t size, size_t n, size_t file_size)
{
    long at = ftell(f);
    if (at < 0 || n > (file_size - (size_t)at) / size)
        return -1;
    *v = malloc(size * (n + 1));
    return *v && fread(*v, size, n, f) == n ? 0 : -1;
}

/* Was the index built for src -> tgt? (NULL: any language on that side) */
static int langs_fit(const saved_header *h, const char *src, const char *tgt)
{
    const char *want[2] = {src, tgt};
    for (int k = 0; k < 2; k++) {
        char tag[LANG_TAG_MAX];
        if (!want[k])
            continue;
        canonical(want[k], tag);
        if (strcasecmp(tag, h->lang[k]) != 0)
            return 0;
    }
    return 1;
}

/* Read and check the header of an index open at f: ours, this version, for src to tgt. */
static int read_header(FILE *f, const char *path, const char *src, const char *tgt, saved_header *h)
{
    int rc = fread(h, sizeof *h, 1, f) == 1 && memcmp(h->magic, MAGIC, sizeof MAGIC) == 0 && h->buckets == BUCKETS
                 ? 0
                 : error_set(ERR_DATA, _("%s: not a polyalign memory index"), path);
    if (rc < 0 && memcmp(h->magic, MAGIC_V1, sizeof MAGIC_V1) == 0)
        rc = error_set(ERR_DATA, _("%s: a memory index of an older polyalign, which does not record its "
                                   "languages: delete it, and give --tm to build it again"),
                       path);
    if (rc < 0 && memcmp(h->magic, MAGIC_V2, sizeof MAGIC_V2) == 0)
        rc = error_set(ERR_DATA, _("%s: a memory index of an older polyalign, which can miss matches: delete it, "
                                   "and give --tm to build it again"),
                       path);
    if (rc == 0 && (memchr(h->lang[0], '\0', LANG_TAG_MAX) == NULL || memchr(h->lang[1], '\0', LANG_TAG_MAX) == NULL))
        rc = error_set(ERR_DATA, _("%s: damaged memory index"), path);
    if (rc == 0 && !langs_fit(h, src, tgt))
        rc = error_set(ERR_USAGE, _("%s: the index was built for %s to %s, not %s to %s: give another --index file"),
                       path, h->lang[0], h->lang[1], src ? src : h->lang[0], tgt ? tgt : h->lang[1]);
    return rc;
}

int tm_index_check(const char *path, const char *src, const char *tgt)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    saved_header h = {{0}, 0, 0, 0, 0, 0, 0, {{0}}};
    int rc = read_header(f, path, src, tgt, &h);
    fclose(f);
    return rc;
}

/* Whether the arrays just read hold together: offsets inside their arrays, units by
 * length, postings ascending units; a damaged file must not make us read wild. */
static int index_consistent(const tm_index *ix)
{
    for (size_t u = 0; u < ix->nunits; u++) {
        const unit_entry *e = &ix->units[u];
        if (e->src >= ix->ntext || e->tgt >= ix->ntext || (size_t)e->tok + e->ntok > ix->ntokens ||
            e->ntok > MAX_TOKENS || (u && e->ntok < ix->units[u - 1].ntok))
            return 0;
    }
    for (size_t b = 0; b < BUCKETS; b++) {
        if (ix->head[b] > ix->head[b + 1] || ix->head[b + 1] > ix->npost)
            return 0;
        for (size_t p = ix->head[b]; p < ix->head[b + 1]; p++)
            if (ix->post[p] >= ix->nunits || (p > ix->head[b] && ix->post[p] <= ix->post[p - 1]))
                return 0;
    }
    return !ix->ntext || ix->text[ix->ntext - 1] == '\0';
}

int tm_index_load(const char *path, const char *src, const char *tgt, tm_index **out)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(ERR_NOINPUT, "%s: %s", path, strerror(errno));
    saved_header h = {{0}, 0, 0, 0, 0, 0, 0, {{0}}};
    fseek(f, 0, SEEK_END);
    size_t file_size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    tm_index *ix = calloc(1, sizeof *ix);
    int rc = ix ? read_header(f, path, src, tgt, &h) : error_nomem();
    if (rc == 0) {
        memcpy(ix->lang, h.lang, sizeof ix->lang);
        ix->by_char = (int)h.by_char;
        ix->nunits = h.nunits;
        ix->ntext = h.ntext;
        ix->ntokens = h.ntokens;
        ix->npost = h.npost;
        if (read_array(f, (void **)&ix->units, sizeof *ix->units, ix->nunits, file_size) < 0 ||
            read_array(f, (void **)&ix->text, 1, ix->ntext, file_size) < 0 ||
            read_array(f, (void **)&ix->tokens, sizeof *ix->tokens, ix->ntokens, file_size) < 0 ||
            read_array(f, (void **)&ix->head, sizeof *ix->head, BUCKETS + 1, file_size) < 0 ||
            read_array(f, (void **)&ix->post, sizeof *ix->post, ix->npost, file_size) < 0 ||
            !(ix->hits = calloc(ix->nunits + 1, sizeof *ix->hits)))
            rc = error_set(ERR_DATA, _("%s: truncated memory index"), path);
    }
    if (rc == 0 && !index_consistent(ix))
        rc = error_set(ERR_DATA, _("%s: damaged memory index"), path);
    if (rc == 0)
        index_lengths(ix);
    fclose(f);
    if (rc < 0) {
        tm_index_free(ix);
        return rc;
    }
    *out = ix;
    return 0;
}

void tm_index_free(tm_index *ix)
{
    if (!ix)
        return;
    free(ix->units);
    free(ix->text);
    free(ix->tokens);
    free(ix->head);
    free(ix->post);
    free(ix->hits);
    free(ix);
}
