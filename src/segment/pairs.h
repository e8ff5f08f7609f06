/* pairs.h — quotations and brackets that a sentence break must not cut.
 *
 * "He teaches science (He previously worked … engineer.) at the local University.",
 * 他读了《你好。世界》这本书, «…? — спросила мама. — Завтра…»: a break inside a pair of
 * delimiters that closes soon after is almost always wrong. Regexes can only guess at
 * pairing (and guessing is slow: a look-behind over hundreds of characters at every
 * candidate); one linear pass with a stack finds the pairs exactly. The delimiters are
 * data: a table of opening and closing characters, plus the ASCII double quote whose
 * direction is read from its neighbours. Pairs wider than PAIR_MAX_CHARS columns (wide
 * CJK characters count two) are not protected: a quoted speech of several sentences
 * still splits into them, as translators and aligners need. */
#ifndef POLYALIGN_PAIRS_H
#define POLYALIGN_PAIRS_H

#include <stddef.h>

enum { PAIR_MAX_CHARS = 120, EMBEDDED_QUOTE_MAX_CHARS = 400 };

typedef struct {
    size_t start, end;  /* byte offsets: after the opening mark, at the closing mark */
    int introduced;     /* a quotation after a colon: 他说：“…” */
} protected_span;

typedef struct {
    protected_span *v;  /* sorted, disjoint */
    size_t n, cap;
} protected_spans;

/* Find the protected spans of text[0..len) (paragraph breaks end every pair). */
int pairs_find(const char *text, size_t len, protected_spans *out);

/* Is byte position q strictly inside a span? `cursor` walks forward with increasing q. */
int pairs_protects(const protected_spans *s, size_t q, size_t *cursor);

/* Does a quotation introduced by a colon end right before q, its closing mark the last
 * character before q ("他说：“真的？！”" | "我笑了。")? Its speaker was named before it,
 * so what follows is no attribution. `cursor` as pairs_protects left it for q. */
int pairs_introduced_quote_ends(const protected_spans *s, const char *text, size_t q, size_t cursor);

void pairs_free(protected_spans *s);

#endif
