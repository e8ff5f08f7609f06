/* script.c — a text's main script against its language's; see script.h. */
#include "script.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "lang.h"

enum { FEW_LETTERS = 20 };

/* The language's likely script ("Latn", "Hans" …) into out[8]; "" when ICU has none. */
static void likely_script(const char *tag, char out[8])
{
    char locale[LANG_TAG_MAX], full[ULOC_FULLNAME_CAPACITY];
    UErrorCode err = U_ZERO_ERROR;
    lang_to_locale(tag, locale);
    uloc_addLikelySubtags(locale, full, sizeof full, &err);
    out[0] = '\0';
    if (U_SUCCESS(err))
        uloc_getScript(full, out, 8, &err);
    if (U_FAILURE(err))
        out[0] = '\0';
}

/* Whether a text mostly in script `code` (Han standing for kana and Hangul too) suits a
 * language written in `want`. */
static int script_suits(UScriptCode code, const char *want)
{
    int han_family = !strcmp(want, "Hans") || !strcmp(want, "Hant") || !strcmp(want, "Hani") ||
                     !strcmp(want, "Jpan") || !strcmp(want, "Kore");
    return code == USCRIPT_HAN ? han_family : !strcmp(uscript_getShortName(code), want);
}

void script_tally_add(script_tally *t, const char *text, size_t len)
{
    for (int32_t i = 0, n = (int32_t)len; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)text, i, n, c);
        if (c < 0 || !u_isalpha(c))
            continue;
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode code = uscript_getScript(c, &err);
        if (U_FAILURE(err) || code == USCRIPT_COMMON || code == USCRIPT_INHERITED)
            continue;
        if (code == USCRIPT_HIRAGANA || code == USCRIPT_KATAKANA || code == USCRIPT_HANGUL)
            code = USCRIPT_HAN; /* East Asian text mixes them: one family against another script */
        t->letters++;
        size_t k = 0;
        while (k < t->nscripts && t->codes[k] != (int)code)
            k++;
        if (k == t->nscripts && t->nscripts < 8)
            t->codes[t->nscripts++] = (int)code;
        if (k < t->nscripts)
            t->counts[k]++;
    }
}

int script_tally_fits(const script_tally *t, const char *tag, char script[8])
{
    script[0] = '\0';
    char want[8];
    likely_script(tag, want);
    if (!want[0])
        return 1;
    size_t best = 0;
    for (size_t k = 1; k < t->nscripts; k++)
        if (t->counts[k] > t->counts[best])
            best = k;
    if (t->letters < FEW_LETTERS || !t->nscripts || 2 * t->counts[best] <= t->letters ||
        script_suits((UScriptCode)t->codes[best], want))
        return 1;
    snprintf(script, 8, "%s", uscript_getShortName((UScriptCode)t->codes[best]));
    return 0;
}

int script_fits_language(const char *text, size_t len, const char *tag, char script[8])
{
    script_tally t = {0};
    script_tally_add(&t, text, len);
    return script_tally_fits(&t, tag, script);
}

size_t script_guess_language(const char *text, size_t len, char out[LANG_TAG_MAX])
{
    size_t han = 0, cyrillic = 0, latin = 0;
    const uint8_t *s = (const uint8_t *)text;
    for (int64_t i = 0, n = (int64_t)len; i < n && han + cyrillic + latin < SCRIPT_GUESS_LETTERS;) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0x41)
            continue;
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &err);
        han += sc == USCRIPT_HAN;
        cyrillic += sc == USCRIPT_CYRILLIC;
        latin += sc == USCRIPT_LATIN;
    }
    /* one Chinese character carries what three or four Latin letters do */
    size_t han_weight = han * 3;
    if (han_weight >= cyrillic && han_weight >= latin && han)
        snprintf(out, LANG_TAG_MAX, "zh-CN");
    else if (cyrillic >= latin && cyrillic)
        snprintf(out, LANG_TAG_MAX, "ru-RU");
    else if (latin)
        snprintf(out, LANG_TAG_MAX, "en-US");
    else
        out[0] = '\0';
    return han + cyrillic + latin;
}

void script_language_or_english(const char *text, size_t len, char out[LANG_TAG_MAX])
{
    script_guess_language(text, len, out);
    if (!out[0])
        snprintf(out, LANG_TAG_MAX, "en");
}
