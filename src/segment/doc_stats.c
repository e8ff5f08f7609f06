/* doc_stats.c — Punkt-style counts of a document's words; see doc_stats.h.
 *
 * One memchr walk from full stop to full stop; the counts live in a u64_table keyed by
 * the word hash. A text read in blocks (stream.c's first pass) is counted a window at a
 * time: the full stops before a cut point (doc_stats_cut_before), with the bytes around
 * them in view, so that the counts are those of the whole text. */
#include "doc_stats.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/u64table.h"
#include "tokens.h"

enum { WORD_MAX_BYTES = 64, MAX_WORDS = 1 << 20 };

typedef struct {
    uint64_t key;
    word_counts c;
} slot;

struct doc_stats {
    u64_table words;            /* of slots */
};

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

/* Is word [from, to) short enough to be an abbreviation, an initial or an ordinal (five
 * characters at most, or with a full stop inside: "approx", "J", "12", "e.g")? */
static int abbreviation_like(const char *text, size_t from, size_t to)
{
    size_t chars = 0, bytes;
    for (size_t i = from; i < to; i += bytes, chars++) {
        utf8_char_at(text, to, i, &bytes);
        if (text[i] == '.')
            return 1;
    }
    return chars <= 5;
}

/* Pass 1: the short words before a full stop, where a reader hesitates between an
 * abbreviation and a sentence end, and the capitalized words after them: the only ones
 * worth counting. */
static int note_sentence_marks(doc_stats *s, const char *text, size_t len, size_t from, size_t to)
{
    for (const char *dot = text + from; (dot = memchr(dot, '.', to - (size_t)(dot - text))) != NULL; dot++) {
        size_t i = (size_t)(dot - text), j = i + 1, bytes;
        while (class_at(text, len, j, &bytes) == CH_CLOSE)
            j += bytes;
        if (j < len && class_at(text, len, j, &bytes) != CH_SPACE)
            continue; /* "U.S", "3.5", "a.m.": not a token's end */
        size_t ta = token_start_before(text, 0, i, WORD_MAX_BYTES), wa, wb;
        token_word(text, ta, i, &wa, &wb);
        if (!(wa < wb && wb == i && abbreviation_like(text, wa, wb)))
            continue;
        while (class_at(text, len, j, &bytes) == CH_SPACE)
            j += bytes;
        size_t next_end = token_end_after(text, len, len, j, WORD_MAX_BYTES), xa, xb;
        token_word(text, j, next_end, &xa, &xb);
        char_class first = class_at(text, len, j, &bytes);
        word_counts *w = NULL, *x = NULL;
        int rc = entry(s, text, wa, wb, &w);
        if (w) {
            bump(&w->with_period);
            if (first == CH_LOWER || first == CH_DIGIT || first == CH_PAUSE)
                bump(&w->period_then_lower);
        }
        if (rc == 0 && xa < xb && class_at(text, len, xa, &bytes) == CH_UPPER &&
            class_at(text, len, wa, &bytes) == CH_LOWER)
            rc = entry(s, text, xa, xb, &x);
        if (x)
            bump(&x->after_term);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int doc_stats_new(const char *text, size_t len, doc_stats **out)
{
    int rc = doc_stats_begin(out);
    if (rc == 0 && (rc = doc_stats_add(*out, text, len, 0, len)) < 0) {
        doc_stats_free(*out);
        *out = NULL;
    }
    return rc;
}

int doc_stats_begin(doc_stats **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return error_nomem();
    u64_table_init(&(*out)->words, sizeof(slot));
    return 0;
}

int doc_stats_add(doc_stats *s, const char *text, size_t len, size_t from, size_t to)
{
    return note_sentence_marks(s, text, len, from, to);
}

size_t doc_stats_cut_before(const char *text, size_t len, size_t at)
{
    size_t bytes;
    for (size_t i = at; i > 0; i--) {
        unsigned char b = (unsigned char)text[i];
        if ((b & 0xC0) == 0x80)
            continue; /* inside a character */
        char_class k = class_at(text, len, i, &bytes);
        if (k != CH_CLOSE && k != CH_SPACE)
            return i;
    }
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
