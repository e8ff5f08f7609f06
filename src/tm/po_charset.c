/* po_charset.c — PO catalogs in any charset brought to UTF-8; see po_charset.h.
 *
 * libgettextpo reads a catalog in the charset its header declares and hands its strings
 * out as they are in the file. ICU converts them (a converter that stops at the first
 * byte not valid in the charset, so nothing is substituted silently); a UTF-8 catalog is
 * checked instead, because an octal escape such as \377 can put any byte in a string.
 * libgettextpo keeps no line numbers, so the line named in an error is found by reading
 * the file again for the entry's keyword. */
#include "po_charset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../util/error.h"

enum { NOT_VALID = 1 }; /* string_to_utf8: a byte not valid in the charset */

/* The line of `keyword` (msgid, msgstr, msgstr[1] …) in the index-th entry of a PO file
 * (the header is entry 0, obsolete entries count), for messages about a string of that
 * entry; the msgid's line for a keyword before it (msgctxt, comments). 0 when the file
 * cannot be read again (standard input). libgettextpo keeps no PO line. */
static size_t entry_line(const char *path, size_t index, const char *keyword)
{
    FILE *f = strcmp(path, "-") == 0 ? NULL : fopen(path, "rb");
    if (!f)
        return 0;
    char *line = NULL;
    size_t cap = 0, lineno = 0, seen = 0, msgid_line = 0, found = 0, klen = strlen(keyword);
    int after = strncmp(keyword, "msgstr", 6) == 0 || strcmp(keyword, "msgid_plural") == 0;
    while (!found && getline(&line, &cap, f) > 0) {
        lineno++;
        const char *p = line + strspn(line, " \t");
        if (strncmp(p, "#~", 2) == 0)
            p += 2 + strspn(p + 2, " \t");
        if (!msgid_line) {
            if (strncmp(p, "msgid", 5) == 0 && (p[5] == ' ' || p[5] == '\t' || p[5] == '"') && seen++ == index)
                found = after ? 0 : lineno, msgid_line = lineno;
        } else if (strncmp(p, keyword, klen) == 0 && (p[klen] == ' ' || p[klen] == '\t' || p[klen] == '"')) {
            found = lineno;
        } else if (strncmp(p, "msgid ", 6) == 0) {
            found = msgid_line; /* the entry ended without it */
        }
    }
    free(line);
    fclose(f);
    return found ? found : msgid_line;
}

/* The string fields of a PO message that travel into the TMX. */
typedef struct {
    const char *keyword;
    const char *(*get)(po_message_t);
    void (*set)(po_message_t, const char *);
} po_field;

static const po_field po_fields[] = {
    {"msgctxt", po_message_msgctxt, po_message_set_msgctxt},
    {"msgid", po_message_msgid, po_message_set_msgid},
    {"msgid_plural", po_message_msgid_plural, po_message_set_msgid_plural},
    {"msgstr", po_message_msgstr, po_message_set_msgstr},
    {"#", po_message_comments, po_message_set_comments},
    {"#.", po_message_extracted_comments, po_message_set_extracted_comments},
};

/* One string of a catalog in the declared charset `cv` (NULL: UTF-8, checked) as UTF-8:
 * 0 with a new string in *out (NULL when `in` is good UTF-8 already); NOT_VALID with the
 * byte offset of the first byte that is not valid in *bad; or -ERR_IO. */
static int string_to_utf8(UConverter *cv, const char *in, char **out, size_t *bad)
{
    size_t len = strlen(in);
    *out = NULL;
    if (!cv)
        return utf8_validate(in, len, bad) == UTF8_OK ? 0 : NOT_VALID;
    UChar *u = malloc((2 * len + 1) * sizeof *u); /* a byte gives at most two UTF-16 units */
    if (!u)
        return error_nomem();
    UChar *dst = u;
    const char *src = in;
    UErrorCode e = U_ZERO_ERROR;
    ucnv_reset(cv);
    ucnv_toUnicode(cv, &dst, u + 2 * len + 1, &src, in + len, NULL, 1, &e);
    if (U_FAILURE(e)) {
        char invalid[32];
        int8_t n = sizeof invalid;
        UErrorCode e2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cv, invalid, &n, &e2);
        *bad = (size_t)(src - in) - (U_SUCCESS(e2) ? (size_t)n : 0);
        free(u);
        return NOT_VALID;
    }
    int32_t need = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &need, u, (int32_t)(dst - u), &e);
    e = U_ZERO_ERROR;
    *out = malloc((size_t)need + 1);
    if (*out)
        u_strToUTF8(*out, need + 1, NULL, u, (int32_t)(dst - u), &e);
    free(u);
    if (!*out || U_FAILURE(e)) {
        free(*out);
        *out = NULL;
        return error_nomem();
    }
    return 0;
}

