/* job.c — one document set of a batch; see job.h. */
#include "job.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../align/document.h"
#include "../export/review.h"
#include "../i18n.h"
#include "../text/input.h"
#include "../util/atomic_file.h"
#include "../util/error.h"
#include "report.h"

int job_doc_path(const char *outdir, const char *id, const char *ext, char *buf, size_t size)
{
    const char *folder = strcmp(ext, "html") == 0 ? "review" : "docs";
    int n = snprintf(buf, size, "%s/%s/%s.%s", outdir, folder, id, ext);
    return n < 0 || (size_t)n >= size ? error_set(ERR_IO, _("%s/%s/%s.%s: path too long"), outdir, folder, id, ext)
                                      : 0;
}

double batch_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void collect_warning(void *ctx, const char *message)
{
    json_array_append_new(ctx, json_string(message));
}

/* The report's place of the set: everything but its results. */
static report_fields placement(const manifest *m, size_t set, const batch_options *o)
{
    const manifest_doc *d = &m->docs[set];
    return (report_fields){.set = set, .sets = m->n, .line = d->line, .id = d->id,
                           .files = (const char *const *)d->given, .langs = m->langs, .nlangs = m->nlangs,
                           .note = d->note, .shard = o->shard, .shards = o->shards};
}

/* --resume: the report line of a set done before, with its place updated; NULL when the
 * set is not done (no TMX, no review page asked for, no line, other files, or it failed). */
static char *done_before(const manifest *m, size_t set, const char *outdir, int review, const report_fields *place)
{
    const manifest_doc *d = &m->docs[set];
    char tmx[PATH_MAX], json[PATH_MAX], page[PATH_MAX];
    struct stat st;
    if (job_doc_path(outdir, d->id, "tmx", tmx, sizeof tmx) < 0 || job_doc_path(outdir, d->id, "json", json, sizeof json) < 0 ||
        job_doc_path(outdir, d->id, "html", page, sizeof page) < 0 || stat(tmx, &st) < 0 || !S_ISREG(st.st_mode) ||
        (review && stat(page, &st) < 0))
        return NULL;
    text_input in;
    if (text_input_read_encoded(json, "UTF-8", &in) < 0)
        return NULL;
    report_entry e;
    char *line = NULL;
    if (report_parse(in.bytes, in.len, json, &e) == 0) {
        if (!e.failed && e.tmx && report_entry_has_files(&e, (const char *const *)d->given, m->nlangs))
            line = report_line_again(in.bytes, in.len, place);
        report_entry_free(&e);
    }
    text_input_free(&in);
    return line;
}

/* Write `text` and a newline to `path` through a temporary file. */
static int write_text_file(const char *path, const char *text)
{
    atomic_file out;
    int rc = atomic_file_open(&out, path);
    if (rc < 0)
        return rc;
    fputs(text, out.f);
    fputc('\n', out.f);
    return atomic_file_finish(&out, 0);
}

/* The set's TMX, as `align -o ID.tmx` writes it; *units gets the units written. */
static int write_tmx(const char *path, const alignment *al, const output_options *oo, size_t *units)
{
    atomic_file out;
    int rc = atomic_file_open(&out, path);
    if (rc < 0)
        return rc;
    output_writer *w = NULL;
    output_stats st = {0}, total = {0};
    rc = output_begin(&w, FORMAT_TMX, out.f, oo);
    if (rc == 0)
        rc = output_add(w, al, &st);
    int end_rc = w ? output_end(w, &total) : 0;
    *units = st.written;
    return atomic_file_finish(&out, rc ? rc : end_rc);
}

/* The set's review page, titled with its id. */
static int write_review(const char *path, const char *id, const alignment *al, double min_score)
{
    atomic_file out;
    int rc = atomic_file_open(&out, path);
    if (rc < 0)
        return rc;
    review_writer *w;
    rc = review_begin(&w, out.f, id, min_score);
    if (rc == 0) {
        rc = review_add(w, al, NULL);
        int end_rc = review_end(w);
        rc = rc ? rc : end_rc;
    }
    return atomic_file_finish(&out, rc);
}

/* Align the set into its TMX (and review page, page_path not NULL); fills the results of
 * *f. *write_failed is set when the error is the outputs', not the set's. */
