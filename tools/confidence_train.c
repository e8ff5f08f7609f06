/* confidence_train.c — learn the bead-confidence model (`make train`).
 *
 *   confidence_train DIR OUT.txt
 *   confidence_train --report DIR
 *
 * DIR is the alignment dev sets (../shared/eval/align: SET/dev/docs/DOC.LANG, one
 * sentence per line, and SET/dev/gold/DOC.SRC-TGT.align). Every document pair is aligned
 * once by the real aligner (align_two, as `align --presegmented` does), with an observer
 * (align.h) that hands over each bead of the path with its features (bead_confidence.h);
 * a bead is right when it is exactly a gold bead, the definition `make eval` scores.
 *
 * Each document is also aligned with its translation edited as scripts/eval_omission.py
 * edits it (runs of 1, 3 and 8 sentences deleted, or taken from the next document and
 * inserted), the gold following the edit, so that the model learns what a gap looks like;
 * those beads are learned from, never scored.
 *
 * The model is a logistic regression over the terms of bead_confidence.h (every feature,
 * and again for the beads with an empty side and for the 1-1 beads), fitted by Newton's
 * method (a fixed number of steps,
 * an L2 penalty on standardized features, every set weighing the same whatever its
 * number of beads), so the same data gives the same file byte for byte. The sets learned
 * from are en-zh and un3 (en-zh, en-ru); en-ru/dev's gold beads are whole verses, not
 * sentence beads, so it is scored, never learned from.
 *
 * Documents are split by name order into five folds per set (document k goes to fold
 * k mod 5). The figures printed on standard error are held-out figures of the confidence
 * (the lower of the model's probability and the posterior, confidence_of_bead): each fold
 * is scored by a model fitted on the other four, so no bead is scored by a model that saw
 * its document; beside them, the plain posterior's (what the confidence was before). The
 * model written is fitted on all folds. --report prints the held-out figures and those of
 * the built-in model (the one the binary embeds, on every document), writing nothing:
 * `make eval` prints it. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align/align.h"
#include "align/bead_confidence.h"
#include "util/atomic_file.h"
#include "util/error.h"

enum { FOLDS = 5, NEWTON_STEPS = 30, MAX_SETS = 8, MODEL_TEXT_MAX = 16384 };
#define L2_PENALTY 1.0

typedef struct {
    const char *dir, *src, *tgt;    /* set directory under DIR, languages */
    int learn;                      /* learned from (else only scored) */
} eval_set;

static const eval_set SETS[] = {
    {"en-zh/dev", "en", "zh", 1},
    {"un3/dev", "en", "zh", 1},
    {"un3/dev", "en", "ru", 1},
    {"en-ru/dev", "en", "ru", 0},
};
enum { NSETS = sizeof SETS / sizeof SETS[0] };

typedef struct {
    double f[CONF_FEATURES];
    double posterior;
    int right, both, set, fold;
    int augmented;      /* from a translation with a gap or an insertion: learned from, never scored */
} example;

typedef struct {
    example *v;
    size_t n, cap;
    int set, fold;
} examples;

static void die(const char *what)
{
    fprintf(stderr, "confidence_train: %s: %s\n", what, error_last());
    exit(1);
}

static void observe(void *ctx, const dp_bead *b, const double *features)
{
    examples *e = ctx;
    if (e->n == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 4096;
        e->v = realloc(e->v, e->cap * sizeof *e->v);
        if (!e->v) {
            fprintf(stderr, "confidence_train: out of memory\n");
            exit(1);
        }
    }
    example *x = &e->v[e->n++];
    memcpy(x->f, features, sizeof x->f);
    x->posterior = b->confidence;
    x->right = 0; /* until the gold is read */
    x->both = b->di && b->dj;
    x->set = e->set;
    x->fold = e->fold;
}

/* One gold bead: source [i, i+di), target [j, j+dj). */
typedef struct {
    size_t i, di, j, dj;
} span;

