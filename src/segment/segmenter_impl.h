/* segmenter_impl.h — what the files of the segmenter share, and no one else sees.
 *
 * segmenter.c builds and frees a segmenter and runs a document; stretch.c segments one
 * stretch between paragraph ends (ICU's breaks walked, the rules and the model asked);
 * parallel.c runs the stretches of a large text on several threads; emit.c trims and
 * numbers the sentences; wraps.c turns wrapped lines into spaces and finds paragraph
 * ends; spaces.c reads the whitespace and opening marks around a break. The rule engine
 * is rules/rule_set.h; the learned model boundary_model.h. */
#ifndef POLYALIGN_SEGMENTER_IMPL_H
#define POLYALIGN_SEGMENTER_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include <unicode/ubrk.h>

#include "../text/lang.h"
#include "boundary_model.h"
#include "doc_stats.h"
#include "rules/rule_set.h"
#include "segmenter.h"
#include "word_lists.h"

enum { SCAN_RULE = 1, SCAN_SPACE = 2, SCAN_TWO = 4 /* a two-byte character: see scan_two */ };

/* texts this long or longer may run on several threads (segmenter_set_jobs) */
enum { PARALLEL_MIN_BYTES = 4 << 20 };

struct segmenter {
    char lang[LANG_TAG_MAX];
    UBreakIterator *breaks;
    rule_set *rules;              /* the SRX rules of the language, compiled */
    size_t nbreak;                /* how many of them are break="yes" rules */
    uint8_t scan_bits[2][256];    /* per byte, [filtering off]: SCAN_RULE where a break rule's
                                     AFTER may start (none without break rules), SCAN_SPACE
                                     where a White_Space character may, SCAN_TWO on the lead
                                     bytes of two-byte characters that have either */
    uint8_t scan_two[2][0x800];   /* the same per two-byte character (U+0080-U+07FF, by code
                                     point), finer than its lead byte: SCAN_RULE where a break
                                     rule's AFTER may start with it, SCAN_SPACE where it is a
                                     space (Russian letters have neither) */
    int protect_pairs;            /* quotes and brackets protect (built-in rules) */
    int no_filter;                /* evaluate every rule (tests compare with and without) */
    srx *builtin;                 /* owned when the built-in rules are used */
    const srx *source;            /* the caller's rules (NULL: built-in), for copies */
    int jobs;                     /* threads for large texts */
    boundary_model *own_model;    /* the built-in model of the language (NULL: none) */
    word_lists *words;            /* what the model knows of the language's words */
    int spaced;                   /* words are written apart: a space may end a sentence
                                     unmarked (not so in Chinese, where one seldom does) */
    const boundary_model *model;  /* the model in force (NULL: ICU and the rules alone) */
    boundary_observer observe;    /* training: told of every candidate */
    void *observe_ctx;
};

/* Byte offsets of the newlines unwrap_lines turned into spaces, in order. */
typedef struct {
    size_t *at;
    size_t n, cap;
} offset_list;

/* wraps.c: newlines joining two non-blank lines become spaces (wrapped text is one
 * paragraph), their positions kept so that a sentence can say it was wrapped; with
 * `typed`, not those a writer typed (a heading's: typed_newline in wraps.c). */
int unwrap_lines(char *t, size_t len, int typed, offset_list *wraps);

/* The same for t[from..to), a run of whole paragraphs (from follows a paragraph end or is
 * the start of the text; to is a paragraph end or the end of the text): what unwrap_lines
 * over the whole text does there. */
int unwrap_lines_in(char *t, size_t from, size_t to, int typed, offset_list *wraps);

/* After the end of the blank line at or after byte `at`, or len: a paragraph end, where
 * no pair of quotes stays open and the rules decide nothing. */
size_t paragraph_end_after(const char *t, size_t len, size_t at);

