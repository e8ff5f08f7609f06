/* report.c — report.jsonl lines written and read back; see report.h. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

/* x rounded to `digits` decimals, so that the text of a line does not depend on noise. */
static json_t *rounded(double x, double scale)
{
    return json_real((double)(long long)(x * scale + 0.5) / scale);
}

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

char *report_line(const report_fields *f)
{
    json_t *o = json_object(), *files = json_array(), *langs = json_array();
    json_object_set_new(o, "set", json_integer((json_int_t)f->set));
    json_object_set_new(o, "sets", json_integer((json_int_t)f->sets));
    if (f->line)
        json_object_set_new(o, "line", json_integer((json_int_t)f->line));
    json_object_set_new(o, "id", string_or_null(f->id));
    for (int k = 0; k < f->nlangs; k++) {
        json_array_append_new(files, string_or_null(f->files ? f->files[k] : NULL));
        json_array_append_new(langs, json_string(f->langs[k]));
    }
    json_object_set_new(o, "files", files);
    json_object_set_new(o, "langs", langs);
    if (f->sentences) {
        json_t *per_lang = json_object();
        for (int k = 0; k < f->nlangs; k++)
            json_object_set_new(per_lang, f->langs[k], json_integer((json_int_t)f->sentences[k]));
        json_object_set_new(o, "sentences", per_lang);
        json_object_set_new(o, "beads", json_integer((json_int_t)f->beads));
        json_object_set_new(o, "mean_confidence", rounded(f->mean_confidence, 1e4));
        json_object_set_new(o, "doubtful", json_integer((json_int_t)f->doubtful));
        json_object_set_new(o, "units", json_integer((json_int_t)f->units));
    }
    json_object_set_new(o, "seconds", rounded(f->seconds, 1e3));
    json_object_set_new(o, "tmx", string_or_null(f->tmx));
    if (f->shards) {
        char shard[48];
        snprintf(shard, sizeof shard, "%u/%u", f->shard, f->shards);
        json_object_set_new(o, "shard", json_string(shard));
    }
    if (f->note)
        json_object_set_new(o, "note", json_string(f->note));
    if (f->warnings && json_array_size(f->warnings))
        json_object_set(o, "warnings", f->warnings);
    json_object_set_new(o, "error", string_or_null(f->error));
    char *line = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
    json_decref(o);
    return line;
}

char *report_line_again(const char *text, size_t len, const report_fields *now)
{
    json_t *o = json_loadb(text, len, 0, NULL);
    json_t *per_lang = json_object_get(o, "sentences"), *warnings = json_object_get(o, "warnings");
    report_fields f = *now;
    size_t sentences[3] = {0};
    for (int k = 0; k < f.nlangs; k++)
        sentences[k] = (size_t)json_integer_value(json_object_get(per_lang, f.langs[k]));
    f.sentences = per_lang ? sentences : NULL;
    f.beads = (size_t)json_integer_value(json_object_get(o, "beads"));
    f.doubtful = (size_t)json_integer_value(json_object_get(o, "doubtful"));
    f.units = (size_t)json_integer_value(json_object_get(o, "units"));
    f.mean_confidence = json_number_value(json_object_get(o, "mean_confidence"));
    f.seconds = json_number_value(json_object_get(o, "seconds"));
    f.tmx = json_string_value(json_object_get(o, "tmx"));
    f.error = json_string_value(json_object_get(o, "error"));
    f.warnings = json_is_array(warnings) ? warnings : NULL;
    char *line = o ? report_line(&f) : NULL;
    json_decref(o);
    return line;
}

int report_parse(const char *text, size_t len, const char *where, report_entry *e)
{
    memset(e, 0, sizeof *e);
    json_error_t jerr;
    json_t *o = json_loadb(text, len, 0, &jerr);
    json_t *set = json_object_get(o, "set"), *sets = json_object_get(o, "sets"), *line = json_object_get(o, "line");
    json_t *id = json_object_get(o, "id"), *tmx = json_object_get(o, "tmx"), *error = json_object_get(o, "error");
    json_t *files = json_object_get(o, "files");
    if (!json_is_integer(set) || !json_is_integer(sets) || json_integer_value(set) < 0 ||
        json_integer_value(set) >= json_integer_value(sets) || !json_is_array(files)) {
        json_decref(o);
        return error_set(ERR_DATA, _("%s: not a line of a polyalign batch report: %s"), where,
                         o ? _("no set number") : jerr.text);
    }
    e->set = (size_t)json_integer_value(set);
    e->sets = (size_t)json_integer_value(sets);
    e->line = json_is_integer(line) ? (size_t)json_integer_value(line) : 0;
    e->failed = error && !json_is_null(error);
    e->id = json_is_string(id) ? strdup(json_string_value(id)) : NULL;
    e->tmx = json_is_string(tmx) ? strdup(json_string_value(tmx)) : NULL;
    e->files = json_incref(files);
    int short_of_memory = (json_is_string(id) && !e->id) || (json_is_string(tmx) && !e->tmx);
    json_decref(o);
    if (short_of_memory) {
        report_entry_free(e);
        return error_nomem();
    }
    return 0;
}

void report_entry_free(report_entry *e)
{
    free(e->id);
    free(e->tmx);
    json_decref(e->files);
    memset(e, 0, sizeof *e);
}

int report_entry_has_files(const report_entry *e, const char *const *files, int n)
{
    if (json_array_size(e->files) != (size_t)n)
        return 0;
    for (int k = 0; k < n; k++) {
        const char *s = json_string_value(json_array_get(e->files, (size_t)k));
        if (!s || !files[k] || strcmp(s, files[k]) != 0)
            return 0;
    }
    return 1;
}
