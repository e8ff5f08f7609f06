/* lexsource.h — reading dictionaries in their published formats into a lexicon builder.
 *
 *   tsv       a user's termbase: `source<TAB>target` per line (source: the pivot language)
 *   dic       hunalign's dictionary: `target @ source` per line
 *   cedict    CC-CEDICT: `TRAD SIMP [pin1 yin1] /gloss/gloss/` (Chinese-English)
 *   freedict  a dictd database (FreeDict): the .index (word, base64 offset and length)
 *             and the uncompressed .dict text of each entry
 *   mueller   a dictd database in the layout of Mueller's English-Russian dictionary
 *             (Debian's mueller7-dict): transcription, labels, numbered senses, examples
 *
 * Each entry's two sides become keys (lexwords.h) and every key of one side is linked
 * with every key of the other: the coverage score weighs each word by how informative its
 * links turn out to be in the document, so noisy glosses cost little. A user's file that
 * does not parse is an error naming file and line; the published dictionaries are read
 * leniently (lines that are not entries are counted and skipped). */
#ifndef POLYALIGN_ALIGN_LEXSOURCE_H
#define POLYALIGN_ALIGN_LEXSOURCE_H

#include <stddef.h>

#include "lexicon.h"
#include "lexsynonyms.h"

typedef enum { LEXSRC_TSV, LEXSRC_DIC, LEXSRC_CEDICT, LEXSRC_FREEDICT, LEXSRC_MUELLER } lexsource_format;

/* Format of a user's lexicon from its name: .dic is hunalign's, anything else TSV. */
lexsource_format lexsource_guess(const char *path);

/* Read `path` (for freedict and mueller, `path` is the .dict text and `index` the .index) into b,
 * whose side 0 is the source language. *skipped (may be NULL) counts lines passed over
 * in lenient formats. 0 or a negative error code. */
int lexsource_read(lexicon_builder *b, const char *lang0, const char *lang1, lexsource_format fmt,
                   const char *path, const char *index, size_t *skipped);

/* What lexsource_read_with adds: each English word that is an entry's only word on side 0
 * brings along the untranslated words it is the first sense of (`synonyms`, may be
 * NULL); with `lone_words_only`, only such entries are read (the words a dictionary
 * translates directly, which lexsynonyms_read asks about). */
typedef struct {
    const lexsynonyms *synonyms;
    int lone_words_only;
} lexsource_options;

int lexsource_read_with(lexicon_builder *b, const char *lang0, const char *lang1, lexsource_format fmt,
                        const char *path, const char *index, const lexsource_options *options, size_t *skipped);

#endif
