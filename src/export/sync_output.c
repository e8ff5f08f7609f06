/* sync_output.c — a sync map as JSON, TSV or SRT; see sync_output.h.
 *
 * The map is first laid out as rows in time order (sentences or cues, missing sentences,
 * skipped stretches), so that each format is one walk over the rows. */
#include "sync_output.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../subtitle/srt.h"
#include "../util/error.h"
#include "../util/file_ext.h"

const char *const sync_format_names[] = {"json", "tsv", "srt", NULL};

int sync_format_parse(const char *name)
{
    for (int k = 0; sync_format_names[k]; k++)
        if (strcmp(name, sync_format_names[k]) == 0)
            return k;
    return -1;
}

sync_format sync_format_from_path(const char *path)
{
    return file_ext_is(path, "tsv") ? SYNC_FORMAT_TSV : file_ext_is(path, "srt") ? SYNC_FORMAT_SRT : SYNC_FORMAT_JSON;
}

static double ms(double t) { return round(t * 1000) / 1000; }

enum row_kind { ROW_PLACED, ROW_MISSING, ROW_SKIPPED };

typedef struct {
    double start, end, confidence;
    size_t sentence;
    const char *text; /* ROW_SKIPPED: NULL */
    enum row_kind kind;
    double speech_seconds; /* ROW_SKIPPED */
} sync_row;

static const char *row_flag(const sync_row *r)
{
    return r->kind == ROW_MISSING   ? "missing"
           : r->kind == ROW_SKIPPED ? "skipped"
           : r->confidence < SYNC_LOW_CONFIDENCE ? "low"
                                                 : "ok";
}

/* A skipped stretch holds speech when the voice detector heard at least this much. */
static const double skipped_speech_min = 0.5;

static void write_tsv(FILE *f, const sync_row *rows, size_t n)
{
    fputs("index\tsentence\tstart\tend\tconfidence\tflag\ttext\n", f);
    for (size_t k = 0, index = 0; k < n; k++) {
        const sync_row *r = &rows[k];
        if (r->kind == ROW_SKIPPED) {
            fprintf(f, "\t\t%.3f\t%.3f\t\tskipped\t%s\n", r->start, r->end,
                    r->speech_seconds >= skipped_speech_min ? "speech" : "no speech");
            continue;
        }
        fprintf(f, "%zu\t%zu\t", ++index, r->sentence + 1);
        if (r->kind == ROW_MISSING)
            fputs("\t\t", f);
        else
            fprintf(f, "%.3f\t%.3f\t", r->start, r->end);
        fprintf(f, "%.3f\t%s\t", r->confidence, row_flag(r));
        for (const char *p = r->text; *p; p++)
            fputc(*p == '\n' || *p == '\t' ? ' ' : *p, f);
        fputc('\n', f);
    }
}

/* Players want cues only where the transcript is spoken. */
static int write_srt(FILE *f, const sync_row *rows, size_t n)
{
    cue_list cues = {0};
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (rows[k].kind != ROW_PLACED)
            continue;
        char *text = strdup(rows[k].text);
        rc = text ? cue_list_add(&cues, (cue){text, rows[k].sentence, 0, 1, 0, 0, rows[k].start, rows[k].end, 0})
                  : error_nomem();
        if (rc < 0)
            free(text);
    }
    if (rc == 0)
        rc = subtitle_write(f, &cues, SUBTITLE_SRT);
    cues_free(&cues);
    return rc;
}

