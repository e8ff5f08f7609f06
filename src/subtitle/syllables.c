/* syllables.c — spoken syllables of a text; see syllables.h.
 *
 * The duration model spreads speech in proportion to syllables, so a token counts what a
 * speaker says for it, not what is written: "2024" is "twenty twenty-four" (5), "4,000"
 * "four thousand" (3), in Russian "четыре тысячи" (6), in Chinese "四千" (2) but a year
 * "2024年" digit by digit (4); "OECD" is four letter names, "Dr." "doctor", "%" "per
 * cent". English words: vowel groups, less a silent final e and the silent e of -es/-ed
 * (the usual spelling heuristics; right for about nine words in ten). Russian: every
 * vowel letter is a syllable (no diphthongs in the spelling: уважаемые is 6). */
#include "syllables.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "markup.h"
#include "../text/lang.h"

enum { LANG_OTHER, LANG_EN, LANG_RU, LANG_ZH };

static int lang_code(const char *lang)
{
    return lang_tags_match(lang, "en")   ? LANG_EN
           : lang_tags_match(lang, "ru") ? LANG_RU
           : lang_joins_unspaced(lang)   ? LANG_ZH /* Chinese and Japanese: a syllable per character */
                                         : LANG_OTHER;
}

/* ---- numbers: syllables of the words that say them ---- */

/* English: one..nine, ten..nineteen, twenty..ninety (index 2..9) */
static const int en_ones[10] = {2, 1, 1, 1, 1, 1, 1, 2, 1, 1}, en_teens[10] = {1, 3, 1, 2, 2, 2, 2, 3, 2, 2},
                 en_tens[10] = {0, 0, 2, 2, 2, 2, 2, 3, 2, 2};
/* Russian: ноль, один..девять; десять..девятнадцать; двадцать..девяносто; сто..девятьсот */
static const int ru_ones[10] = {1, 2, 1, 1, 3, 1, 1, 1, 2, 2}, ru_teens[10] = {2, 4, 3, 3, 4, 3, 3, 3, 4, 4},
                 ru_tens[10] = {0, 0, 2, 2, 2, 3, 3, 3, 4, 4}, ru_hundreds[10] = {0, 1, 2, 2, 4, 2, 2, 2, 3, 3};

static int en_under100(unsigned n)
{
    if (n < 10)
        return en_ones[n];
    if (n < 20)
        return en_teens[n - 10];
    return en_tens[n / 10] + (n % 10 ? en_ones[n % 10] : 0);
}

static int en_under1000(unsigned n)
{
    int s = n >= 100 ? en_ones[n / 100] + 2 : 0; /* "hundred" */
    return s + (n % 100 || n < 100 ? en_under100(n % 100) : 0);
}

static int ru_under1000(unsigned n)
{
    int s = ru_hundreds[n / 100];
    unsigned r = n % 100;
    if (r >= 20)
        s += ru_tens[r / 10] + (r % 10 ? ru_ones[r % 10] : 0);
    else if (r >= 10)
        s += ru_teens[r - 10];
    else if (r || n == 0)
        s += ru_ones[r];
    return s;
}

/* Chinese 0..9999: a digit and its unit (千 百 十) per non-zero digit, one 零 per gap;
 * leading 一十 is said 十 */
static int zh_under10000(unsigned n, int leading)
{
    int s = 0, gap = 0, seen = 0;
    for (unsigned unit = 1000, pos = 3; unit; unit /= 10, pos--) {
        unsigned d = n / unit % 10;
        if (!d) {
            gap = seen;
            continue;
        }
        s += gap + (pos > 0) + !(leading && !seen && pos == 1 && d == 1);
        gap = 0;
        seen = 1;
    }
    return s;
}

int syllables_cardinal(unsigned long long n, const char *lang)
{
    int code = lang_code(lang);
    if (code == LANG_ZH) {
        if (n == 0)
            return 1;
        int s = 0, seen = 0;
        for (unsigned long long unit = 100000000ULL * 10000ULL; unit; unit /= 10000) {
            unsigned g = (unsigned)(n / unit % 10000);
            if (g) {
                s += (seen && g < 1000) + zh_under10000(g, !seen) + (unit > 1); /* 零, group, 万/亿 */
                seen = 1;
            }
        }
        return s;
    }
    if (n == 0)
        return code == LANG_RU ? 1 : 2;
    /* billion / миллиард, million / миллион(а/ов), thousand / тысяч(а/и) */
    static const unsigned long long scales[] = {1000000000ULL, 1000000ULL, 1000ULL, 1ULL};
    static const int en_scale[] = {2, 2, 2, 0}, ru_scale[] = {4, 4, 3, 0};
    int s = 0;
    for (int k = 0; k < 4; k++) {
        unsigned g = (unsigned)(n / scales[k] % 1000);
        if (!g)
            continue;
        if (code == LANG_RU)
            s += (k == 2 && g == 1 ? 0 : ru_under1000(g)) + ru_scale[k]; /* "тысяча", not "одна тысяча" */
        else
            s += en_under1000(g) + en_scale[k];
    }
    return s;
}

