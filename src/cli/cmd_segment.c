/* cmd_segment.c — `polyalign segment`: print the sentences of text files.
 *
 * One sentence per line and an empty line between paragraphs, or JSON Lines with byte
 * offsets into the input as stored (a BOM counts). A file that is not valid UTF-8 prints
 * nothing at all, because its sentences cannot be trusted; the other files still run.
 * Files are read as doc_read.h says: HTML, DOCX, ODT and Markdown as their paragraphs
 * (JSON offsets then count the bytes of that text), formats it cannot read refused.
 * Without --lang each file is segmented in the language its script says, reported on
 * stderr (cli_guess_lang), as align guesses it. A plain UTF-8 text (a file or standard
 * input) is read in blocks, twice, in memory that does not grow with it (text_blocks.h,
 * survey.h, segmenter_run_stream); everything else is read whole, and both print the
 * same. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "../i18n.h"
#include "../doc/sniff.h"
#include "../segment/segmenter.h"
#include "../segment/survey.h"
#include "../segment/rules/srx.h"
#include "../text/encoding.h"
#include "../text/input.h"
#include "../text/text_blocks.h"
#include "../text/lang.h"
#include "../text/space.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "../util/file_ext.h"
#include "commands.h"

enum { OPT_FORMAT = 'f', OPT_JOBS = 'j', OPT_LANG = 'l', OPT_OUTPUT = 'o', OPT_NEWLINE = 256, OPT_RULES, OPT_LINES, OPT_ENCODING, OPT_INPUT_FORMAT };

typedef struct {
    const char *lang, *format, *output, *rules, *encoding;
    line_structure lines;   /* LINES_AUTO: decided per file */
    doc_format input_format;
    long jobs;              /* 0: one per processor */
} segment_args;

const cli_option segment_cli_options[] = {
    {"lang", OPT_LANG, 1, "LANG", N_("language of the text (BCP 47: en, zh-CN, ru …; default: guessed from each file's script and reported)"), CLI_TEXT(segment_args, lang)},
    {"format", OPT_FORMAT, 1, "FMT", N_("text (default) or jsonl"), CLI_TEXT(segment_args, format)},
    {"newline-breaks", OPT_NEWLINE, 0, NULL, N_("a single newline ends a sentence (the same as --lines paragraph)"), CLI_SET(segment_args, lines, LINES_PARAGRAPH)},
    {"lines", OPT_LINES, 1, "wrap|sentence|paragraph", N_("what a single newline is: a wrap inside a paragraph, or the end of a sentence (a line of one sentence, or of a paragraph); default: decided per file and reported"), CLI_LINES(segment_args, lines)},
    {"encoding", OPT_ENCODING, 1, "NAME", CLI_ENCODING_HELP, CLI_TEXT(segment_args, encoding)},
    {"input-format", OPT_INPUT_FORMAT, 1, "FMT", CLI_INPUT_FORMAT_HELP, CLI_INPUT_FORMAT(segment_args, input_format)},
    {"rules", OPT_RULES, 1, "FILE.srx", N_("use these SRX 2.0 rules instead of the built-in ones"), CLI_TEXT(segment_args, rules)},
    {"output", OPT_OUTPUT, 1, "FILE", N_("write to FILE (default: standard output)"), CLI_TEXT(segment_args, output)},
    {"jobs", OPT_JOBS, 1, "N", N_("threads for files of 4 MB or more (default: one per processor)"), CLI_COUNT(segment_args, jobs, 1, 64)},
    {0},
};

typedef struct {
    FILE *out;
    int jsonl;
    const char *file;       /* file name in JSON, when several files are given */
    size_t offset;          /* BOM length, added to JSON offsets */
    size_t last_para;
    int printed;            /* sentences printed so far, over all files */
    int printed_in_file;
    char *scratch;          /* collapsed sentence text */
    size_t scratch_cap;
} printer;

