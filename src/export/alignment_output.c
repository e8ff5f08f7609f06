/* alignment_output.c — the alignment formats; see alignment_output.h. The review
 * table's cells and the XLIFF markup are written by their own modules (tm/review_table.h,
 * export/xliff_writer.h); here each bead becomes a row or a unit. */
#include "alignment_output.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../tm/review_table.h"
#include "../tm/tmx_writer.h"
#include "../util/error.h"
#include "../util/file_ext.h"
#include "xliff_writer.h"

static const char *const format_names[] = {"beads", "tsv", "jsonl", "tmx", "xliff", "xliff2"}; /* align_format order */
enum { NFORMATS = sizeof format_names / sizeof *format_names };

int align_format_parse(const char *name)
{
    for (int k = 0; k < NFORMATS; k++)
        if (strcmp(name, format_names[k]) == 0)
            return k;
    return -1;
}

const char *const align_format_extensions[] = {"align", "beads", "txt", "tsv", "jsonl", "tmx", "xliff", "xlf", NULL};

int align_format_from_path(const char *path)
{
    if (file_ext_is(path, "align") || file_ext_is(path, "beads"))
        return FORMAT_BEADS;
    if (file_ext_is(path, "xlf"))
        return FORMAT_XLIFF;
    for (int k = 0; k < NFORMATS; k++)
        if (file_ext_is(path, format_names[k]))
            return k;
    return -1;
}

static void write_indices(FILE *f, size_t start, size_t len)
{
    fputc('[', f);
    for (size_t k = 0; k < len; k++)
        fprintf(f, k ? ",%zu" : "%zu", start + k);
    fputc(']', f);
}

/* Before a document's beads in an output of several: "#", then its files, tab-separated. */
static void write_bead_document(const alignment *a, FILE *f)
{
    fputc('#', f);
    for (size_t k = 0; k < a->ntexts; k++) {
        fputc('\t', f);
        fputs(a->text[k]->name, f);
    }
    fputc('\n', f);
}

static int write_bead_line(const alignment *a, const bead *b, FILE *f)
{
    for (size_t k = 0; k < a->ntexts; k++) {
        if (k)
            fputc(':', f);
        write_indices(f, b->start[k], b->len[k]);
    }
    fprintf(f, ":%.4f\n", b->confidence);
    return 0;
}

/* A row of the review table: id, score, flag, the document when there are several, then
 * each language's text. */
static int write_tsv_line(const alignment *a, const bead *b, size_t id, int doubtful, int document, FILE *f)
{
    fprintf(f, "%zu\t%.4f\t%s", id, b->confidence, doubtful ? "doubtful" : "");
    if (document) {
        fputc('\t', f);
        review_table_cell(f, a->text[0]->name);
    }
    for (size_t k = 0; k < a->ntexts; k++) {
        char *s = alignment_side_text(a->text[k], b->start[k], b->len[k]);
        if (!s)
            return error_nomem();
        fputc('\t', f);
        review_table_cell(f, s);
        free(s);
    }
    fputc('\n', f);
    return 0;
}

static int write_jsonl_line(const alignment *a, const bead *b, int document, FILE *f)
{
    json_t *o = json_object(), *idx = json_array(), *texts = json_array(), *langs = json_array();
    char shape[64];
    bead_shape_name(a, b, shape, sizeof shape);
    int rc = 0;
    for (size_t k = 0; k < a->ntexts && rc == 0; k++) {
        json_t *side = json_array();
        for (size_t s = 0; s < b->len[k]; s++)
            json_array_append_new(side, json_integer((json_int_t)(b->start[k] + s)));
        json_array_append_new(idx, side);
        char *t = alignment_side_text(a->text[k], b->start[k], b->len[k]);
        if (!t)
            rc = error_nomem();
        else
            json_array_append_new(texts, json_string(t));
        free(t);
        json_array_append_new(langs, json_string(a->text[k]->lang));
    }
    json_object_set_new(o, "indices", idx);
    json_object_set_new(o, "shape", json_string(shape));
    json_object_set_new(o, "score", json_real((double)(long)(b->confidence * 10000 + 0.5) / 10000));
    json_object_set_new(o, "langs", langs);
    json_object_set_new(o, "texts", texts);
    if (document)
        json_object_set_new(o, "document", json_string(a->text[0]->name));
    if (rc == 0) {
        json_dumpf(o, f, JSON_COMPACT | JSON_REAL_PRECISION(6));
        fputc('\n', f);
    }
    json_decref(o);
    return rc;
}