/* An English year: 1984 "nineteen eighty-four", 1900 "nineteen hundred", 1905 "nineteen
 * oh five", 2024 "twenty twenty-four"; 2000-2009 as cardinals ("two thousand and one"). */
static int en_year(unsigned n)
{
    if (n >= 2000 && n < 2010)
        return syllables_cardinal(n, "en");
    unsigned hi = n / 100, lo = n % 100;
    return en_under100(hi) + (lo == 0 ? 2 : lo < 10 ? 1 + en_ones[lo] : en_under100(lo));
}

/* ---- words ---- */

static int is_vowel_en(UChar32 c)
{
    c = u_tolower(c);
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || (c >= 0xE0 && c <= 0x17F && u_isalpha(c));
}

static int is_vowel_ru(UChar32 c)
{
    c = u_tolower(c);
    return c == 0x430 || c == 0x435 || c == 0x451 || c == 0x438 || c == 0x43E || c == 0x443 || c == 0x44B ||
           c == 0x44D || c == 0x44E || c == 0x44F;
}

static int is_cyrillic(UChar32 c) { return c >= 0x400 && c <= 0x4FF; }

/* English spelling heuristics on a lower-case word w[0..n) */
static int en_word(const UChar32 *w, size_t n)
{
    while (n > 2 && w[n - 1] == 's' && (w[n - 2] == '\'' || w[n - 2] == 0x2019)) /* possessive 's */
        n -= 2;
    while (n > 1 && (w[n - 1] == '\'' || w[n - 1] == 0x2019))
        n--;
    int groups = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int v = is_vowel_en(w[i]) && !(w[i] == 'y' && i == 0);
        groups += v && !in;
        in = v;
    }
    if (groups > 1 && n >= 3) {
        UChar32 last = w[n - 1], prev = w[n - 2];
        if (last == 'e' && !is_vowel_en(prev) &&
            !(prev == 'l' && !is_vowel_en(w[n - 3])) &&   /* ta-ble keeps its e */
            !(prev == 'r' && !is_vowel_en(w[n - 3])))     /* cen-tre, ac-re */
            groups--;                                     /* silent final e: time, welcome */
        else if (n >= 4 && (last == 's' || last == 'd') && prev == 'e' && !is_vowel_en(w[n - 3])) {
            UChar32 c = w[n - 3], b = w[n - 4];
            int sounded = last == 's' ? (c == 's' || c == 'x' || c == 'z' || c == 'c' || c == 'g' ||
                                         (c == 'h' && (b == 'c' || b == 's')))
                                      : (c == 't' || c == 'd');
            if (!sounded)
                groups--;                                 /* states, reached */
        }
    }
    return groups ? groups : 1;
}

/* an English letter name: all one syllable but w, "double-u" */
static int en_letter(UChar32 c) { return u_tolower(c) == 'w' ? 3 : 1; }

/* Whether an all-capital word is said as a word (NATO, UNESCO) rather than spelt (CEO,
 * OECD): four letters or more, two vowel groups, no three consonants in a row, not
 * ending in two consonants. */
static int caps_said_as_word(const UChar32 *w, size_t n, int (*vowel)(UChar32))
{
    if (n < 4)
        return 0;
    int groups = 0, in = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        int v = vowel(w[i]);
        groups += v && !in;
        in = v;
        run = v ? 0 : run + 1;
        if (run >= 3)
            return 0;
    }
    return groups >= 2 && !(!vowel(w[n - 1]) && !vowel(w[n - 2]));
}

/* Abbreviations said longer than written, when followed by a full stop (or always, for
 * the Russian ones written without): the syllables of what is said. */
typedef struct {
    const char *abbr;
    int syllables;
} abbrev;

