/* batch_progress.h — what `polyalign batch` says on stderr while it runs and at the end.
 *
 * On a terminal one status line is rewritten in place (sets done of all, sentences a
 * second, time left, failures so far); elsewhere (a log file, a Slurm job's output) plain
 * lines come at every tenth of the sets and at least once a minute, so a log shows the
 * pace without a line per set. A set that fails is said at once on a line of its own,
 * with where it is in the manifest; warnings too, unless quiet. Quiet also silences the
 * status lines; the closing summary is always printed. */
#ifndef POLYALIGN_CLI_BATCH_PROGRESS_H
#define POLYALIGN_CLI_BATCH_PROGRESS_H

#include <stdio.h>

#include "../batch/batch.h"

typedef struct {
    FILE *f;
    int tty, quiet;
    int shown;              /* a status line is on screen (terminal) */
    size_t last_tenth;      /* plain lines: the tenth of the sets last said */
    double last_line;       /* plain lines: when the last one was written */
} batch_progress;

void batch_progress_init(batch_progress *p, FILE *f, int quiet);

/* The observer that prints to p (batch.h). */
batch_observer batch_progress_observer(batch_progress *p);

/* A warning before the run ("polyalign: warning: WHERE: message"), unless quiet. */
void batch_progress_warn(batch_progress *p, const char *where, const char *message);

/* The closing summary of a run (or of a merge: threads 0). */
void batch_progress_summary(batch_progress *p, const batch_summary *s, const char *outdir, int threads,
                            const char *report_name);

#endif
