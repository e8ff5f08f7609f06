/* time_anchors.c — reading a time-coded transcript; see time_anchors.h. */
#include "time_anchors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "../i18n.h"
#include "../text/input.h"
#include "../util/error.h"

/* How many letters and digits of a line must match: enough to tell sentences apart, few
 * enough that a transcriber's later edits to the text do not matter. */
enum { MATCH_KEY = 24 };

/* The letters and digits of s, case folded, appended to key (at most cap in all); returns
 * the new length. */
static size_t match_key(const char *s, UChar32 *key, size_t len, size_t cap)
{
    int32_t i = 0;
    UChar32 c;
    while (s[i] && len < cap) {
        U8_NEXT((const uint8_t *)s, i, -1, c);
        if (c >= 0 && u_isalnum(c))
            key[len++] = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    }
    return len;
}

/* The transcript's key: all sentences' letters and digits, and where each sentence's begin. */
typedef struct {
    UChar32 *chars;
    size_t *at;     /* n + 1 offsets into chars */
    size_t len;
} transcript_key;

static int transcript_key_build(transcript_key *k, const char *const *sentences, size_t n)
{
    size_t bytes = 0;
    for (size_t s = 0; s < n; s++)
        bytes += strlen(sentences[s]);
    k->chars = malloc((bytes + 1) * sizeof *k->chars);
    k->at = malloc((n + 1) * sizeof *k->at);
    k->len = 0;
    if (!k->chars || !k->at)
        return error_nomem();
    for (size_t s = 0; s < n; s++) {
        k->at[s] = k->len;
        k->len = match_key(sentences[s], k->chars, k->len, bytes + 1);
    }
    k->at[n] = k->len;
    return 0;
}

/* The first sentence from `from` on that has letters or digits and whose text (running on
 * into the next sentences) begins with want[0..wl); n when none does. */
static size_t sentence_beginning(const transcript_key *k, size_t from, size_t n, const UChar32 *want, size_t wl)
{
    for (size_t s = from; s < n; s++)
        if (k->at[s + 1] > k->at[s] && k->at[s] + wl <= k->len &&
            memcmp(k->chars + k->at[s], want, wl * sizeof *want) == 0)
            return s;
    return n;
}

/* The time at the start of line: "HH:MM:SS.mmm" (or ",mmm") and a TAB; returns the
 * length read, or 0 when the line does not start so. */
static int line_time(const char *line, double *at)
{
    unsigned h, m, sec, ms;
    int used = 0, ms_at = 0;
    if (sscanf(line, "%u:%u:%u%*[.,]%n%3u%n", &h, &m, &sec, &ms_at, &ms, &used) != 4 || h > 99 || m > 59 || sec > 59 ||
        used - ms_at != 3 || line[used] != '\t')
        return 0;
    *at = h * 3600.0 + m * 60.0 + sec + ms / 1000.0;
    return used + 1;
}

int time_anchors_read(const char *path, const char *const *sentences, size_t n, double duration, time_anchor **out,
                      size_t *count)
{
    *out = NULL;
    *count = 0;
    text_input in;
    int rc = text_input_read(path, &in);
    if (rc < 0)
        return rc;
    transcript_key key = {0};
    time_anchor *v = malloc((n + 1) * sizeof *v);
    rc = v ? transcript_key_build(&key, sentences, n) : error_nomem();
    size_t next = 0;
    int lineno = 0;
    for (char *line = in.bytes, *nl; rc == 0 && line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        if (!line[0] || (line[0] == '\r' && !line[1]))
            continue;
        double at;
        int used = line_time(line, &at);
        if (!used) {
            rc = error_set(ERR_DATA, _("%s:%d: expected HH:MM:SS.mmm, a tab, then the first words of a sentence"),
                           path, lineno);
            break;
        }
        UChar32 want[MATCH_KEY];
        size_t wl = match_key(line + used, want, 0, MATCH_KEY);
        size_t s = wl ? sentence_beginning(&key, next, n, want, wl) : n;
        if (s == n) {
            rc = error_set(ERR_DATA, _("%s:%d: no sentence of the transcript (after the previous one) begins so"),
                           path, lineno);
            break;
        }
        if (*count && at <= v[*count - 1].time) {
            rc = error_set(ERR_DATA, _("%s:%d: this time is not after the previous one"), path, lineno);
            break;
        }
        if (duration > 0 && at >= duration) {
            rc = error_set(ERR_DATA, _("%s:%d: this time is not before the end of the recording (--duration %.3f s)"),
                           path, lineno, duration);
            break;
        }
        v[(*count)++] = (time_anchor){s, at};
        next = s + 1;
    }
    text_input_free(&in);
    free(key.chars);
    free(key.at);
    if (rc == 0 && *count == 0)
        rc = error_set(ERR_DATA, _("%s: no times in the file"), path);
    if (rc < 0) {
        free(v);
        *count = 0;
        return rc;
    }
    *out = v;
    return 0;
}
