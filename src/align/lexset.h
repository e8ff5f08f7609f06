/* lexset.h — the lexicons that apply to one pair of texts, and their words per sentence.
 *
 * Built-in lexicons are found by pair name (en-zh.lex) as lexbuiltin.h says, opened once
 * per command when the caller shares a set of them; a pair stored the other way round
 * (zh-en) is used with its sides swapped. User lexicons (--lexicon) come
 * compiled for the pair from a set the caller keeps for the whole command (lexuser.h);
 * one declared for a translation language (--lexicon zh=FILE) joins only the pairs whose
 * target is in that language. Sentences then become sorted sets of word hashes and of
 * the hashes of their translations, which is all the lexical score reads. */
#ifndef POLYALIGN_ALIGN_LEXSET_H
#define POLYALIGN_ALIGN_LEXSET_H

#include <stddef.h>
#include <stdint.h>

#include "lexbuiltin.h"
#include "lexuser.h"
#include "../doc/text.h"

typedef struct {
    const char *dir;            /* NULL: the default search */
    user_lexicons *user;        /* the --lexicon files, or NULL; lent to every lexset
                                 * opened with this config, which borrow its lexicons */
    int no_builtin;             /* leave the built-in lexicons out */
    lexicon_builtins *builtins; /* the built-in lexicons shared by every lexset of a
                                 * command (lexbuiltin.h; its own `dir` counts), or NULL:
                                 * each set opens its own in `dir` */
} lexset_config;

typedef struct lexset lexset;

/* Lexicons for source language `src` and target `tgt` (base subtags). A missing built-in
 * lexicon is not an error: *builtin_missing is set (for the caller to say so once), and
 * the set may hold no lexicon at all. A user lexicon that fails to load is an error.
 * cfg->user must outlive the set. */
int lexset_open(const char *src, const char *tgt, const lexset_config *cfg, lexset **out, int *builtin_missing);
void lexset_free(lexset *ls);

/* Number of lexicons in the set. */
size_t lexset_count(const lexset *ls);

/* Words of the sentences of one side (0: source, 1: target): per sentence, the sorted
 * unique hashes of its content words a lexicon knows; and once per distinct word, the
 * hashes of its translations (a common English word has hundreds in CC-CEDICT: kept per
 * word, not per occurrence, they cost memory in the vocabulary's size, not the text's). */
typedef struct {
    size_t n;
    uint32_t *wstart, *words;   /* [n+1] offsets into words */
    uint32_t *astart, *all;     /* every content word, known to a lexicon or not (sorted
                                 * unique per sentence; NULL when not asked for) */
    size_t nvocab;
    uint32_t *vocab;            /* the distinct words, sorted */
    uint32_t *vstart, *vtrans;  /* [nvocab+1] offsets into vtrans: each word's translations */
} lex_side;

int lexset_side(const lexset *ls, int side, const doc_text *t, lex_side *out);

/* The same, also filling `all` (for learning word pairs from the document, lexlearn.h). */
int lexset_side_all(const lexset *ls, int side, const doc_text *t, lex_side *out);
void lex_side_free(lex_side *s);

#endif