/* Print one sentence, whose text is sentence[0..s->end - s->start). */
static int print_at(const char *sentence, const sentence_span *s, void *ctx)
{
    printer *p = ctx;
    size_t len = s->end - s->start;
    if (s->wraps && space_needs_collapse(sentence, len)) {
        if (len > p->scratch_cap) {
            char *bigger = realloc(p->scratch, len);
            if (!bigger)
                return error_nomem();
            p->scratch = bigger;
            p->scratch_cap = len;
        }
        len = space_collapse(sentence, len, p->scratch);
        sentence = p->scratch;
    }
    if (p->jsonl) {
        json_t *o = json_pack("{s:I,s:I,s:I,s:I,s:s%}", "para", (json_int_t)s->para, "sent", (json_int_t)s->index,
                              "start", (json_int_t)(s->start + p->offset), "end",
                              (json_int_t)(s->end + p->offset), "text", sentence, len);
        if (!o)
            return error_set(ERR_SOFTWARE, _("cannot build JSON"));
        if (p->file)
            json_object_set_new(o, "file", json_string(p->file));
        json_dumpf(o, p->out, JSON_COMPACT);
        json_decref(o);
        fputc('\n', p->out);
    } else {
        /* an empty line between paragraphs, and between files */
        if (p->printed && (!p->printed_in_file || s->para != p->last_para))
            fputc('\n', p->out);
        fwrite(sentence, 1, len, p->out);
        fputc('\n', p->out);
    }
    p->last_para = s->para;
    p->printed++;
    p->printed_in_file++;
    return 0;
}

static int print_sentence(const char *text, const sentence_span *s, void *ctx)
{
    return print_at(text + s->start, s, ctx);
}

/* The segmenter of `lang` in *seg: the one made last when it is of that language (its
 * tag in cur), else a new one. 0 or a negative error code. */
static int segmenter_for(segmenter **seg, char cur[LANG_TAG_MAX], const char *lang, srx *rules, long jobs)
{
    if (*seg && strcmp(cur, lang) == 0)
        return 0;
    segmenter_free(*seg);
    *seg = NULL;
    int rc = segmenter_new(lang, rules, seg);
    if (rc < 0)
        return rc;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    segmenter_set_jobs(*seg, (int)(jobs ? jobs : cpus > 0 ? cpus : 1));
    snprintf(cur, LANG_TAG_MAX, "%s", lang);
    return 0;
}

/* What one file is segmented with: the command's arguments, the segmenter made last and
 * its language, the language in force, the printer. */
typedef struct {
    const segment_args *a;
    srx *rules;
    segmenter *seg;
    char seg_lang[LANG_TAG_MAX], lang[LANG_TAG_MAX];
    printer *p;
    size_t block;           /* POLYALIGN_SEGMENT_BLOCK (tests: small blocks), else 0 */
} segment_run;

/* Does the first block read buf[0..n) start a plain text, as doc_read would tell from the
 * whole file? Its magic numbers are in the block, and markup (HTML, XML) would start
 * with '<' after any spaces; whole says the block is the whole file. */