static const abbrev en_abbrevs[] = {
    {"mr", 2}, {"mrs", 2}, {"ms", 1}, {"dr", 2}, {"st", 1}, {"prof", 3}, {"jr", 2}, {"sr", 2}, {"vs", 2},
    {"etc", 4}, {"no", 2}, {"mt", 1}, {"gen", 3}, {"gov", 3}, {"sen", 3}, {"rep", 5}, {"inc", 5}, {"ltd", 3},
    {"co", 3}, {"dept", 3}, {"approx", 4}, {"fig", 2}, {"ave", 3}, {"rd", 1}, {NULL, 0}};
static const abbrev ru_abbrevs[] = {
    {"млн", 4}, {"млрд", 4}, {"тыс", 2}, {"руб", 2}, {"коп", 3}, {"г", 2}, {"гг", 2}, {"др", 3}, {"см", 3},
    {"км", 4}, {"кг", 4}, {"т", 1}, {"д", 2}, {"р", 0}, {"ул", 3}, {"проф", 3}, {NULL, 0}};

static int find_abbrev(const abbrev *table, const UChar32 *w, size_t n)
{
    char key[16];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        UChar32 c = u_tolower(w[i]);
        if (len + 4 >= sizeof key)
            return -1;
        U8_APPEND_UNSAFE((uint8_t *)key, len, c);
    }
    key[len] = '\0';
    for (const abbrev *a = table; a->abbr; a++)
        if (!strcmp(a->abbr, key))
            return a->syllables;
    return -1;
}

static int all_upper(const UChar32 *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!u_isupper(w[i]))
            return 0;
    return n > 0;
}

/* consonant phones of an ordinary word: consonant letters, less the second letter of a
 * digraph (th, sh, ch, ph, ck, ng, gh, wh) or of a double consonant, less Russian ь and ъ */
static int word_consonants(const UChar32 *w, size_t n, int cyr)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        UChar32 l = u_tolower(w[i]), p = i ? u_tolower(w[i - 1]) : 0;
        if (cyr) {
            c += !is_vowel_ru(l) && l != 0x44C && l != 0x44A;
            continue;
        }
        if (is_vowel_en(l) || !u_isalpha(l))
            continue;
        if (i && !is_vowel_en(p) && (l == p || (l == 'h' && strchr("tscpgw", (int)p) && p < 128) ||
                                      (l == 'k' && p == 'c') || (l == 'g' && p == 'n')))
            continue;
        c++;
    }
    return c;
}

/* syllables of a word w[0..n); `dot`: a full stop follows it; *cons gets its consonants */
static int word_syllables(const UChar32 *w, size_t n, int code, int dot, double *cons)
{
    *cons = -1; /* unless set below: read out, READOUT_CONSONANTS a syllable */
    int cyr = is_cyrillic(w[0]);
    int (*vowel)(UChar32) = cyr ? is_vowel_ru : is_vowel_en;
    int a = find_abbrev(code == LANG_RU || cyr ? ru_abbrevs : en_abbrevs, w, n);
    if (a >= 0 && (dot || cyr))
        return a;
    size_t vowels = 0;
    for (size_t i = 0; i < n; i++)
        vowels += vowel(w[i]) != 0;
    if ((n >= 2 && all_upper(w, n) && !caps_said_as_word(w, n, vowel)) || (!vowels && !cyr) ||
        (n == 1 && dot && (!cyr || u_isupper(w[0])))) {
        int s = 0; /* spelt out: one syllable a letter name (Russian ones too: эс, бэ) */
        for (size_t i = 0; i < n; i++)
            s += cyr ? (w[i] != 0x42C && w[i] != 0x42A && w[i] != 0x44C && w[i] != 0x44A) : en_letter(w[i]);
        return s;
    }
    *cons = word_consonants(w, n, cyr);
    if (cyr)
        return (int)vowels; /* в, к, с: no syllable of their own */
    if (code == LANG_EN || code == LANG_ZH) {
        UChar32 low[64];
        size_t m = n < 64 ? n : 64;
        for (size_t i = 0; i < m; i++)
            low[i] = u_tolower(w[i]);
        return en_word(low, m);
    }
    int groups = 0, in = 0; /* other languages: vowel groups */
    for (size_t i = 0; i < n; i++) {
        int v = vowel(w[i]);
        groups += v && !in;
        in = v;
    }
    return groups ? groups : 1;
}

