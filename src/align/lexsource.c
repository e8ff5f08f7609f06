/* lexsource.c — TSV, hunalign .dic, CC-CEDICT and dictd (FreeDict, Mueller) into a builder; see
 * lexsource.h.
 *
 * CC-CEDICT glosses are cleaned before their words are taken: parenthesized notes go, and
 * glosses that are cross-references rather than translations ("variant of 說", "see 看",
 * "CL:個", "surname Li") are skipped, since their words are not the headword's meaning. */
#include "lexsource.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "../util/vec.h"
#include "lexsynonyms.h"
#include "lexwords.h"

enum { MAX_KEYS = 64 };

typedef struct {
    lexicon_builder *b;
    const lexsynonyms *synonyms; /* NULL, or side 0's untranslated words to link too */
    int lone_words_only;         /* link only entries with one word on side 0 */
    lexwords *w[2];
    int unspaced[2];
    /* keys of the phrase being read, per side */
    char buf[2][4096];
    size_t used[2];
    const char *key[2][MAX_KEYS];
    size_t klen[2][MAX_KEYS], nkeys[2];
} reader;

typedef struct {
    reader *r;
    int side;
} collect_ctx;

static int collect(void *ctx, const char *key, size_t n)
{
    collect_ctx *c = ctx;
    reader *r = c->r;
    int s = c->side;
    if (r->nkeys[s] == MAX_KEYS || r->used[s] + n > sizeof r->buf[s])
        return 0; /* a phrase this long is a definition; its first words are enough */
    memcpy(r->buf[s] + r->used[s], key, n);
    r->key[s][r->nkeys[s]] = r->buf[s] + r->used[s];
    r->klen[s][r->nkeys[s]++] = n;
    r->used[s] += n;
    return 0;
}

/* Keys of phrase p[0..n) on `side`, appended to r->key[side]. */
static int phrase_keys(reader *r, int side, const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t'))
        p++, n--;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n == 0)
        return 0;
    if (r->unspaced[side]) {
        /* a headword: the phrase itself, spaces removed */
        collect_ctx c = {r, side};
        char tmp[512];
        size_t k = 0;
        for (size_t i = 0; i < n && k < sizeof tmp; i++)
            if (p[i] != ' ')
                tmp[k++] = p[i];
        return k < sizeof tmp ? collect(&c, tmp, k) : 0;
    }
    collect_ctx c = {r, side};
    return lexwords_each(r->w[side], p, n, collect, &c);
}

static void keys_reset(reader *r, int side)
{
    r->used[side] = r->nkeys[side] = 0;
}

/* Link every collected key of side 0 with every one of side 1; a lone word of side 0
 * brings the untranslated words it is the first sense of (lexsynonyms.h). */
