/* lang.c — BCP 47 normalization and checks on ICU uloc. */
#include "lang.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>

#include "../i18n.h"
#include "../util/error.h"

int lang_normalize(const char *tag, char out[LANG_TAG_MAX])
{
    UErrorCode err = U_ZERO_ERROR;
    char locale[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    int32_t n = uloc_forLanguageTag(tag, locale, sizeof locale, &parsed, &err);
    if (U_FAILURE(err) || n <= 0 || parsed != (int32_t)strlen(tag)) {
        /* ICU locale IDs (en_GB) are not BCP 47 but users type them: retry with '-' */
        char dashed[LANG_TAG_MAX];
        size_t len = strlen(tag);
        if (len >= sizeof dashed || !strchr(tag, '_'))
            return error_set(ERR_USAGE, _("invalid language tag \"%s\""), tag);
        for (size_t i = 0; i <= len; i++)
            dashed[i] = tag[i] == '_' ? '-' : tag[i];
        return lang_normalize(dashed, out);
    }
    const char *iso3 = uloc_getISO3Language(locale);
    char lang[ULOC_LANG_CAPACITY];
    err = U_ZERO_ERROR;
    uloc_getLanguage(locale, lang, sizeof lang, &err);
    if (U_FAILURE(err) || !iso3 || !*iso3 || !*lang)
        return error_set(ERR_USAGE, _("unknown language \"%s\""), tag);
    err = U_ZERO_ERROR;
    uloc_toLanguageTag(locale, out, LANG_TAG_MAX, true, &err);
    if (U_FAILURE(err))
        return error_set(ERR_USAGE, _("invalid language tag \"%s\""), tag);
    return 0;
}

void lang_to_locale(const char *tag, char out[LANG_TAG_MAX])
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t parsed;
    uloc_forLanguageTag(tag, out, LANG_TAG_MAX, &parsed, &err);
    if (U_FAILURE(err))
        out[0] = '\0';
}

void lang_base(const char *tag, char out[LANG_TAG_MAX])
{
    size_t n = strcspn(tag, "-_");
    if (n >= LANG_TAG_MAX)
        n = LANG_TAG_MAX - 1;
    memcpy(out, tag, n);
    out[n] = '\0';
}

int lang_tags_match(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t i = 0;
    for (; a[i] && b[i]; i++) {
        char x = a[i] == '_' ? '-' : a[i], y = b[i] == '_' ? '-' : b[i];
        if ((x | 0x20) != (y | 0x20))
            return 0;
    }
    /* one ran out: it must end at a subtag boundary of the other */
    char rest = a[i] ? a[i] : b[i];
    return rest == '\0' || rest == '-' || rest == '_';
}

/* The languages written without spaces between words; `joins`: nor between sentences. */
static const struct {
    char base[4];
    int joins;
} unspaced[] = {{"zh", 1}, {"ja", 1}, {"th", 0}};

static int unspaced_index(const char *tag)
{
    char base[LANG_TAG_MAX];
    lang_base(tag ? tag : "", base);
    for (size_t k = 0; k < sizeof unspaced / sizeof *unspaced; k++)
        if (strcasecmp(base, unspaced[k].base) == 0)
            return (int)k;
    return -1;
}

int lang_is_unspaced(const char *tag)
{
    return unspaced_index(tag) >= 0;
}

int lang_joins_unspaced(const char *tag)
{
    int k = unspaced_index(tag);
    return k >= 0 && unspaced[k].joins;
}

void lang_full_tag(const char *tag, char out[LANG_TAG_MAX])
{
    char locale[ULOC_FULLNAME_CAPACITY], country[ULOC_COUNTRY_CAPACITY];
    UErrorCode err = U_ZERO_ERROR;
    int32_t parsed;
    snprintf(out, LANG_TAG_MAX, "%s", tag);
    uloc_forLanguageTag(tag, locale, sizeof locale, &parsed, &err);
    if (U_FAILURE(err))
        return;
    uloc_getCountry(locale, country, sizeof country, &err);
    if (U_FAILURE(err) || country[0])
        return; /* already has a region */
    char likely[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY];
    uloc_addLikelySubtags(locale, likely, sizeof likely, &err);
    uloc_getCountry(likely, country, sizeof country, &err);
    uloc_getLanguage(locale, lang, sizeof lang, &err);
    if (U_SUCCESS(err) && country[0] && lang[0])
        snprintf(out, LANG_TAG_MAX, "%s-%s", lang, country);
}
