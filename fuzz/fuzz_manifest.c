/* fuzz_manifest.c — libFuzzer target: what `polyalign batch` reads: a manifest
 * (batch/manifest.c), and the report lines --resume and --merge read back
 * (batch/report.c).
 *
 * An even first byte makes the rest a manifest file (paths in it are relative to its
 * private folder): every set must then have an error or a file per language, the sets
 * come in the order of their lines, and no two sets without an error share an id. An odd
 * one makes it a report line: parsed (a line that is not one is an error, never a
 * crash), and read back into a set's new place with report_line_again, whose line must
 * parse again with that place and the same files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/manifest.h"
#include "batch/report.h"
#include "input_file.h"

static void check_manifest(const manifest *m)
{
    for (size_t k = 0; k < m->n; k++) {
        const manifest_doc *d = &m->docs[k];
        for (int l = 0; l < m->nlangs && !d->error; l++)
            if (!d->path[l] || !d->given[l]) {
                fprintf(stderr, "set %zu (line %zu) has no error and no file %d\n", k, d->line, l);
                abort();
            }
        if (k && d->line <= m->docs[k - 1].line) {
            fprintf(stderr, "set %zu: line %zu after line %zu\n", k, d->line, m->docs[k - 1].line);
            abort();
        }
        for (size_t j = 0; j < k && m->n < 2000 && !d->error; j++)
            if (!m->docs[j].error && strcmp(m->docs[j].id, d->id) == 0) {
                fprintf(stderr, "lines %zu and %zu: the same id, no error\n", m->docs[j].line, d->line);
                abort();
            }
    }
}

static void check_report_line(const char *text, size_t len)
{
    report_entry e;
    if (report_parse(text, len, "fuzz:1", &e) < 0)
        return;
    const char *files[3] = {"a.en", "a.zh", "a.ru"};
    char langs[3][LANG_TAG_MAX] = {"en-US", "zh-CN", "ru-RU"};
    report_fields now = {.set = 1, .sets = 3, .line = 7, .id = "a", .files = files, .langs = langs, .nlangs = 3};
    char *again = report_line_again(text, len, &now);
    report_entry_free(&e);
    if (!again)
        return; /* out of memory, or jansson took the text for another JSON value */
    if (report_parse(again, strlen(again), "fuzz:2", &e) < 0 || e.set != 1 || e.sets != 3 || e.line != 7 ||
        !report_entry_has_files(&e, files, 3)) {
        fprintf(stderr, "a line read back does not hold its new place: %s\n", again);
        abort();
    }
    report_entry_free(&e);
    free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1) {
        check_report_line((const char *)data + 1, size - 1);
        return 0;
    }
    manifest m;
    if (manifest_read(fuzz_input_file(data + 1, size - 1, ".tsv"), &m) == 0) {
        check_manifest(&m);
        manifest_free(&m);
    }
    return 0;
}
