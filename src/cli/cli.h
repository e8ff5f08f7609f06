/* cli.h — the command table and option parsing shared by every command.
 *
 * As in curl's tool, one table per command drives parsing (getopt_long), `--help` and the
 * usage line, so they never disagree. Commands only parse options and wire library
 * stages together; they return an exit status. */
#ifndef POLYALIGN_CLI_H
#define POLYALIGN_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "../doc/doc_read.h"
#include "../text/encoding.h"
#include "../text/lines.h"

/* Where an option's value goes, checked on the way. CLI_BY_HANDLER (the default, 0): the
 * command's handler is called with it. The others store into the command's argument
 * struct (cli_runner) at `offset`, a usage error (exit 2) naming the option for a
 * value they do not take: CLI_STORE_TEXT the argument as a const char *; CLI_STORE_FLAG 1
 * in an int; CLI_STORE_SET `min` in an int (an option that means a value, such as
 * --newline-breaks); CLI_STORE_LANG a language tag ICU knows, canonicalized, in a
 * char[LANG_TAG_MAX]; CLI_STORE_COUNT a whole number within [min, max] in a long;
 * CLI_STORE_NUMBER a finite number within [min, max] in a double; CLI_STORE_LINES a
 * line_structure; CLI_STORE_INPUT_FORMAT a doc_format. Table rows say so with the
 * macros below after the help text. */
typedef enum {
    CLI_BY_HANDLER,
    CLI_STORE_TEXT,
    CLI_STORE_FLAG,
    CLI_STORE_SET,
    CLI_STORE_LANG,
    CLI_STORE_COUNT,
    CLI_STORE_NUMBER,
    CLI_STORE_LINES,
    CLI_STORE_INPUT_FORMAT,
} cli_store;

typedef struct {
    const char *name;       /* long option without dashes */
    int key;                /* short letter, or a value >= 256 for long-only options */
    int has_arg;            /* 0 or 1 */
    const char *arg_name;   /* shown in help, e.g. "LANG" */
    const char *help;       /* N_()-marked, translated when printed */
    cli_store store;        /* where the value goes */
    size_t offset;          /* CLI_STORE_*: in the argument struct */
    double min, max;        /* CLI_STORE_COUNT, CLI_STORE_NUMBER: the range; CLI_STORE_SET: min */
    unsigned shown;         /* the usage lines (forms) that name it, CLI_FORM bits; else [OPTIONS] */
    unsigned required;      /* of those, the ones it is required in */
    int group;              /* nonzero: the options of one group are alternatives, (A | B) */
} cli_option;

/* The usage lines of a command are its forms (cli_command.operands, at most CLI_MAX_FORMS),
 * made from the table: in each, the options it requires, then those it names in brackets,
 * then [OPTIONS] for the others, then the form's operands. Rows say so with the macros
 * below after the store macro: CLI_SHOWN (named in every form), CLI_REQUIRED (required in
 * every form), CLI_IN(shown, required) for some forms (CLI_FORM(1) | CLI_FORM(3) …), and
 * CLI_ALTERNATIVE(g) for a group. */
enum { CLI_MAX_FORMS = 6 };
#define CLI_FORM(k) (1u << ((k) - 1))
#define CLI_EVERY_FORM ((1u << CLI_MAX_FORMS) - 1)
#define CLI_IN(shown_forms, required_forms) .shown = (shown_forms) | (required_forms), .required = (required_forms)
#define CLI_SHOWN CLI_IN(CLI_EVERY_FORM, 0)
#define CLI_REQUIRED CLI_IN(CLI_EVERY_FORM, CLI_EVERY_FORM)
#define CLI_ALTERNATIVE(g) .group = (g)

#define CLI_TEXT(type, field) CLI_STORE_TEXT, offsetof(type, field)
#define CLI_FLAG(type, field) CLI_STORE_FLAG, offsetof(type, field)
#define CLI_SET(type, field, value) CLI_STORE_SET, offsetof(type, field), (value)
#define CLI_LANG(type, field) CLI_STORE_LANG, offsetof(type, field)
#define CLI_COUNT(type, field, lo, hi) CLI_STORE_COUNT, offsetof(type, field), (lo), (hi)
#define CLI_NUMBER(type, field, lo, hi) CLI_STORE_NUMBER, offsetof(type, field), (lo), (hi)
#define CLI_LINES(type, field) CLI_STORE_LINES, offsetof(type, field)
#define CLI_INPUT_FORMAT(type, field) CLI_STORE_INPUT_FORMAT, offsetof(type, field)

typedef struct cli_command cli_command;

/* How a command runs, beside it in its cmd_*.c (CLI_RUNNER below). Before `run`, cli_run
 * zeroes an argument struct of `args_size` bytes, fills in its defaults (`defaults`, NULL:
 * all zero) and parses the options into it: the table's rows place their values, and
 * `handle` (NULL when the table places every value) takes the others, returning 0 or an
 * exit status. `run` then gets the struct and the operands (operands[nops] is NULL) and
 * returns the exit status; it is not called after --help or a bad option. */