static int link_keys(reader *r)
{
    if (r->lone_words_only && r->nkeys[0] != 1)
        return 0;
    for (size_t a = 0; a < r->nkeys[0]; a++)
        for (size_t c = 0; c < r->nkeys[1]; c++) {
            int rc = lexicon_builder_link(r->b, r->key[0][a], r->klen[0][a], r->key[1][c], r->klen[1][c]);
            if (rc < 0)
                return rc;
        }
    size_t first, more = r->synonyms && r->nkeys[0] == 1
                             ? lexsynonyms_find(r->synonyms, r->key[0][0], r->klen[0][0], &first)
                             : 0;
    for (size_t k = 0; k < more; k++) {
        const char *word = lexsynonyms_word(r->synonyms, first + k);
        for (size_t c = 0; c < r->nkeys[1]; c++) {
            int rc = lexicon_builder_link(r->b, word, strlen(word), r->key[1][c], r->klen[1][c]);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

static int link_phrases(reader *r, const char *p0, size_t n0, const char *p1, size_t n1)
{
    keys_reset(r, 0);
    keys_reset(r, 1);
    int rc = phrase_keys(r, 0, p0, n0);
    if (rc == 0)
        rc = phrase_keys(r, 1, p1, n1);
    return rc ? rc : link_keys(r);
}

lexsource_format lexsource_guess(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && strcmp(path + n - 4, ".dic") == 0 ? LEXSRC_DIC : LEXSRC_TSV;
}

/* ---- user formats: one entry per line ---- */

/* Split a line at `sep`; the left part is side `left_side`. */
static int user_line(reader *r, const char *path, size_t lineno, const char *line, size_t len, const char *sep,
                     int left_side)
{
    const char *at = NULL;
    size_t seplen = strlen(sep);
    for (size_t i = 0; i + seplen <= len && !at; i++)
        if (memcmp(line + i, sep, seplen) == 0)
            at = line + i;
    if (!at)
        return error_set(ERR_DATA, left_side == 0 ? _("%s:%zu: expected source<TAB>target")
                                                  : _("%s:%zu: expected 'target @ source'"),
                         path, lineno);
    const char *left = line, *right = at + seplen;
    size_t nl = (size_t)(at - line), nr = len - nl - seplen;
    if (left_side == 0)
        return link_phrases(r, left, nl, right, nr);
    return link_phrases(r, right, nr, left, nl);
}

/* ---- CC-CEDICT ---- */

static int starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* One gloss, cleaned, linked with the headwords. */
static int cedict_gloss(reader *r, const char *g, size_t n)
{
    static const char *const skip[] = {"variant of", "old variant of", "see ", "see also", "used in", "CL:",
                                       "abbr. for", "surname ", "also written", "erhua variant", "pr. ",
                                       "Taiwan pr.", "archaic variant", "Japanese variant", "(Tw)"};
    for (size_t k = 0; k < sizeof skip / sizeof *skip; k++)
        if (starts_with(g, n, skip[k]))
            return 0;
    char clean[1024];
    size_t c = 0;
    int depth = 0;
    for (size_t i = 0; i < n && c < sizeof clean; i++) {
        if (g[i] == '(')
            depth++;
        else if (g[i] == ')' && depth)
            depth--;
        else if (!depth)
            clean[c++] = g[i];
    }
    keys_reset(r, 0);
    int rc = phrase_keys(r, 0, clean, c);
    return rc ? rc : link_keys(r);
}

/* "TRAD SIMP [pinyin] /g1/g2/"; returns 1 when the line is not an entry. */
static int cedict_line(reader *r, const char *line, size_t len)
{
    const char *sp1 = memchr(line, ' ', len);
    const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', len - (size_t)(sp1 + 1 - line)) : NULL;
    const char *slash = sp2 ? memchr(sp2, '/', len - (size_t)(sp2 - line)) : NULL;
    if (!slash || sp1 == line)
        return 1;
    keys_reset(r, 1);
    int rc = phrase_keys(r, 1, line, (size_t)(sp1 - line));
    if (rc == 0 && (sp2 - sp1 - 1 != sp1 - line || memcmp(line, sp1 + 1, (size_t)(sp1 - line)) != 0))
        rc = phrase_keys(r, 1, sp1 + 1, (size_t)(sp2 - sp1 - 1));
    const char *end = line + len;
    for (const char *g = slash + 1; rc == 0 && g < end;) {
        const char *e = memchr(g, '/', (size_t)(end - g));
        if (!e)
            e = end;
        if (e > g)
            rc = cedict_gloss(r, g, (size_t)(e - g));
        g = e + 1;
    }
    return rc;
}

/* rc, or an error when reading `path` added no link since the builder held `before`:
 * a file of another layout, or no dictionary, is never an empty lexicon. */
static int entries_read(const reader *r, size_t before, const char *path, int rc)
{
    if (rc == 0 && lexicon_builder_count(r->b) == before)
        rc = error_set(ERR_DATA, _("%s: no lexicon entries with words in both languages"), path);
    return rc;
}

/* ---- line-oriented reading ---- */

static int read_lines(reader *r, lexsource_format fmt, const char *path, size_t *skipped)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return error_set(ERR_NOINPUT, _("%s: cannot open lexicon: %m"), path);
    char *line = NULL;
    size_t cap = 0, lineno = 0, before = lexicon_builder_count(r->b);
    ssize_t got;
    int rc = 0;
    while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
        size_t len = (size_t)got, bad;
        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (utf8_validate(line, len, &bad) != UTF8_OK) {
            rc = error_set(ERR_DATA, _("%s:%zu:%zu: invalid UTF-8"), path, lineno, bad + 1);
            break;
        }
        size_t start = lineno == 1 ? utf8_bom_length(line, len) : 0;
        const char *l = line + start;
        len -= start;
        if (len == 0 || l[0] == '#')
            continue;
        if (fmt == LEXSRC_CEDICT) {
            rc = cedict_line(r, l, len);
            if (rc == 1) {
                rc = 0;
                if (skipped)
                    ++*skipped;
            }
        } else {
            rc = user_line(r, path, lineno, l, len, fmt == LEXSRC_TSV ? "\t" : " @ ", fmt == LEXSRC_TSV ? 0 : 1);
        }
    }
    if (rc == 0 && ferror(f))
        rc = error_set(ERR_IO, _("%s: read error"), path);
    free(line);
    fclose(f);
    return entries_read(r, before, path, rc);
}

/* ---- dictd (FreeDict) ---- */

static long b64_value(const char *s, size_t n)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = memchr(alphabet, s[i], 64);
        if (!p || v > (1L << 40))
            return -1;
        v = v * 64 + (p - alphabet);
    }
    return v;
}

