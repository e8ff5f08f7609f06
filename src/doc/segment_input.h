/* segment_input.h — the sentences of one input after another, as `polyalign segment`
 * prints them: the library side of the command, so that the CLI only parses, reports and
 * prints.
 *
 * A plain UTF-8 text (a file or standard input) is read in blocks, twice, in memory that
 * does not grow with it (text/text_blocks.h, segment/survey.h, segmenter_run_stream):
 * first to validate it and to learn what must be known of the whole before the first
 * sentence (the document's abbreviation counts, what a single newline is, its language),
 * then to segment it. Anything else (HTML, DOCX, ODT, Markdown, a legacy encoding, bad
 * bytes, a named format) is read whole by doc_read.h; both give the same sentences. The
 * segmenter is kept from one input to the next while the language stays the same. */
#ifndef POLYALIGN_DOC_SEGMENT_INPUT_H
#define POLYALIGN_DOC_SEGMENT_INPUT_H

#include <stddef.h>

#include "../segment/rules/srx.h"
#include "../segment/segmenter.h"
#include "../text/encoding.h"
#include "../text/lang.h"
#include "../text/lines.h"
#include "doc_read.h"

typedef struct {
    const char *lang;           /* a canonical tag, or NULL: each input in the language its
                                 * script says (English when it has no letters to tell) */
    line_structure lines;       /* LINES_AUTO: decided per input */
    const char *encoding;       /* NULL or "auto": UTF-8, else detected (encoding.h) */
    doc_format input_format;    /* DOC_AUTO: from the content and the name */
    long jobs;                  /* threads; 0: one per processor */
    srx *rules;                 /* borrowed; NULL: the built-in rules */
    size_t block;               /* bytes per block (0: 1 MB; tests use a few) */
    int whole;                  /* read every input whole (to compare with) */
} segment_input_options;

/* What is known of an input before its first sentence, for the caller to report. */
typedef struct {
    const char *name;           /* as messages name it ("<stdin>" for "-") */
    text_encoding encoding;     /* what it was converted from ("" for UTF-8) */
    doc_format format;          /* what it was read as */
    int format_by_content;      /* told from the content against its name */
    size_t paragraphs, headings; /* of a structured document */
    line_evidence lines;        /* what a single newline was taken for, and why */
    const char *guessed_lang;   /* the language guessed from the script, or NULL when the
                                 * options gave one or the text has no letters */
    size_t offset;              /* bytes before the text (a BOM): JSON offsets add them */
} segment_input_info;

typedef struct {
    void (*info)(void *ctx, const segment_input_info *info); /* before the sentences */
    stream_sentence_fn sentence; /* each sentence, its text at `sentence` */
    void *ctx;
} segment_input_sink;

typedef struct segment_inputs segment_inputs;

/* 0, or a negative error code (an unknown language, memory). */
int segment_inputs_new(const segment_input_options *o, segment_inputs **out);

/* Segment the input at `path` ("-": standard input) into `sink`. 0 or a negative error
 * code with its message (error.h); a file that is not valid UTF-8 gives no sentence. */
int segment_inputs_run(segment_inputs *s, const char *path, const segment_input_sink *sink);

void segment_inputs_free(segment_inputs *s);

#endif
