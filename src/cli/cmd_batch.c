/* cmd_batch.c — `polyalign batch`: align every document set of a manifest (or of a
 * folder) on several threads into per-document TMX files, all.tmx and report.jsonl; or
 * merge the shards of such a batch. The work is src/batch/'s; here are the options, the
 * checks that concern the whole batch before it starts, and the exit status: 1 when any
 * set failed. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../align/lexbuiltin.h"
#include "../batch/batch.h"
#include "../batch/manifest.h"
#include "../i18n.h"
#include "../util/error.h"
#include "align_options.h"
#include "batch_progress.h"
#include "commands.h"

enum {
    OPT_OUTPUT = 'o', OPT_JOBS = 'j', OPT_QUIET = 'q', OPT_RESUME = 256, OPT_SHARD, OPT_REVIEW, OPT_FROM_DIR,
    OPT_LANGS, OPT_MERGE
};

typedef struct {
    align_settings s;   /* first, for align_settings_defaults and _handle */
    const char *output, *from_dir, *langs, *jobs, *shard;
    int resume, review, quiet, merge;
} batch_args;
_Static_assert(offsetof(batch_args, s) == 0, "align_settings_defaults and _handle take the struct as its settings");

/* the usage lines (commands.c gives their operands): the sets of a manifest, of a folder, or
 * the merge of shards */
enum { FROM_MANIFEST = CLI_FORM(1), FROM_DIR = CLI_FORM(2), MERGING = CLI_FORM(3) };

const cli_option batch_cli_options[] = {
    {"output", OPT_OUTPUT, 1, "OUTDIR", N_("the output folder: docs/ID.tmx per document set, all.tmx, report.jsonl (required)"), CLI_TEXT(batch_args, output), CLI_IN(MERGING, FROM_MANIFEST | FROM_DIR)},
    {"jobs", OPT_JOBS, 1, "N", N_("align on N threads (default: the number of processors); the output is the same for any N"), CLI_TEXT(batch_args, jobs), CLI_IN(FROM_MANIFEST | FROM_DIR, 0)},
    {"resume", OPT_RESUME, 0, NULL, N_("keep the document sets an earlier run into OUTDIR finished (their TMX and report line exist for the same files)"), CLI_FLAG(batch_args, resume), CLI_IN(FROM_MANIFEST | FROM_DIR, 0)},
    {"shard", OPT_SHARD, 1, "K/N", N_("only every N-th document set from the K-th (K from 0 to N-1, as Slurm array task ids): for a job array; --merge joins the shards"), CLI_TEXT(batch_args, shard), CLI_IN(FROM_MANIFEST | FROM_DIR, 0)},
    {"merge", OPT_MERGE, 0, NULL, N_("the operands are output folders of shards: write the report.jsonl and all.tmx of the whole batch (into -o, default: the one folder given)"), CLI_FLAG(batch_args, merge), CLI_IN(0, MERGING)},
    {"from-dir", OPT_FROM_DIR, 1, "DIR", N_("instead of a manifest: the files DIR/NAME.LANG[.EXT], one document set per NAME (with --langs)"), CLI_TEXT(batch_args, from_dir), CLI_IN(0, FROM_DIR)},
    {"langs", OPT_LANGS, 1, "L1,L2[,L3]", N_("with --from-dir: the languages, pivot first, as the files are named (e.g. en,zh,ru)"), CLI_TEXT(batch_args, langs), CLI_IN(0, FROM_DIR)},
    {"review", OPT_REVIEW, 0, NULL, N_("also write an HTML review page per document set (OUTDIR/review/ID.html) and an index (OUTDIR/review/index.html)"), CLI_FLAG(batch_args, review), CLI_SHOWN},
    ALIGN_CLI_OPTIONS(batch_args),
    {"quiet", OPT_QUIET, 0, NULL, N_("no progress lines and no warnings (failures and the summary are still printed)"), CLI_FLAG(batch_args, quiet), CLI_SHOWN},
    {0},
};

