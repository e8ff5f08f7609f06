/* cmd_tmx_lookup.c — `polyalign tmx lookup --tm FILE.tmx --src en --tgt zh-CN [TEXT…]`:
 * fuzzy matches as CAT tools show them, one block per query (stdin: one query per line):
 * the query, then per match its score, source and target, and what cost it points beyond
 * the words ("differs: number, case") as a fourth column.
 * Without --src the memory's srclang is the language of the queries, without --tgt its
 * one other language (a memory of three languages needs --tgt): read from the memory
 * first, or from the index, which records its pair.
 * --index FILE saves the index on first use and loads it afterwards, for the same
 * --src/--tgt only (the index records them); given with --tm, an index older than the
 * memory is built again, as make would. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../i18n.h"
#include "../text/lang.h"
#include "../tm/tm_index.h"
#include "../tm/tmx_stats.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_TM = 256, OPT_SRC, OPT_TGT, OPT_MIN, OPT_INDEX, OPT_MAX = 'n' };

typedef struct {
    const char *tm, *index;
    char src[LANG_TAG_MAX], tgt[LANG_TAG_MAX];
    long min, best;
    tm_match *matches;      /* room for `best` */
} lookup_args;

const cli_option tmx_lookup_cli_options[] = {
    {"tm", OPT_TM, 1, "FILE.tmx", N_("the translation memory"), CLI_TEXT(lookup_args, tm), CLI_REQUIRED, CLI_ALTERNATIVE(1)},
    {"src", OPT_SRC, 1, "LANG", N_("language of the queries (default: the memory's srclang)"), CLI_LANG(lookup_args, src), CLI_SHOWN},
    {"tgt", OPT_TGT, 1, "LANG", N_("language of the translations (default: the memory's other language, when it has only one)"), CLI_LANG(lookup_args, tgt), CLI_SHOWN},
    {"min", OPT_MIN, 1, "PERCENT", N_("lowest match shown (default 70)"), CLI_COUNT(lookup_args, min, 0, 100)},
    /* one lookup returns at most TM_INDEX_MAX_MATCHES */
    {"best", OPT_MAX, 1, "N", N_("matches shown per query (default 5, at most 256)"), CLI_COUNT(lookup_args, best, 1, TM_INDEX_MAX_MATCHES)},
    {"index", OPT_INDEX, 1, "FILE", N_("load the index from FILE, or build it and save it there"), CLI_TEXT(lookup_args, index), CLI_REQUIRED, CLI_ALTERNATIVE(1)},
    {0},
};

/* Whether file a was modified after file b (both exist). */
static int newer(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_mtim.tv_sec > sb.st_mtim.tv_sec ||
           (sa.st_mtim.tv_sec == sb.st_mtim.tv_sec && sa.st_mtim.tv_nsec > sb.st_mtim.tv_nsec);
}

/* "differs: number, case": what cost a match its points (tm_match.differs), or "". */
static void differs_note(unsigned differs, char *out, size_t size)
{
    static const struct {
        unsigned bit;
        const char *name;
    } kinds[] = {
        {TM_DIFF_NUMBERS, N_("number")},
        {TM_DIFF_TAGS, N_("tags")},
        {TM_DIFF_PUNCTUATION, N_("punctuation")},
        {TM_DIFF_CASE, N_("case")},
    };
    char list[256] = "";
    size_t len = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (differs & kinds[k].bit)
            len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", _(kinds[k].name));
    if (len)
        snprintf(out, size, _("differs: %s"), list);
    else
        out[0] = '\0';
}

/* One block: the query, then a line per match: score, source, target and, when the
 * normalized words match but something else does not, a fourth column saying what. */