/* Read "[0,1]:[0]" lines; the sentences of a side are consecutive. */
static span *read_gold(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "confidence_train: %s: cannot open\n", path);
        exit(1);
    }
    span *v = NULL;
    size_t cap = 0;
    *n = 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        span s = {0, 0, 0, 0};
        char *p = line;
        for (int side = 0; side < 2; side++) {
            p = strchr(p, '[');
            if (!p)
                break;
            p++;
            size_t first = 0, count = 0;
            while (*p && *p != ']') {
                char *end;
                unsigned long x = strtoul(p, &end, 10);
                if (end == p) {
                    p++;
                    continue;
                }
                if (count++ == 0)
                    first = x;
                p = end;
            }
            if (side == 0) {
                s.i = first;
                s.di = count;
            } else {
                s.j = first;
                s.dj = count;
            }
        }
        if (!s.di && !s.dj)
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 256;
            v = realloc(v, cap * sizeof *v);
            if (!v)
                exit(1);
        }
        v[(*n)++] = s;
    }
    fclose(f);
    return v;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The beads' positions, recorded by the observer of one document, to match with gold */
typedef struct {
    examples *all;
    span *at;
    size_t n, cap;
} doc_observer;

static void observe_doc(void *ctx, const dp_bead *b, const double *features)
{
    doc_observer *d = ctx;
    observe(d->all, b, features);
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 256;
        d->at = realloc(d->at, d->cap * sizeof *d->at);
        if (!d->at)
            exit(1);
    }
    /* an empty side has no position in the gold format */
    d->at[d->n++] = (span){b->di ? b->i : 0, b->di, b->dj ? b->j : 0, b->dj};
}

/* Align src with tgt and label the beads against gold[0..ng). */
static void align_and_label(examples *all, align_options *o, const doc_text *src, const doc_text *tgt,
                            const span *gold, size_t ng, int augmented, const char *name)
{
    size_t first = all->n;
    doc_observer obs = {all, NULL, 0, 0};
    o->confidence_observer = observe_doc;
    o->observer_ctx = &obs;
    bead *beads;
    size_t nb;
    if (align_two(src, tgt, o, &beads, &nb, NULL) < 0)
        die(name);
    for (size_t x = 0; x < obs.n; x++) {
        int right = 0;
        for (size_t g = 0; g < ng && !right; g++)
            right = memcmp(&gold[g], &obs.at[x], sizeof gold[g]) == 0;
        all->v[first + x].right = right;
        all->v[first + x].augmented = augmented;
    }
    free(obs.at);
    free(beads);
}

/* A translation with sentences taken out or put in: the sentence list is new, the
 * sentences are borrowed. Free with free_edited. */
static doc_text edited(const doc_text *t, const char **sent, size_t n)
{
    doc_text e = *t;
    e.sent = sent;
    e.para = calloc(n + 1, sizeof *e.para);
    e.n = n;
    e.anchors = NULL;
    e.nanchors = 0;
    return e;
}

static void free_edited(doc_text *e)
{
    free(e->sent);
    free(e->para);
}

/* The run lengths the omission evaluation deletes and inserts (scripts/eval_omission.py) */
static const size_t RUNS[] = {1, 3, 8};

/* Learn what gaps look like too: the translation with a run of sentences deleted (its
 * pivot sentences then have no counterpart), and with a run of another document's
 * sentences inserted at a gold bead boundary; positions from k (the document's number and
 * the run's), so the same data gives the same model. The gold follows the edit. */