typedef struct {
    size_t args_size;
    void (*defaults)(void *args);
    int (*handle)(const cli_command *self, int key, const char *arg, void *args);
    int (*run)(const cli_command *self, void *args, int nops, char **operands);
} cli_runner;

#define CLI_RUNNER(type, defaults, handle, run) {sizeof(type), (defaults), (handle), (run)}

struct cli_command {
    const char *name;
    const char *operands[CLI_MAX_FORMS]; /* N_(): those of each form ("": none); NULL after the last */
    const char *summary;    /* N_(): one line */
    const cli_option *options; /* terminated by {0} */
    const cli_runner *runner;
    int writes_tmx;         /* writes TMX headers, whose dates SOURCE_DATE_EPOCH sets */
};

/* All commands, terminated by {0}. */
extern const cli_command cli_commands[];

const cli_command *cli_find(const char *name);

/* Whether name is the first word of two-word commands ("srt" of "srt check"): a group. */
int cli_is_group(const char *name);

/* A group's help on `out`: the usage of each of its commands, then their summaries. */
void cli_print_group_help(const char *group, FILE *out);

/* The usage line of form `form` (from 0) of `cmd` after "polyalign NAME ", into buf;
 * 0 when the command has no such form. */
int cli_synopsis(const cli_command *cmd, int form, char *buf, size_t size);

/* Full help of a command on `out`. */
void cli_print_command_help(const cli_command *cmd, FILE *out);

/* Short usage on stderr (after an error message) and return 2. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same for a group without a subcommand it knows (sub: the word given, or NULL): the
 * message names its subcommands, the usage lines are theirs. Returns 2. */
int cli_group_usage_error(const char *group, const char *sub);

/* Run `cmd` on its arguments (argv[0]: its name): parse the options (--help prints the
 * command's help, exit 0), then its runner's `run`. Returns the exit status. */
int cli_run(const cli_command *cmd, int argc, char **argv);

/* Option values, checked whole: a usage error of `cmd` (exit 2) for anything else, so that
 * "25fps", "nan", "" or "-3" is never read as a number and a typo never as a language.
 * cli_number: a finite number within [min, max] (max may be INFINITY); cli_count: a whole
 * number within [min, max]; cli_lang: a language tag ICU knows, canonicalized (lang.h).
 * Each returns 0 with *out set, or 2 after printing the error. `option` is the long name,
 * without dashes. */
int cli_number(const cli_command *cmd, const char *option, const char *arg, double min, double max, double *out);
int cli_count(const cli_command *cmd, const char *option, const char *arg, long min, long max, long *out);
int cli_lang(const cli_command *cmd, const char *arg, char *out /* [LANG_TAG_MAX] */);
/* cli_lines: --lines wrap|sentence|paragraph (text/lines.h). */
int cli_lines(const cli_command *cmd, const char *arg, line_structure *out);

/* Say on stderr what a single newline was taken to mean in `file` when it was decided
 * from the file (requested was LINES_AUTO) and the file had lines for it to matter. */
void cli_report_lines(const char *file, line_structure requested, const line_evidence *ev);

/* Say on stderr from what encoding `file` was converted when it was detected, not named. */
void cli_report_encoding(const char *file, const text_encoding *e);

/* The help line of --encoding, shared by every command that reads text. */
#define CLI_ENCODING_HELP N_("the encoding of the input files (GB18030, Big5, windows-1251, KOI8-R, UTF-16 …; default: UTF-8, or detected and reported when the bytes are not UTF-8)")

/* -o FILE whose extension names a format the command does not write (file_ext.h): a
 * usage error naming the formats it writes (`names`, for the message: "tmx, xliff,
 * tsv …"); 0 when FILE is fine. `writes`: the extensions it takes, NULL-terminated. */
int cli_output_ext(const cli_command *cmd, const char *output, const char *const *writes, const char *names);

/* --input-format auto|txt|html|xhtml|docx|odt|md (doc_read.h). */
int cli_input_format(const cli_command *cmd, const char *arg, doc_format *out);

/* The help line of --input-format, shared by every command that reads documents. */
#define CLI_INPUT_FORMAT_HELP N_("what the input files are: txt, html, xhtml, docx, odt or md (default: told from the content and the file name; PDF, spreadsheets, TMX and XLIFF are refused)")

/* Say on stderr what `file` was read as when it is not plain text: "read as DOCX (25
 * paragraphs, 1 heading)", and that the content decided when the name said otherwise. */
void cli_report_document(const char *file, doc_format f, int by_content, size_t paragraphs, size_t headings);

/* Without --lang: the language of `file` guessed from the script of its text
 * (script_guess_language; English when it has no letters to tell), said on stderr
 * unless `quiet`, as `align` says it in its summary. */
void cli_guess_lang(const char *file, const char *text, size_t len, int quiet, char *out /* [LANG_TAG_MAX] */);
/* The same line for a language guessed elsewhere (doc_text_load without a language). */
void cli_report_guessed_lang(const char *file, const char *lang, int quiet);

/* Print "polyalign: MESSAGE" for the last error and return its exit status. */
int cli_report(int rc);

/* Print a warning "polyalign: warning: …" */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
