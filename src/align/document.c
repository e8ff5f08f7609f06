/* document.c — a document set loaded, aligned and judged; see document.h. */
#include "document.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../text/utf8.h"
#include "../util/error.h"
#include "mismatch.h"

void align_document_init(align_document *d, align_warn_fn warn, void *ctx)
{
    memset(d, 0, sizeof *d);
    d->warn = warn;
    d->warn_ctx = ctx;
}

static void warn(const align_document *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warn(const align_document *d, const char *fmt, ...)
{
    if (!d->warn)
        return;
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    d->warn(d->warn_ctx, message);
}

int align_document_load(align_document *d, const char *path, const doc_text_options *o, line_evidence *ev)
{
    if (d->ntexts == 3)
        return error_set(ERR_USAGE, _("at most three texts per document"));
    doc_text *t = &d->texts[d->ntexts];
    int rc = doc_text_load(t, path, o, ev);
    if (rc < 0)
        return rc;
    d->ntexts++;
    if (!o->lang) {
        char full[LANG_TAG_MAX];
        lang_full_tag(t->lang, full);
        snprintf(t->lang, sizeof t->lang, "%s", full);
    }
    return 0;
}

int align_document_align(align_document *d, const align_options *o)
{
    doc_text *texts = d->texts;
    for (int k = 1; d->ntexts == 3 && k < d->ntexts; k++) /* two texts: align_document_judge */
        if (texts[k].n == 0 && texts[0].n > 0)
            warn(d, _("%s has no sentences: every sentence of the other side stays unaligned"), texts[k].name);
    int rc;
    if (d->ntexts == 2) {
        rc = align_two(&texts[0], &texts[1], o, &d->beads, &d->n, &d->fit[0]);
    } else if (d->ntexts == 3) {
        rc = align_three(&texts[0], &texts[1], &texts[2], o, &d->beads, &d->n, d->fit);
    } else {
        rc = error_set(ERR_USAGE, _("a document is a pivot text and one or two translations"));
    }
    return rc;
}

int align_document_judge(const align_document *d, int force)
{
    const doc_text *texts = d->texts;
    const align_fit *fit = d->fit;
    /* an empty pivot, or one of two texts empty: no unit could come of it (three texts with
     * one translation empty still pair the other; align_document_align warns) */
    for (int k = 0; k < d->ntexts; k++) {
        if (texts[k].n > 0 || (k > 0 && d->ntexts == 3))
            continue;
        const char *other = texts[k == 0 ? 1 : 0].name;
        if (!force)
            return error_set(ERR_DATA,
                             _("%s has no sentences: nothing to align %s with; nothing written (--force writes the "
                               "alignment anyway, every sentence unaligned)"),
                             texts[k].name, other);
        warn(d, _("%s has no sentences: every sentence of the other side stays unaligned (--force)"), texts[k].name);
    }
    for (int p = 0; p + 1 < d->ntexts; p++) {
        double share = fit[p].beads ? 100.0 * (double)fit[p].doubtful / (double)fit[p].beads : 0;
        if (align_fit_is_unjudged_doubtful(&fit[p]))
            warn(d,
                 _("%.0f%% of the beads of %s and %s are doubtful, and without a lexicon for the pair polyalign "
                   "cannot tell whether one is a translation of the other"),
                 share, texts[0].name, texts[p + 1].name);
        if (!align_fit_is_mismatch(&fit[p]))
            continue;
        char coverage[PATH_MAX + 160] = "";
        if (fit[p].lexicons)
            snprintf(coverage, sizeof coverage,
                     _(", more than the %.0f%% of the content words of %s that meet a dictionary translation in their "
                       "bead"),
                     100.0 * fit[p].lexical_rate[0], texts[0].name);
        if (!force)
            return error_set(ERR_DATA,
                             _("%s does not look like a translation of %s: %.0f%% of the beads are doubtful (confidence "
                               "below %.2f)%s; nothing written (--force aligns anyway)"),
                             texts[p + 1].name, texts[0].name, share, ALIGN_DEFAULT_MIN_SCORE, coverage);
        warn(d,
             _("%s does not look like a translation of %s: %.0f%% of the beads are doubtful%s; aligned anyway "
               "(--force)"),
             texts[p + 1].name, texts[0].name, share, coverage);
    }
    return 0;
}

alignment align_document_view(const align_document *d)
{
    return (alignment){{&d->texts[0], &d->texts[1], d->ntexts == 3 ? &d->texts[2] : NULL},
                       (size_t)d->ntexts, d->beads, d->n, d->fit};
}

double align_document_mean_confidence(const align_document *d)
{
    double sum = 0;
    for (size_t k = 0; k < d->n; k++)
        sum += d->beads[k].confidence;
    return d->n ? sum / (double)d->n : 0.0;
}

size_t align_document_doubtful(const align_document *d, double min_score)
{
    size_t n = 0;
    for (size_t k = 0; k < d->n; k++)
        n += d->beads[k].confidence < min_score;
    return n;
}

void align_document_free(align_document *d)
{
    free(d->beads);
    for (int k = 0; k < d->ntexts; k++)
        doc_text_free(&d->texts[k]);
    d->beads = NULL;
    d->n = 0;
    d->ntexts = 0;
}