static void align_edited(examples *all, align_options *o, const doc_text *src, const doc_text *tgt,
                         const doc_text *foreign, const span *gold, size_t ng, size_t k, size_t run,
                         const char *name)
{
    if (tgt->n > run + 2) {
        size_t p = (k * 7919 + 13) % (tgt->n - run + 1);
        const char **sent = malloc(tgt->n * sizeof *sent);
        span *g = malloc((ng + src->n + 1) * sizeof *g);
        size_t n = 0, m = 0;
        for (size_t x = 0; x < tgt->n; x++)
            if (x < p || x >= p + run)
                sent[n++] = tgt->sent[x];
        for (size_t x = 0; x < ng; x++) {
            span b = gold[x];
            if (b.dj) {
                size_t lo = b.j > p ? b.j : p, hi = b.j + b.dj < p + run ? b.j + b.dj : p + run;
                size_t cut = hi > lo ? hi - lo : 0;
                b.j = b.j < p ? b.j : (b.j > p + run ? b.j : p + run) - run;
                b.dj -= cut;
            }
            if (b.dj || !b.di) {
                if (b.dj || b.di)
                    g[m++] = b;
                continue;
            }
            for (size_t y = 0; y < b.di; y++) /* all of its translation gone */
                g[m++] = (span){b.i + y, 1, 0, 0};
        }
        doc_text e = edited(tgt, sent, n);
        align_and_label(all, o, src, &e, g, m, 1, name);
        free_edited(&e);
        free(g);
    }
    if (foreign && foreign->n >= run && ng) {
        const span *at = &gold[(k * 104729 + 7) % ng];
        size_t p = at->dj ? at->j : 0;
        const char **sent = malloc((tgt->n + run) * sizeof *sent);
        span *g = malloc((ng + run + 1) * sizeof *g);
        size_t n = 0, m = 0;
        for (size_t x = 0; x <= tgt->n; x++) {
            if (x == p)
                for (size_t y = 0; y < run; y++)
                    sent[n++] = foreign->sent[(foreign->n / 2 + y) % foreign->n];
            if (x < tgt->n)
                sent[n++] = tgt->sent[x];
        }
        for (size_t x = 0; x < ng; x++) {
            span b = gold[x];
            if (b.dj && b.j >= p)
                b.j += run;
            g[m++] = b;
        }
        for (size_t y = 0; y < run; y++)
            g[m++] = (span){0, 0, p + y, 1};
        doc_text e = edited(tgt, sent, n);
        align_and_label(all, o, src, &e, g, m, 1, name);
        free_edited(&e);
        free(g);
    }
}

/* Align every document of every set, collecting the beads' features and labels. */
static void collect(const char *dir, examples *all)
{
    align_options o = {0};
    o.refit_rounds = -1;
    o.lexicons.dir = getenv("POLYALIGN_LEXICONS") ? getenv("POLYALIGN_LEXICONS") : "build/lexicons";
    for (int s = 0; s < NSETS; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/gold", dir, SETS[s].dir);
        DIR *d = opendir(path);
        if (!d) {
            fprintf(stderr, "confidence_train: %s: cannot open\n", path);
            exit(1);
        }
        char suffix[32];
        snprintf(suffix, sizeof suffix, ".%s-%s.align", SETS[s].src, SETS[s].tgt);
        char **names = NULL;
        size_t nn = 0;
        for (struct dirent *e; (e = readdir(d));) {
            size_t l = strlen(e->d_name), ls = strlen(suffix);
            if (l > ls && strcmp(e->d_name + l - ls, suffix) == 0) {
                names = realloc(names, (nn + 1) * sizeof *names);
                names[nn++] = strndup(e->d_name, l - ls);
            }
        }
        closedir(d);
        qsort(names, nn, sizeof *names, cmp_str);
        const char *langs[2] = {SETS[s].src, SETS[s].tgt};
        for (size_t k = 0; k < nn; k++) {
            doc_text t[3]; /* pivot, translation, and the next document's translation */
            for (int side = 0; side < 3; side++) {
                const char *doc = side < 2 ? names[k] : names[(k + 1) % nn];
                snprintf(path, sizeof path, "%s/%s/docs/%s.%s", dir, SETS[s].dir, doc, langs[side ? 1 : 0]);
                doc_text_options to = {langs[side ? 1 : 0], LINES_SENTENCE, NULL, DOC_AUTO, ""};
                if (doc_text_load(&t[side], path, &to, NULL) < 0)
                    die(path);
            }
            all->set = s;
            all->fold = (int)(k % FOLDS);
            snprintf(path, sizeof path, "%s/%s/gold/%s%s", dir, SETS[s].dir, names[k], suffix);
            size_t ng;
            span *gold = read_gold(path, &ng);
            align_and_label(all, &o, &t[0], &t[1], gold, ng, 0, names[k]);
            for (size_t r = 0; SETS[s].learn && r < sizeof RUNS / sizeof RUNS[0]; r++)
                align_edited(all, &o, &t[0], &t[1], nn > 1 ? &t[2] : NULL, gold, ng, 3 * k + r, RUNS[r], names[k]);
            free(gold);
            for (int side = 0; side < 3; side++)
                doc_text_free(&t[side]);
        }
        for (size_t k = 0; k < nn; k++)
            free(names[k]);
        free(names);
    }
}

