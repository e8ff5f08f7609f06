/* tmx_stats_report.c — the `tmx stats` report as a table or JSON Lines; see
 * tmx_stats_report.h. */
#include "tmx_stats_report.h"

#include <stdint.h>
#include <string.h>

#include <jansson.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/utf8.h"

/* Print s right-aligned (left when width < 0) in |width| screen columns: translated
 * headers hold wide (CJK) and multi-byte characters, which printf's widths miscount. */
static void print_column(FILE *f, const char *s, int width)
{
    int cols = 0, left = width < 0;
    const uint8_t *p = (const uint8_t *)s;
    for (int32_t i = 0, n = (int32_t)strlen(s); i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        cols += utf8_char_columns(c);
    }
    int pad = (left ? -width : width) - cols;
    if (!left)
        fprintf(f, "%*s", pad > 0 ? pad : 0, "");
    fputs(s, f);
    if (left)
        fprintf(f, "%*s", pad > 0 ? pad : 0, "");
}

void tmx_stats_report_text(FILE *f, const char *file, const tmx_stats *s)
{
    fprintf(f, P_("%s: %zu unit, ", "%s: %zu units, ", s->units), file, s->units);
    fprintf(f, P_("%zu duplicate, ", "%zu duplicates, ", s->duplicates), s->duplicates);
    fprintf(f, _("source language %s\n"), s->srclang ? s->srclang : "?");
    fputs("  ", f);
    print_column(f, _("language"), -10);
    static const char *heads[] = {N_("segments"), N_("empty"), N_("untranslated"), N_("outliers")};
    static const int widths[] = {11, 9, 14, 10};
    for (int k = 0; k < 4; k++)
        print_column(f, _(heads[k]), widths[k]);
    fputc('\n', f);
    for (size_t k = 0; k < s->nlang; k++)
        fprintf(f, "  %-10s %11zu %9zu %14zu %10zu\n", s->lang[k].tag, s->lang[k].tuvs, s->lang[k].empty,
                s->lang[k].untranslated, s->lang[k].outliers);
}

void tmx_stats_report_jsonl(FILE *f, const char *file, const tmx_stats *s)
{
    json_t *langs = json_object();
    for (size_t k = 0; k < s->nlang; k++)
        json_object_set_new(langs, s->lang[k].tag,
                            json_pack("{s:I,s:I,s:I,s:I}", "segments", (json_int_t)s->lang[k].tuvs, "empty",
                                      (json_int_t)s->lang[k].empty, "untranslated",
                                      (json_int_t)s->lang[k].untranslated, "outliers",
                                      (json_int_t)s->lang[k].outliers));
    json_t *o = json_pack("{s:s,s:I,s:I,s:s?,s:o}", "file", file, "units", (json_int_t)s->units, "duplicates",
                          (json_int_t)s->duplicates, "srclang", s->srclang, "languages", langs);
    json_dumpf(o, f, JSON_COMPACT);
    fputc('\n', f);
    json_decref(o);
}