/* {"summary":{"files":[…],"langs":[…],"beads":N,"pairs":[{"prior":{"1-1":p,…},…}]}} */
static int write_jsonl_summary(const alignment *a, FILE *f)
{
    json_t *sum = json_object(), *files = json_array(), *langs = json_array(), *pairs = json_array();
    for (size_t k = 0; k < a->ntexts; k++) {
        json_array_append_new(files, json_string(a->text[k]->name));
        json_array_append_new(langs, json_string(a->text[k]->lang));
    }
    for (size_t p = 0; a->fit && p + 1 < a->ntexts; p++) {
        const align_fit *fit = &a->fit[p];
        json_t *pair = json_object(), *prior = json_object(), *rate = json_array();
        for (size_t s = 0; s < align_nshapes; s++) {
            char name[16];
            snprintf(name, sizeof name, "%u-%u", align_shapes[s].di, align_shapes[s].dj);
            json_object_set_new(prior, name, json_real((double)(long)(fit->prior[s] * 1e5 + 0.5) / 1e5));
        }
        for (int s = 0; s < 2; s++)
            json_array_append_new(rate, json_real((double)(long)(fit->lexical_rate[s] * 1e4 + 0.5) / 1e4));
        json_object_set_new(pair, "langs", json_pack("[ss]", a->text[0]->lang, a->text[p + 1]->lang));
        json_object_set_new(pair, "prior", prior);
        json_object_set_new(pair, "refits", json_integer(fit->rounds));
        json_object_set_new(pair, "length_ratio", json_real((double)(long)(fit->ratio * 1e4 + 0.5) / 1e4));
        json_object_set_new(pair, "lexicons", json_integer((json_int_t)fit->lexicons));
        json_object_set_new(pair, "lexical_coverage", rate);
        json_object_set_new(pair, "learned_pairs", json_integer((json_int_t)fit->learned_pairs));
        json_object_set_new(pair, "doubtful_beads", json_integer((json_int_t)fit->doubtful));
        json_array_append_new(pairs, pair);
    }
    json_object_set_new(sum, "files", files);
    json_object_set_new(sum, "langs", langs);
    json_object_set_new(sum, "beads", json_integer((json_int_t)a->n));
    json_object_set_new(sum, "pairs", pairs);
    json_t *o = json_pack("{so}", "summary", sum);
    int rc = o ? 0 : error_nomem();
    if (rc == 0) {
        json_dumpf(o, f, JSON_COMPACT | JSON_REAL_PRECISION(6));
        fputc('\n', f);
    }
    json_decref(o);
    return rc;
}

static int write_tmx_unit(const alignment *a, const bead *b, size_t number, int doubtful, tmx_writer *w)
{
    char tuid[32], shape[64], score[32];
    snprintf(tuid, sizeof tuid, "%zu", number);
    bead_shape_name(a, b, shape, sizeof shape);
    snprintf(score, sizeof score, "%.4f", b->confidence);
    int rc = tmx_writer_begin_tu(w, tuid);
    if (rc == 0)
        rc = tmx_writer_prop(w, "x-polyalign-document", file_base_name(a->text[0]->name));
    if (rc == 0)
        rc = tmx_writer_prop(w, "x-polyalign-shape", shape);
    if (rc == 0)
        rc = tmx_writer_prop(w, "x-polyalign-score", score);
    if (rc == 0 && doubtful)
        rc = tmx_writer_prop(w, "x-polyalign-flag", "doubtful");
    for (size_t k = 0; k < a->ntexts && rc == 0; k++) {
        if (!b->len[k])
            continue;
        char *s = alignment_side_text(a->text[k], b->start[k], b->len[k]);
        rc = s ? tmx_writer_tuv(w, a->text[k]->lang, s) : error_nomem();
        free(s);
    }
    return rc ? rc : tmx_writer_end_tu(w);
}

/* TMX units need the pivot (srclang) and a translation; by default every side. */
static int tmx_keeps(const alignment *a, const bead *b, int keep_partial)
{
    size_t present = 0;
    for (size_t k = 1; k < a->ntexts; k++)
        present += b->len[k] > 0;
    return b->len[0] > 0 && (keep_partial ? present > 0 : present == a->ntexts - 1);
}

struct output_writer {
    align_format fmt;
    FILE *f;
    output_options opts;
    tmx_writer *tmx;
    xliff_writer *xliff;
    size_t next_unit;       /* tuid of the next unit, or id of the next row, over all documents */
};

