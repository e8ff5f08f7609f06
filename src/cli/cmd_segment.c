/* cmd_segment.c — `polyalign segment`: print the sentences of text files.
 *
 * One sentence per line and an empty line between paragraphs, or JSON Lines with byte
 * offsets into the input as stored (a BOM counts). A file that is not valid UTF-8 prints
 * nothing at all, because its sentences cannot be trusted; the other files still run.
 * Files are read as doc_read.h says: HTML, DOCX, ODT and Markdown as their paragraphs
 * (JSON offsets then count the bytes of that text), formats it cannot read refused.
 * Without --lang each file is segmented in the language its script says, reported on
 * stderr, as align guesses it. How each input is read (in blocks, in memory that does
 * not grow with it, or whole) and segmented is the library's (doc/segment_input.h); this
 * file parses the options, reports and prints. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../i18n.h"
#include "../doc/segment_input.h"
#include "../segment/rules/srx.h"
#include "../text/input.h"
#include "../text/lang.h"
#include "../text/space.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "../util/file_ext.h"
#include "commands.h"

enum { OPT_FORMAT = 'f', OPT_JOBS = 'j', OPT_LANG = 'l', OPT_OUTPUT = 'o', OPT_QUIET = 'q', OPT_NEWLINE = 256, OPT_RULES, OPT_LINES, OPT_ENCODING, OPT_INPUT_FORMAT };

typedef struct {
    const char *lang, *format, *output, *rules, *encoding;
    line_structure lines;   /* LINES_AUTO: decided per file */
    doc_format input_format;
    long jobs;              /* 0: one per processor */
    int quiet;              /* no reports of how the input was read */
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
    {"quiet", OPT_QUIET, 0, NULL, N_("say nothing on standard error of how the input was read (warnings and errors still)"), CLI_FLAG(segment_args, quiet)},
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
    line_structure lines;   /* --lines as asked, for the report */
    int quiet;              /* no report */
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

/* Say how an input was read, before its sentences; JSON offsets count from its start. */
static void report_input(void *ctx, const segment_input_info *info)
{
    printer *p = ctx;
    p->offset = info->offset;
    if (p->quiet)
        return;
    cli_report_encoding(info->name, &info->encoding);
    cli_report_document(info->name, info->format, info->format_by_content, info->paragraphs, info->headings);
    cli_report_lines(info->name, p->lines, &info->lines);
    if (info->guessed_lang)
        cli_report_guessed_lang(info->name, info->guessed_lang, 0);
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    segment_args *a = args;
    int status = 0;
    if (a->format && strcmp(a->format, "text") != 0 && strcmp(a->format, "jsonl") != 0)
        return cli_usage_error(self, _("unknown format '%s' (use text or jsonl)"), a->format);
    static const char *const writes[] = {"txt", "text", "jsonl", NULL};
    if (!a->format && (status = cli_output_ext(self, a->output, writes, "text (.txt) or jsonl")) != 0)
        return status;
    if (!a->format && file_ext_is(a->output, "jsonl"))
        a->format = "jsonl";
    char lang[LANG_TAG_MAX];
    if (a->lang && cli_lang(self, a->lang, lang))
        return ERR_USAGE;
    segment_input_options so = {a->lang ? lang : NULL, a->lines, a->encoding, a->input_format, a->jobs, NULL, 0, 0};
    /* tests: blocks of a few bytes, or "whole" for the whole-file reader, to compare with */
    const char *block = getenv("POLYALIGN_SEGMENT_BLOCK");
    so.whole = block && strcmp(block, "whole") == 0;
    if (block && atol(block) > 0)
        so.block = (size_t)atol(block) < 64 ? 64 : (size_t)atol(block);

    srx *rules = NULL;
    segment_inputs *inputs = NULL;
    int rc = a->rules ? srx_load(a->rules, &rules) : 0;
    so.rules = rules;
    if (rc == 0)
        rc = segment_inputs_new(&so, &inputs);
    if (rc < 0) {
        srx_free(rules);
        return cli_report(rc);
    }
    atomic_file out;
    rc = atomic_file_open(&out, a->output);
    if (rc < 0) {
        segment_inputs_free(inputs);
        srx_free(rules);
        return cli_report(rc);
    }
    static char outbuf[1 << 16];
    setvbuf(out.f, outbuf, _IOFBF, sizeof outbuf);

    printer p = {out.f, a->format && strcmp(a->format, "jsonl") == 0, NULL, 0, 0, 0, 0, NULL, 0, a->lines, a->quiet};
    segment_input_sink sink = {report_input, print_at, &p};
    for (int i = 0; i < nops || (nops == 0 && i == 0); i++) {
        const char *path = nops ? operands[i] : "-";
        p.file = nops > 1 ? text_input_name(path) : NULL;
        p.printed_in_file = 0;
        int r = segment_inputs_run(inputs, path, &sink);
        if (r < 0)
            status = cli_report(r);
        else if (p.printed_in_file == 0)
            cli_warn(_("%s has no text: no sentences written for it"), text_input_name(path));
    }
    /* an input that failed leaves no output file: not the other inputs' sentences alone */
    int crc = atomic_file_finish(&out, status ? -ERR_DATA : 0);
    if (crc < 0 && (status == 0 || crc != -ERR_DATA))
        status = cli_report(crc);
    free(p.scratch);
    segment_inputs_free(inputs);
    srx_free(rules);
    return status;
}

const cli_runner segment_cli_runner = CLI_RUNNER(segment_args, NULL, NULL, run);