static int answer(const tm_index *ix, const char *query, const lookup_args *a)
{
    ptrdiff_t n = tm_index_lookup(ix, query, (int)a->min, a->matches, (size_t)a->best);
    if (n < 0)
        return (int)n; /* out of memory: never printed as a query without matches */
    printf("%s\n", query);
    for (ptrdiff_t k = 0; k < n; k++) {
        const tm_match *m = &a->matches[k];
        char note[512];
        differs_note(m->differs, note, sizeof note);
        printf("  %3d%%\t%s\t%s%s%s\n", m->score, m->source, m->target, note[0] ? "\t" : "", note);
    }
    return 0;
}

/* The languages of st other than `src`, variants of one language counted once under its
 * shortest tag ("zh" and "zh-CN": zh, which the index matches both by): how many, the
 * first in `first`, and all of them listed in `list`. */
static size_t other_languages(const tmx_stats *st, const char *src, char first[LANG_TAG_MAX], char *list, size_t size)
{
    const char *seen[TMX_STATS_MAX_LANGS];
    size_t n = 0;
    for (size_t k = 0; k < st->nlang; k++) {
        const char *tag = st->lang[k].tag;
        if (lang_tags_match(tag, src))
            continue;
        size_t j = 0;
        while (j < n && !lang_tags_match(seen[j], tag))
            j++;
        if (j == n)
            seen[n++] = tag;
        else if (strlen(tag) < strlen(seen[j]))
            seen[j] = tag;
    }
    list[0] = '\0';
    for (size_t j = 0, len = 0; j < n; j++) {
        size_t need = strlen(seen[j]) + 2;
        if (len + need + 4 >= size) { /* the rest cut, and said to be */
            snprintf(list + len, size - len, ", …");
            break;
        }
        len += (size_t)snprintf(list + len, size - len, "%s%s", j ? ", " : "", seen[j]);
    }
    if (n == 0 || lang_normalize(seen[0], first) < 0)
        first[0] = '\0';
    return n;
}

/* --src or --tgt not given, from the memory at `tm`: the queries in its header's srclang
 * (or, when --tgt names that, in its one other language), the matches in its one other
 * language. 0, or an error naming what the memory holds and what to give. */
static int languages_from_memory(const char *tm, lookup_args *a)
{
    tmx_stats st;
    int rc = tmx_stats_read(tm, &st);
    char src[LANG_TAG_MAX] = "", others[512], other[LANG_TAG_MAX];
    if (rc == 0 && st.srclang && lang_normalize(st.srclang, src) < 0)
        src[0] = '\0';
    if (rc == 0 && !a->src[0]) {
        if (!src[0])
            rc = error_set(ERR_USAGE, _("%s: its header names no source language (srclang '%s'): give --src"), tm,
                           st.srclang ? st.srclang : "");
        else if (a->tgt[0] && lang_tags_match(a->tgt, src)) { /* the memory read backwards */
            if (other_languages(&st, src, other, others, sizeof others) == 1 && other[0])
                snprintf(a->src, sizeof a->src, "%s", other);
            else
                rc = error_set(ERR_USAGE, _("%s holds %s besides %s: name the one to show with --tgt"), tm, others, src);
        } else {
            snprintf(a->src, sizeof a->src, "%s", src);
        }
    }
    if (rc == 0 && !a->tgt[0]) {
        size_t n = other_languages(&st, a->src, other, others, sizeof others);
        if (n == 1 && other[0])
            snprintf(a->tgt, sizeof a->tgt, "%s", other);
        else
            rc = n == 0 ? error_set(ERR_DATA, _("%s holds no language besides %s: nothing to look up in"), tm, a->src)
                        : error_set(ERR_USAGE, _("%s holds %s besides %s: name the one to show with --tgt"), tm, others,
                                    a->src);
    }
    tmx_stats_free(&st);
    return rc;
}

