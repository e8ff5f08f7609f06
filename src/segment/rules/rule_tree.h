/* rule_tree.h — a small parse tree of the ICU regular expressions SRX rules are written in.
 *
 * The rule filters (rule_filter.h) and automata (rule_automaton.h) read necessary
 * conditions off a pattern; both need the same structure: a sequence of items, each an
 * atom with repeat counts; an atom is a character set, a zero-width assertion (anchor,
 * \b, look-around), or a group of alternative sequences; a (?i:…) group holds its sets
 * closed over case. Syntax the tree does not model (other flags, '.', back-references,
 * set operations, case folding in Latin, Greek or Armenian) makes the parse fail, and
 * callers then assume nothing about the pattern. */
#ifndef POLYALIGN_RULE_TREE_H
#define POLYALIGN_RULE_TREE_H

#include <stddef.h>

#include <unicode/uset.h>

typedef struct rule_seq rule_seq;

typedef enum { ATOM_SET, ATOM_ZERO_WIDTH, ATOM_GROUP } atom_kind;

typedef struct {
    atom_kind kind;
    USet *set;          /* ATOM_SET */
    rule_seq **alts;        /* ATOM_GROUP, and look-arounds: alternatives */
    int nalts;
    int min;            /* minimum repetitions */
    int max;            /* maximum repetitions (INT_MAX: unbounded) */
    const char *text;   /* the atom as written (sets and anchors), for reversal */
    size_t text_len;
    const char *quant;  /* its quantifier as written ("" when none) */
    size_t quant_len;
    char look;          /* look-around: '=' '!' (ahead), '<' '>' (behind, positive/negative) */
    int caseless;       /* a (?i:…) group: its sets hold every case of their characters */
} rule_item;

struct rule_seq {           /* a sequence */
    rule_item *items;
    int n, cap;
};

/* Parse `pattern` into *top, a group of alternatives (top->alts, top->nalts). Returns 0,
 * or -1 when the pattern uses syntax not modelled (then *top holds nothing). *possessive
 * (may be NULL) is set when a possessive quantifier occurs. Free with rule_item_free. */
int rule_tree_parse(const char *pattern, rule_item *top, int *possessive);

void rule_item_free(rule_item *it);

/* A UnicodeSet from a set pattern written in UTF-8, or NULL. */
USet *rule_set_from_pattern(const char *pat);

/* The same set, frozen and shared for the life of the process (the caller must not
 * close or change it), or NULL when it cannot be kept: then rule_set_from_pattern. */
const USet *rule_set_shared(const char *pat);

/* The UnicodeSet spelling of a regex class escape (\s \d \w \n …), or NULL. */
const char *rule_class_escape(char c);

#endif
