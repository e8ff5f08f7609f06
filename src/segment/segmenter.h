/* segmenter.h — sentences out of a UTF-8 document: ICU's sentence BreakIterator, SRX
 * exception rules and a learned boundary model.
 *
 * ICU proposes every break it would make (UAX #29); the ordered SRX rules then decide at
 * each proposal, first matching rule wins, and break="yes" rules may also propose breaks
 * ICU missed. Where no rule matches, the learned model (boundary_model.h) decides, at
 * ICU's proposals and at the spaces between tokens where a sentence may end without a
 * mark. Paragraphs (runs of non-blank lines) are hard boundaries; what a single newline
 * inside a paragraph is, a caller says (newline_mode). */
#ifndef POLYALIGN_SEGMENTER_H
#define POLYALIGN_SEGMENTER_H

#include <stddef.h>

#include "../text/lines.h"
#include "boundary_model.h"
#include "rules/srx.h"

typedef struct segmenter segmenter;

typedef struct {
    size_t start, end;  /* byte span of the sentence, whitespace trimmed */
    size_t para;        /* 0-based paragraph index */
    size_t index;       /* 0-based sentence index in the document */
    size_t wraps;       /* line breaks inside the span that were unwrapped into spaces */
} sentence_span;

/* Called once per sentence, in order; return non-zero to stop. */
typedef int (*sentence_fn)(const char *text, const sentence_span *s, void *ctx);

/* A segmenter for a canonical BCP 47 tag. `rules` are a user's SRX (borrowed, must outlive
 * the segmenter) or NULL for the built-in rules, which come with the built-in model of
 * the language when there is one (en, ru, zh): the model was trained on their verdicts,
 * so a user's rules run without it, as ICU and rules alone. 0 or negative error code. */
int segmenter_new(const char *lang, const srx *rules, segmenter **out);

/* What a single newline inside a paragraph is: a wrap, except a newline a writer typed
 * (a heading's, a short line's whose next line starts as a sentence does: wraps.c); a
 * sentence end; a wrap always (the user said so). */
typedef enum { NEWLINES_WRAP = 0, NEWLINES_BREAK = 1, NEWLINES_ALL_WRAPS = 2 } newline_mode;

/* The newline mode of a text whose line structure the user `told` (LINES_AUTO: not told)
 * and that was `decided` (the same when told). */
newline_mode newline_mode_of(line_structure told, line_structure decided);

/* Segment text[0..len). The text is modified in place: the newlines inside a paragraph that
 * are wraps become spaces (same byte length, so offsets hold). Returns 0, the callback's
 * non-zero value, or a negative error code. */
int segmenter_run(segmenter *seg, char *text, size_t len, newline_mode newlines, sentence_fn emit, void *ctx);

/* Reads the next bytes of a document into buf[0..cap), ending at a character boundary
 * (*got = 0 at its end). 0 or a negative error code. */
typedef int (*text_read_fn)(void *ctx, char *buf, size_t cap, size_t *got);

/* Called once per sentence of a streamed document: its text is sentence[0..s->end -
 * s->start), s's offsets count from the start of the document. */
typedef int (*stream_sentence_fn)(const char *sentence, const sentence_span *s, void *ctx);

/* Segment a document read a block at a time, in memory that does not grow with it: the
 * same sentences, numbers and offsets as segmenter_run over the whole text, when `stats`
 * are the counts of the whole text (survey.h gathers them in a first pass; NULL: the
 * segmenter has no model). `block` bytes are read at a time (0: the default, 1 MB per
 * thread; threads start once 4 MB, or four blocks, are read); a window holds the
 * paragraphs not yet segmented, so a text without
 * blank lines is held whole. Returns 0, the callback's non-zero value, or a negative
 * error code. */
struct doc_stats;
int segmenter_run_stream(segmenter *seg, text_read_fn read, void *read_ctx, const struct doc_stats *stats,
                         newline_mode newlines, size_t block, stream_sentence_fn emit, void *ctx);

/* Texts of 4 MB or more are cut at paragraph ends and segmented on up to `jobs` threads
 * (default 1), each with its own copy of the segmenter; the sentences are the same. */
void segmenter_set_jobs(segmenter *seg, int jobs);

/* With on = 0, every rule's regex runs at every position, without the character-set
 * filters of rule_filter.h (tests check that the filters change no decision). */
void segmenter_set_filtering(segmenter *seg, int on);

/* The learned model in force (borrowed, must outlive the segmenter; NULL: ICU and the
 * rules alone). The trainer and the tests set their own. */
void segmenter_set_model(segmenter *seg, const boundary_model *model);

/* A place where a sentence may end, as the trainer sees it. */
typedef enum {
    CANDIDATE_ICU,      /* ICU proposed it: the model decides where no rule does */
    CANDIDATE_GAP,      /* a space after a token: the same */
    CANDIDATE_FIXED,    /* decided without the model: by a break rule tried where neither
                           applies (rule), or a plain sentence end of ICU's that the
                           model's gate lets stand (rule 1) */
    CANDIDATE_HARD      /* a paragraph end or the end of the text: always a break */
} candidate_kind;

typedef struct {
    size_t at;          /* byte offset: the sentence would end here */
    candidate_kind kind;
    int rule;           /* the rules' verdict: 1 break, 0 no break, -1 none matched */
    int rule_index;     /* which rule (0-based, in the order they apply; -1: none, or
                           inside quotes or brackets) */
    const boundary_features *features; /* ICU and GAP candidates only */
} boundary_candidate;

typedef void (*boundary_observer)(const char *text, const boundary_candidate *c, void *ctx);

/* Tell fn of every place a break is decided, in order, with its features and the rules'
 * verdict, also where a rule decides, so that the sentences of any model follow from
 * them (NULL: stop). For training: single-threaded runs only. */
void segmenter_set_observer(segmenter *seg, boundary_observer fn, void *ctx);

/* Number of SRX rules in force (for diagnostics). */
size_t segmenter_rule_count(const segmenter *seg);

void segmenter_free(segmenter *seg);

/* A growable array of sentences, filled by passing sentence_list_push as the callback. */
typedef struct {
    sentence_span *v;
    size_t n, cap;
} sentence_list;

int sentence_list_push(const char *text, const sentence_span *s, void *list);
void sentence_list_free(sentence_list *l);

/* The contract of every segmentation (issue 15): the sentences, in order and disjoint,
 * hold every character of text[0..len) that is not White_Space, so that nothing a user
 * wrote is lost on its way to an alignment or a subtitle. 1 when spans v[0..n) keep it;
 * else 0 and *bad_at is the byte offset of the first character lost, or the start of
 * the first span out of order. Tests and the fuzz target check every segmentation. */
int sentence_spans_cover(const char *text, size_t len, const sentence_span *v, size_t n, size_t *bad_at);

#endif
