/* lang.h — language tags: BCP 47 in, canonical BCP 47 out, through ICU's uloc.
 *
 * Users type en, en_GB, zh-cn or ru-RU; files, TMX and messages need one spelling.
 * A tag whose language ICU does not know is refused, so a typo never silently selects
 * root-locale behaviour. */
#ifndef POLYALIGN_LANG_H
#define POLYALIGN_LANG_H

#include <stddef.h>

#define LANG_TAG_MAX 64

/* Canonicalize `tag` into out (BCP 47, e.g. "zh-CN"). 0, or -ERR_USAGE when the tag is
 * malformed or its language unknown to ICU. */
int lang_normalize(const char *tag, char out[LANG_TAG_MAX]);

/* The ICU locale ID for a canonical tag ("zh-Hans-CN" -> "zh_Hans_CN"). */
void lang_to_locale(const char *tag, char out[LANG_TAG_MAX]);

/* The language subtag alone ("zh-CN" -> "zh"). */
void lang_base(const char *tag, char out[LANG_TAG_MAX]);

/* Do two tags name the same language as far as both go? ("ru" and "ru-RU" do, "zh-CN"
 * and "zh-TW" do not; case is ignored.) */
int lang_tags_match(const char *a, const char *b);

/* Is the language written without spaces between words (Chinese, Japanese, Thai)? Its
 * words are dictionary headwords or characters, never what lies between spaces: the
 * lexicons and the fuzzy index tokenize it so. Any tag or base ("zh", "zh-CN", "ZH_tw"). */
int lang_is_unspaced(const char *tag);

/* Are its sentences, and the lines of a subtitle, also joined without a space? Chinese
 * and Japanese; Thai, unspaced within a sentence, puts a space between sentences. */
int lang_joins_unspaced(const char *tag);

/* Expand a tag to the full form CAT tools match on (en -> en-US, zh -> zh-CN) using ICU's
 * likely subtags; a tag with a region is kept. */
void lang_full_tag(const char *tag, char out[LANG_TAG_MAX]);

#endif
