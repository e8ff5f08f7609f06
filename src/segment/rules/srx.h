/* srx.h — SRX 2.0 segmentation rules: parsed, mapped to a language, ready to compile.
 *
 * SRX is the rules format CAT tools share (Okapi, OmegaT, LanguageTool): named
 * <languagerule>s holding ordered break / no-break rules (a regex before and a regex after
 * the break position), and <maprules> choosing rules by a regex on the language code, with
 * cascade="yes" meaning every matching map applies in order. Our built-in rules are SRX
 * too, so a user's file and ours go through the same code. */
#ifndef POLYALIGN_SRX_H
#define POLYALIGN_SRX_H

#include <stddef.h>

typedef struct {
    int do_break;       /* break="yes" (the default) or "no" */
    char *before;       /* ICU regex matching just before the position ("" = anything) */
    char *after;        /* ICU regex matching from the position ("" = anything) */
    int line;           /* line in the SRX file, for messages */
} srx_rule;

typedef struct srx srx;

/* Parse SRX from memory; `name` is used in messages. 0 or -ERR_DATA / -ERR_IO. */
int srx_parse(const char *xml, size_t len, const char *name, srx **out);

/* Read and parse an SRX file. 0 or -ERR_NOINPUT / -ERR_DATA / -ERR_IO. */
int srx_load(const char *path, srx **out);

/* The rules that apply to `lang` (a BCP 47 tag), in order, honouring cascade. Fills
 * *rules with a malloc'd array of pointers into `s` (free() it) and returns the count,
 * or a negative error code. */
int srx_rules_for(const srx *s, const char *lang, const srx_rule ***rules);

/* Name of the SRX source, for messages. */
const char *srx_name(const srx *s);

void srx_free(srx *s);

#endif
