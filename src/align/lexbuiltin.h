/* lexbuiltin.h — the built-in lexicons (en-zh.lex, en-ru.lex) of a command: each found,
 * mapped and checked once, then shared by every document and thread.
 *
 * A batch aligns thousands of documents on several threads; opening a lexicon per
 * document would search for it, map it and check its offsets every time (lexicon.h).
 * The set opens a pair's lexicon the first time a document asks for it, under a lock,
 * and lends it to every later document: a lexicon is read-only once open, so threads
 * read it at the same time without locking. A pair found missing is remembered too.
 *
 * Files are looked for in `dir` when given (--lexicon-dir, $POLYALIGN_LEXICONS); else
 * the build tree beside the executable (build/lexicons); else where `make install` puts
 * them relative to PREFIX/bin; else the compiled prefix. A pair stored the other way
 * round (zh-en) serves too: the caller swaps its sides by comparing languages. */
#ifndef POLYALIGN_ALIGN_LEXBUILTIN_H
#define POLYALIGN_ALIGN_LEXBUILTIN_H

#include "lexicon.h"

typedef struct lexicon_builtins lexicon_builtins;

/* An empty set looking in `dir` (NULL: the default search; the string is copied). */
int lexicon_builtins_new(const char *dir, lexicon_builtins **out);
void lexicon_builtins_free(lexicon_builtins *b);

/* The lexicon of languages src and tgt (base subtags), in either order, or *out NULL when
 * there is none; *missing is set when it is one of the pairs polyalign ships (English
 * with Chinese or Russian), for the caller to say so. Owned by the set. A damaged file
 * is an error (and is tried again on a later call). Safe to call from several threads. */
int lexicon_builtins_get(lexicon_builtins *b, const char *src, const char *tgt, const lexicon **out, int *missing);

#endif
