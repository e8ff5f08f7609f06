/* batch_progress.c — the batch's stderr; see batch_progress.h. */
#include "batch_progress.h"

#include <unistd.h>

#include "../i18n.h"

void batch_progress_init(batch_progress *p, FILE *f, int quiet)
{
    *p = (batch_progress){f, isatty(fileno(f)), quiet, 0, 0, 0};
}

/* Remove the status line before writing a line of another kind. */
static void clear(batch_progress *p)
{
    if (p->shown)
        fputs("\r\033[K", p->f);
    p->shown = 0;
}

/* "1:05:07", "4:02", "0:09" */
static void duration(double seconds, char *buf, size_t size)
{
    long s = (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* "polyalign: 120/500 sets, 950 sentences/s, 1:02 left, 2 failed" (no newline) */
static void status(batch_progress *p, const batch_counts *c)
{
    fprintf(p->f, P_("polyalign: %zu/%zu set", "polyalign: %zu/%zu sets", c->total), c->done, c->total);
    if (c->elapsed > 0)
        fprintf(p->f, _(", %.0f sentences/s"), (double)c->sentences / c->elapsed);
    if (c->bytes_done > 0 && c->done < c->total) {
        char left[32];
        duration(c->elapsed * (double)(c->bytes_total - c->bytes_done) / (double)c->bytes_done, left, sizeof left);
        fprintf(p->f, _(", %s left"), left);
    }
    fprintf(p->f, P_(", %zu failed", ", %zu failed", c->failed), c->failed);
}

static void tick(void *ctx, const batch_counts *c)
{
    batch_progress *p = ctx;
    if (p->quiet)
        return;
    if (p->tty) {
        fputs("\r\033[K", p->f);
        status(p, c);
        fflush(p->f);
        p->shown = 1;
        return;
    }
    size_t tenth = c->total ? c->done * 10 / c->total : 0;
    if (tenth > p->last_tenth || c->elapsed - p->last_line >= 60) {
        status(p, c);
        fputc('\n', p->f);
        p->last_tenth = tenth;
        p->last_line = c->elapsed;
    }
}

static void finished(void *ctx, const batch_event *e, const batch_counts *c)
{
    batch_progress *p = ctx;
    if (e->error || (e->nwarnings && !p->quiet))
        clear(p);
    const char *id = e->doc->id ? e->doc->id : "-";
    if (e->error)
        fprintf(p->f, _("polyalign: %s: %s: %s\n"), e->where, id, e->error);
    for (size_t k = 0; k < e->nwarnings && !p->quiet; k++)
        fprintf(p->f, _("polyalign: warning: %s: %s: %s\n"), e->where, id, e->warnings[k]);
    tick(ctx, c);
}

batch_observer batch_progress_observer(batch_progress *p)
{
    return (batch_observer){finished, tick, p};
}

void batch_progress_warn(batch_progress *p, const char *where, const char *message)
{
    if (!p->quiet)
        fprintf(p->f, _("polyalign: warning: %s: %s\n"), where, message);
}

void batch_progress_summary(batch_progress *p, const batch_summary *s, const char *outdir, int threads,
                            const char *report_name)
{
    clear(p);
    const batch_counts *c = &s->counts;
    size_t aligned = c->done - c->failed - c->resumed;
    if (threads) {
        fprintf(p->f, P_("polyalign: %zu set in %.1f s", "polyalign: %zu sets in %.1f s", c->total), c->total,
                c->elapsed);
        fprintf(p->f, P_(" on %d thread", " on %d threads", threads), threads);
        if (c->elapsed > 0)
            fprintf(p->f, _(" (%.1f sets/s, %.0f sentences/s)"), (double)(aligned + c->failed) / c->elapsed,
                    (double)c->sentences / c->elapsed);
        fprintf(p->f, _(": %zu aligned, %zu failed, %zu kept from an earlier run (--resume)\n"), aligned, c->failed,
                c->resumed);
    } else {
        fprintf(p->f, P_("polyalign: %zu set merged, %zu failed\n", "polyalign: %zu sets merged, %zu failed\n",
                         c->total),
                c->total, c->failed);
    }
    fprintf(p->f, _("polyalign: report: %s/%s\n"), outdir, report_name);
    if (s->all_written) {
        fprintf(p->f, P_("polyalign: %s/all.tmx: %zu unit", "polyalign: %s/all.tmx: %zu units", s->units), outdir,
                s->units);
        fprintf(p->f, P_(", %zu conflict between documents kept\n", ", %zu conflicts between documents kept\n",
                         s->conflicts),
                s->conflicts);
    }
    if (c->failed)
        fprintf(p->f, P_("polyalign: %zu of %zu document set failed (the reasons are in the report)\n",
                         "polyalign: %zu of %zu document sets failed (the reasons are in the report)\n", c->total),
                c->failed, c->total);
}
