/* cmd_tmx_lookup.c — `polyalign tmx lookup --tm FILE.tmx --src en --tgt zh-CN [TEXT…]`:
 * fuzzy matches as CAT tools show them, one block per query (stdin: one query per line).
 * --index FILE saves the index on first use and loads it afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../i18n.h"
#include "../tm/tm_index.h"
#include "../util/error.h"
#include "commands.h"

enum { OPT_TM = 256, OPT_SRC, OPT_TGT, OPT_MIN, OPT_INDEX, OPT_MAX = 'n' };

const cli_option tmx_lookup_cli_options[] = {
    {"tm", OPT_TM, 1, "FILE.tmx", N_("the translation memory")},
    {"src", OPT_SRC, 1, "LANG", N_("language of the queries (required)")},
    {"tgt", OPT_TGT, 1, "LANG", N_("language of the translations (required)")},
    {"min", OPT_MIN, 1, "PERCENT", N_("lowest match shown (default 70)")},
    {"best", OPT_MAX, 1, "N", N_("matches shown per query (default 5)")},
    {"index", OPT_INDEX, 1, "FILE", N_("load the index from FILE, or build it and save it there")},
    {0},
};

typedef struct {
    const char *tm, *src, *tgt, *index;
    int min, best;
} lookup_args;

static int handle_option(int key, const char *arg, void *ctx)
{
    lookup_args *a = ctx;
    char *end;
    switch (key) {
    case OPT_TM: a->tm = arg; break;
    case OPT_SRC: a->src = arg; break;
    case OPT_TGT: a->tgt = arg; break;
    case OPT_INDEX: a->index = arg; break;
    case OPT_MIN:
        a->min = (int)strtol(arg, &end, 10);
        if (*end || a->min < 0 || a->min > 100)
            return cli_usage_error(cli_find("tmx lookup"), _("--min takes a percentage from 0 to 100"));
        break;
    case OPT_MAX:
        a->best = (int)strtol(arg, &end, 10);
        if (*end || a->best < 1)
            return cli_usage_error(cli_find("tmx lookup"), _("--best takes a positive number"));
        break;
    }
    return 0;
}

static void answer(const tm_index *ix, const char *query, const lookup_args *a)
{
    tm_match m[64];
    size_t n = tm_index_lookup(ix, query, a->min, m, (size_t)(a->best < 64 ? a->best : 64));
    printf("%s\n", query);
    for (size_t k = 0; k < n; k++)
        printf("  %3d%%\t%s\t%s\n", m[k].score, m[k].source, m[k].target);
}

int cmd_tmx_lookup(int argc, char **argv)
{
    const cli_command *self = cli_find("tmx lookup");
    lookup_args a = {NULL, NULL, NULL, NULL, 70, 5};
    int first;
    int status = cli_parse(self, argc, argv, handle_option, &a, &first);
    if (status)
        return status < 0 ? 0 : status;
    if (!a.src || !a.tgt || (!a.tm && !a.index))
        return cli_usage_error(self, _("give --tm FILE.tmx (or --index FILE), --src and --tgt"));
    tm_index *ix = NULL;
    int rc;
    if (a.index && access(a.index, F_OK) == 0) {
        rc = tm_index_load(a.index, &ix);
    } else {
        if (!a.tm)
            return cli_usage_error(self, _("--index %s does not exist yet: give --tm to build it"), a.index);
        rc = tm_index_build(a.tm, a.src, a.tgt, &ix);
        if (rc == 0 && a.index)
            rc = tm_index_save(ix, a.index);
    }
    if (rc < 0) {
        tm_index_free(ix);
        return cli_report(rc);
    }
    if (first < argc) {
        for (int i = first; i < argc; i++)
            answer(ix, argv[i], &a);
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while ((len = getline(&line, &cap, stdin)) > 0) {
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
            if (len)
                answer(ix, line, &a);
        }
        free(line);
    }
    tm_index_free(ix);
    fflush(stdout);
    return 0;
}