/* ---- logistic regression ---- */

static double sigmoid(double z)
{
    return 1 / (1 + exp(-z));
}

/* Solve a x = b for symmetric positive definite a (n × n, overwritten), by Cholesky. */
static void solve_spd(double *a, double *b, int n)
{
    for (int j = 0; j < n; j++) {
        double d = a[j * n + j];
        for (int k = 0; k < j; k++)
            d -= a[j * n + k] * a[j * n + k];
        d = d > 1e-12 ? sqrt(d) : 1e-6;
        a[j * n + j] = d;
        for (int i = j + 1; i < n; i++) {
            double v = a[i * n + j];
            for (int k = 0; k < j; k++)
                v -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = v / d;
        }
    }
    for (int i = 0; i < n; i++) { /* L y = b */
        double v = b[i];
        for (int k = 0; k < i; k++)
            v -= a[i * n + k] * b[k];
        b[i] = v / a[i * n + i];
    }
    for (int i = n; i-- > 0;) { /* L' x = y */
        double v = b[i];
        for (int k = i + 1; k < n; k++)
            v -= a[k * n + i] * b[k];
        b[i] = v / a[i * n + i];
    }
}

/* Fit on the learned sets' examples whose fold is not `held_out` (-1: all). */
static void fit(const examples *all, int held_out, confidence_model *m)
{
    enum { D = CONF_TERMS };
    double per_set[MAX_SETS] = {0}, mean[D] = {0}, sd[D] = {0}, total = 0;
    int sets_used = 0;
    for (size_t k = 0; k < all->n; k++) {
        const example *x = &all->v[k];
        if (SETS[x->set].learn && x->fold != held_out)
            per_set[x->set] += 1;
    }
    for (int s = 0; s < NSETS; s++)
        sets_used += per_set[s] > 0;
    /* every set weighs the same; the weights sum to the number of examples */
    double weight[MAX_SETS];
    for (int s = 0; s < NSETS; s++) {
        double n = 0;
        for (int t = 0; t < NSETS; t++)
            n += per_set[t];
        weight[s] = per_set[s] > 0 ? n / (sets_used * per_set[s]) : 0;
    }
    for (size_t k = 0; k < all->n; k++) {
        const example *x = &all->v[k];
        double w = x->fold != held_out ? weight[x->set] : 0, t[D];
        confidence_terms(x->f, t);
        total += w;
        for (int d = 0; d < D; d++)
            mean[d] += w * t[d];
    }
    for (int d = 0; d < D; d++)
        mean[d] /= total;
    for (size_t k = 0; k < all->n; k++) {
        const example *x = &all->v[k];
        double w = x->fold != held_out ? weight[x->set] : 0, t[D];
        confidence_terms(x->f, t);
        for (int d = 0; d < D; d++)
            sd[d] += w * (t[d] - mean[d]) * (t[d] - mean[d]);
    }
    for (int d = 0; d < D; d++)
        sd[d] = d == CONF_BIAS || sd[d] <= 0 ? 1 : sqrt(sd[d] / total);
    mean[CONF_BIAS] = 0;
    double beta[D] = {0};
    for (int step = 0; step < NEWTON_STEPS; step++) {
        double h[D * D] = {0}, g[D] = {0};
        for (size_t k = 0; k < all->n; k++) {
            const example *x = &all->v[k];
            double w = x->fold != held_out ? weight[x->set] : 0;
            if (w == 0)
                continue;
            double t[D], z[D], dot = 0;
            confidence_terms(x->f, t);
            for (int d = 0; d < D; d++) {
                z[d] = (t[d] - mean[d]) / sd[d];
                dot += beta[d] * z[d];
            }
            double p = sigmoid(dot), r = w * (p - x->right), c = w * p * (1 - p);
            for (int a = 0; a < D; a++) {
                g[a] += r * z[a];
                for (int b = 0; b <= a; b++)
                    h[a * D + b] += c * z[a] * z[b];
            }
        }
        for (int a = 0; a < D; a++) {
            for (int b = 0; b < a; b++)
                h[b * D + a] = h[a * D + b];
            if (a != CONF_BIAS) {
                g[a] += L2_PENALTY * beta[a];
                h[a * D + a] += L2_PENALTY;
            }
        }
        solve_spd(h, g, D);
        for (int d = 0; d < D; d++)
            beta[d] -= g[d];
    }
    /* back to the raw features: beta·(f - mean)/sd */
    double bias = beta[CONF_BIAS];
    for (int d = 0; d < D; d++) {
        if (d == CONF_BIAS)
            continue;
        m->w[d] = beta[d] / sd[d];
        bias -= m->w[d] * mean[d];
    }
    m->w[CONF_BIAS] = bias;
}