/* A FreeDict entry's translations (after its headword line), possibly numbered "1. ",
 * comma-separated; the headword's keys are side 0's. */
static int freedict_entry(reader *r, const char *body, size_t n)
{
    int rc = 0;
    for (const char *p = body, *end = body + n; rc == 0 && p < end;) {
        const char *e = p;
        while (e < end && *e != '\n' && *e != ',' && *e != ';')
            e++;
        const char *q = p;
        while (q < e && ((*q >= '0' && *q <= '9') || *q == '.' || *q == ' '))
            q++;
        if (e > q) {
            keys_reset(r, 1);
            rc = phrase_keys(r, 1, q, (size_t)(e - q));
            if (rc == 0)
                rc = link_keys(r);
        }
        p = e + 1;
    }
    return rc;
}

/* ---- dictd (Mueller's English-Russian dictionary) ----
 *
 * An entry is a headword line, then a transcription in brackets, grammar labels
 * ("_v.", "_n.", "_книж."), numbered senses ("1.", "2)", "10)") and translations separated
 * by ';' and ','; usage examples ("to take a prize получить приз") follow the same
 * separators and wrap over lines. Only the translations of the headword itself are
 * linked: a ';'-part that holds Latin letters is an example or a cross-reference ("= abandon
 * 2", "от abandon 1") and is passed over whole, notes in parentheses go, and a part of
 * more than MUELLER_MAX_WORDS words is a definition, not a translation. */
enum { MUELLER_MAX_WORDS = 1 };

static int is_latin_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* One translation (a ','-part), linked with the headword's keys when it is short enough
 * to be a translation. */
static int mueller_translation(reader *r, const char *p, size_t n)
{
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        words += p[i] != ' ' && (i == 0 || p[i - 1] == ' ');
    if (words == 0 || words > MUELLER_MAX_WORDS)
        return 0;
    keys_reset(r, 1);
    int rc = phrase_keys(r, 1, p, n);
    return rc ? rc : link_keys(r);
}

/* Text of a sense, with the entry's line breaks as spaces and labels, notes in
 * parentheses and the transcription in brackets removed; split at ';' into parts, each
 * part without Latin letters at ',' into translations. */
static int mueller_sense(reader *r, const char *p, size_t n)
{
    char *text = malloc(n ? n : 1); /* the longest sense of Mueller's dictionary has 10 KB */
    if (!text)
        return error_nomem();
    size_t t = 0;
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = p[i] == '\n' ? ' ' : p[i];
        if (ch == '_') { /* a grammar or usage label ("_v.", "_refl.", "_книж.") runs to the next space */
            while (i + 1 < n && p[i + 1] != ' ' && p[i + 1] != '\n')
                i++;
            continue;
        }
        if (ch == '(' || ch == '[')
            depth++;
        else if ((ch == ')' || ch == ']') && depth)
            depth--;
        else if (!depth)
            text[t++] = ch;
    }
    int rc = 0;
    for (size_t a = 0; rc == 0 && a < t;) {
        size_t b = a;
        int latin = 0;
        while (b < t && text[b] != ';')
            latin |= is_latin_letter((unsigned char)text[b++]);
        for (size_t x = a; rc == 0 && !latin && x < b;) {
            size_t y = x;
            while (y < b && text[y] != ',')
                y++;
            rc = mueller_translation(r, text + x, y - x);
            x = y + 1;
        }
        a = b + 1;
    }
    free(text);
    return rc;
}

/* A sense number: digits then ')' or '.', at the start of a line or after a space. */
static size_t sense_mark(const char *p, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && p[j] >= '0' && p[j] <= '9')
        j++;
    return j > i && j < n && (p[j] == ')' || p[j] == '.') ? j + 1 - i : 0;
}

