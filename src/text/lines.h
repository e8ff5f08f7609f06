/* lines.h — what a single newline means in a plain-text file.
 *
 * The same bytes "…text\nmore…" are a wrap inside a sentence in hard-wrapped prose, a
 * sentence boundary in a file of one sentence per line (verses, subtitles, bitext lines,
 * evaluation sets) and a paragraph boundary in what word processors' "Save as text"
 * gives (one paragraph per line, headings and list items on lines of their own).
 * Reading a verse-per-line file as wrapped prose joins verses into wrong sentences;
 * reading wrapped prose line by line cuts sentences in half. So each file's structure is
 * decided from its own lines (its first 2,000 followed by another non-blank line, where the
 * question arises): wrapped prose when most of them end without a sentence end and
 * their lengths cluster below a common width; otherwise the lines are units, one
 * sentence each when a line holds on average at most one sentence end inside it, a
 * paragraph each when more. Measured on the dev sets (README): wrapped text ends 95-100 %
 * of its lines mid-sentence with 96-100 % of the lines near its width; verse, novel and UN
 * files 0-31 % with 27-39 % near; one sentence per line holds 0-0.34 sentence ends
 * inside a line, one paragraph per line 2.75-3. */
#ifndef POLYALIGN_TEXT_LINES_H
#define POLYALIGN_TEXT_LINES_H

#include <stddef.h>

typedef enum {
    LINES_AUTO = 0,     /* decide from the file */
    LINES_WRAP,         /* single newlines are wraps inside a paragraph */
    LINES_SENTENCE,     /* each line is one sentence (a unit, whatever it holds) */
    LINES_PARAGRAPH     /* each line ends a sentence; sentences inside are found */
} line_structure;

typedef struct {
    line_structure structure;
    size_t lines;           /* lines followed by another non-blank line: the evidence */
    double mid_sentence;    /* share of those ending without a sentence end */
    double near_width;      /* share at least 0.7 of the 90th-percentile length */
    double inner_ends;      /* sentence ends inside a line, per line */
} line_evidence;

/* The evidence is a file's first LINES_EVIDENCE_MAX lines followed by a non-blank one. */
enum { LINES_EVIDENCE_MAX = 2000 };

/* The same decision over a text given a block at a time (segment reads large files so):
 * init, add the blocks in order (any cut, even inside a character), finish. Memory: the
 * evidence, the last line and the line a block ends inside. */
typedef struct {
    size_t *lengths, cap, lines, mid, inner;
    int long_lines;         /* a line of more than a few words, or with a sentence end inside */
    size_t nonblank, ending; /* non-blank lines; of them, those that end a sentence */
    size_t longest;         /* the longest non-blank line, in characters, the last one too */
    int have_prev, full;
    const char *prev;       /* the last whole line, trimmed */
    size_t prev_len;
    char *prev_buf, *part;  /* its copy; the line the last block ended inside */
    size_t prev_cap, part_len, part_cap;
} line_tally;

void line_tally_init(line_tally *t);
/* 0, or -1 when out of memory (the evidence seen so far still decides). */
int line_tally_add(line_tally *t, const char *bytes, size_t n);
/* The decision (as text_line_structure's); frees the tally. */
line_evidence line_tally_finish(line_tally *t);
void line_tally_free(line_tally *t);

/* Decide the structure of text[0..len) (valid UTF-8). With fewer than three lines
 * followed by another non-blank one there is too little to go on: LINES_WRAP (a single
 * newline is a wrap, as it always was), lines 0; unless every line is short (a few words
 * and no sentence end inside: a list, a greeting or a signature), when they are units. */
line_evidence text_line_structure(const char *text, size_t len);

/* "wrap", "sentence", "paragraph" -> structure, or -1. */
int line_structure_parse(const char *name);

/* A phrase for messages: "hard-wrapped prose", "one sentence per line", … (marked for
 * translation; print it through _()). */
const char *line_structure_name(line_structure s);

#endif
