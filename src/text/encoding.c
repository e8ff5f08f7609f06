/* encoding.c — detecting and converting legacy encodings with ICU; see encoding.h. */
#include "encoding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "../i18n.h"
#include "../util/error.h"

/* a detection is taken when its confidence and its lead over the next guess reach these */
enum { MIN_CONFIDENCE = 30, MIN_LEAD = 15, UTF16_NOISE = 10 };

int encoding_is_auto(const char *requested)
{
    return !requested || !*requested || strcasecmp(requested, "auto") == 0;
}

int encoding_is_utf8(const char *requested)
{
    return requested && (strcasecmp(requested, "UTF-8") == 0 || strcasecmp(requested, "UTF8") == 0);
}

int encoding_convert(const char *buf, size_t len, const char *name, const char *charset, char **out, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &err);
    if (U_FAILURE(err))
        return error_set(ERR_USAGE, _("%s: unknown encoding '%s' (ICU knows names like GB18030, Big5, windows-1251, "
                                      "KOI8-R, ISO-8859-5, UTF-16)"),
                         name, charset);
    ucnv_setToUCallBack(from, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    size_t cap = len * 3 + 4; /* every encoding here takes at most 3 UTF-8 bytes per input byte */
    char *utf8 = malloc(cap + 1);
    if (!utf8) {
        ucnv_close(from);
        return error_nomem();
    }
    int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, from, utf8, (int32_t)cap, buf, (int32_t)len, &err);
    ucnv_close(from);
    if (U_FAILURE(err)) {
        free(utf8);
        return error_set(ERR_DATA, _("%s: not valid %s text (%s); name the file's encoding with --encoding"), name,
                         charset, u_errorName(err));
    }
    utf8[n] = '\0';
    *out = utf8;
    *out_len = (size_t)n;
    return 0;
}

static int is_utf16(const char *charset)
{
    return strncmp(charset, "UTF-16", 6) == 0 || strncmp(charset, "UTF-32", 6) == 0;
}

int encoding_detect(const char *buf, size_t len, text_encoding *best, char *candidates, size_t size)
{
    memset(best, 0, sizeof *best);
    candidates[0] = '\0';
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&err);
    ucsdet_setText(det, buf, (int32_t)(len > INT32_MAX ? INT32_MAX : len), &err);
    int32_t found = 0;
    const UCharsetMatch **all = U_SUCCESS(err) ? ucsdet_detectAll(det, &found, &err) : NULL;
    /* the guesses that count: UTF-16 without a byte-order mark is what ICU says of any
     * 8-bit text at confidence 10 */
    const char *names[4];
    int conf[4], k = 0;
    for (int32_t m = 0; all && m < found && k < 4; m++) {
        const char *cs = ucsdet_getName(all[m], &err);
        int c = ucsdet_getConfidence(all[m], &err);
        if (U_FAILURE(err) || (is_utf16(cs) && c <= UTF16_NOISE))
            continue;
        names[k] = cs;
        conf[k++] = c;
    }
    for (int m = 0, n = 0; m < k && (size_t)n < size; m++)
        n += snprintf(candidates + n, size - (size_t)n, "%s%s (%d%%)", m ? ", " : "", names[m], conf[m]);
    if (k > 0) {
        snprintf(best->name, sizeof best->name, "%s", names[0]);
        best->confidence = conf[0];
    }
    int clear = k > 0 && strcmp(names[0], "UTF-8") != 0 && conf[0] >= MIN_CONFIDENCE &&
                (k == 1 || conf[0] - conf[1] >= MIN_LEAD);
    ucsdet_close(det);
    return clear;
}