/* A Mueller entry's text after its headword line, cut into senses at their numbers. */
static int mueller_entry(reader *r, const char *p, size_t len)
{
    int rc = 0;
    size_t from = 0;
    for (size_t i = 0; rc == 0 && i <= len; i++) {
        size_t mark = i < len && (i == 0 || p[i - 1] == ' ' || p[i - 1] == '\n') ? sense_mark(p, len, i) : 0;
        if (i == len || mark) {
            rc = mueller_sense(r, p + from, i - from);
            from = i + mark;
            i += mark ? mark - 1 : 0;
        }
    }
    return rc;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    int bad = 0;
    for (;;) {
        if (vec_reserve(&buf, &cap, n + 65536, 1) < 0) {
            bad = 1; /* out of memory: never a dictionary cut short */
            break;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    bad = bad || ferror(f) || !buf;
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

typedef int (*dictd_entry_fn)(reader *r, const char *body, size_t n);

/* An entry of the .dict text: its first line repeats the headword, the rest is read by
 * `entry` with the headword's keys collected on side 0. 1 when it is not an entry. */
static int dictd_entry(reader *r, dictd_entry_fn entry, const char *head, size_t nhead, const char *text, size_t n)
{
    const char *nl = memchr(text, '\n', n);
    if (!nl)
        return 1;
    keys_reset(r, 0);
    int rc = phrase_keys(r, 0, head, nhead);
    return rc ? rc : entry(r, nl + 1, (size_t)(text + n - nl - 1));
}

static int read_dictd(reader *r, dictd_entry_fn entry, const char *dict, const char *index, size_t *skipped)
{
    size_t dlen = 0;
    char *text = slurp(dict, &dlen);
    if (!text)
        return error_set(ERR_NOINPUT, _("%s: cannot read dictionary: %m"), dict);
    FILE *f = fopen(index, "r");
    if (!f) {
        free(text);
        return error_set(ERR_NOINPUT, _("%s: cannot open dictionary index: %m"), index);
    }
    char *line = NULL;
    size_t cap = 0, before = lexicon_builder_count(r->b);
    ssize_t got;
    int rc = 0;
    while (rc == 0 && (got = getline(&line, &cap, f)) > 0) {
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || strncmp(line, "00", 2) == 0) {
            if (skipped)
                ++*skipped;
            continue;
        }
        size_t l3 = strcspn(t2 + 1, "\r\n");
        long off = b64_value(t1 + 1, (size_t)(t2 - t1 - 1)), len = b64_value(t2 + 1, l3);
        if (off < 0 || len <= 0 || (size_t)off > dlen || (size_t)len > dlen - (size_t)off) {
            if (skipped)
                ++*skipped;
            continue;
        }
        rc = dictd_entry(r, entry, line, (size_t)(t1 - line), text + off, (size_t)len);
        if (rc == 1) {
            rc = 0;
            if (skipped)
                ++*skipped;
        }
    }
    if (rc == 0 && ferror(f))
        rc = error_set(ERR_IO, _("%s: read error"), index);
    free(line);
    fclose(f);
    free(text);
    return entries_read(r, before, dict, rc);
}

int lexsource_read(lexicon_builder *b, const char *lang0, const char *lang1, lexsource_format fmt,
                   const char *path, const char *index, size_t *skipped)
{
    return lexsource_read_with(b, lang0, lang1, fmt, path, index, NULL, skipped);
}

int lexsource_read_with(lexicon_builder *b, const char *lang0, const char *lang1, lexsource_format fmt,
                        const char *path, const char *index, const lexsource_options *options, size_t *skipped)
{
    reader *r = calloc(1, sizeof *r);
    if (!r)
        return error_nomem();
    r->b = b;
    if (options) {
        r->synonyms = options->synonyms;
        r->lone_words_only = options->lone_words_only;
    }
    r->unspaced[0] = lang_is_unspaced(lang0);
    r->unspaced[1] = lang_is_unspaced(lang1);
    int rc = lexwords_new(lang0, &r->w[0]);
    if (rc == 0)
        rc = lexwords_new(lang1, &r->w[1]);
    if (rc == 0)
        rc = fmt == LEXSRC_FREEDICT  ? read_dictd(r, freedict_entry, path, index, skipped)
             : fmt == LEXSRC_MUELLER ? read_dictd(r, mueller_entry, path, index, skipped)
                                     : read_lines(r, fmt, path, skipped);
    lexwords_free(r->w[0]);
    lexwords_free(r->w[1]);
    free(r);
    return rc;
}