static int align_set(const manifest *m, const manifest_doc *d, const char *tmx_path, const char *page_path,
                     const batch_options *o, json_t *warnings, report_fields *f, size_t sentences[3],
                     int *write_failed)
{
    align_document doc;
    align_document_init(&doc, collect_warning, warnings);
    int rc = 0;
    for (int k = 0; k < m->nlangs && rc == 0; k++) {
        doc_text_options to = {m->langs[k], o->lines, o->encoding, o->input_format, o->marker};
        rc = align_document_load(&doc, d->path[k], &to, NULL);
    }
    if (rc == 0)
        rc = align_document_align(&doc, &o->align);
    if (rc == 0)
        rc = align_document_judge(&doc, o->force);
    alignment al = align_document_view(&doc);
    if (rc == 0)
        *write_failed = (rc = write_tmx(tmx_path, &al, &o->output, &f->units)) < 0;
    if (rc == 0 && page_path)
        *write_failed = (rc = write_review(page_path, d->id, &al, o->output.min_score)) < 0;
    if (rc == 0) {
        for (int k = 0; k < m->nlangs; k++)
            sentences[k] = doc.texts[k].n;
        f->sentences = sentences;
        f->beads = doc.n;
        f->mean_confidence = align_document_mean_confidence(&doc);
        f->doubtful = align_document_doubtful(&doc, o->output.min_score);
    }
    align_document_free(&doc);
    return rc;
}

/* Copy the thread's last error message into *out (NULL when memory is short). */
static void keep_error(char **out)
{
    free(*out);
    *out = strdup(error_last());
}

int job_run(const manifest *m, size_t set, const char *outdir, const batch_options *o, job_result *r)
{
    memset(r, 0, sizeof *r);
    const manifest_doc *d = &m->docs[set];
    report_fields f = placement(m, set, o);
    char tmx[PATH_MAX], json[PATH_MAX], page[PATH_MAX], tmx_rel[PATH_MAX];
    r->warnings = json_array();
    if (!r->warnings)
        return error_nomem();
    if (d->error) {
        f.error = d->error;
        r->error = strdup(d->error);
        r->line = report_line(&f);
        return r->line && r->error ? 0 : error_nomem();
    }
    int rc = job_doc_path(outdir, d->id, "tmx", tmx, sizeof tmx);
    if (rc == 0)
        rc = job_doc_path(outdir, d->id, "json", json, sizeof json);
    if (rc == 0)
        rc = job_doc_path(outdir, d->id, "html", page, sizeof page);
    int paths_ok = rc == 0;
    snprintf(tmx_rel, sizeof tmx_rel, "docs/%s.tmx", d->id);
    if (rc == 0 && o->resume && (r->line = done_before(m, set, outdir, o->review, &f))) {
        r->resumed = 1;
        r->tmx = strdup(tmx_rel);
        return r->tmx ? 0 : error_nomem();
    }
    double start = batch_seconds();
    size_t sentences[3] = {0};
    int write_failed = 0;
    if (rc == 0)
        rc = align_set(m, d, tmx, o->review ? page : NULL, o, r->warnings, &f, sentences, &write_failed);
    f.seconds = batch_seconds() - start;
    f.warnings = r->warnings;
    if (rc == 0) {
        f.tmx = tmx_rel;
        r->line = report_line(&f);
        rc = r->line ? write_text_file(json, r->line) : error_nomem();
        write_failed = rc < 0;
    }
    if (rc == 0) {
        for (int k = 0; k < m->nlangs; k++)
            r->sentences += sentences[k];
        r->tmx = strdup(tmx_rel);
        return r->tmx ? 0 : error_nomem();
    }
    /* failed: nothing of the set stays, not even an earlier run's */
    keep_error(&r->error);
    if (paths_ok) {
        unlink(tmx);
        unlink(json);
        unlink(page);
    }
    free(r->line);
    r->line = NULL;
    if (rc == -ERR_NOMEM || write_failed)
        return rc; /* the machine's or the output folder's trouble: the batch stops */
    f.tmx = NULL;
    f.sentences = NULL;
    f.error = r->error ? r->error : "";
    r->line = report_line(&f);
    return r->line && r->error ? 0 : error_nomem();
}

void job_result_free(job_result *r)
{
    free(r->line);
    free(r->error);
    free(r->tmx);
    json_decref(r->warnings);
    memset(r, 0, sizeof *r);
}
