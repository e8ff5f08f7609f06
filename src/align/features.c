/* features.c — per-sentence lengths and anchor keys.
 *
 * Keys are 32-bit hashes of normalized strings, tagged by what they are, so anchors of
 * any language meet in one id space:
 *   numbers      digit runs with thousands separators removed ("1,600" = "1600");
 *                full-width digits count; Chinese 第 + numeral gives its value.
 *   Latin words  lower-cased; in English every word, elsewhere only Latin-script words
 *                (brand names and acronyms left untranslated in Chinese and Russian).
 *   names        English capitalized words after the first word: the word itself and
 *                its first five letters; Russian capitalized words through ICU's
 *                Russian-Latin/BGN, first five letters (Давыдова -> davyd); Chinese
 *                pinyin of every run of one to four characters through Han-Latin
 *                (习近平 -> "xi", "jinping", "xijinping").
 * Han transliterations are cached per character (hanlatin.h), for the document or for
 * every document of a command, so ICU's transliterator runs once per distinct character,
 * not once per sentence. */
#include "features.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../util/error.h"
#include "../util/u32set.h"
#include "hanlatin.h"

enum { NAME_PREFIX = 5, PINYIN_RUN = 4 };

/* hash tag of name prefixes, apart from the anchor kinds */
enum { TAG_NAME_PREFIX = ANCHOR_KINDS + 1 };

