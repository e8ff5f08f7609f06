/* bead_confidence.c — the bead-correctness model of bead_confidence.h: features, the
 * model text, the probability. */
#include "bead_confidence.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"

extern const char builtin_confidence_model[];
extern const size_t builtin_confidence_model_len;

const char *const confidence_feature_names[CONF_FEATURES] = {
    "bias",          "posterior_logit",  "node_logit",      "rival_logit",     "soft_logit",
    "margin",        "neighbour_logit",
    "one_to_one",    "empty_side",       "extra_sentences", "length_cost",     "lexicon_cost",
    "anchor_cost",   "prior_cost",       "coverage",        "coverage_weakest", "coverage_excess",
    "coverage_z",
    "no_words",      "log_chars",        "ratio_deviation", "neighbours_empty", "doc_rate",
    "doc_posterior", "leak",
};

const char *const confidence_class_names[CONF_CLASSES] = {"", "empty_side", "one_to_one"};

void confidence_terms(const double f[CONF_FEATURES], double t[CONF_TERMS])
{
    const double in_class[CONF_CLASSES] = {1, f[CONF_EMPTY_SIDE], f[CONF_ONE_TO_ONE]};
    for (int c = 0; c < CONF_CLASSES; c++)
        for (int k = 0; k < CONF_FEATURES; k++)
            t[c * CONF_FEATURES + k] = in_class[c] * f[k];
}

void confidence_term_name(int t, char *buf, size_t cap)
{
    int c = t / CONF_FEATURES;
    snprintf(buf, cap, "%s%s%s", confidence_feature_names[t % CONF_FEATURES], c ? "@" : "", confidence_class_names[c]);
}

/* Probabilities nearer 0 or 1 than this are not told apart: the passes round bead costs
 * to single precision, so a posterior of 1 - 1e-5 may be rounding. */
#define LOGIT_FLOOR 1e-4

static double logit(double p)
{
    if (p < LOGIT_FLOOR)
        p = LOGIT_FLOOR;
    if (p > 1 - LOGIT_FLOOR)
        p = 1 - LOGIT_FLOOR;
    return log(p / (1 - p));
}

/* Costs beyond this many nats only say "very unlikely" again */
#define COST_CAP 20.0

static double capped(double c)
{
    return c > COST_CAP ? COST_CAP : c < -COST_CAP ? -COST_CAP : c;
}

void confidence_features(const bead_observation *o, double f[CONF_FEATURES])
{
    memset(f, 0, CONF_FEATURES * sizeof *f);
    f[CONF_BIAS] = 1;
    f[CONF_POSTERIOR_LOGIT] = logit(o->ev.posterior);
    f[CONF_NODE_LOGIT] = logit(o->ev.start_node < o->ev.end_node ? o->ev.start_node : o->ev.end_node);
    f[CONF_RIVAL_LOGIT] = logit(o->ev.rival);
    f[CONF_SOFT_LOGIT] = logit(o->ev.soft_posterior);
    /* as far as the logits see: a rival path 9.2 nats dearer is as good as none, whether
     * a hard anchor forbids it or the costs just make it unlikely (a document read as
     * .docx, with its headings as anchors, scores as the same text in plain text) */
    f[CONF_MARGIN] = o->ev.margin < -log(LOGIT_FLOOR) ? o->ev.margin : -log(LOGIT_FLOOR);
    f[CONF_NEIGHBOUR_LOGIT] = logit(o->prev < o->next ? o->prev : o->next);
    int empty = o->di == 0 || o->dj == 0;
    f[CONF_ONE_TO_ONE] = o->di == 1 && o->dj == 1;
    f[CONF_EMPTY_SIDE] = empty;
    f[CONF_EXTRA_SENTENCES] = empty ? 0 : (double)(o->di + o->dj - 2);
    f[CONF_LENGTH_COST] = capped(o->length_cost);
    size_t sentences = o->di + o->dj;
    f[CONF_LEXICON_COST] = capped(o->lexicon_cost / (double)(sentences ? sentences : 1));
    f[CONF_ANCHOR_COST] = capped(o->anchor_cost);
    f[CONF_PRIOR_COST] = capped(o->prior_cost);
    unsigned words = o->cov.words[0] + o->cov.words[1], covered = o->cov.covered[0] + o->cov.covered[1];
    double coverage = words ? (double)covered / words : 0;
    f[CONF_COVERAGE] = coverage;
    f[CONF_COVERAGE_WEAKEST] = words ? o->cov.weakest : 0;
    f[CONF_COVERAGE_EXCESS] = words ? coverage - o->doc_rate[0] : 0;
    double z = 0;
    for (int s = 0; s < 2; s++) {
        double n = o->cov.words[s], q = o->doc_rate[s], expected = n * q;
        double zs = (o->cov.covered[s] - expected) / sqrt(expected * (1 - q) + 1);
        if (s == 0 || zs < z)
            z = zs;
    }
    f[CONF_COVERAGE_Z] = z;
    f[CONF_NO_WORDS] = words == 0;
    f[CONF_LOG_CHARS] = log1p(o->chars[0]);
    if (!empty && o->chars[0] > 0 && o->chars[1] > 0 && o->ratio > 0)
        f[CONF_RATIO_DEVIATION] = fabs(log(o->chars[1] / o->chars[0]) - log(o->ratio));
    f[CONF_NEIGHBOURS_EMPTY] = o->neighbours_empty;
    f[CONF_DOC_RATE] = o->doc_rate[0];
    f[CONF_DOC_POSTERIOR] = o->doc_posterior;
    for (int s = 0; s < 2; s++) {
        unsigned n = o->cov.words[s];
        unsigned leaked = o->wide[s].covered[s] > o->cov.covered[s] ? o->wide[s].covered[s] - o->cov.covered[s] : 0;
        double share = n ? (double)leaked / n : 0;
        if (share > f[CONF_LEAK])
            f[CONF_LEAK] = share;
    }
}

