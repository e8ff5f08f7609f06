/* tmx_stats_report.h — the report of `tmx stats`: a table for people (its headers in
 * the user's language) or one JSON Lines record per memory for scripts.
 *
 * The counts are made in tm/ (tmx_stats.h); here they are only written. */
#ifndef POLYALIGN_EXPORT_TMX_STATS_REPORT_H
#define POLYALIGN_EXPORT_TMX_STATS_REPORT_H

#include <stdio.h>

#include "../tm/tmx_stats.h"

/* "FILE: N units, N duplicates, source language L", then a row per language. */
void tmx_stats_report_text(FILE *f, const char *file, const tmx_stats *s);

/* {"file":…,"units":N,"duplicates":N,"srclang":…,"languages":{"en":{"segments":N,…}}}
 * on one line. */
void tmx_stats_report_jsonl(FILE *f, const char *file, const tmx_stats *s);

#endif