int po_header_message_to_utf8(po_message_t header)
{
    char *type = po_header_field(po_message_msgstr(header), "Content-Type");
    int declared = type && strstr(type, "charset=");
    free(type);
    if (!declared)
        return 0;
    char *fixed = po_header_set_field(po_message_msgstr(header), "Content-Type", "text/plain; charset=UTF-8");
    if (!fixed)
        return error_nomem();
    po_message_set_msgstr(header, fixed);
    free(fixed);
    return 0;
}

/* The charset a PO header declares ("UTF-8" when none, or gettext's template "CHARSET"). */
static void header_charset(const char *header, char *out, size_t size)
{
    char *type = header ? po_header_field(header, "Content-Type") : NULL;
    const char *c = type ? strstr(type, "charset=") : NULL;
    snprintf(out, size, "%.*s", c ? (int)strcspn(c + 8, " ;\t") : 0, c ? c + 8 : "");
    free(type);
    if (!out[0] || strcmp(out, "CHARSET") == 0)
        snprintf(out, size, "UTF-8");
}

int po_catalog_to_utf8(po_file_t file, const char *path)
{
    const char *header = po_file_domain_header(file, NULL);
    char charset[64];
    header_charset(header, charset, sizeof charset);
    free((char *)header);
    UErrorCode e = U_ZERO_ERROR;
    int is_utf8 = ucnv_compareNames(charset, "UTF-8") == 0;
    UConverter *cv = is_utf8 ? NULL : ucnv_open(charset, &e);
    if (!is_utf8 && U_FAILURE(e))
        return error_set(ERR_DATA, _("%s: the header declares charset \"%s\", which is unknown"), path, charset);
    if (cv)
        ucnv_setToUCallBack(cv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
    int rc = 0;
    size_t index = 0;
    po_message_iterator_t it = po_message_iterator(file, NULL);
    for (po_message_t m; rc == 0 && (m = po_next_message(it)) != NULL; index++) {
        char keyword[32];
        const char *bad_in = NULL;
        size_t bad = 0;
        for (size_t k = 0; rc == 0 && !bad_in && k < sizeof po_fields / sizeof *po_fields; k++) {
            const char *v = po_fields[k].get(m);
            char *converted;
            if (!v || (rc = string_to_utf8(cv, v, &converted, &bad)) == NOT_VALID) {
                if (v) {
                    bad_in = po_fields[k].keyword;
                    rc = 0;
                }
                continue;
            }
            if (converted)
                po_fields[k].set(m, converted);
            free(converted);
        }
        for (int form = 0; rc == 0 && !bad_in && po_message_msgid_plural(m) && po_message_msgstr_plural(m, form); form++) {
            char *converted;
            if ((rc = string_to_utf8(cv, po_message_msgstr_plural(m, form), &converted, &bad)) == NOT_VALID) {
                snprintf(keyword, sizeof keyword, "msgstr[%d]", form);
                bad_in = keyword;
                rc = 0;
            } else if (converted) {
                po_message_set_msgstr_plural(m, form, converted);
            }
            free(converted);
        }
        if (bad_in) {
            size_t line = entry_line(path, index, bad_in);
            char where[32] = "";
            if (line)
                snprintf(where, sizeof where, ":%zu", line);
            char msgid[160]; /* 40 characters, never half of one */
            utf8_truncate(po_message_msgid(m), 40, msgid, sizeof msgid);
            rc = error_set(ERR_DATA, _("%s%s: the %s of msgid \"%s\" is not valid %s: bad byte at offset %zu"),
                           path, where, bad_in, msgid, cv ? charset : "UTF-8", bad);
        }
        if (rc == 0 && cv && !*po_message_msgid(m) && !po_message_msgctxt(m)) /* the header: now UTF-8 */
            rc = po_header_message_to_utf8(m);
    }
    po_message_iterator_free(it);
    if (cv)
        ucnv_close(cv);
    return rc;
}
