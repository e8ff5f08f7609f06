/* align_run.c — the groups of files of `polyalign align`, aligned into one output; see
 * align_run.h. */
#include "align_run.h"


#include "../util/file_ext.h"
#include "review.h"

/* One group, files[0..per_group), into w (and rw); *said_no_lexicon: whether a missing
 * lexicon was said already in the run. */
static int align_group(const align_run_settings *s, const char *const *files, output_writer *w, review_writer *rw,
                       const align_run_reporter *r, int *said_no_lexicon)
{
    align_document doc;
    align_document_init(&doc, r->warn, r->ctx);
    int rc = 0;
    for (int k = 0; k < s->per_group && rc == 0; k++) {
        line_evidence ev;
        doc_text_options to = s->read;
        to.lang = s->langs[k];
        rc = align_document_load(&doc, files[k], &to, &ev);
        if (rc == 0 && r->text_read)
            r->text_read(r->ctx, &doc.texts[k], &ev);
    }
    if (rc == 0 && r->group_read)
        rc = r->group_read(r->ctx, &doc);
    if (rc == 0)
        rc = align_document_align(&doc, s->align);
    for (int p = 0; rc == 0 && p + 1 < s->per_group && !*said_no_lexicon; p++)
        if (doc.fit[p].lexicon_missing && doc.fit[p].lexicons == 0) {
            if (r->no_lexicon)
                r->no_lexicon(r->ctx, doc.texts[0].base, doc.texts[p + 1].base);
            *said_no_lexicon = 1;
        }
    for (int p = 0; rc == 0 && p + 1 < s->per_group; p++)
        if (doc.fit[p].headings_unpaired && r->headings_unpaired)
            r->headings_unpaired(r->ctx, &doc.texts[0], &doc.texts[p + 1]);
    if (rc == 0)
        rc = align_document_judge(&doc, s->force);
    alignment al = align_document_view(&doc);
    output_stats st = {0};
    if (rc == 0)
        rc = output_add(w, &al, &st);
    if (rc == 0 && rw)
        rc = review_add(rw, &al, s->output.several_documents ? doc.texts[0].name : NULL);
    if (rc == 0 && r->aligned)
        r->aligned(r->ctx, &al, &st);
    align_document_free(&doc);
    return rc;
}

int align_run(const align_run_settings *s, FILE *out, FILE *review, const align_run_reporter *r,
              output_stats *total)
{
    static const align_run_reporter silent = {0};
    *total = (output_stats){0};
    if (!r)
        r = &silent;
    align_run_settings run = *s;
    run.output.several_documents = s->nfiles > (size_t)s->per_group;
    output_writer *w = NULL;
    review_writer *rw = NULL;
    int rc = output_begin(&w, s->format, out, &run.output);
    if (rc == 0 && review)
        rc = review_begin(&rw, review, file_base_name(s->files[0]) /* the page's title */, s->output.min_score);
    int said_no_lexicon = 0;
    for (size_t g = 0; rc == 0 && g < s->nfiles / (size_t)s->per_group; g++)
        rc = align_group(&run, s->files + g * (size_t)s->per_group, w, rw, r, &said_no_lexicon);
    int end_rc = w ? output_end(w, total) : 0;
    int page_rc = rw ? review_end(rw) : 0;
    return rc ? rc : end_rc ? end_rc : page_rc;
}
