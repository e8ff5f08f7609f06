/* markup.c — subtitle markup; see markup.h. */
#include "markup.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_MARKUP = 256 }; /* a longer "tag" is text that happens to hold a '<' */

/* The end of a tag body: bytes up to the closing `close`, on one line. */
static size_t up_to(const char *s, char close)
{
    for (size_t k = 1; k < MAX_MARKUP && s[k] && s[k] != '\n'; k++)
        if (s[k] == close)
            return k + 1;
    return 0;
}

/* A tag name at s followed by what may follow it: '>', or for names that take
 * attributes or classes, a space or '.' and more. */
static int tag_name(const char *s, size_t *n)
{
    static const struct {
        const char *name;
        int attributes;
    } names[] = {{"i", 0}, {"b", 0}, {"u", 0}, {"s", 0}, {"font", 1}, {"c", 1},
                 {"v", 1}, {"lang", 1}, {"ruby", 0}, {"rt", 0}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t len = strlen(names[k].name);
        if (strncasecmp(s, names[k].name, len) != 0)
            continue;
        char next = s[len];
        if (next == '>' || (names[k].attributes && (next == ' ' || next == '\t' || next == '.'))) {
            *n = len;
            return 1;
        }
    }
    return 0;
}

size_t markup_length(const char *s)
{
    if (s[0] == '{' && s[1] == '\\')
        return up_to(s, '}');
    if (s[0] != '<')
        return 0;
    const char *p = s + 1;
    if (isdigit((unsigned char)*p)) { /* a WebVTT timestamp: <00:01.500> */
        size_t n = up_to(s, '>');
        for (size_t k = 1; n && k + 1 < n; k++)
            if (!isdigit((unsigned char)s[k]) && s[k] != ':' && s[k] != '.')
                return 0;
        return n;
    }
    if (*p == '/')
        p++;
    size_t name;
    return tag_name(p, &name) ? up_to(s, '>') : 0;
}

void markup_strip(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        size_t n = markup_length(r);
        if (n) {
            r += n;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
}

enum { MAX_OPEN = 16 }; /* tags open at once; deeper nesting is left as written */

/* The name of the tag at s (after '<' and any '/'), its length in *n. */
static const char *name_of(const char *s, size_t *n)
{
    const char *p = s + 1 + (s[1] == '/');
    *n = 0;
    while (isalnum((unsigned char)p[*n]))
        ++*n;
    return p;
}

/* Update the stack of open tags (their opening text, as offsets into t) with the tags of t. */
static void track(const char *t, const char *open[MAX_OPEN], size_t len[MAX_OPEN], size_t *depth)
{
    for (const char *p = t; *p;) {
        size_t m = markup_length(p);
        if (!m || p[0] != '<' || isdigit((unsigned char)p[1])) {
            p += m ? m : 1;
            continue;
        }
        size_t n;
        const char *name = name_of(p, &n);
        if (p[1] != '/') {
            if (*depth < MAX_OPEN) {
                open[*depth] = p;
                len[(*depth)++] = m;
            }
        } else {
            for (size_t k = *depth; k-- > 0;) {
                size_t on;
                const char *oname = name_of(open[k], &on);
                if (on == n && strncasecmp(oname, name, n) == 0) {
                    *depth = k; /* closes it and any left open inside it */
                    break;
                }
            }
        }
        p += m;
    }
}

/* The ASS override blocks of t, in order, copied to dst (NULL: only counted); their length. */
static size_t overrides_of(const char *t, char *dst)
{
    size_t n = 0;
    for (size_t m; *t; t += m ? m : 1) {
        m = markup_length(t);
        if (m && t[0] == '{') {
            if (dst)
                memcpy(dst + n, t, m);
            n += m;
        }
    }
    return n;
}

size_t markup_end_before(const char *t, size_t w)
{
    while (w > 0 && (t[w - 1] == '>' || t[w - 1] == '}')) {
        char open = t[w - 1] == '>' ? '<' : '{';
        size_t a = w - 1;
        while (a > 0 && t[a - 1] != open && w - a < MAX_MARKUP)
            a--;
        if (a == 0 || t[a - 1] != open || markup_length(t + a - 1) != w - a + 1)
            break;
        w = a - 1;
    }
    return w;
}

int markup_carry_over(char **texts, size_t n)
{
    const char *open[MAX_OPEN];
    size_t len[MAX_OPEN], depth;
    char *carried = NULL; /* the opening tags the previous text left open, in order */
    size_t carried_len = 0;
    for (size_t k = 0; k < n; k++) {
        /* the text with the carried tags before it, then what it leaves open */
        size_t tl = strlen(texts[k]);
        char *with = malloc(carried_len + tl + 1);
        if (!with) {
            free(carried);
            return -1;
        }
        memcpy(with, carried ? carried : "", carried_len);
        memcpy(with + carried_len, texts[k], tl + 1);
        depth = 0;
        track(with, open, len, &depth);
        /* close what is open, innermost first: "</name>" each */
        size_t closing = 0, opening = 0;
        for (size_t d = 0; d < depth; d++) {
            size_t nl;
            name_of(open[d], &nl);
            closing += nl + 3;
            opening += len[d];
        }
        /* ASS overrides ({\an8}, {\i1}) hold for the rest of their cue: each later piece
         * repeats every one met so far, in order */
        char *next_carried = malloc(overrides_of(with, NULL) + opening + 1);
        char *out = malloc(carried_len + tl + closing + 1);
        if (!next_carried || !out) {
            free(next_carried);
            free(out);
            free(with);
            free(carried);
            return -1;
        }
        size_t o = 0, c = overrides_of(with, next_carried);
        for (size_t d = 0; d < depth; d++) {
            memcpy(next_carried + c, open[d], len[d]);
            c += len[d];
        }
        next_carried[c] = '\0';
        memcpy(out, with, carried_len + tl);
        o = carried_len + tl;
        for (size_t d = depth; d-- > 0;) {
            size_t nl;
            const char *name = name_of(open[d], &nl);
            out[o++] = '<';
            out[o++] = '/';
            memcpy(out + o, name, nl);
            o += nl;
            out[o++] = '>';
        }
        out[o] = '\0';
        free(with);
        free(carried);
        carried = next_carried;
        carried_len = c;
        free(texts[k]);
        texts[k] = out;
    }
    free(carried);
    return 0;
}