/* --shard K/N, K counting from 0: 0 or a usage error. */
static int parse_shard(const cli_command *self, const char *arg, unsigned *k, unsigned *n)
{
    char *end;
    unsigned long kk = strtoul(arg, &end, 10);
    unsigned long nn = *end == '/' && end > arg ? strtoul(end + 1, &end, 10) : 0;
    if (*end || nn == 0 || nn > 100000 || kk >= nn || arg[0] == '-')
        return cli_usage_error(self, _("--shard takes K/N with K from 0 to N-1 (Slurm's array task ids count from 0), "
                                       "not '%s'"),
                               arg);
    *k = (unsigned)kk;
    *n = (unsigned)nn;
    return 0;
}

/* The manifest, or the folder's sets: 0 or an exit status (message printed). */
static int read_sets(const cli_command *self, batch_args *a, const char *manifest_path, manifest *m)
{
    if (!a->from_dir) {
        if (a->langs)
            return cli_usage_error(self, _("--langs goes with --from-dir: a manifest's header names the languages"));
        return cli_report(manifest_read(manifest_path, m));
    }
    char tags[3][LANG_TAG_MAX], words[3][LANG_TAG_MAX];
    if (!a->langs)
        return cli_usage_error(self, _("--from-dir needs --langs, the languages the files are named with (e.g. "
                                       "--langs en,zh,ru)"));
    int n = align_parse_langs(self, a->langs, tags);
    if (n < 0)
        return ERR_USAGE;
    if (n < 2)
        return cli_usage_error(self, _("--langs takes two or three language tags separated by commas"));
    const char *names[3];
    const char *p = a->langs;
    for (int k = 0; k < n; k++) {
        size_t len = strcspn(p, ",");
        snprintf(words[k], sizeof words[k], "%.*s", (int)len, p);
        names[k] = words[k];
        p += len + 1;
    }
    return cli_report(manifest_from_dir(a->from_dir, tags, names, n, m));
}

/* Checks that concern every set, before any is aligned: --lexicon LANG= names a
 * translation, and a missing built-in lexicon is said once. */
static int check_languages(batch_args *a, const manifest *m, batch_progress *p)
{
    char bases[2][LANG_TAG_MAX];
    const char *tr[2] = {bases[0], bases[1]};
    for (int k = 1; k < m->nlangs; k++)
        lang_base(m->langs[k], bases[k - 1]);
    int rc = align_settings_check_lexicon_langs(&a->s, tr, m->nlangs - 1);
    if (rc < 0)
        return rc;
    char pivot[LANG_TAG_MAX];
    lang_base(m->langs[0], pivot);
    for (int k = 0; k + 1 < m->nlangs && !(a->s.opts.disabled & (1u << SCORE_LEXICON)) && !a->s.nlexicons; k++) {
        const lexicon *lx;
        int missing;
        if ((rc = lexicon_builtins_get(a->s.opts.lexicons.builtins, pivot, bases[k], &lx, &missing)) < 0)
            return rc;
        if (missing) {
            char msg[256];
            snprintf(msg, sizeof msg,
                     _("no built-in %s-%s lexicon found (build it with make; see --lexicon-dir): aligning with "
                       "sentence lengths and anchors only, less accurately"),
                     pivot, bases[k]);
            batch_progress_warn(p, m->name, msg);
        }
    }
    return 0;
}

/* The manifest's notes (files outside its folder): the first few, then how many more. */
static void say_notes(const manifest *m, batch_progress *p)
{
    enum { SAID_AT_MOST = 5 };
    size_t said = 0, more = 0;
    for (size_t k = 0; k < m->n; k++) {
        if (!m->docs[k].note)
            continue;
        if (said == SAID_AT_MOST) {
            more++;
            continue;
        }
        char where[PATH_MAX + 64];
        manifest_doc_where(m, &m->docs[k], where, sizeof where);
        batch_progress_warn(p, where, m->docs[k].note);
        said++;
    }
    if (more) {
        char msg[256];
        snprintf(msg, sizeof msg, P_("%zu more set has a file outside the manifest's folder (see the report's notes)",
                                     "%zu more sets have a file outside the manifest's folder (see the report's notes)",
                                     more),
                 more);
        batch_progress_warn(p, m->name, msg);
    }
}