/* symbols read as words */
static int symbol_syllables(UChar32 c, int code)
{
    switch (c) {
    case '%':
    case 0xFF05:
        return code == LANG_RU ? 3 : code == LANG_ZH ? 3 : 2; /* процентов, 百分之, per cent */
    case '$':
        return 2;                                              /* dollars, 美元 */
    case 0x20AC:
        return 2;                                              /* euros, евро, 欧元 */
    case 0xA3:
        return code == LANG_RU ? 2 : 1;                        /* pounds, фунтов */
    case '&':
        return 1;
    case '+':
        return code == LANG_RU ? 2 : 1;
    case '@':
        return 1;
    case 0xB0:
        return 2;                                              /* degrees */
    default:
        return 0;
    }
}


/* Consonants a syllable of what is read out rather than spelt (number words, letter
 * names, abbreviations said in full) or of a Chinese character (an initial, often a nasal
 * coda): about 1.5, counted on the number words (twen-ty: 4 consonants in 2 syllables). */
static const double READOUT_CONSONANTS = 1.5;

/* A consonant takes about 0.6 of a syllable nucleus's time: Klatt's (1979) inherent
 * durations, vowels about 130 ms, consonants about 80 ms, in American English read speech. */
static const double CONSONANT_SHARE = 0.6;

