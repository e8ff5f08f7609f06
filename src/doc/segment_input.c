/* segment_input.c — one input after another segmented, in blocks or whole; see
 * segment_input.h. */
#include "segment_input.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../segment/survey.h"
#include "../text/input.h"
#include "../text/script.h"
#include "../text/text_blocks.h"
#include "../util/error.h"
#include "sniff.h"

struct segment_inputs {
    segment_input_options o;
    segmenter *seg;             /* the one made last */
    char seg_lang[LANG_TAG_MAX]; /* its language */
    char lang[LANG_TAG_MAX];    /* the language in force */
};

/* The segmenter of `lang`: the one made last when it is of that language, else a new
 * one. 0 or a negative error code. */
static int segmenter_for(segment_inputs *s, const char *lang)
{
    if (s->seg && strcmp(s->seg_lang, lang) == 0)
        return 0;
    segmenter_free(s->seg);
    s->seg = NULL;
    int rc = segmenter_new(lang, s->o.rules, &s->seg);
    if (rc < 0)
        return rc;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    segmenter_set_jobs(s->seg, (int)(s->o.jobs ? s->o.jobs : cpus > 0 ? cpus : 1));
    snprintf(s->seg_lang, sizeof s->seg_lang, "%s", lang);
    return 0;
}

int segment_inputs_new(const segment_input_options *o, segment_inputs **out)
{
    *out = NULL;
    segment_inputs *s = calloc(1, sizeof *s);
    if (!s)
        return error_nomem();
    s->o = *o;
    if (o->lang) {
        snprintf(s->lang, sizeof s->lang, "%s", o->lang);
        int rc = segmenter_for(s, s->lang);
        if (rc < 0) {
            free(s);
            return rc;
        }
    }
    *out = s;
    return 0;
}

void segment_inputs_free(segment_inputs *s)
{
    if (!s)
        return;
    segmenter_free(s->seg);
    free(s);
}

/* Without a language from the options, the input's own, guessed from its script. */
static int language_of(segment_inputs *s, const char *text, size_t len, segment_input_info *info)
{
    if (s->o.lang)
        return 0;
    script_guess_language(text, len, s->lang);
    /* no letters (digits, symbols, an empty file): English rules, no guess to report */
    info->guessed_lang = s->lang[0] ? s->lang : NULL;
    if (!s->lang[0])
        snprintf(s->lang, sizeof s->lang, "en");
    return segmenter_for(s, s->lang);
}

/* Does the first block read buf[0..n) start a plain text, as doc_read would tell from the
 * whole file? Its magic numbers are in the block, and markup (HTML, XML) would start
 * with '<' after any spaces; whole says the block is the whole file. */
static int plain_text_start(const char *buf, size_t n, int whole)
{
    sniff_result sn;
    sniff_bytes(buf, n, &sn);
    size_t i = 0;
    while (i < n && buf[i] && strchr(" \t\n\r\f", buf[i])) /* strchr finds the NUL too */
        i++;
    return sn.kind == SNIFF_TEXT && (i < n ? buf[i] != '<' : whole);
}

static int read_block(void *ctx, char *buf, size_t cap, size_t *got)
{
    text_blocks *tb = ctx;
    return text_blocks_read(tb, buf, cap, got);
}

/* The first pass over a plain UTF-8 file: its blocks validated and surveyed (survey.h).
 * 0, 1 when the file is not plain UTF-8 (left to doc_read), or a negative error code. */
static int survey_blocks(text_blocks *tb, size_t block, doc_survey *sv)
{
    char *buf = malloc(block);
    if (!buf)
        return error_nomem();
    int rc = 0;
    for (size_t got = 1, first = 1; rc == 0 && got > 0; first = 0) {
        rc = text_blocks_read(tb, buf, block, &got);
        if (rc == 0 && (tb->bad || (first && !plain_text_start(buf, got, tb->eof))))
            rc = 1;
        if (rc == 0)
            rc = doc_survey_add(sv, buf, got);
    }
    free(buf);
    return rc == 0 ? doc_survey_finish(sv) : rc;
}