static int exit_status(int rc, const batch_summary *s)
{
    if (rc < 0)
        return cli_report(rc);
    return s->counts.failed ? ERR_FAILED : 0;
}

static int run_merge(const cli_command *self, batch_args *a, int nops, char **operands)
{
    if (a->shard || a->resume || a->from_dir || a->langs)
        return cli_usage_error(self, _("--merge takes output folders of shards, without --shard, --resume, "
                                       "--from-dir or --langs"));
    if (nops == 0)
        return cli_usage_error(self, _("give the output folders of the shards to merge"));
    if (!a->output && nops > 1)
        return cli_usage_error(self, _("-o OUTDIR is required when merging several folders"));
    const char *outdir = a->output ? a->output : operands[0];
    batch_progress p;
    batch_progress_init(&p, stderr, a->quiet);
    batch_summary s;
    int rc = batch_merge((const char *const *)operands, (size_t)nops, outdir, a->review,
                         a->s.output.min_score, &s);
    if (rc == 0)
        batch_progress_summary(&p, &s, outdir, 0, "report.jsonl");
    return exit_status(rc, &s);
}

static int run(const cli_command *self, void *args, int nops, char **operands)
{
    batch_args *a = args;
    int status;
    if (a->merge)
        return run_merge(self, a, nops, operands);
    if (!a->output)
        return cli_usage_error(self, _("-o OUTDIR is required"));
    if (a->from_dir ? nops != 0 : nops != 1)
        return cli_usage_error(self, a->from_dir ? _("--from-dir takes the place of the manifest: give no other file")
                                                : _("give one manifest (TSV: id, then a file per language)"));
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    if (a->jobs && cli_count(self, "jobs", a->jobs, 1, 1024, &jobs))
        return ERR_USAGE;
    batch_options o = {.jobs = jobs > 0 ? (int)jobs : 1, .resume = a->resume, .review = a->review};
    if (a->shard && parse_shard(self, a->shard, &o.shard, &o.shards))
        return ERR_USAGE;
    manifest m;
    status = read_sets(self, a, a->from_dir ? NULL : operands[0], &m);
    if (status)
        return status;
    if (align_settings_finish(self, &a->s, m.nlangs)) {
        manifest_free(&m);
        return ERR_USAGE;
    }
    batch_progress p;
    batch_progress_init(&p, stderr, a->quiet);
    int rc = align_settings_open_shared(&a->s);
    if (rc == 0)
        rc = check_languages(a, &m, &p);
    if (rc == 0)
        say_notes(&m, &p);
    batch_summary s = {0};
    if (rc == 0) {
        o.align = a->s.opts;
        o.output = a->s.output;
        o.lines = a->s.lines;
        o.encoding = a->s.encoding;
        o.input_format = a->s.input_format;
        o.marker = a->s.marker;
        o.force = a->s.force;
        o.observer = batch_progress_observer(&p);
        rc = batch_run(&m, a->output, &o, &s);
    }
    if (rc == 0) {
        char report[64];
        batch_report_name(o.shard, o.shards, report, sizeof report);
        size_t threads = (size_t)o.jobs < s.counts.total ? (size_t)o.jobs : s.counts.total;
        batch_progress_summary(&p, &s, a->output, threads ? (int)threads : 1, report);
    }
    align_settings_close_shared(&a->s);
    manifest_free(&m);
    return exit_status(rc, &s);
}

const cli_runner batch_cli_runner = CLI_RUNNER(batch_args, align_settings_defaults, align_settings_handle, run);