static int plain_text_start(const char *buf, size_t n, int whole)
{
    sniff_result sn;
    sniff_bytes(buf, n, &sn);
    size_t i = 0;
    while (i < n && strchr(" \t\n\r\f", buf[i]))
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

/* A plain UTF-8 text file (or standard input) segmented in two passes over its blocks, in
 * memory that does not grow with it (text_blocks.h): the survey, then the sentences, the
 * same as the whole-file path below prints. 0 or a negative error code; 1 when the file
 * is anything else (another format or encoding named, markup, bad bytes, not a regular
 * file): tb is then left for the whole-file reader. */
static int segment_streamed(const char *path, segment_run *run, text_blocks *tb)
{
    const segment_args *a = run->a;
    const char *name = text_input_name(path);
    doc_format by_name = doc_format_of_name(path);
    if ((a->encoding && !encoding_is_auto(a->encoding) && !encoding_is_utf8(a->encoding)) ||
        (a->input_format != DOC_AUTO && a->input_format != DOC_TXT) ||
        (a->input_format == DOC_AUTO && by_name != DOC_AUTO && by_name != DOC_TXT))
        return 1;
    int rc = text_blocks_open(path, tb);
    if (rc != 0)
        return rc;
    doc_survey *sv = NULL;
    rc = doc_survey_new(a->lines == LINES_AUTO, !a->lang, &sv);
    if (rc == 0)
        rc = survey_blocks(tb, run->block ? run->block : 1 << 20, sv);
    doc_stats *stats = rc == 0 ? doc_survey_take_stats(sv) : NULL;
    if (rc == 0) {
        text_encoding utf8 = {"", 0};
        size_t plen;
        const char *prefix = doc_survey_prefix(sv, &plen);
        cli_report_encoding(name, &utf8);
        cli_report_document(name, DOC_TXT, 0, 0, 0);
        line_evidence ev = {a->lines, 0, 0, 0, 0};
        if (a->lines == LINES_AUTO)
            ev = doc_survey_lines(sv);
        cli_report_lines(name, a->lines, &ev);
        if (!a->lang) { /* each file in its own language */
            cli_guess_lang(name, prefix, plen, 0, run->lang);
            rc = segmenter_for(&run->seg, run->seg_lang, run->lang, run->rules, a->jobs);
        }
        run->p->offset = tb->bom;
        if (rc == 0)
            rc = text_blocks_rewind(tb);
        if (rc == 0)
            rc = segmenter_run_stream(run->seg, read_block, tb, stats, ev.structure != LINES_WRAP, run->block,
                                      print_at, run->p);
    }
    doc_stats_free(stats);
    doc_survey_free(sv);
    return rc;
}

/* A file read whole (doc_read.h: every format and encoding) and segmented. */
static int segment_whole(const char *path, segment_run *run)
{
    const segment_args *a = run->a;
    doc_input doc;
    doc_read_options ro = {a->encoding, a->input_format};
    int r = doc_read(path, &ro, &doc);
    if (r != 0)
        return r;
    text_input in = doc.text;
    cli_report_encoding(in.name, &in.encoding);
    cli_report_document(in.name, doc.format, doc.by_content, doc.nparas, doc.headings);
    run->p->offset = in.offset;
    line_evidence ev = {a->lines, 0, 0, 0, 0};
    if (doc.format != DOC_TXT) /* one paragraph a line */
        ev.structure = LINES_PARAGRAPH;
    else if (a->lines == LINES_AUTO)
        ev = text_line_structure(in.bytes, in.len);
    cli_report_lines(in.name, a->lines, &ev);
    if (!a->lang) { /* each file in its own language */
        cli_guess_lang(in.name, in.bytes, in.len, 0, run->lang);
        r = segmenter_for(&run->seg, run->seg_lang, run->lang, run->rules, a->jobs);
    }
    if (r == 0)
        r = segmenter_run(run->seg, in.bytes, in.len, ev.structure != LINES_WRAP, print_sentence, run->p);
    doc_input_free(&doc);
    return r;
}

int cmd_segment(int argc, char **argv)
{
    const cli_command *self = cli_find("segment");
    segment_args a = {0};
    int first;
    int status = cli_parse(self, argc, argv, NULL, &a, &first);
    if (status)
        return status < 0 ? 0 : status;
    if (a.format && strcmp(a.format, "text") != 0 && strcmp(a.format, "jsonl") != 0)
        return cli_usage_error(self, _("unknown format '%s' (use text or jsonl)"), a.format);
    static const char *const writes[] = {"txt", "text", "jsonl", NULL};
    if (!a.format && (status = cli_output_ext(self, a.output, writes, "text (.txt) or jsonl")) != 0)
        return status;
    if (!a.format && file_ext_is(a.output, "jsonl"))
        a.format = "jsonl";
    segment_run run = {&a, NULL, NULL, "", "", NULL, 0};
    if (a.lang && cli_lang(self, a.lang, run.lang))
        return ERR_USAGE;
    /* tests: blocks of a few bytes, or "whole" for the whole-file reader, to compare with */
    const char *block = getenv("POLYALIGN_SEGMENT_BLOCK");
    int whole = block && strcmp(block, "whole") == 0;
    if (block && atol(block) > 0)
        run.block = (size_t)atol(block) < 64 ? 64 : (size_t)atol(block);

    int rc = a.rules ? srx_load(a.rules, &run.rules) : 0;
    if (rc == 0 && a.lang)
        rc = segmenter_for(&run.seg, run.seg_lang, run.lang, run.rules, a.jobs);
    if (rc < 0) {
        srx_free(run.rules);
        return cli_report(rc);
    }
    atomic_file out;
    rc = atomic_file_open(&out, a.output);
    if (rc < 0) {
        segmenter_free(run.seg);
        srx_free(run.rules);
        return cli_report(rc);
    }
    static char outbuf[1 << 16];
    setvbuf(out.f, outbuf, _IOFBF, sizeof outbuf);

    printer p = {out.f, a.format && strcmp(a.format, "jsonl") == 0, NULL, 0, 0, 0, 0, NULL, 0};
    run.p = &p;
    int nfiles = argc - first;
    for (int i = first; i < argc || (nfiles == 0 && i == first); i++) {
        const char *path = nfiles ? argv[i] : "-";
        p.file = nfiles > 1 ? text_input_name(path) : NULL;
        p.printed_in_file = 0;
        text_blocks tb = {.fd = -1};
        int r = whole ? 1 : segment_streamed(path, &run, &tb);
        if (r == 1 && (r = text_blocks_fallback(&tb)) == 0)
            r = segment_whole(path, &run);
        text_blocks_close(&tb);
        if (r < 0)
            status = cli_report(r);
    }
    int crc = atomic_file_finish(&out, 0);
    if (crc < 0)
        status = cli_report(crc);
    free(p.scratch);
    segmenter_free(run.seg);
    srx_free(run.rules);
    return status;
}