/* spaces.c: lengths of the character ending at (before) or starting at (after) byte i
 * when it is a White_Space the segmenter trims (ASCII, U+00A0, U+3000), else 0; of an
 * opening quote or bracket ending at i; whether text[from..to) is blank. */
size_t space_before(const char *t, size_t i);
size_t space_after(const char *t, size_t i, size_t len);
size_t opener_before(const char *t, size_t i);
int is_blank_line(const char *t, size_t from, size_t to);
/* The end of the quote marks at t[p..to) that close the sentence ending before p (then
 * perhaps its own . ! ?), when a space or `to` follows them: those ICU leaves to the next
 * sentence ("сезону.&#39;&#39; Тем", "любовь? ``. В"). glued: no space before p; after
 * one the run must end in a mark, "? ``.". p when there are none. */
size_t closing_quotes_after(const char *t, size_t p, size_t to, int glued);
/* The first byte from i on, before `to`, that is not such a space (or `to`). */
size_t skip_spaces(const char *text, size_t len, size_t i, size_t to);

/* Whether a quotation in ' is open, read left to right through a stretch: a straight '
 * with spaces on both sides ("the phrase. ' And on April 3") may open the next sentence
 * or close the last one, and only what came before tells. One after a space opens, one
 * after a sentence mark or a word closes ("the word 'go' is"), one inside a word is an
 * apostrophe, one standing apart turns the state. */
typedef struct {
    size_t at;          /* read up to here */
    int open;
    int seen;           /* a quote mark (not an apostrophe) was read */
} quote_parity;

/* Does what starts at byte i go on a sentence rather than start one: a comma, semicolon
 * or colon, or a word in lower case? */
int continues_sentence(const char *t, size_t i, size_t to);

/* When the ' (or '') at t[p] has spaces (or the stretch's end) on both sides and closes an
 * open quotation (or comes before what continues_sentence), the bytes it takes, with a full
 * stop standing apart after it ("'' ."),
 * reading [qp->at, p) first; else 0. p only grows between calls. */
size_t detached_quote_closes(quote_parity *qp, const char *t, size_t len, size_t p, size_t to);

/* emit.c: sentences trimmed of their spaces, numbered, their paragraphs counted through
 * the gaps between them (two newlines: a blank line), handed to `emit`. */
typedef struct {
    sentence_fn emit;
    void *ctx;
    size_t prev_end, para, index;
    int any;
    const offset_list *wraps;
    size_t next_wrap;       /* first wrap position not yet passed */
} emitter;

int emit_span(emitter *em, const char *t, size_t len, size_t from, size_t to);

/* stretch.c: segment text[from..to), a stretch that ends at a paragraph end or the end of
 * the text, into em; the rules and the model see the whole text[0..len). */
int run_stretch(segmenter *seg, char *text, size_t len, size_t from, size_t to, const doc_stats *stats,
                emitter *em);

/* The numbers of the next sentence, carried from one run_parallel to the next. */
typedef struct {
    size_t index, para;
    int any;                /* sentences were emitted before */
} sentence_numbers;

/* parallel.c: the same on seg->jobs threads, cut at paragraph ends: a pool of helper
 * threads (each with its own copy of the segmenter) that runs text[begin..end)
 * (paragraph ends, or the ends of the text), numbers going on from *numbers; the pool
 * reads none of the text once a run has returned. */
typedef struct parallel_pool parallel_pool;
int parallel_pool_new(segmenter *seg, parallel_pool **out);
int parallel_pool_run(parallel_pool *q, char *text, size_t len, size_t begin, size_t end, const offset_list *wraps,
                      const doc_stats *stats, sentence_numbers *numbers, sentence_fn emit, void *ctx);
void parallel_pool_free(parallel_pool *q);

/* The whole text through a pool of its own. */
int run_parallel(segmenter *seg, char *text, size_t len, const offset_list *wraps, const doc_stats *stats,
                 sentence_fn emit, void *ctx);

#endif