/* FNV-1a, tagged by kind so that "3" the number and "3" the word never meet */
static uint32_t key_hash(anchor_kind kind, const char *s, size_t n)
{
    uint32_t h = 2166136261u ^ (uint32_t)(kind + 1) * 16777619u;
    for (size_t i = 0; i < n; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
}

typedef struct {
    han_spellings *han;             /* the command's, or the document's own */
    UTransliterator *han_trans;     /* Han-Latin, opened when a character is not in `han` */
    UTransliterator *cyrillic;      /* Russian-Latin/BGN; Latin-ASCII, on whole words */
    int is_english, is_chinese, is_russian;
    int failed;                     /* the error that stopped extract, when not memory */
} extractor;

/* A Cyrillic word s[from..to) in lower-case ASCII through BGN (context matters: Денис is
 * Denis, not Dyenis), into out; returns its length. */
static size_t translit_word(extractor *x, const uint8_t *s, int64_t from, int64_t to, char *out, size_t cap)
{
    UChar u[128];
    int32_t len = 0;
    UErrorCode err = U_ZERO_ERROR;
    if (!x->cyrillic || to - from >= 64)
        return 0;
    u_strFromUTF8(u, 64, &len, (const char *)s + from, (int32_t)(to - from), &err);
    int32_t limit = len;
    utrans_transUChars(x->cyrillic, u, &len, 128, 0, &limit, &err);
    size_t n = 0;
    for (int32_t k = 0; U_SUCCESS(err) && k < len && n + 1 < cap; k++)
        if (u[k] < 128 && ((u[k] | 32) >= 'a' && (u[k] | 32) <= 'z'))
            out[n++] = (char)(u[k] | 32);
    return n;
}

/* Chinese numerals after 第 (第三届, 第二十一次): a small value parser. */
static int chinese_digit(UChar32 c)
{
    static const UChar32 digits[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int i = 0; i < 10; i++) /* 零一二三四五六七八九 */
        if (digits[i] == c)
            return i;
    return c == 0x4E24 ? 2 : -1; /* 两 */
}

static long chinese_number(const uint8_t *s, int64_t *i, int64_t n)
{
    long value = 0, section = 0;
    int any = 0;
    while (*i < n) {
        int64_t at = *i;
        UChar32 c;
        U8_NEXT(s, at, n, c);
        int d = chinese_digit(c);
        if (d >= 0)
            section = section * 10 + d;
        else if (c == 0x5341) /* 十 */
            section = (section ? section : 1) * 10;
        else if (c == 0x767E) /* 百 */
            section = (section ? section : 1) * 100;
        else
            break;
        any = 1;
        *i = at;
    }
    value += section;
    return any ? value : -1;
}

static int is_letter(UChar32 c)
{
    return c >= 0 && u_isalpha(c);
}

/* Is the ’ or ' at s[at..after) an apostrophe (People’s, don't), not a quotation mark? */
static int apostrophe(const uint8_t *s, int64_t at, int64_t after, int64_t n)
{
    UChar32 prev = -1, next = -1;
    if (at > 0) {
        int32_t k = (int32_t)at; /* sentences are far below 2 GB */
        U8_PREV(s, 0, k, prev);
    }
    if (after < n) {
        int64_t k = after;
        U8_NEXT(s, k, n, next);
    }
    return is_letter(prev) && is_letter(next);
}

/* Does the quotation mark c at s[at] open a quotation? The straight ones (" and ') open
 * at the start of the sentence or after a space or an opening bracket or dash. */
static int opening_quote(const uint8_t *s, int64_t at, UChar32 c)
{
    if (c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x300C || c == 0x201E)
        return 1;
    if (c != '"' && c != 0x27)
        return 0;
    UChar32 prev = -1;
    if (at > 0) {
        int32_t k = (int32_t)at;
        U8_PREV(s, 0, k, prev);
    }
    return prev < 0 || u_isUWhiteSpace(prev) || prev == '(' || prev == '[' || prev == 0x2014 || prev == 0x2013;
}

static int extract(extractor *x, const char *text, sentence_features *f, u32_vec kb[ANCHOR_KINDS])
{
    const uint8_t *s = (const uint8_t *)text;
    int64_t n = (int64_t)strlen(text), i = 0;
    int word_index = 0;
    char word[128], pinyin[PINYIN_RUN][HAN_SPELLING_MAX + 1];
    int han_run = 0;
    memset(f, 0, sizeof *f);
    for (int64_t k = 0; k < n;) { /* length: characters other than spaces */
        UChar32 c;
        U8_NEXT(s, k, n, c);
        f->chars += c >= 0 && !u_isUWhiteSpace(c);
    }
    while (i < n) {
        int64_t start = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            continue;
        if (c == '?' || c == 0xFF1F)
            f->questions++;
        else if (c == '!' || c == 0xFF01)
            f->exclamations++;
        else if (c == '"' || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB || c == 0x300C || c == 0x300D ||
                 c == 0x201E || c == 0x2018 || ((c == 0x2019 || c == 0x27) && !apostrophe(s, start, i, n))) {
            f->quotes++;
            f->quote_end = opening_quote(s, start, c) ? 1 : 2;
        }

        /* numbers: digits with inner , or . */
        if (u_isdigit(c)) {
            size_t wn = 0;
            int64_t j = start;
            while (j < n && wn < sizeof word - 1) {
                int64_t at = j;
                UChar32 d;
                U8_NEXT(s, at, n, d);
                int v = u_charDigitValue(d);
                if (v >= 0) {
                    word[wn++] = (char)('0' + v);
                } else if ((d == ',' || d == '.' || d == 0x00A0 || d == ' ') && at < n) {
                    int64_t peek = at;
                    UChar32 e;
                    U8_NEXT(s, peek, n, e);
                    if (e < 0 || u_charDigitValue(e) < 0)
                        break;
                    if (d == '.')
                        word[wn++] = '.';
                } else {
                    break;
                }
                j = at;
            }
            if (u32_vec_push(&kb[ANCHOR_NUMBER], key_hash(ANCHOR_NUMBER, word, wn)) < 0)
                return -1;
            i = j;
            han_run = 0;
            word_index++;
            continue;
        }
        if (c == 0x7B2C && x->is_chinese) { /* 第 */
            int64_t j = i;
            long v = chinese_number(s, &j, n);
            if (v >= 0) {
                int wn = snprintf(word, sizeof word, "%ld", v);
                if (u32_vec_push(&kb[ANCHOR_NUMBER], key_hash(ANCHOR_NUMBER, word, (size_t)wn)) < 0)
                    return -1;
                i = j;
                han_run = 0;
                continue;
            }
        }

        /* Han characters: pinyin of runs of one to PINYIN_RUN characters */
        char py[HAN_SPELLING_MAX + 1];
        int spelt = x->is_chinese ? han_spelling(x->han, &x->han_trans, c, py) : 0;
        if (spelt < 0) {
            x->failed = spelt;
            return -1;
        }
        if (spelt && *py) {
            memmove(pinyin[1], pinyin[0], sizeof pinyin[0] * (PINYIN_RUN - 1));
            snprintf(pinyin[0], sizeof pinyin[0], "%s", py);
            if (han_run < PINYIN_RUN)
                han_run++;
            char joined[PINYIN_RUN * HAN_SPELLING_MAX + 1];
            size_t jn = 0;
            for (int r = 0; r < han_run; r++) {
                /* the run ending here: pinyin[r] .. pinyin[0], oldest first */
                jn = 0;
                for (int k = r; k >= 0; k--) {
                    size_t l = strlen(pinyin[k]);
                    memcpy(joined + jn, pinyin[k], l);
                    jn += l;
                }
                if (u32_vec_push(&kb[ANCHOR_NAME], key_hash(ANCHOR_NAME, joined, jn)) < 0)
                    return -1;
            }
            continue;
        }
        han_run = 0;

        /* words */
        if (is_letter(c)) {
            UErrorCode err = U_ZERO_ERROR;
            UScriptCode sc = uscript_getScript(c, &err);
            int capital = u_isupper(c) || u_istitle(c);
            size_t wn = 0;
            int64_t j = start;
            while (j < n) {
                int64_t at = j;
                UChar32 d;
                U8_NEXT(s, at, n, d);
                if (!is_letter(d))
                    break; /* apostrophes and hyphens end a word: People's -> People */
                if (sc == USCRIPT_LATIN && d < 128) {
                    if (wn < sizeof word - 1)
                        word[wn++] = (char)(d | 32);
                } else if (sc == USCRIPT_LATIN) {
                    UChar32 folded = u_tolower(d);
                    if (folded < 128 && wn < sizeof word - 1)
                        word[wn++] = (char)folded;
                }
                j = at;
            }
            i = j;
            int first_word = word_index == 0;
            word_index++;
            if (sc == USCRIPT_LATIN && wn >= 2) {
                if (u32_vec_push(&kb[ANCHOR_LATIN], key_hash(ANCHOR_LATIN, word, wn)) < 0)
                    return -1;
                if (x->is_english && capital && !first_word) {
                    if (u32_vec_push(&kb[ANCHOR_NAME], key_hash(ANCHOR_NAME, word, wn)) < 0 ||
                        u32_vec_push(&kb[ANCHOR_NAME],
                                key_hash((anchor_kind)TAG_NAME_PREFIX, word, wn < NAME_PREFIX ? wn : NAME_PREFIX)) < 0)
                        return -1;
                }
            } else if (sc == USCRIPT_CYRILLIC && capital && !first_word && /* a name, perhaps */
                       (wn = translit_word(x, s, start, j, word, sizeof word)) >= 3) {
                if (u32_vec_push(&kb[ANCHOR_NAME],
                            key_hash((anchor_kind)TAG_NAME_PREFIX, word, wn < NAME_PREFIX ? wn : NAME_PREFIX)) < 0)
                    return -1;
            }
            continue;
        }
    }
    return 0;
}

int features_compute(const doc_text *t, text_features *out)
{
    return features_compute_with(t, NULL, out);
}

int features_compute_with(const doc_text *t, han_spellings *han, text_features *out)
{
    memset(out, 0, sizeof *out);
    extractor x = {0};
    han_spellings *own = NULL;
    x.is_english = strcmp(t->base, "en") == 0;
    x.is_chinese = lang_joins_unspaced(t->base); /* zh, ja */
    x.is_russian = strcmp(t->base, "ru") == 0 || strcmp(t->base, "uk") == 0 || strcmp(t->base, "be") == 0;
    int rc = 0;
    if (x.is_chinese && !han)
        rc = han_spellings_new(&own);
    x.han = han ? han : own;
    if (rc == 0 && x.is_russian) {
        UChar id[64];
        UErrorCode err = U_ZERO_ERROR;
        u_uastrcpy(id, "Russian-Latin/BGN; Latin-ASCII");
        x.cyrillic = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
        if (U_FAILURE(err))
            rc = error_set(ERR_SOFTWARE, _("ICU transliterator %s is not available: %s"), "Russian-Latin/BGN",
                           u_errorName(err));
    }
    out->s = calloc(t->n + 1, sizeof *out->s);
    out->n = t->n;
    u32_vec kb[ANCHOR_KINDS] = {{0}};
    u32_vec all = {0};
    if (!out->s && rc == 0)
        rc = error_nomem();
    for (size_t i = 0; i < t->n && rc == 0; i++) {
        sentence_features *f = &out->s[i];
        for (int k = 0; k < ANCHOR_KINDS; k++)
            kb[k].n = 0;
        if (extract(&x, t->sent[i], f, kb) < 0) {
            rc = x.failed ? x.failed : error_nomem();
            break;
        }
        out->total_chars += f->chars;
        f->in_quote = f->quote_end ? f->quote_end == 1 : i > 0 && out->s[i - 1].in_quote;
        for (int k = 0; k < ANCHOR_KINDS && rc == 0; k++) {
            size_t from = all.n;
            for (size_t m = 0; m < kb[k].n; m++)
                if (u32_vec_push(&all, kb[k].v[m]) < 0)
                    rc = error_nomem();
            if (rc)
                break;
            all.n = u32_sort_unique_from(all.v, from, all.n);
            f->first[k] = (uint32_t)from;
            f->count[k] = (uint16_t)(all.n - from > 65535 ? 65535 : all.n - from);
            all.n = from + f->count[k];
        }
    }
    for (int k = 0; k < ANCHOR_KINDS; k++)
        free(kb[k].v);
    han_spellings_free(own);
    if (x.han_trans)
        utrans_close(x.han_trans);
    if (x.cyrillic)
        utrans_close(x.cyrillic);
    out->keys = all.v;
    out->nkeys = all.n;
    if (rc < 0)
        features_free(out);
    return rc;
}

void features_free(text_features *f)
{
    free(f->s);
    free(f->keys);
    memset(f, 0, sizeof *f);
}

static int contains_key(const uint32_t *v, size_t n, uint32_t key)
{
    return u32_find(v, n, key) != NULL;
}

static size_t total_keys(const text_features *t, size_t i, size_t d, anchor_kind k)
{
    size_t n = 0;
    for (size_t s = i; s < i + d; s++)
        n += t->s[s].count[k];
    return n;
}

/* Does any sentence of [i, i+d) hold key? Each sentence's keys are sorted. */
static int bead_has_key(const text_features *t, size_t i, size_t d, anchor_kind k, uint32_t key)
{
    for (size_t s = i; s < i + d; s++)
        if (contains_key(t->keys + t->s[s].first[k], t->s[s].count[k], key))
            return 1;
    return 0;
}

/* The distinct keys of [i, i+d) into buf (up to cap); returns their number. */
static size_t distinct_keys(const text_features *t, size_t i, size_t d, anchor_kind k, uint32_t *buf, size_t cap)
{
    size_t n = 0;
    for (size_t s = i; s < i + d; s++) {
        const sentence_features *f = &t->s[s];
        for (size_t m = 0; m < f->count[k] && n < cap; m++) {
            uint32_t key = t->keys[f->first[k] + m];
            if (s == i || !bead_has_key(t, i, s - i, k, key))
                buf[n++] = key;
        }
    }
    return n;
}

void features_overlap(const text_features *src, size_t i, size_t di, const text_features *tgt, size_t j,
                      size_t dj, anchor_kind k, int *shared, int *only_src, int *only_tgt)
{
    /* walk the side with fewer keys and look its keys up in the other side's sorted
     * arrays: English has a key per word, its translation only a few Latin words */
    enum { CAP = 512 };
    uint32_t keys[CAP];
    size_t ns = total_keys(src, i, di, k), nt = total_keys(tgt, j, dj, k);
    if (ns == 0 || nt == 0) { /* the common case once keys are pruned */
        *shared = 0;
        *only_src = (int)ns;
        *only_tgt = (int)nt;
        return;
    }
    int src_small = ns <= nt;
    const text_features *small = src_small ? src : tgt, *large = src_small ? tgt : src;
    size_t si = src_small ? i : j, sd = src_small ? di : dj, li = src_small ? j : i, ld = src_small ? dj : di;
    size_t n = distinct_keys(small, si, sd, k, keys, CAP);
    int common = 0;
    for (size_t m = 0; m < n; m++)
        common += bead_has_key(large, li, ld, k, keys[m]);
    /* the large side's distinct count is not needed exactly: its key total stands in */
    int small_only = (int)n - common, large_only = (int)total_keys(large, li, ld, k) - common;
    *shared = common;
    *only_src = src_small ? small_only : (large_only > 0 ? large_only : 0);
    *only_tgt = src_small ? (large_only > 0 ? large_only : 0) : small_only;
}

/* All keys of kind k in t, sorted and unique (malloc'd), count in *n. */
static uint32_t *all_keys(const text_features *t, anchor_kind k, size_t *n)
{
    size_t total = 0;
    for (size_t s = 0; s < t->n; s++)
        total += t->s[s].count[k];
    uint32_t *v = malloc((total + 1) * sizeof *v);
    if (!v)
        return NULL;
    size_t m = 0;
    for (size_t s = 0; s < t->n; s++)
        for (size_t x = 0; x < t->s[s].count[k]; x++)
            v[m++] = t->keys[t->s[s].first[k] + x];
    *n = u32_sort_unique(v, m);
    return v;
}

/* Keep in t only the keys that `other` holds somewhere, compacting t->keys. */
static void keep_keys_in(text_features *t, uint32_t *const other[ANCHOR_KINDS], const size_t other_n[ANCHOR_KINDS])
{
    size_t w = 0;
    for (size_t s = 0; s < t->n; s++) {
        sentence_features *f = &t->s[s];
        for (int k = 0; k < ANCHOR_KINDS; k++) {
            size_t first = w;
            for (size_t x = 0; x < f->count[k]; x++) {
                uint32_t key = t->keys[f->first[k] + x];
                if (contains_key(other[k], other_n[k], key))
                    t->keys[w++] = key;
            }
            f->first[k] = (uint32_t)first;
            f->count[k] = (uint16_t)(w - first);
        }
    }
    t->nkeys = w;
    /* give back what the compaction freed: the key list of a long document is tens of MB */
    uint32_t *fit = realloc(t->keys, (w + 1) * sizeof *t->keys);
    if (fit)
        t->keys = fit;
}

int features_prune_to_shared(text_features *a, text_features *b)
{
    uint32_t *ka[ANCHOR_KINDS] = {0}, *kb[ANCHOR_KINDS] = {0};
    size_t na[ANCHOR_KINDS] = {0}, nb[ANCHOR_KINDS] = {0};
    int rc = 0;
    for (int k = 0; k < ANCHOR_KINDS && rc == 0; k++) {
        ka[k] = all_keys(a, (anchor_kind)k, &na[k]);
        kb[k] = all_keys(b, (anchor_kind)k, &nb[k]);
        if (!ka[k] || !kb[k])
            rc = error_nomem();
    }
    if (rc == 0) {
        keep_keys_in(a, kb, nb);
        keep_keys_in(b, ka, na);
    }
    for (int k = 0; k < ANCHOR_KINDS; k++) {
        free(ka[k]);
        free(kb[k]);
    }
    return rc;
}
