/* doc_stats.c — Punkt-style counts of a document's words; see doc_stats.h.
 *
 * The counts live in a u64_table keyed by the word hash. The walk over all tokens hashes
 * only the words a 64 K-bit filter of (first letter, length) lets through, so most
 * tokens cost a few byte tests. */
#include "doc_stats.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "tokens.h"

enum { WORD_MAX_BYTES = 64, FILTER_BITS = 1 << 16, MAX_WORDS = 1 << 20 };

typedef struct {
    uint64_t key;
    word_counts c;
} slot;

struct doc_stats {
    u64_table words;            /* of slots */
    uint64_t filter[FILTER_BITS / 64];
};

static uint32_t filter_key(const char *text, size_t from, size_t to)
{
    size_t bytes;
    UChar32 c = utf8_char_at(text, to, from, &bytes);
    c = c < 128 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : u_foldCase(c, U_FOLD_CASE_DEFAULT);
    return ((uint32_t)c * 31u + (uint32_t)(to - from)) & (FILTER_BITS - 1);
}

/* The counts of word text[from, to) in *out, made when absent (NULL when the table is
 * full: a document of a million such words counts no more). 0 or -ERR_NOMEM. */
static int entry(doc_stats *s, const char *text, size_t from, size_t to, word_counts **out)
{
    *out = NULL;
    if (to - from > WORD_MAX_BYTES)
        return 0;
    uint64_t key = word_hash(text, from, to);
    slot *e = u64_table_get(&s->words, key);
    if (!e && s->words.n < MAX_WORDS) {
        int added;
        if (!(e = u64_table_put(&s->words, key, &added)))
            return -ERR_NOMEM;
        uint32_t f = filter_key(text, from, to);
        s->filter[f / 64] |= 1ull << (f % 64);
    }
    *out = e ? &e->c : NULL;
    return 0;
}

static void bump(uint16_t *v)
{
    if (*v < UINT16_MAX)
        (*v)++;
}

/* The class of the character at byte i (CH_NONE at the end), its length in *bytes. */
static char_class class_at(const char *text, size_t len, size_t i, size_t *bytes)
{
    *bytes = 1;
    return i < len ? char_class_of(utf8_char_at(text, len, i, bytes)) : CH_NONE;
}

/* Pass 1: the words before a full stop (and what follows them), and the words
 * capitalized after . ! ? — the only ones worth counting. */
static int note_sentence_marks(doc_stats *s, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c != '.' && c != '!' && c != '?')
            continue;
        size_t j = i + 1, bytes;
        while (class_at(text, len, j, &bytes) == CH_CLOSE)
            j += bytes;
        if (j < len && class_at(text, len, j, &bytes) != CH_SPACE)
            continue; /* "U.S", "3.5", "a.m.", "?!" : not a token's end */
        while (class_at(text, len, j, &bytes) == CH_SPACE)
            j += bytes;
        size_t next_end = token_end_after(text, len, len, j, WORD_MAX_BYTES), xa, xb;
        token_word(text, j, next_end, &xa, &xb);
        char_class first = class_at(text, len, j, &bytes);
        word_counts *w = NULL, *x = NULL;
        int rc = 0;
        if (c == '.') {
            size_t ta = token_start_before(text, 0, i, WORD_MAX_BYTES), wa, wb;
            token_word(text, ta, i, &wa, &wb);
            if (wa < wb && wb == i)
                rc = entry(s, text, wa, wb, &w);
        }
        if (w) {
            bump(&w->with_period);
            if (first == CH_LOWER || first == CH_DIGIT || first == CH_PAUSE)
                bump(&w->period_then_lower);
        }
        if (rc == 0 && xa < xb && class_at(text, len, xa, &bytes) == CH_UPPER)
            rc = entry(s, text, xa, xb, &x);
        if (x)
            bump(&x->after_term);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Pass 2: every token; the noted words found in lower case, or capitalized inside a
 * sentence. */
static void count_words(doc_stats *s, const char *text, size_t len)
{
    int after_term = 1; /* the text starts a sentence */
    for (size_t i = 0; i < len;) {
        size_t bytes;
        if (class_at(text, len, i, &bytes) == CH_SPACE) {
            i += bytes;
            continue;
        }
        size_t end = token_end_after(text, len, len, i, (size_t)-1), wa, wb;
        token_word(text, i, end, &wa, &wb);
        if (wa < wb && wb - wa <= WORD_MAX_BYTES) {
            char_class k = class_at(text, len, wa, &bytes);
            uint32_t f = k == CH_LOWER || k == CH_UPPER ? filter_key(text, wa, wb) : 0;
            slot *e = f && (s->filter[f / 64] >> (f % 64) & 1) ? u64_table_get(&s->words, word_hash(text, wa, wb)) : NULL;
            if (e && k == CH_LOWER)
                bump(&e->c.lower);
            else if (e && !after_term)
                bump(&e->c.upper_inside);
        }
        /* the token ends a sentence when its last mark before closing quotes is . ! ? */
        size_t t = end;
        while (t > i && char_class_of(utf8_char_before(text, t, &bytes)) == CH_CLOSE)
            t -= bytes;
        after_term = t > i && char_class_of(utf8_char_before(text, t, &bytes)) == CH_TERM;
        i = end;
    }
}

int doc_stats_new(const char *text, size_t len, doc_stats **out)
{
    *out = NULL;
    doc_stats *s = calloc(1, sizeof *s);
    if (!s)
        return error_nomem();
    u64_table_init(&s->words, sizeof(slot));
    int rc = note_sentence_marks(s, text, len);
    if (rc < 0) {
        doc_stats_free(s);
        return rc;
    }
    count_words(s, text, len);
    *out = s;
    return 0;
}

const word_counts *doc_stats_find(const doc_stats *s, uint64_t hash)
{
    const slot *e = s ? u64_table_get(&s->words, hash) : NULL;
    return e ? &e->c : NULL;
}

void doc_stats_free(doc_stats *s)
{
    if (s)
        u64_table_free(&s->words);
    free(s);
}
