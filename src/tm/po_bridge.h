/* po_bridge.h — gettext PO catalogs to and from TMX, through libgettextpo.
 *
 * Software translators keep their work in PO files and their memories in TMX; the bridge
 * lets one feed the other. Each message becomes one unit (each plural form one unit,
 * tied together by props so that the way back rebuilds the plural message); msgctxt,
 * flags and comments travel as props and notes; the PO header rides in the TMX header,
 * so Plural-Forms survive. Fuzzy messages are left out unless asked for. */
#ifndef POLYALIGN_PO_BRIDGE_H
#define POLYALIGN_PO_BRIDGE_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    size_t messages, units, skipped_fuzzy;
    size_t untranslated;    /* po2tmx: messages (or plural forms) with no translation yet, left out */
    size_t obsolete;        /* po2tmx: obsolete (#~) entries, left out */
    size_t alternatives;    /* tmx2po: other translations of a message, kept as translator comments */
    size_t marked_fuzzy;    /* tmx2po: messages msgfmt --check would refuse, marked fuzzy */
} po_bridge_stats;

/* Units from PO files ("-": standard input) into a TMX written to `out`; `srclang` is the
 * msgid language. Catalogs in another charset than UTF-8 are converted from it. When no
 * unit at all would be written, -ERR_DATA (the caller discards `out`). */
int po_to_tmx(const char *const *paths, size_t npaths, const char *srclang, int include_fuzzy, FILE *out,
              po_bridge_stats *st);

/* A PO catalog for target language `lang` from a TMX ("-": standard input), written to
 * `out_path` (which the caller renames into place). One entry per msgctxt and msgid, as
 * msgfmt requires: the first unit's translation is the msgstr, the others that differ
 * become translator comments ("other translation: …"), counted in `alternatives`. A
 * message msgfmt --check would refuse (a line break at the start or end of one side
 * only, a format string that does not match) is kept, marked fuzzy and counted. */
int tmx_to_po(const char *tmx_path, const char *lang, const char *out_path, po_bridge_stats *st);

#endif
