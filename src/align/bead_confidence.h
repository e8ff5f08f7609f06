/* bead_confidence.h — the probability that a bead is right, from what the aligner knows
 * about it.
 *
 * The posterior marginal of a bead (dp.h) says how much of the weight of all alignment
 * paths goes through it, but it only compares the bead with its rivals under the cost
 * model: where the model is sure and wrong (a left-out sentence glued to a neighbour, a
 * free literary rendering), the posterior is high all the same. So the confidence is a
 * small logistic regression over evidence the aligner already has for each bead of its
 * path: the posterior and those of its nodes, of its best rival and of its neighbours;
 * its shape; its own costs from the scorers (length, dictionary, anchors, shape prior);
 * how much of each side, and of its weakest sentence, the dictionaries explain, against
 * the document's own rate; its lengths; each weighed apart for the beads with an empty
 * side and for the 1-1 beads too (the terms, below). The weights are learned by `make
 * train` from the gold alignments of the dev sets (tools/confidence_train.c, documents
 * held out by fold) and kept as text in src/align/confidence_model.txt, which the build
 * embeds:
 *
 *     # comments
 *     bias -1.250000
 *     posterior_logit 0.731200
 *     …
 *     posterior_logit@one_to_one 0.120000
 *     …
 *
 * one line per term (below), every term named once. The confidence is the lower of the
 * model's probability and the posterior (confidence_of_bead). Without a dictionary for
 * the pair, half the evidence is missing and the aligner keeps the plain posterior
 * (align.c). */
#ifndef POLYALIGN_ALIGN_BEAD_CONFIDENCE_H
#define POLYALIGN_ALIGN_BEAD_CONFIDENCE_H

#include <stddef.h>

#include "dp.h"
#include "lexmodel.h"

typedef enum {
    CONF_BIAS,
    CONF_POSTERIOR_LOGIT,   /* logit of the bead's posterior */
    CONF_NODE_LOGIT,        /* logit of the less certain of its two nodes */
    CONF_RIVAL_LOGIT,       /* logit of the best rival bead's posterior */
    CONF_SOFT_LOGIT,        /* logit of the posterior at the soft temperature (dp.h) */
    CONF_MARGIN,            /* nats to the best path through a rival bead (capped where
                             * the logits' floor is) */
    CONF_NEIGHBOUR_LOGIT,   /* logit of the less certain neighbouring bead */
    CONF_ONE_TO_ONE,        /* 1 for a 1-1 bead */
    CONF_EMPTY_SIDE,        /* 1 for a 1-0 or 0-1 bead */
    CONF_EXTRA_SENTENCES,   /* sentences beyond one a side (2-1: 1, 2-3: 3) */
    CONF_LENGTH_COST,       /* the length score's cost (nats) */
    CONF_LEXICON_COST,      /* the dictionary score's cost (nats), per sentence */
    CONF_ANCHOR_COST,       /* the anchors' cost (nats) */
    CONF_PRIOR_COST,        /* the shape prior's cost (nats) */
    CONF_COVERAGE,          /* covered content words of both sides over all of them */
    CONF_COVERAGE_WEAKEST,  /* the lowest coverage of one of its sentences */
    CONF_COVERAGE_EXCESS,   /* coverage less the document's rate in its beads */
    CONF_COVERAGE_Z,        /* the lower of the two sides' covered words against what the
                             * document's rate predicts, in standard deviations */
    CONF_NO_WORDS,          /* 1 when neither side has a content word a dictionary knows */
    CONF_LOG_CHARS,         /* log(1 + characters of the pivot side) */
    CONF_RATIO_DEVIATION,   /* |log of the bead's length ratio less the document's| */
    CONF_NEIGHBOURS_EMPTY,  /* neighbouring beads with an empty side (0, 1, 2) */
    CONF_DOC_RATE,          /* the document's coverage rate in its beads (pivot side) */
    CONF_DOC_POSTERIOR,     /* the mean posterior of the document's beads */
    CONF_LEAK,              /* the share of its content words whose dictionary translation is
                             * in the neighbouring beads' other side and not in its own: a
                             * sentence split across beads the wrong way */
    CONF_FEATURES
} confidence_feature;

/* The features' names, as the model text spells them. */
extern const char *const confidence_feature_names[CONF_FEATURES];

/* What is known about one bead of the path. */
typedef struct {
    size_t di, dj;                  /* its shape */
    bead_evidence ev;               /* from the inside and outside passes */
    double prev, next;              /* posteriors of the beads before and after (1 at an end) */
    int neighbours_empty;           /* of those, how many have an empty side */
    double doc_posterior;           /* the mean posterior of the document's beads */
    double length_cost, lexicon_cost, anchor_cost, prior_cost; /* per scorer, unweighted */
    lex_coverage cov;               /* dictionary coverage */
    lex_coverage wide[2];           /* the same with the other side widened by the neighbouring
                                     * beads' sentences: pivot words (wide[0]), translation
                                     * words (wide[1]) */
    double doc_rate[2];             /* the document's coverage rate in its beads, per side */
    double chars[2];                /* characters of each side */
    double ratio;                   /* the document's target/pivot character ratio */
} bead_observation;

/* The feature vector of a bead. */
void confidence_features(const bead_observation *o, double f[CONF_FEATURES]);

/* The model's terms: every feature for all beads, and again for the beads of one shape
 * class only (those with an empty side, the 1-1 beads), so that a class can weigh the
 * evidence its own way on top of the shared weights: a 1-1 bead's margin does not mean
 * what a 2-1 bead's does. Term c * CONF_FEATURES + k is feature k times class c's
 * indicator (class 0 holds every bead). The model text names the shared terms by their
 * feature and a class's own as FEATURE@CLASS (posterior_logit@one_to_one). */
typedef enum {
    CONF_CLASS_ALL,
    CONF_CLASS_EMPTY_SIDE,
    CONF_CLASS_ONE_TO_ONE,
    CONF_CLASSES
} confidence_class;

enum { CONF_TERMS = CONF_CLASSES * CONF_FEATURES };

/* The classes' names, as the model text spells them after '@' (none for class 0). */
extern const char *const confidence_class_names[CONF_CLASSES];

/* The terms of a bead with features f. */
void confidence_terms(const double f[CONF_FEATURES], double t[CONF_TERMS]);

/* The name of term t, as the model text spells it, into buf[0..cap). */
void confidence_term_name(int t, char *buf, size_t cap);

typedef struct {
    double w[CONF_TERMS];
} confidence_model;

/* Parse model text data[0..len) (`name` for messages). 0 or -ERR_DATA. */
int confidence_model_parse(const char *data, size_t len, const char *name, confidence_model *out);

/* The built-in model (src/align/confidence_model.txt). 0 or -ERR_DATA. */
int confidence_model_builtin(confidence_model *out);

/* The probability that the bead with features f is right. */
double confidence_model_apply(const confidence_model *m, const double f[CONF_FEATURES]);

/* A bead's confidence: the model's probability, but never above its posterior. The model
 * is there to catch what the cost model is sure of and wrong about; where the cost model
 * itself hesitates, its posterior stands (measured on the held-out folds: on en-zh the
 * lower of the two ranks right beads above wrong ones better than either, and flags
 * foreign sentences inserted into a translation that the model alone lets through). */
double confidence_of_bead(const confidence_model *m, const double f[CONF_FEATURES], double posterior);

#endif
