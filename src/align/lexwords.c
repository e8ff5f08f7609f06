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

/* Emit one lower-cased word buf[0..n) unless it is a function word. */
static int emit_word(lexwords *w, char *buf, size_t n, size_t letters, lexwords_emit emit, void *ctx)
{
    if (letters < 2)
        return 0;
    buf[n] = '\0';
    const char *key = buf;
    if (w->nstop && bsearch(&key, w->stop, w->nstop, sizeof *w->stop, str_cmp))
        return 0;
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
