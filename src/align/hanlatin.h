/* hanlatin.h — the Latin spelling (pinyin, ASCII, lower case) of each Han character,
 * cached for all the documents of a command and all its threads.
 *
 * Names in Chinese meet their English spelling through pinyin (features.h), one Han
 * character at a time. ICU's Han-Latin transliterator is slow to run and, being made
 * from ICU's registry, shares its rules with every other instance: ICU then takes one
 * process-wide lock while it runs, so batch threads that transliterate at once wait for
 * each other. Documents of a corpus share most of their characters, so each character
 * is spelt once, by whichever thread meets it first, and read by all without a lock: a
 * slot is claimed by an atomic exchange and published with a release store; a thread
 * that finds a slot being written spells the character itself (the same spelling). The
 * transliterator is opened only when a character is not in the cache yet. */
#ifndef POLYALIGN_ALIGN_HANLATIN_H
#define POLYALIGN_ALIGN_HANLATIN_H

#include <unicode/utrans.h>

/* the longest spelling kept (zhuang: 6) */
#define HAN_SPELLING_MAX 8

typedef struct han_spellings han_spellings;

/* An empty cache (CJK Extension A and the unified ideographs, U+3400..U+9FFF). */
int han_spellings_new(han_spellings **out);
void han_spellings_free(han_spellings *h);

/* The spelling of c into out ("" when the transliterator gives no Latin letter): 1; or 0
 * when c is outside the cached range. A miss transliterates with *trans, opened here on
 * first need (the caller closes it with utrans_close); -ERR_SOFTWARE when ICU has no
 * Han-Latin. */
int han_spelling(han_spellings *h, UTransliterator **trans, UChar32 c, char out[HAN_SPELLING_MAX + 1]);

#endif