/* A plain UTF-8 text file (or standard input) segmented in two passes over its blocks:
 * the survey, then the sentences, the same as segment_whole gives. 0 or a negative error
 * code; 1 when the file is anything else (another format or encoding named, markup, bad
 * bytes, not a regular file): tb is then left for the whole-file reader. */
static int segment_streamed(segment_inputs *s, const char *path, text_blocks *tb, const segment_input_sink *sink)
{
    const segment_input_options *o = &s->o;
    doc_format by_name = doc_format_of_name(path);
    if ((o->encoding && !encoding_is_auto(o->encoding) && !encoding_is_utf8(o->encoding)) ||
        (o->input_format != DOC_AUTO && o->input_format != DOC_TXT) ||
        (o->input_format == DOC_AUTO && by_name != DOC_AUTO && by_name != DOC_TXT))
        return 1;
    int rc = text_blocks_open(path, tb);
    if (rc != 0)
        return rc;
    doc_survey *sv = NULL;
    rc = doc_survey_new(o->lines == LINES_AUTO, !o->lang, &sv);
    if (rc == 0)
        rc = survey_blocks(tb, o->block ? o->block : 1 << 20, sv);
    doc_stats *stats = rc == 0 ? doc_survey_take_stats(sv) : NULL;
    if (rc == 0) {
        segment_input_info info = {text_input_name(path), {"", 0}, DOC_TXT, 0, 0, 0, {o->lines, 0, 0, 0, 0}, NULL,
                                   tb->bom};
        if (o->lines == LINES_AUTO)
            info.lines = doc_survey_lines(sv);
        size_t plen;
        const char *prefix = doc_survey_prefix(sv, &plen);
        rc = language_of(s, prefix, plen, &info);
        if (sink->info)
            sink->info(sink->ctx, &info);
        if (rc == 0)
            rc = text_blocks_rewind(tb);
        if (rc == 0)
            rc = segmenter_run_stream(s->seg, read_block, tb, stats, newline_mode_of(o->lines, info.lines.structure), o->block,
                                      sink->sentence, sink->ctx);
    }
    doc_stats_free(stats);
    doc_survey_free(sv);
    return rc;
}

/* segmenter_run's sentences to the sink's, which take the sentence's own text */
static int whole_sentence(const char *text, const sentence_span *sp, void *ctx)
{
    const segment_input_sink *sink = ctx;
    return sink->sentence(text + sp->start, sp, sink->ctx);
}

/* A file read whole (doc_read.h: every format and encoding) and segmented. */
static int segment_whole(segment_inputs *s, const char *path, const segment_input_sink *sink)
{
    const segment_input_options *o = &s->o;
    doc_input doc;
    doc_read_options ro = {o->encoding, o->input_format};
    int rc = doc_read(path, &ro, &doc);
    if (rc != 0)
        return rc;
    text_input in = doc.text;
    segment_input_info info = {in.name, in.encoding, doc.format, doc.by_content, doc.nparas, doc.headings,
                               {o->lines, 0, 0, 0, 0}, NULL, in.offset};
    if (doc.format != DOC_TXT) /* one paragraph a line */
        info.lines.structure = LINES_PARAGRAPH;
    else if (o->lines == LINES_AUTO)
        info.lines = text_line_structure(in.bytes, in.len);
    rc = language_of(s, in.bytes, in.len, &info);
    if (sink->info)
        sink->info(sink->ctx, &info);
    if (rc == 0)
        rc = segmenter_run(s->seg, in.bytes, in.len, newline_mode_of(o->lines, info.lines.structure), whole_sentence,
                           (void *)sink);
    doc_input_free(&doc);
    return rc;
}

int segment_inputs_run(segment_inputs *s, const char *path, const segment_input_sink *sink)
{
    text_blocks tb = {.fd = -1};
    int rc = s->o.whole ? 1 : segment_streamed(s, path, &tb, sink);
    if (rc == 1 && (rc = text_blocks_fallback(&tb)) == 0)
        rc = segment_whole(s, path, sink);
    text_blocks_close(&tb);
    return rc;
}