/* The XLIFF of one document: a <file> per translation, a unit per bead with pivot text. */
static int write_xliff(output_writer *w, const alignment *a, output_stats *st)
{
    int rc = 0;
    if (!w->xliff)
        rc = xliff_writer_open(&w->xliff, w->f, w->fmt == FORMAT_XLIFF ? 1 : 2, a->text[0]->lang, a->text[1]->lang);
    for (size_t k = 1; rc == 0 && k < a->ntexts; k++) {
        rc = xliff_writer_begin_file(w->xliff, file_base_name(a->text[0]->name), a->text[k]->lang);
        for (size_t n = 0; rc == 0 && n < a->n; n++) {
            const bead *b = &a->beads[n];
            if (!b->len[0]) {
                st->empty_side_left_out += k == 1;
                continue;
            }
            char id[32], shape[64];
            snprintf(id, sizeof id, "%zu", n + 1);
            snprintf(shape, sizeof shape, "%zu-%zu", b->len[0], b->len[k]);
            char *src = alignment_side_text(a->text[0], b->start[0], b->len[0]);
            char *tgt = b->len[k] ? alignment_side_text(a->text[k], b->start[k], b->len[k]) : NULL;
            if (!src || (b->len[k] && !tgt))
                rc = error_nomem();
            xliff_unit u = {id, src, tgt, b->confidence, shape, b->confidence < w->opts.min_score};
            if (rc == 0)
                rc = xliff_writer_unit(w->xliff, &u);
            if (rc == 0 && k == 1) {
                st->written++;
                st->needs_review += u.needs_review;
            }
            free(src);
            free(tgt);
        }
        if (rc == 0)
            rc = xliff_writer_end_file(w->xliff);
    }
    return rc;
}

int output_begin(output_writer **out, align_format fmt, FILE *f, const output_options *o)
{
    output_writer *w = calloc(1, sizeof *w);
    if (!w)
        return error_nomem();
    w->fmt = fmt;
    w->f = f;
    w->opts = *o;
    w->next_unit = 1;
    *out = w;
    return 0;
}

int output_add(output_writer *w, const alignment *a, output_stats *st)
{
    memset(st, 0, sizeof *st);
    int rc = 0;
    if (w->fmt == FORMAT_TMX && !w->tmx) {
        /* every group shares the pivot's language (one --langs for all), so one srclang */
        tmx_header h = {.srclang = a->text[0]->lang};
        rc = tmx_writer_open(&w->tmx, w->f, &h);
    }
    if (w->fmt == FORMAT_XLIFF || w->fmt == FORMAT_XLIFF2) {
        size_t before = w->xliff ? xliff_writer_dropped(w->xliff) : 0;
        rc = write_xliff(w, a, st);
        st->chars_dropped = w->xliff ? xliff_writer_dropped(w->xliff) - before : 0;
        return rc;
    }
    if (w->fmt == FORMAT_TSV && w->next_unit == 1) {
        const char *langs[3];
        for (size_t k = 0; k < a->ntexts; k++)
            langs[k] = a->text[k]->lang;
        review_table_header(w->f, langs, a->ntexts, w->opts.several_documents);
    }
    if (w->fmt == FORMAT_BEADS && w->opts.several_documents)
        write_bead_document(a, w->f);
    size_t dropped_before = w->tmx ? tmx_writer_dropped(w->tmx) : 0;
    for (size_t k = 0; k < a->n && rc == 0; k++) {
        const bead *b = &a->beads[k];
        int doubtful = b->confidence < w->opts.min_score;
        switch (w->fmt) {
        case FORMAT_BEADS: rc = write_bead_line(a, b, w->f); break;
        case FORMAT_TSV: rc = write_tsv_line(a, b, w->next_unit++, doubtful, w->opts.several_documents, w->f); break;
        case FORMAT_JSONL: rc = write_jsonl_line(a, b, w->opts.several_documents, w->f); break;
        case FORMAT_XLIFF:
        case FORMAT_XLIFF2: break; /* written above */
        case FORMAT_TMX:
            if (!tmx_keeps(a, b, w->opts.keep_partial)) {
                st->empty_side_left_out++;
                st->partial_left_out += tmx_keeps(a, b, 1) && (!doubtful || w->opts.keep_doubtful);
                continue;
            }
            /* a wrong unit in a memory costs a translator more than a missing one */
            if (doubtful && !w->opts.keep_doubtful) {
                st->below_min_score++;
                continue;
            }
            st->doubtful_kept += doubtful;
            rc = write_tmx_unit(a, b, w->next_unit++, doubtful, w->tmx);
            break;
        }
        st->written += rc == 0;
    }
    if (rc == 0 && w->fmt == FORMAT_JSONL)
        rc = write_jsonl_summary(a, w->f);
    if (w->tmx)
        st->chars_dropped = tmx_writer_dropped(w->tmx) - dropped_before;
    return rc;
}

int output_end(output_writer *w, output_stats *total)
{
    int rc = 0;
    if (w->tmx) {
        total->chars_dropped = tmx_writer_dropped(w->tmx);
        rc = tmx_writer_close(w->tmx);
    }
    if (w->xliff) {
        total->chars_dropped = xliff_writer_dropped(w->xliff);
        rc = xliff_writer_close(w->xliff);
    }
    free(w);
    return rc;
}