/* --min 70, --best 5 */
static void defaults(void *args)
{
    lookup_args *a = args;
    a->min = 70;
    a->best = 5;
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    lookup_args *a = args;
    if (!a->tm && !a->index)
        return cli_usage_error(self, _("give --tm FILE.tmx (or --index FILE)"));
    int tm_from_stdin = a->tm && strcmp(a->tm, "-") == 0;
    if (tm_from_stdin && nops == 0)
        return cli_usage_error(self, _("--tm - reads the memory from standard input: give the queries as arguments"));
    int have_index = a->index && access(a->index, F_OK) == 0;
    if (!have_index && !a->tm)
        return cli_usage_error(self, _("--index %s does not exist yet: give --tm to build it"), a->index);
    int stale = have_index && a->tm && (tm_from_stdin || newer(a->tm, a->index)); /* a memory on stdin has no date */
    int guess = !a->src[0] || !a->tgt[0];
    if (guess && tm_from_stdin)
        return cli_usage_error(self, _("--tm - reads the memory once: give --src and --tgt"));
    tm_index *ix = NULL;
    int rc = 0;
    if (guess && have_index) { /* the pair the index records, even one older than the memory */
        rc = tm_index_load(a->index, a->src[0] ? a->src : NULL, a->tgt[0] ? a->tgt : NULL, &ix);
        if (rc == 0) {
            snprintf(a->src, sizeof a->src, "%s", tm_index_lang(ix, 0));
            snprintf(a->tgt, sizeof a->tgt, "%s", tm_index_lang(ix, 1));
        }
        if (rc == 0 && stale) { /* built again below, for that pair */
            tm_index_free(ix);
            ix = NULL;
        }
    } else if (guess) { /* the pair the memory holds */
        rc = languages_from_memory(a->tm, a);
    }
    if (guess && rc == 0)
        fprintf(stderr, _("polyalign: queries in %s, matches in %s: the languages of %s (--src and --tgt set them)\n"), a->src,
                a->tgt, have_index ? a->index : a->tm);
    if (ix || rc < 0) {
        /* the index is loaded, or the languages are not known */
    } else if (have_index) {
        /* a stale one is checked first: an index of another pair is refused, never overwritten */
        rc = stale ? tm_index_check(a->index, a->src, a->tgt) : tm_index_load(a->index, a->src, a->tgt, &ix);
        if (rc == 0 && stale) {
            if (!tm_from_stdin)
                cli_warn(_("%s changed after its index %s was saved: building the index again"), a->tm, a->index);
            rc = tm_index_build(a->tm, a->src, a->tgt, &ix);
            if (rc == 0 && tm_index_save(ix, a->index) < 0)
                cli_warn(_("%s (answering from the index built now)"), error_last()); /* a read-only index */
        }
    } else {
        rc = tm_index_build(a->tm, a->src, a->tgt, &ix);
        if (rc == 0 && a->index)
            rc = tm_index_save(ix, a->index);
    }
    /* a memory without the pair answers nothing: say so rather than print queries alone */
    if (rc == 0 && tm_index_units(ix) == 0)
        rc = error_set(ERR_DATA, _("%s holds no unit with both %s and %s: nothing to look up in (tmx stats lists "
                                   "its languages)"),
                       a->tm ? a->tm : a->index, a->src, a->tgt);
    if (rc == 0 && !(a->matches = malloc((size_t)a->best * sizeof *a->matches)))
        rc = error_nomem();
    if (rc < 0) {
        tm_index_free(ix);
        return cli_report(rc);
    }
    if (nops > 0) {
        for (int i = 0; i < nops && rc == 0; i++)
            rc = answer(ix, operands[i], a);
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while (rc == 0 && (len = getline(&line, &cap, stdin)) > 0) {
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
            if (len)
                rc = answer(ix, line, a);
        }
        /* the end of the queries, or a failure to read them: never taken for the end */
        if (rc == 0 && ferror(stdin))
            rc = errno == ENOMEM ? error_nomem() : error_set(ERR_IO, _("the queries on standard input: %s"), strerror(errno));
        free(line);
    }
    tm_index_free(ix);
    free(a->matches);
    fflush(stdout);
    return rc < 0 ? cli_report(rc) : 0;
}

const cli_runner tmx_lookup_cli_runner = CLI_RUNNER(lookup_args, defaults, NULL, run);