/* The next line of data[*pos..len) without its newline, into [*line, *line + *n). */
static int next_line(const char *data, size_t len, size_t *pos, const char **line, size_t *n)
{
    if (*pos >= len)
        return 0;
    const char *s = data + *pos, *nl = memchr(s, '\n', len - *pos);
    *line = s;
    *n = nl ? (size_t)(nl - s) : len - *pos;
    *pos += *n + (nl != NULL);
    return 1;
}

/* The term named name, or -1. */
static int term_of_name(const char *name)
{
    const char *at = strchr(name, '@');
    size_t feature_len = at ? (size_t)(at - name) : strlen(name);
    int c = 0;
    if (at)
        while (c < CONF_CLASSES && (c == CONF_CLASS_ALL || strcmp(at + 1, confidence_class_names[c]) != 0))
            c++;
    if (c == CONF_CLASSES)
        return -1;
    for (int k = 0; k < CONF_FEATURES; k++)
        if (strlen(confidence_feature_names[k]) == feature_len &&
            strncmp(name, confidence_feature_names[k], feature_len) == 0)
            return c * CONF_FEATURES + k;
    return -1;
}

int confidence_model_parse(const char *data, size_t len, const char *name, confidence_model *out)
{
    memset(out, 0, sizeof *out);
    int seen[CONF_TERMS] = {0};
    size_t pos = 0, n;
    const char *line;
    for (int lineno = 1; next_line(data, len, &pos, &line, &n); lineno++) {
        if (n == 0 || line[0] == '#')
            continue;
        char buf[128];
        if (n >= sizeof buf)
            return error_set(ERR_DATA, _("%s:%d: line too long"), name, lineno);
        memcpy(buf, line, n);
        buf[n] = '\0';
        char *space = strchr(buf, ' ');
        if (!space)
            return error_set(ERR_DATA, _("%s:%d: expected a feature name and a weight"), name, lineno);
        *space = '\0';
        char *end;
        double w = strtod(space + 1, &end);
        if (end == space + 1 || *end != '\0' || !isfinite(w))
            return error_set(ERR_DATA, _("%s:%d: expected a feature name and a weight"), name, lineno);
        int t = term_of_name(buf);
        if (t < 0 || seen[t])
            return error_set(ERR_DATA, _("%s:%d: unknown or repeated feature '%s'"), name, lineno, buf);
        seen[t] = 1;
        out->w[t] = w;
    }
    for (int t = 0; t < CONF_TERMS; t++)
        if (!seen[t]) {
            char term[128];
            confidence_term_name(t, term, sizeof term);
            return error_set(ERR_DATA, _("%s: no weight for the feature '%s'"), name, term);
        }
    return 0;
}

int confidence_model_builtin(confidence_model *out)
{
    return confidence_model_parse(builtin_confidence_model, builtin_confidence_model_len,
                                  "confidence_model.txt (built-in)", out);
}

double confidence_model_apply(const confidence_model *m, const double f[CONF_FEATURES])
{
    double t[CONF_TERMS], z = 0;
    confidence_terms(f, t);
    for (int k = 0; k < CONF_TERMS; k++)
        z += m->w[k] * t[k];
    return 1 / (1 + exp(-z));
}

double confidence_of_bead(const confidence_model *m, const double f[CONF_FEATURES], double posterior)
{
    double p = confidence_model_apply(m, f);
    return p < posterior ? p : posterior;
}
