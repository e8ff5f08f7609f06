/* lexwords.c — letters to stems for lexicon keys; see lexwords.h.
 *
 * The stop lists hold only function words: a word glossed by a dictionary as "of" or "и"
 * links everything with everything and would drown the evidence of content words. */
#include "lexwords.h"

#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"

enum { WORD_MAX = 96 };

struct lexwords {
    struct sb_stemmer *stem;    /* NULL: no stemmer for the language */
    int american;               /* English: British spellings read as American ones */
    const char *const *stop;    /* sorted */
    size_t nstop;
};

/* sorted bytewise (strcmp), for bsearch */
static const char *const stop_en[] = {
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "done", "for", "from", "had",
    "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "itself", "just", "let", "may", "me", "might", "more", "most", "much",
    "must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "one", "only", "or", "other", "our",
    "ours", "out", "over", "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under",
    "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "whose", "why", "will", "with", "would", "you", "your", "yours",
};

static const char *const stop_ru[] = {
    "а", "без", "бы", "был", "была", "были", "было", "быть", "в", "вам", "вас", "весь", "во", "вот", "все",
    "вы", "где", "да", "для", "до", "его", "ее", "если", "есть", "еще", "же", "за", "и", "из", "или", "им",
    "их", "к", "как", "ко", "когда", "кто", "ли", "мне", "мы", "на", "над", "не", "него", "нее", "нет", "ни",
    "них", "но", "о", "об", "он", "она", "они", "оно", "от", "по", "под", "при", "с", "со", "так", "также",
    "то", "тоже", "только", "ты", "у", "уже", "чем", "что", "чтобы", "это", "я",
};

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int lexwords_new(const char *base, lexwords **out)
{
    lexwords *w = calloc(1, sizeof *w);
    if (!w)
        return error_nomem();
    if (!lang_is_unspaced(base))
        w->stem = sb_stemmer_new(base, "UTF_8"); /* libstemmer knows ISO 639 codes */
    if (strcmp(base, "en") == 0) {
        w->american = 1;
        w->stop = stop_en;
        w->nstop = sizeof stop_en / sizeof *stop_en;
    } else if (strcmp(base, "ru") == 0) {
        w->stop = stop_ru;
        w->nstop = sizeof stop_ru / sizeof *stop_ru;
    }
    *out = w;
    return 0;
}

void lexwords_free(lexwords *w)
{
    if (!w)
        return;
    sb_stemmer_delete(w->stem);
    free(w);
}

static int ends_with(const char *buf, size_t n, const char *suffix, size_t *at)
{
    size_t k = strlen(suffix);
    if (n < k || memcmp(buf + n - k, suffix, k) != 0)
        return 0;
    *at = n - k;
    return 1;
}

/* British spellings as American ones, in place: CC-CEDICT glosses in American English,
 * Mueller's dictionary and the UN's documents in British, and the stemmer keeps them
 * apart ("organisation" organis, "organization" organ). Only the regular patterns, on
 * words long enough that a shorter word cannot meet a different one: -ise/-isation (the
 * stem of four letters or more: "realise", not "rise"), -our after b, g, i, l, m, n, p or
 * v and three letters ("colour", "honour", "behaviour", "vigour"; not "four", "tour" or
 * "your"), -tre and -bre in a word of five letters or more ("centre", "metre", "fibre"),
 * -yse, and "programme".
 * The same reading is applied to dictionaries and texts, so a word that happens to match
 * a pattern still meets itself. */
static void spell_american(char *buf, size_t *n)
{
    /* the s after the suffix's first letter becomes z */
    static const char *const s_to_z[] = {"isation", "isations", "ise", "ises", "ised", "ising",
                                         "iser",    "isers",    "yse", "yses", "ysed", "ysing"};
    static const char *const our[] = {"our", "ours", "oured", "ouring", "ourite", "ourites", "ourable", "ourful"};
    size_t at;
    for (size_t k = 0; k < sizeof s_to_z / sizeof *s_to_z; k++)
        if (ends_with(buf, *n, s_to_z[k], &at) && at >= 4) {
            buf[at + 1] = 'z';
            return;
        }
    for (size_t k = 0; k < sizeof our / sizeof *our; k++)
        if (ends_with(buf, *n, our[k], &at) && at >= 3 && strchr("bgilmnpv", buf[at - 1])) {
            memmove(buf + at + 1, buf + at + 2, *n - at - 2); /* drop the u */
            --*n;
            return;
        }
    if ((ends_with(buf, *n, "tre", &at) || ends_with(buf, *n, "bre", &at) || ends_with(buf, *n, "tres", &at) ||
         ends_with(buf, *n, "bres", &at)) &&
        at >= 2) {
        buf[at + 1] = 'e'; /* "centre" center, "fibres" fibers */
        buf[at + 2] = 'r';
        return;
    }
    if (ends_with(buf, *n, "programme", &at) || ends_with(buf, *n, "programmes", &at)) {
        size_t tail = *n - at - 9; /* "s" or nothing after "programme" */
        memmove(buf + at + 7, buf + at + 9, tail);
        *n -= 2;
    }
}

/* Emit one lower-cased word buf[0..n) unless it is a function word. */
static int emit_word(lexwords *w, char *buf, size_t n, size_t letters, lexwords_emit emit, void *ctx)
{
    if (letters < 2)
        return 0;
    buf[n] = '\0';
    const char *key = buf;
    if (w->nstop && bsearch(&key, w->stop, w->nstop, sizeof *w->stop, str_cmp))
        return 0;
    if (w->american) {
        spell_american(buf, &n);
        buf[n] = '\0';
    }
    if (w->stem) {
        const sb_symbol *s = sb_stemmer_stem(w->stem, (const sb_symbol *)buf, (int)n);
        if (!s)
            return error_nomem();
        return emit(ctx, (const char *)s, (size_t)sb_stemmer_length(w->stem));
    }
    return emit(ctx, buf, n);
}

int lexwords_each(lexwords *w, const char *text, size_t len, lexwords_emit emit, void *ctx)
{
    char buf[WORD_MAX + 8];
    size_t n = 0, letters = 0;
    int32_t i = 0, end = (int32_t)len;
    int rc = 0, too_long = 0;
    while (i < end && rc == 0) {
        UChar32 c;
        U8_NEXT(text, i, end, c);
        if (c >= 0 && u_isalpha(c)) {
            c = u_tolower(c);
            if (c == 0x451) /* ё */
                c = 0x435;
            if (n + 4 > WORD_MAX)
                too_long = 1;
            else
                U8_APPEND_UNSAFE(buf, n, c);
            letters++;
            continue;
        }
        if (n && !too_long)
            rc = emit_word(w, buf, n, letters, emit, ctx);
        n = letters = 0;
        too_long = 0;
    }
    if (rc == 0 && n && !too_long)
        rc = emit_word(w, buf, n, letters, emit, ctx);
    return rc;
}
