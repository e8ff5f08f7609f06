/* align_options.h — the options `align` and `batch` share, with one help text and one
 * check each: how texts are read (--presegmented, --lines, --newline-breaks,
 * --encoding, --input-format, --anchor-marker), what a TMX keeps (--min-score, --keep-doubtful, --keep-partial), whether
 * a translation that is not one is refused (--force), and the lexicons (--lexicon,
 * --lexicon-dir, --no-score). A batch of documents is then aligned exactly as `align`
 * aligns one. */
#ifndef POLYALIGN_CLI_ALIGN_OPTIONS_H
#define POLYALIGN_CLI_ALIGN_OPTIONS_H

#include "../align/align.h"
#include "../export/alignment_output.h"
#include "../i18n.h"
#include "../text/lang.h"
#include "cli.h"

/* option keys, clear of each command's own (256 and up) and of the style options' */
enum {
    OPT_ALIGN_PRESEG = 0x400, OPT_ALIGN_LINES, OPT_ALIGN_NEWLINE, OPT_ALIGN_MIN, OPT_ALIGN_ENCODING, OPT_ALIGN_FORCE,
    OPT_ALIGN_DOUBTFUL, OPT_ALIGN_PARTIAL, OPT_ALIGN_LEXICON, OPT_ALIGN_LEXDIR, OPT_ALIGN_NO_SCORE,
    OPT_ALIGN_INPUT_FORMAT, OPT_ALIGN_MARKER
};

/* the rows of a command's option table; `type` is the command's argument struct, whose
 * member `s` is its align_settings */
#define ALIGN_CLI_OPTIONS(type)                                                                                            \
    {"presegmented", OPT_ALIGN_PRESEG, 0, NULL, N_("inputs hold one sentence per line (blank line: new paragraph); the same as --lines sentence"), CLI_SET(type, s.lines, LINES_SENTENCE)}, \
        {"lines", OPT_ALIGN_LINES, 1, "wrap|sentence|paragraph", N_("what a single newline is: a wrap inside a paragraph, the end of a one-line sentence, or the end of a one-line paragraph (default: decided per file and reported)"), CLI_LINES(type, s.lines)}, \
        {"newline-breaks", OPT_ALIGN_NEWLINE, 0, NULL, N_("a single newline ends a sentence (the same as --lines paragraph)"), CLI_SET(type, s.lines, LINES_PARAGRAPH)}, \
        {"min-score", OPT_ALIGN_MIN, 1, "X", N_("a unit whose confidence (the probability that it is right) is below X (0..1, default 0.7) is doubtful: left out of a TMX, flagged in the review table, marked needs-review in XLIFF"), CLI_NUMBER(type, s.output.min_score, 0, 1)}, \
        {"encoding", OPT_ALIGN_ENCODING, 1, "NAME", CLI_ENCODING_HELP, CLI_TEXT(type, s.encoding)},                                            \
        {"input-format", OPT_ALIGN_INPUT_FORMAT, 1, "FMT", CLI_INPUT_FORMAT_HELP, CLI_INPUT_FORMAT(type, s.input_format)},                                 \
        {"anchor-marker", OPT_ALIGN_MARKER, 1, "TEXT", N_("a paragraph (or line) of only TEXT is a hard anchor: the k-th of the pivot meets the k-th of each translation and no bead crosses it (default <<<>>>; '' for none); headings of HTML, DOCX, ODT and Markdown are hard anchors too"), CLI_TEXT(type, s.marker)}, \
        {"force", OPT_ALIGN_FORCE, 0, NULL, N_("align texts even when the evidence says they are not translations of each other (with a warning)"), CLI_FLAG(type, s.force)}, \
        {"keep-doubtful", OPT_ALIGN_DOUBTFUL, 0, NULL, N_("TMX: keep doubtful units, flagged with the property x-polyalign-flag=doubtful"), CLI_FLAG(type, s.output.keep_doubtful)}, \
        {"keep-partial", OPT_ALIGN_PARTIAL, 0, NULL, N_("TMX of three texts: keep units missing one translation"), CLI_FLAG(type, s.output.keep_partial)}, \
        {"lexicon", OPT_ALIGN_LEXICON, 1, "[LANG=]FILE", N_("add a user dictionary: TSV 'source<TAB>target', or hunalign .dic 'target @ source' (repeatable); LANG=: only for the translation in LANG, required with two translations")}, \
        {"lexicon-dir", OPT_ALIGN_LEXDIR, 1, "DIR", N_("find the built-in lexicons (en-zh.lex, en-ru.lex) in DIR (default: $POLYALIGN_LEXICONS, the build tree, ../share/polyalign/lexicons beside the installed binary, the install prefix)"), CLI_TEXT(type, s.opts.lexicons.dir)}, \
        {"no-score", OPT_ALIGN_NO_SCORE, 1, "NAME", N_("leave a scorer out of the bead cost: prior, length, anchors, paragraphs or lexicon (for ablations; repeatable)")}

enum { MAX_USER_LEXICONS = 4 };

typedef struct {
    line_structure lines;
    const char *encoding;
    doc_format input_format;    /* --input-format (0: sniffed, then the extension) */
    const char *marker;         /* --anchor-marker (NULL: the default) */
    output_options output;      /* --min-score, --keep-doubtful, --keep-partial */
    int force;
    const char *lexicon[MAX_USER_LEXICONS];
    const char *lexicon_lang[MAX_USER_LEXICONS];   /* NULL: for every pair */
    char lexicon_tag[MAX_USER_LEXICONS][LANG_TAG_MAX];
    size_t nlexicons;
    align_options opts;         /* --no-score, --lexicon-dir (the user's lexicons: the caller's) */
} align_settings;

/* The cli_runner's `defaults` and `handle` of a command whose argument struct begins with
 * its align_settings (align, batch). The defaults: lines decided per file, UTF-8 or
 * detected, min-score 0.7. The handler takes the options the table does not place
 * (--lexicon, --no-score): 0, or the exit status of a bad value. */
void align_settings_defaults(void *args);
int align_settings_handle(const cli_command *self, int key, const char *arg, void *args);

/* Once the options are read, for documents of `ntexts` texts: a --lexicon without LANG=
 * is a usage error with two translations (one file for both would give one pair junk
 * links or no entries); the lexicon folder falls back on $POLYALIGN_LEXICONS. 0 or 2. */
int align_settings_finish(const cli_command *self, align_settings *s, int ntexts);

/* Every --lexicon LANG= must name one of the translations' languages (base subtags),
 * else it would silently do nothing: 0 or -ERR_USAGE with the message set. */
int align_settings_check_lexicon_langs(const align_settings *s, const char *const *translation_bases, int n);

/* What all the documents of the command (and its threads) share, into s->opts: the
 * user's lexicons (each compiled on first use), the built-in ones (each opened on first
 * use) and the Han spellings (hanlatin.h). 0 or a negative error code. */
int align_settings_open_shared(align_settings *s);
void align_settings_close_shared(align_settings *s);

/* --langs L1,L2[,L3]: two or three tags, normalized and completed to full tags (zh ->
 * zh-CN) into tags; the count, or -1 after a usage error. */
int align_parse_langs(const cli_command *self, const char *list, char tags[3][LANG_TAG_MAX]);

#endif