/* The model as text; rounded to six decimals, so it is what the binary will read. */
static void model_text(const confidence_model *m, char *out, size_t cap)
{
    size_t n = 0;
    for (int d = 0; d < CONF_TERMS; d++) {
        char name[128];
        confidence_term_name(d, name, sizeof name);
        n += (size_t)snprintf(out + n, cap - n, "%s %.6f\n", name, m->w[d]);
    }
}

/* ---- figures ---- */

typedef struct {
    double score;
    int right;
} scored;

static int cmp_scored(const void *a, const void *b)
{
    double x = ((const scored *)a)->score, y = ((const scored *)b)->score;
    return x < y ? -1 : x > y;
}

/* The probability that a right bead scores above a wrong one (ties count half). */
static double roc_auc(scored *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_scored);
    double rank_sum = 0, pos = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j].score == v[i].score)
            j++;
        double mid = (double)(i + j + 1) / 2;
        for (size_t k = i; k < j; k++)
            if (v[k].right) {
                rank_sum += mid;
                pos += 1;
            }
        i = j;
    }
    double neg = (double)n - pos;
    return pos && neg ? (rank_sum - pos * (pos + 1) / 2) / (pos * neg) : NAN;
}

/* One set's figures for scores conf[k] of its examples. */
static void print_figures(const char *label, const examples *all, int set, const double *conf, double min_score)
{
    scored *v = malloc((all->n + 1) * sizeof *v);
    size_t n = 0, right = 0, kept = 0, kept_right = 0, right_both = 0;
    for (size_t k = 0; k < all->n; k++) {
        const example *x = &all->v[k];
        if (x->set != set || x->augmented)
            continue;
        v[n++] = (scored){conf[k], x->right};
        right += x->right;
        if (x->both) {
            right_both += x->right;
            if (conf[k] >= min_score) {
                kept++;
                kept_right += x->right;
            }
        }
    }
    fprintf(stderr, "  %-30s beads %5zu (wrong %4zu)  ROC AUC %.3f  TMX at %.2f: precision %.3f, recall %.3f\n", label,
            n, n - right, roc_auc(v, n), min_score, kept ? (double)kept_right / kept : NAN,
            right_both ? (double)kept_right / right_both : NAN);
    free(v);
}

