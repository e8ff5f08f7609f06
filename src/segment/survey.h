/* survey.h — what a document says of itself, gathered in a first pass over its blocks.
 *
 * A text read in blocks (text_blocks.h) is segmented exactly as the whole text would be
 * only when the whole-document evidence is known before the first block is segmented:
 * the Punkt-style counts of its words (doc_stats.h) and, when they are to be decided,
 * what a newline means (lines.h, tallied line by line) and the language (script.h, from
 * the first SCRIPT_GUESS_LETTERS letters: the survey keeps the text's first lines until
 * they hold that many, or all of a text with fewer). The counts are gathered a window
 * at a time. */
#ifndef POLYALIGN_SURVEY_H
#define POLYALIGN_SURVEY_H

#include <stddef.h>

#include "../text/lines.h"
#include "doc_stats.h"

typedef struct doc_survey doc_survey;

/* want_lines: tally the line structure; want_lang: keep the prefix for the language. */
int doc_survey_new(int want_lines, int want_lang, doc_survey **out);

/* The next bytes of the text (complete characters, valid UTF-8). 0 or -ERR_NOMEM. */
int doc_survey_add(doc_survey *s, const char *bytes, size_t n);

/* The text has ended: count what is left. 0 or -ERR_NOMEM. */
int doc_survey_finish(doc_survey *s);

/* The text's first lines (all of it when it has few letters): script_guess_language
 * decides on them as on the whole text. Borrowed. */
const char *doc_survey_prefix(const doc_survey *s, size_t *len);

/* The line structure, as text_line_structure over the whole text (after finish). */
line_evidence doc_survey_lines(doc_survey *s);

/* The counts, handed over (the survey keeps none). */
doc_stats *doc_survey_take_stats(doc_survey *s);

void doc_survey_free(doc_survey *s);

#endif