static int write_json(FILE *f, const sync_row *rows, size_t n, const sync_map *m, const sync_output_source *src)
{
    json_t *root = json_object(), *list = json_array();
    json_object_set_new(root, "audio", json_string(src->audio));
    json_object_set_new(root, "lang", json_string(src->lang));
    json_object_set_new(root, "duration", json_real(ms(m->audio_seconds)));
    json_object_set_new(root, "speech_seconds", json_real(ms(m->speech_seconds)));
    json_object_set_new(root, "leading_silence", json_real(ms(m->leading_silence)));
    json_t *skipped = json_array();
    for (size_t k = 0, index = 0; k < n; k++) {
        const sync_row *r = &rows[k];
        json_t *o = json_object();
        if (r->kind == ROW_SKIPPED) {
            json_object_set_new(o, "start", json_real(ms(r->start)));
            json_object_set_new(o, "end", json_real(ms(r->end)));
            json_object_set_new(o, "speech", json_boolean(r->speech_seconds >= skipped_speech_min));
            json_object_set_new(o, "speech_seconds", json_real(ms(r->speech_seconds)));
            json_array_append_new(skipped, o);
            continue;
        }
        json_object_set_new(o, "index", json_integer((json_int_t)++index));
        json_object_set_new(o, "sentence", json_integer((json_int_t)r->sentence + 1));
        json_object_set_new(o, "start", r->kind == ROW_MISSING ? json_null() : json_real(ms(r->start)));
        json_object_set_new(o, "end", r->kind == ROW_MISSING ? json_null() : json_real(ms(r->end)));
        json_object_set_new(o, "confidence", json_real(ms(r->confidence)));
        json_object_set_new(o, "low_confidence", json_boolean(r->confidence < SYNC_LOW_CONFIDENCE));
        json_object_set_new(o, "missing", json_boolean(r->kind == ROW_MISSING));
        json_object_set_new(o, "text", json_string(r->text));
        json_array_append_new(list, o);
    }
    json_object_set_new(root, src->cues ? "cues" : "sentences", list);
    json_object_set_new(root, "skipped", skipped);
    int rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    fputc('\n', f);
    json_decref(root);
    if (rc < 0 && !ferror(f))
        return error_nomem(); /* jansson fails for nothing else */
    return 0;
}

/* The rows of the map in time order: each sentence (or each cue of it), a missing
 * sentence where it stands in the transcript, and the skipped stretches where they fall. */
static int sync_rows(const sync_map *m, const cue_list *cues, const char *const *sentences, sync_row **out,
                     size_t *nout)
{
    size_t cap = (cues ? cues->n : 0) + m->n + m->nskipped + 1, n = 0, next_skip = 0, next_cue = 0;
    sync_row *rows = calloc(cap, sizeof *rows);
    if (!rows)
        return error_nomem();
    for (size_t s = 0; s <= m->n; s++) {
        int missing = s < m->n && m->sentence[s].missing;
        double from = s < m->n ? m->sentence[s].start : HUGE_VAL;
        for (; !missing && next_skip < m->nskipped && m->skipped[next_skip].start <= from; next_skip++) {
            const sync_skip *k = &m->skipped[next_skip];
            rows[n++] = (sync_row){k->start, k->end, 0, 0, NULL, ROW_SKIPPED, k->speech_seconds};
        }
        if (s == m->n)
            break;
        const sync_sentence *ss = &m->sentence[s];
        if (ss->missing) {
            rows[n++] = (sync_row){0, 0, 0, s, sentences[s], ROW_MISSING, 0};
        } else if (!cues) {
            rows[n++] = (sync_row){ss->start, ss->end, ss->confidence, s, sentences[s], ROW_PLACED, 0};
        } else {
            for (; next_cue < cues->n && cues->v[next_cue].sentence == s; next_cue++) {
                const cue *c = &cues->v[next_cue];
                rows[n++] = (sync_row){c->start, c->end, ss->confidence, s, c->text, ROW_PLACED, 0};
            }
        }
    }
    *out = rows;
    *nout = n;
    return 0;
}

int sync_output_write(FILE *f, sync_format fmt, const sync_map *m, const sync_output_source *src)
{
    sync_row *rows = NULL;
    size_t n = 0;
    int rc = sync_rows(m, src->cues, src->sentences, &rows, &n);
    if (rc == 0) {
        switch (fmt) {
        case SYNC_FORMAT_TSV: write_tsv(f, rows, n); break;
        case SYNC_FORMAT_SRT: rc = write_srt(f, rows, n); break;
        case SYNC_FORMAT_JSON: rc = write_json(f, rows, n, m, src); break;
        }
    }
    free(rows);
    if (rc == 0 && ferror(f))
        rc = -ERR_IO; /* reported by the caller, which knows the file */
    return rc;
}