static void print_thresholds(const examples *all, int set, const double *conf)
{
    static const double at[] = {0.5, 0.6, 0.65, 0.7, 0.8, 0.9};
    fprintf(stderr, "  %-30s", "  precision/recall at");
    for (size_t t = 0; t < sizeof at / sizeof at[0]; t++) {
        size_t kept = 0, kept_right = 0, right_both = 0;
        for (size_t k = 0; k < all->n; k++) {
            const example *x = &all->v[k];
            if (x->set != set || !x->both || x->augmented)
                continue;
            right_both += x->right;
            if (conf[k] >= at[t]) {
                kept++;
                kept_right += x->right;
            }
        }
        fprintf(stderr, "  %.2f %.3f/%.3f", at[t], kept ? (double)kept_right / kept : NAN,
                right_both ? (double)kept_right / right_both : NAN);
    }
    fputc('\n', stderr);
}

static void apply(const confidence_model *m, const examples *all, int fold, double *conf)
{
    for (size_t k = 0; k < all->n; k++)
        if (fold < 0 || all->v[k].fold == fold)
            conf[k] = confidence_of_bead(m, all->v[k].f, all->v[k].posterior);
}

static void report(const examples *all, const confidence_model *builtin)
{
    double *held = malloc((all->n + 1) * sizeof *held), *post = malloc((all->n + 1) * sizeof *post),
           *in = malloc((all->n + 1) * sizeof *in);
    if (!held || !post || !in)
        exit(1);
    for (int fold = 0; fold < FOLDS; fold++) {
        confidence_model m;
        fit(all, fold, &m);
        /* as the binary would read it */
        char text[MODEL_TEXT_MAX];
        model_text(&m, text, sizeof text);
        if (confidence_model_parse(text, strlen(text), "trained", &m) < 0)
            die("trained model");
        apply(&m, all, fold, held);
    }
    for (size_t k = 0; k < all->n; k++)
        post[k] = all->v[k].posterior;
    if (builtin)
        apply(builtin, all, -1, in);
    fprintf(stderr, "confidence of beads, right = exactly a gold bead (five folds by document; held-out: each\n"
                    "fold scored by the model fitted on the other four)\n");
    for (int s = 0; s < NSETS; s++) {
        fprintf(stderr, "%s %s-%s%s\n", SETS[s].dir, SETS[s].src, SETS[s].tgt,
                SETS[s].learn ? "" : " (verse-level gold: scored, not learned from)");
        print_figures("posterior alone", all, s, post, ALIGN_DEFAULT_MIN_SCORE);
        print_figures("model, held-out folds", all, s, held, ALIGN_DEFAULT_MIN_SCORE);
        print_thresholds(all, s, held);
        if (builtin)
            print_figures("built-in model, all documents", all, s, in, ALIGN_DEFAULT_MIN_SCORE);
    }
    free(held);
    free(post);
    free(in);
}

int main(int argc, char **argv)
{
    int only_report = argc == 3 && strcmp(argv[1], "--report") == 0;
    if (!only_report && argc != 3) {
        fprintf(stderr, "usage: confidence_train DIR OUT.txt\n       confidence_train --report DIR\n");
        return 2;
    }
    const char *dir = only_report ? argv[2] : argv[1];
    examples all = {0};
    collect(dir, &all);
    if (only_report) {
        confidence_model builtin;
        if (confidence_model_builtin(&builtin) < 0)
            die("built-in model");
        report(&all, &builtin);
        free(all.v);
        return 0;
    }
    report(&all, NULL);
    confidence_model m;
    fit(&all, -1, &m);
    char text[MODEL_TEXT_MAX];
    model_text(&m, text, sizeof text);
    atomic_file af;
    if (atomic_file_open(&af, argv[2]) < 0)
        die(argv[2]);
    fprintf(af.f,
            "# confidence_model.txt — the bead-confidence model (src/align/bead_confidence.h): a logistic\n"
            "# regression, a weight per term (every feature, and again per shape class). Generated\n"
            "# by `make train` (tools/confidence_train.c) from the gold alignments of the dev sets;\n"
            "# do not edit.\n%s",
            text);
    if (atomic_file_finish(&af, 0) < 0)
        die(argv[2]);
    free(all.v);
    return 0;
}