static void count(const char *text, const char *lang, double *syllables, double *consonants)
{
    int code = lang_code(lang);
    size_t len = strlen(text);
    UChar32 *u = malloc((len + 1) * sizeof *u);
    if (!u) {
        *syllables = (double)len / 3;
        *consonants = 0;
        return;
    }
    size_t n = 0;
    const uint8_t *s = (const uint8_t *)text;
    for (int32_t i = 0, m = (int32_t)len; i < m;) {
        size_t markup = markup_length(text + i); /* <i>, {\an8}: not said */
        if (markup) {
            i += (int32_t)markup;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, m, c);
        if (c >= 0)
            u[n++] = c;
    }
    u[n] = 0;
    double total = 0, cons = 0;
    for (size_t i = 0; i < n;) {
        UChar32 c = u[i];
        if (u_isdigit(c)) {
            /* a number: digits, thousands groups (4,000 / 4 000), a decimal part, a time */
            unsigned long long v = 0;
            size_t j = i, digits = 0, lead_zeros = 0;
            int grouped = 0;
            for (;;) {
                size_t first = j;
                while (j < n && u_isdigit(u[j]) && digits < 15) {
                    if (!digits && u_charDigitValue(u[j]) == 0)
                        lead_zeros++;
                    v = v * 10 + (unsigned)u_charDigitValue(u[j++]);
                    digits++;
                }
                /* a group separator followed by exactly three digits */
                UChar32 sep = j < n ? u[j] : 0;
                int sep_ok = (sep == ',' && code != LANG_RU) || sep == 0xA0 || sep == 0x202F || sep == 0x2009 ||
                             (sep == ' ' && code == LANG_RU);
                if (sep_ok && (grouped || j - first <= 3) && j + 3 < n && u_isdigit(u[j + 1]) &&
                    u_isdigit(u[j + 2]) && u_isdigit(u[j + 3]) && !u_isdigit(u[j + 4])) {
                    grouped = 1;
                    j++;
                    continue;
                }
                break;
            }
            double syl;
            if (digits >= 15 || (lead_zeros && digits > 1))
                syl = (double)digits * (code == LANG_RU ? 1.5 : 1); /* read digit by digit */
            else if (code == LANG_OTHER)
                syl = (double)digits * 1.2; /* no number words for this language: about a word a digit */
            else if (code == LANG_ZH && j < n && u[j] == 0x5E74 && digits >= 2)
                syl = (int)digits;                                /* 2024年: 二〇二四年 */
            else if (code == LANG_EN && !grouped && digits == 4 && v >= 1100 && v < 2100 &&
                     !(j < n && (u[j] == '%' || u[j] == '.' || u[j] == ',') && j + 1 < n && u_isdigit(u[j + 1])))
                syl = en_year((unsigned)v);
            else
                syl = syllables_cardinal(v, lang);
            /* decimal part (3.5, 3,5 in Russian): "point" and the digits */
            UChar32 dec = code == LANG_RU ? ',' : '.';
            if (j + 1 < n && u[j] == dec && u_isdigit(u[j + 1])) {
                j++;
                syl += code == LANG_RU ? 4 : 1; /* целых … десятых / point / 点 */
                while (j < n && u_isdigit(u[j])) {
                    int d = u_charDigitValue(u[j++]);
                    syl += code == LANG_RU ? ru_ones[d] : code == LANG_ZH ? 1 : en_ones[d];
                }
            } else if (j + 2 < n && u[j] == ':' && u_isdigit(u[j + 1]) && u_isdigit(u[j + 2])) {
                /* a time, 10:45: the hours and the minutes (10:00 "ten", 10:05 "ten oh five") */
                unsigned mm = (unsigned)(u_charDigitValue(u[j + 1]) * 10 + u_charDigitValue(u[j + 2]));
                j += 3;
                if (code == LANG_ZH)
                    syl += 1 + (mm ? syllables_cardinal(mm, lang) + 1 : 0); /* 点 … 分 */
                else if (mm)
                    syl += code == LANG_EN && mm < 10 ? 1 + en_ones[mm] : syllables_cardinal(mm, lang);
            }
            /* ordinal endings said within the number: 3rd, 21st; Russian years and
             * ordinals, 2024 году / 5-й, end in an ending one syllable longer */
            if (code == LANG_EN && j + 1 < n && u_isalpha(u[j]) && u_isalpha(u[j + 1]) && !(j + 2 < n && u_isalpha(u[j + 2]))) {
                UChar32 a = u_tolower(u[j]), b = u_tolower(u[j + 1]);
                if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
                    j += 2;
            }
            if (code == LANG_RU) {
                size_t k = j;
                if (k < n && u[k] == '-') {
                    while (k + 1 < n && is_cyrillic(u[k + 1]))
                        k++;
                    syl += 1;
                    j = k + 1;
                } else {
                    while (k < n && (u[k] == ' ' || u[k] == 0xA0))
                        k++;
                    if (k + 1 < n && u_tolower(u[k]) == 0x433 && (u[k + 1] == '.' || u_tolower(u[k + 1]) == 0x43E))
                        syl += 1; /* 2024 году, 2024 г. */
                }
            }
            total += syl;
            cons += READOUT_CONSONANTS * syl;
            i = j;
            continue;
        }
        if (u_isalpha(c) && (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) ||
                             (c >= 0x3040 && c <= 0x30FF))) {
            total += 1; /* a Chinese character (or kana) */
            cons += READOUT_CONSONANTS;
            i++;
            continue;
        }
        if (u_isalpha(c)) {
            size_t j = i;
            while (j < n && (u_isalpha(u[j]) || u_getIntPropertyValue(u[j], UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK ||
                             ((u[j] == '\'' || u[j] == 0x2019) && j + 1 < n && u_isalpha(u[j + 1]))) &&
                   !u_hasBinaryProperty(u[j], UCHAR_IDEOGRAPHIC))
                j++;
            int dot = j < n && u[j] == '.';
            double wc;
            int ws = word_syllables(u + i, j - i, code, dot, &wc);
            total += ws;
            cons += wc >= 0 ? wc : READOUT_CONSONANTS * ws;
            if (dot && j - i == 1)
                j++; /* U.S.: the stop belongs to the letter */
            i = j;
            continue;
        }
        int sy = c == '.' && i > 0 && i + 1 < n && u_isalnum(u[i - 1]) && u_isalpha(u[i + 1])
                     ? 1 /* www.example.org: "dot" */
                     : symbol_syllables(c, code);
        total += sy;
        cons += READOUT_CONSONANTS * sy;
        i++;
    }
    free(u);
    *syllables = total;
    *consonants = cons;
}

double syllables_count(const char *text, const char *lang)
{
    double s, c;
    count(text, lang, &s, &c);
    return s;
}

/* Mean consonants per syllable, counted by count() on the project's own Wuzhen texts
 * (corpus/wuzhen, all three texts): English 1.64, Russian 1.32; Chinese 1.5 by construction. The
 * weight is divided by a syllable of mean complexity so that it stays in syllables and
 * the speaking rate in timing.c keeps its meaning: consonants only move time between
 * cues. */
static double mean_consonants(int code)
{
    return code == LANG_EN ? 1.64 : code == LANG_RU ? 1.32 : 1.5;
}

double speech_weight(const char *text, const char *lang)
{
    double s, c;
    count(text, lang, &s, &c);
    double w = (s + CONSONANT_SHARE * c) / (1 + CONSONANT_SHARE * mean_consonants(lang_code(lang)));
    return w > 0 ? w : 0.5;
}
