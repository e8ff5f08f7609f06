/* segment_train.c — learn the sentence-boundary model (`make train`).
 *
 *   segment_train [--show] [--folds] DIR OUT.txt [EXTRA.jsonl]
 *   segment_train --report DIR
 *
 * DIR holds the segmentation dev sets (golden-dev.jsonl, ud-dev.jsonl and, when present,
 * ud-more-dev.jsonl: {"lang","id","text","expected":[sentences]} per line). Each case is
 * run once through the real segmenter with an observer (segmenter.h), which reports every
 * place a break is decided: ICU's proposals and the spaces the model may break at, with
 * their features and the rules' verdict, and the places only a rule or a paragraph end
 * decides. A candidate is positive when a gold sentence ends there (offsets counted in
 * non-space characters, as the shared scorer counts them). Since a rule's verdict stands
 * at run time, the sentences any model gives follow from these records alone, so
 * thresholds are tried without running the segmenter again.
 *
 * Cases are split by id, deterministically, into five folds: blocks of ten consecutive
 * ids (the dev sets put a document's paragraphs one after the other, so a block is most
 * of a document) go to the fold a hash of the set's name and the block number says. Fold
 * 0 is held out. An averaged perceptron learns from the others (fixed epochs, examples in
 * a seeded order, integer updates) on every candidate the model sees, also those a rule
 * decides, which teach it what such places look like; features seen fewer than
 * MIN_COUNT times are left out. Two thresholds, one for ICU's proposals and one for
 * spaces, are those that give the best boundary F1 on golden-dev and ud-dev pooled (the
 * sets the targets are set on), scored without the held-out fold: each of the other four
 * folds by a model learned from the remaining three, so that the margins they are chosen
 * on are out of sample as the held-out fold's are (chosen on the held-out fold itself,
 * as they once were, they flattered its figures by 0.005-0.006 of F1); the second goes
 * into the weight of the spaces' kind feature. EXTRA.jsonl, cases we wrote ourselves for what the dev
 * sets hardly show (Chinese quotations followed by a long attribution, Russian years
 * before a capital), is always trained on and never scored. The
 * model is written as text (boundary_model.h), weights in thousandths, so the same data
 * gives the same file byte for byte. Then the real segmenter runs with the model as
 * written, and the report on standard error compares ICU and the rules alone with it, on
 * the held-out fold and on everything (the held-out figures are the ones that count).
 * --show adds the model's errors on the held-out fold with their context; --folds holds
 * out each fold in turn and pools the held-out figures (for choosing features: five
 * times the held-out data), writing nothing. --report only scores the built-in model
 * (the one the binary embeds) against ICU and the rules alone, on the held-out fold and
 * on everything: `make eval` prints it. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "segment/boundary_model.h"
#include "segment/segmenter.h"
#include "text/lines.h"
#include "text/utf8.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/u64table.h"
#include "util/vec.h"

enum {
    EPOCHS = 12,
    MIN_COUNT = 2,          /* features seen less often in training are left out */
    FOLDS = 5,              /* fold 0 is held out */
    BLOCK = 10,             /* consecutive ids per block */
    SCALE = 1000,           /* weights are written in thousandths */
    T_MIN = -16000, T_MAX = 8000, T_STEP = 250 /* thresholds tried */
};

static const char *const SETS[] = {"golden-dev", "ud-dev", "ud-more-dev", "extra"};
enum { NSETS = 4, EXTRA = 3 };
static const char *const LANGS[] = {"en", "ru", "zh"};
enum { NLANGS = 3 };

/* One place a break is decided, as the observer reported it. */
typedef struct {
    uint32_t f[BOUNDARY_MAX_FEATURES];
    int nf;
    size_t at;              /* in non-space characters */
    candidate_kind kind;
    int rule, rule_index;
    int y;                  /* +1 when a gold sentence ends there */
    int64_t margin;         /* the model's sum of weights, once trained */
} point;

typedef struct {
    char lang[8];
    char *id;
    char *text;
    size_t len;
    size_t *gold;           /* sorted boundaries in non-space characters */
    size_t ngold, total;    /* total: the text's non-space characters */
    int set, fold;
    point *p;               /* what the observer reported, in order */
    size_t np, cap;
    const size_t *nows;     /* while observed: non-space characters before each byte */
} train_case;

static int show_errors;

static void die(const char *what)
{
    fprintf(stderr, "segment_train: %s: %s\n", what, error_last());
    exit(1);
}

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Space as the scorer counts it (Python's str.isspace): White_Space and U+001C-U+001F. */
static int scorer_space(UChar32 c)
{
    return u_isUWhiteSpace(c) || (c >= 0x1C && c <= 0x1F);
}

/* nows[i]: the non-space characters of text[0..i), for every byte offset i <= len. */
static size_t *count_nonspace(const char *text, size_t len)
{
    size_t *nows = calloc(len + 1, sizeof *nows), n = 0;
    if (!nows)
        die("counting");
    for (size_t i = 0, bytes; i < len; i += bytes) {
        UChar32 c = utf8_char_at(text, len, i, &bytes);
        for (size_t k = 0; k < bytes; k++)
            nows[i + k] = n;
        n += !scorer_space(c);
    }
    nows[len] = n;
    return nows;
}

static size_t nonspace_length(const char *s)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0, bytes; i < len; i += bytes)
        n += !scorer_space(utf8_char_at(s, len, i, &bytes));
    return n;
}

/* The fold of a case: blocks of BLOCK ids by the number that ends the id. */
static int fold_of(const char *set, const char *id)
{
    size_t n = strlen(id), k = n;
    while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
        k--;
    long number = k < n ? atol(id + k) : 0;
    char prefix[256];
    snprintf(prefix, sizeof prefix, "%s/%.*s", set, (int)k, id);
    return (int)((fnv(prefix) + (uint32_t)(number / BLOCK)) % FOLDS);
}

/* The cases of a set: DIR/SET.jsonl, or the file `dir` itself for the extra set. 0 when
 * it cannot be read. */
static int load_set(const char *dir, int set, train_case **cases, size_t *n, size_t *cap)
{
    char path[4096];
    snprintf(path, sizeof path, set == EXTRA ? "%s" : "%s/%s.jsonl", dir, SETS[set]);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char *line = NULL;
    size_t linecap = 0;
    int lineno = 0;
    while (getline(&line, &linecap, f) > 0) {
        lineno++;
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        if (!o)
            continue; /* blank lines */
        const char *lang = json_string_value(json_object_get(o, "lang"));
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *text = json_string_value(json_object_get(o, "text"));
        json_t *exp = json_object_get(o, "expected");
        if (!lang || !id || !text || !json_is_array(exp)) {
            fprintf(stderr, "segment_train: %s:%d: not a case\n", path, lineno);
            exit(1);
        }
        if (vec_reserve(cases, cap, *n + 1, sizeof **cases) < 0)
            die("loading");
        train_case *c = &(*cases)[(*n)++];
        memset(c, 0, sizeof *c);
        snprintf(c->lang, sizeof c->lang, "%s", lang);
        c->id = strdup(id);
        c->text = strdup(text);
        c->len = strlen(text);
        c->set = set;
        c->fold = set == EXTRA ? -1 : fold_of(SETS[set], id); /* the extra cases: always trained on */
        c->total = nonspace_length(text);
        size_t m = json_array_size(exp), pos = 0;
        c->gold = calloc(m + 1, sizeof *c->gold);
        if (!c->id || !c->text || !c->gold)
            die("loading");
        for (size_t k = 0; k + 1 < m; k++) {
            pos += nonspace_length(json_string_value(json_array_get(exp, k)));
            if (pos > 0 && pos < c->total && (c->ngold == 0 || c->gold[c->ngold - 1] != pos))
                c->gold[c->ngold++] = pos;
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    return 1;
}

static int in_sorted(const size_t *v, size_t n, size_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == x;
}

static void observe(const char *text, const boundary_candidate *cand, void *ctx)
{
    (void)text;
    train_case *c = ctx;
    if (vec_reserve(&c->p, &c->cap, c->np + 1, sizeof *c->p) < 0)
        die("observing");
    point *e = &c->p[c->np++];
    memset(e, 0, sizeof *e);
    if (cand->features) {
        memcpy(e->f, cand->features->v, sizeof(uint32_t) * (size_t)cand->features->n);
        e->nf = cand->features->n;
    }
    e->at = c->nows[cand->at];
    e->kind = cand->kind;
    e->rule = cand->rule;
    e->rule_index = cand->rule_index;
    e->y = in_sorted(c->gold, c->ngold, e->at) ? 1 : -1;
}

/* Run case c through seg as `polyalign segment` would (its line structure decided from
 * the text); its sentences' boundaries in non-space characters into *b. */
static void run_case(segmenter *seg, train_case *c, size_t **b, size_t *nb)
{
    char *copy = malloc(c->len + 1);
    size_t *nows = count_nonspace(c->text, c->len);
    if (!copy)
        die("running");
    memcpy(copy, c->text, c->len + 1);
    c->nows = nows;
    line_evidence ev = text_line_structure(copy, c->len);
    sentence_list l = {0};
    if (segmenter_run(seg, copy, c->len, newline_mode_of(LINES_AUTO, ev.structure), sentence_list_push, &l) < 0)
        die(c->id);
    c->nows = NULL;
    *nb = 0;
    if (!(*b = calloc(l.n + 1, sizeof **b)))
        die("running");
    for (size_t k = 0; k + 1 < l.n; k++)
        (*b)[(*nb)++] = nows[l.v[k].end];
    sentence_list_free(&l);
    free(nows);
    free(copy);
}

/* ---- scores ---- */

typedef struct {
    size_t tp, fp, fn, correct, n;
} score;

typedef score scores[NSETS][2]; /* per set: the held-out fold, and all */

/* The byte offset of the place after non-space character k of the case's text. */
static size_t byte_of(const train_case *c, size_t k)
{
    size_t i = 0, n = 0, bytes;
    while (i < c->len && n < k) {
        n += !scorer_space(utf8_char_at(c->text, c->len, i, &bytes));
        i += bytes;
    }
    return i;
}

static void print_error(const train_case *c, size_t b, const char *what)
{
    size_t at = byte_of(c, b), from = at > 60 ? at - 60 : 0, to = at + 40 < c->len ? at + 40 : c->len;
    while (from > 0 && ((unsigned char)c->text[from] & 0xC0) == 0x80)
        from--;
    while (to < c->len && ((unsigned char)c->text[to] & 0xC0) == 0x80)
        to++;
    fprintf(stderr, "  %s %s: ", what, c->id);
    for (size_t i = from; i < to; i++) /* on one line */
        fputs(i == at ? " | " : "", stderr), fputc(c->text[i] == '\n' ? ' ' : c->text[i], stderr);
    fputc('\n', stderr);
}

/* Add the boundaries b[0..nb) (sorted, unique) of case c to s. */
static void score_case(const train_case *c, const size_t *b, size_t nb, int show, score *s)
{
    size_t tp = 0;
    for (size_t k = 0; k < nb; k++) {
        int gold = in_sorted(c->gold, c->ngold, b[k]);
        tp += gold;
        if (!gold && show)
            print_error(c, b[k], show > 1 ? "rules extra " : "extra ");
    }
    for (size_t k = 0; show && k < c->ngold; k++)
        if (!in_sorted(b, nb, c->gold[k]))
            print_error(c, c->gold[k], show > 1 ? "rules missed" : "missed");
    s->tp += tp;
    s->fp += nb - tp;
    s->fn += c->ngold - tp;
    s->correct += tp == c->ngold && nb == tp;
    s->n++;
}

static double f1_of(const score *s)
{
    return s->tp ? 2.0 * (double)s->tp / (double)(2 * s->tp + s->fp + s->fn) : 0.0;
}

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The boundaries the recorded points give (sorted, unique) with a model whose margins are
 * in the points (use_model), ICU's proposals breaking above t_icu and spaces above t_gap;
 * without the model, as ICU and the rules alone. */
static size_t simulate(const train_case *c, int use_model, int64_t t_icu, int64_t t_gap, size_t *b)
{
    size_t nb = 0;
    for (size_t k = 0; k < c->np; k++) {
        const point *p = &c->p[k];
        int brk;
        if (p->kind == CANDIDATE_HARD)
            brk = 1;
        else if (p->rule >= 0)
            brk = p->rule;
        else if (p->kind == CANDIDATE_FIXED)
            brk = 0;
        else if (!use_model)
            brk = p->kind == CANDIDATE_ICU;
        else
            brk = p->margin > (p->kind == CANDIDATE_ICU ? t_icu : t_gap);
        if (brk && p->at > 0 && p->at < c->total)
            b[nb++] = p->at;
    }
    qsort(b, nb, sizeof *b, by_size);
    size_t u = 0;
    for (size_t k = 0; k < nb; k++)
        if (u == 0 || b[u - 1] != b[k])
            b[u++] = b[k];
    return u;
}

/* The cases of the folds in `part` (a bit per fold) are scored in out[set][0], every case
 * in out[set][1]. show: 1 prints the errors in the part (2: as the rules' errors), -1
 * scores the part alone (faster). */
static void score_simulated(train_case *cases, size_t n, const char *lang, unsigned part, int use_model,
                            int64_t t_icu, int64_t t_gap, int show, scores out)
{
    memset(out, 0, sizeof(scores));
    size_t *b = NULL, cap = 0;
    for (size_t i = 0; i < n; i++) {
        train_case *c = &cases[i];
        int in_part = c->fold >= 0 && (part >> c->fold & 1);
        if (strcmp(c->lang, lang) != 0 || (show < 0 && !in_part))
            continue;
        if (vec_reserve(&b, &cap, c->np + 1, sizeof *b) < 0)
            die("scoring");
        size_t nb = simulate(c, use_model, t_icu, t_gap, b);
        if (in_part)
            score_case(c, b, nb, show > 0 ? show : 0, &out[c->set][0]);
        score_case(c, b, nb, 0, &out[c->set][1]);
    }
    free(b);
}

/* The real segmenter on every case of the language. */
static void score_real(segmenter *seg, train_case *cases, size_t n, const char *lang, int fold, scores out)
{
    memset(out, 0, sizeof(scores));
    for (size_t i = 0; i < n; i++) {
        train_case *c = &cases[i];
        if (strcmp(c->lang, lang) != 0)
            continue;
        size_t *b, nb;
        run_case(seg, c, &b, &nb);
        qsort(b, nb, sizeof *b, by_size);
        size_t u = 0;
        for (size_t k = 0; k < nb; k++)
            if ((u == 0 || b[u - 1] != b[k]) && b[k] > 0 && b[k] < c->total)
                b[u++] = b[k];
        if (c->fold == fold)
            score_case(c, b, u, 0, &out[c->set][0]);
        score_case(c, b, u, 0, &out[c->set][1]);
        free(b);
    }
}

/* The thresholds are chosen for the sets the targets are set on (golden-dev and
 * ud-dev); ud-more-dev (other genres: academic, fiction, social media) is trained on and
 * reported. */
enum { OBJ_SETS = 1 << 0 | 1 << 1 };

/* Held-out F1 over every set of a language (boundaries pooled). */
static double pooled_f1(scores s)
{
    score t = {0};
    for (int set = 0; set < NSETS; set++) {
        if (!(OBJ_SETS >> set & 1))
            continue;
        t.tp += s[set][0].tp;
        t.fp += s[set][0].fp;
        t.fn += s[set][0].fn;
    }
    return f1_of(&t);
}

static void print_scores(const char *lang, const char *what, scores s, int parts)
{
    for (int set = 0; set < EXTRA; set++)
        for (int part = 0; part < parts; part++) {
            const score *x = &s[set][part];
            if (!x->n)
                continue;
            double p = x->tp + x->fp ? (double)x->tp / (double)(x->tp + x->fp) : 1.0;
            double r = x->tp + x->fn ? (double)x->tp / (double)(x->tp + x->fn) : 1.0;
            fprintf(stderr, "%-3s %-12s %-9s %-6s %5zu/%-5zu %6.1f%%  P %.3f  R %.3f  F1 %.3f\n", lang, SETS[set],
                    part ? "all" : "held-out", what, x->correct, x->n, 100.0 * (double)x->correct / (double)x->n, p,
                    r, f1_of(x));
        }
}

/* ---- the averaged perceptron ---- */

typedef struct {
    uint64_t key;
    uint32_t index;
} feature_slot;

typedef struct {
    uint32_t hash;
    int64_t w, u;           /* the weight, and the sum of its updates by time for averaging */
    uint32_t count;         /* training examples holding the feature */
    int32_t avg;            /* the averaged weight in thousandths */
} feature;

typedef struct {
    u64_table index;        /* feature hash -> index into v */
    feature *v;
    size_t n, cap;
} perceptron;

static feature *feature_of(perceptron *p, uint32_t h, int add)
{
    int added = 0;
    feature_slot *s = add ? u64_table_put(&p->index, h, &added) : u64_table_get(&p->index, h);
    if (add && !s)
        die("training");
    if (added) {
        if (vec_reserve(&p->v, &p->cap, p->n + 1, sizeof *p->v) < 0)
            die("training");
        p->v[p->n] = (feature){h, 0, 0, 0, 0};
        s->index = (uint32_t)p->n++;
    }
    return s ? &p->v[s->index] : NULL;
}

static uint64_t lcg(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return *state >> 33;
}

/* Every candidate the model sees outside the folds left out (a bit per fold), also where
 * a rule decides: the rules' cases teach it what such places look like ("“好。”他说。" for a
 * longer attribution). */
static int trains_on(const train_case *c, const point *p, unsigned left_out)
{
    return (c->fold < 0 || !(left_out >> c->fold & 1)) && (p->kind == CANDIDATE_ICU || p->kind == CANDIDATE_GAP);
}

/* Learn from the language's candidates outside the folds left out; the averaged weights,
 * in thousandths, into p. */
static void train(perceptron *p, train_case *cases, size_t n, const char *lang, unsigned left_out)
{
    u64_table_init(&p->index, sizeof(feature_slot));
    point **ex = NULL;
    feature ***fx = NULL; /* each example's features */
    size_t nex = 0, cap = 0, fcap = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; strcmp(cases[i].lang, lang) == 0 && k < cases[i].np; k++)
            if (trains_on(&cases[i], &cases[i].p[k], left_out)) {
                if (vec_reserve(&ex, &cap, nex + 1, sizeof *ex) < 0)
                    die("training");
                ex[nex++] = &cases[i].p[k];
            }
    for (size_t i = 0; i < nex; i++)
        for (int f = 0; f < ex[i]->nf; f++)
            feature_of(p, ex[i]->f[f], 1)->count++;
    /* pointers into p->v only now that it has stopped growing */
    if (vec_reserve(&fx, &fcap, nex + 1, sizeof *fx) < 0)
        die("training");
    for (size_t i = 0; i < nex; i++) {
        if (!(fx[i] = malloc(sizeof **fx * BOUNDARY_MAX_FEATURES)))
            die("training");
        for (int f = 0; f < ex[i]->nf; f++)
            fx[i][f] = feature_of(p, ex[i]->f[f], 0);
    }
    size_t *order = malloc(sizeof *order * (nex + 1));
    if (!order)
        die("training");
    for (size_t i = 0; i < nex; i++)
        order[i] = i;
    uint64_t seed = 20240615, c = 1;
    for (int e = 0; e < EPOCHS; e++) {
        for (size_t i = nex; i > 1; i--) { /* Fisher-Yates */
            size_t j = (size_t)(lcg(&seed) % i), t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t k = 0; k < nex; k++, c++) {
            const point *x = ex[order[k]];
            feature **xf = fx[order[k]];
            int64_t s = 0;
            for (int f = 0; f < x->nf; f++)
                s += xf[f]->w;
            if ((int64_t)x->y * s > 0)
                continue;
            for (int f = 0; f < x->nf; f++) {
                xf[f]->w += x->y;
                xf[f]->u += (int64_t)x->y * (int64_t)c;
            }
        }
    }
    for (size_t i = 0; i < p->n; i++) { /* w - u / c, the average over every step */
        feature *f = &p->v[i];
        f->avg = f->count < MIN_COUNT ? 0 : (int32_t)llround(((double)f->w - (double)f->u / (double)c) * SCALE);
    }
    for (size_t i = 0; i < nex; i++)
        free(fx[i]);
    free(fx);
    free(ex);
    free(order);
}

static void perceptron_free(perceptron *p)
{
    u64_table_free(&p->index);
    free(p->v);
    memset(p, 0, sizeof *p);
}

/* The sum of weights of every candidate in fold `only` (every fold when -1). */
static void set_margins(perceptron *p, train_case *cases, size_t n, const char *lang, int only)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; strcmp(cases[i].lang, lang) == 0 && (only < 0 || cases[i].fold == only) && k < cases[i].np;
             k++) {
            point *x = &cases[i].p[k];
            x->margin = 0;
            for (int f = 0; f < x->nf; f++) {
                feature *w = feature_of(p, x->f[f], 0);
                x->margin += w ? w->avg : 0;
            }
        }
}

/* The thresholds with the best pooled F1 on the folds in `part`, from the margins the
 * points hold; among equals, the nearest 0. */
static double choose_thresholds(train_case *cases, size_t n, const char *lang, unsigned part, int64_t *t_icu,
                                int64_t *t_gap)
{
    double best = -1;
    *t_icu = *t_gap = 0;
    for (int64_t ti = T_MIN; ti <= T_MAX; ti += T_STEP)
        for (int64_t tg = T_MIN; tg <= T_MAX; tg += T_STEP) {
            scores s;
            score_simulated(cases, n, lang, part, 1, ti, tg, -1, s);
            double f = pooled_f1(s);
            if (f > best + 1e-12 || (f > best - 1e-12 && llabs(ti) + llabs(tg) < llabs(*t_icu) + llabs(*t_gap))) {
                best = f;
                *t_icu = ti;
                *t_gap = tg;
            }
        }
    return best;
}

/* The thresholds for a model that leaves `fold` out, chosen without looking at it: each
 * other fold in turn is scored by a model learned from the remaining three (its margins
 * are then out of sample, as the held-out fold's will be), and the thresholds are those
 * with the best F1 over the four folds so scored. Chosen on the training folds' own
 * margins they would follow what the model has learned by heart; chosen on the held-out
 * fold, the figures reported on it would be flattered. */
static double nested_thresholds(train_case *cases, size_t n, const char *lang, int fold, int64_t *t_icu,
                                int64_t *t_gap)
{
    unsigned others = 0;
    for (int j = 0; j < FOLDS; j++) {
        if (j == fold)
            continue;
        perceptron p = {0};
        train(&p, cases, n, lang, 1u << fold | 1u << j);
        set_margins(&p, cases, n, lang, j);
        perceptron_free(&p);
        others |= 1u << j;
    }
    return choose_thresholds(cases, n, lang, others, t_icu, t_gap);
}

static int by_hash(const void *a, const void *b)
{
    uint32_t x = ((const feature *)a)->hash, y = ((const feature *)b)->hash;
    return (x > y) - (x < y);
}

/* The language's section of the model text: threshold t_icu, and the spaces' kind
 * feature carrying t_icu - t_gap so that spaces break above t_gap. */
static char *model_section(const char *lang, perceptron *p, int64_t t_icu, int64_t t_gap)
{
    feature *kind = feature_of(p, boundary_kind_feature(0), 1);
    kind->avg += (int32_t)(t_icu - t_gap);
    if (!kind->count)
        kind->count = MIN_COUNT;
    feature *kept = malloc(sizeof *kept * (p->n + 1));
    size_t nk = 0;
    if (!kept)
        die("writing");
    for (size_t i = 0; i < p->n; i++)
        if (p->v[i].avg != 0)
            kept[nk++] = p->v[i];
    qsort(kept, nk, sizeof *kept, by_hash);
    size_t cap = 64 + nk * 24, at = 0;
    char *s = malloc(cap);
    if (!s)
        die("writing");
    at += (size_t)snprintf(s + at, cap - at, "lang %s threshold %lld features %zu\n", lang, (long long)t_icu, nk);
    for (size_t i = 0; i < nk; i++)
        at += (size_t)snprintf(s + at, cap - at, "%08x %d\n", (unsigned)kept[i].hash, (int)kept[i].avg);
    free(kept);
    return s;
}

/* Record every case of the language, once. */
static void observe_all(train_case *cases, size_t n, const char *lang)
{
    segmenter *seg;
    if (segmenter_new(lang, NULL, &seg) < 0)
        die(lang);
    segmenter_set_model(seg, NULL);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(cases[i].lang, lang) != 0)
            continue;
        segmenter_set_observer(seg, observe, &cases[i]);
        size_t *b, nb;
        run_case(seg, &cases[i], &b, &nb);
        free(b);
    }
    segmenter_free(seg);
}

/* Learn one language with `fold` held out: its section of the model text, the held-out
 * scores of the model in after (simulated). */
static char *learn(const char *lang, train_case *cases, size_t n, int fold, scores before, scores after, int show)
{
    int64_t t_icu, t_gap;
    double f = nested_thresholds(cases, n, lang, fold, &t_icu, &t_gap);
    perceptron p = {0};
    train(&p, cases, n, lang, 1u << fold);
    set_margins(&p, cases, n, lang, -1);
    score_simulated(cases, n, lang, 1u << fold, 0, 0, 0, show * 2, before);
    score_simulated(cases, n, lang, 1u << fold, 1, t_icu, t_gap, show, after);
    size_t kept = 0;
    for (size_t i = 0; i < p.n; i++)
        kept += p.v[i].avg != 0;
    fprintf(stderr, "%s: fold %d held out: %zu features (%zu kept), thresholds %lld (ICU) %lld (spaces), F1 %.4f on the other folds\n",
            lang, fold, p.n, kept, (long long)t_icu, (long long)t_gap, f);
    char *text = model_section(lang, &p, t_icu, t_gap);
    perceptron_free(&p);
    return text;
}

static int scores_equal(scores a, scores b)
{
    return memcmp(a, b, sizeof(scores)) == 0;
}

int main(int argc, char **argv)
{
    int folds = 0, report = 0;
    for (; argc > 1 && argv[1][0] == '-'; argc--, argv++) {
        if (strcmp(argv[1], "--show") == 0)
            show_errors = 1;
        else if (strcmp(argv[1], "--folds") == 0)
            folds = 1;
        else if (strcmp(argv[1], "--report") == 0)
            report = 1;
        else
            break;
    }
    if (report ? argc != 2 : argc != 3 && argc != 4) {
        fprintf(stderr, "usage: segment_train [--show] [--folds] DIR OUT.txt [EXTRA.jsonl]\n"
                        "       segment_train --report DIR\n");
        return ERR_USAGE;
    }
    train_case *cases = NULL;
    size_t n = 0, cap = 0;
    for (int set = 0; set < EXTRA; set++)
        if (!load_set(argv[1], set, &cases, &n, &cap) && set < 2) {
            fprintf(stderr, "segment_train: %s/%s.jsonl: cannot read\n", argv[1], SETS[set]);
            return ERR_NOINPUT;
        }
    if (argc == 4 && !load_set(argv[3], EXTRA, &cases, &n, &cap)) {
        fprintf(stderr, "segment_train: %s: cannot read\n", argv[3]);
        return ERR_NOINPUT;
    }
    if (report) {
        printf("%-4s %-12s %-9s %-6s %13s %7s %6s %6s %6s\n", "lang", "set", "part", "system", "correct", "acc%",
               "P", "R", "F1");
        for (int k = 0; k < NLANGS; k++) {
            segmenter *seg;
            if (segmenter_new(LANGS[k], NULL, &seg) < 0)
                die(LANGS[k]);
            scores model, rules;
            score_real(seg, cases, n, LANGS[k], 0, model);
            segmenter_set_model(seg, NULL);
            score_real(seg, cases, n, LANGS[k], 0, rules);
            segmenter_free(seg);
            for (int set = 0; set < EXTRA; set++)
                for (int part = 0; part < 2; part++)
                    for (int m = 0; m < 2; m++) {
                        const score *x = m ? &model[set][part] : &rules[set][part];
                        if (!x->n)
                            continue;
                        double p = x->tp + x->fp ? (double)x->tp / (double)(x->tp + x->fp) : 1.0;
                        double r = x->tp + x->fn ? (double)x->tp / (double)(x->tp + x->fn) : 1.0;
                        printf("%-4s %-12s %-9s %-6s %6zu/%-6zu %6.1f%% %6.3f %6.3f %6.3f\n", LANGS[k], SETS[set],
                               part ? "all" : "held-out", m ? "model" : "rules", x->correct, x->n,
                               100.0 * (double)x->correct / (double)x->n, p, r, f1_of(x));
                    }
        }
        return 0;
    }
    for (int k = 0; k < NLANGS; k++)
        observe_all(cases, n, LANGS[k]);
    if (folds) {
        for (int k = 0; k < NLANGS; k++) {
            scores pooled_rules, pooled_model, before, after;
            memset(pooled_rules, 0, sizeof pooled_rules);
            memset(pooled_model, 0, sizeof pooled_model);
            for (int f = 0; f < FOLDS; f++) {
                free(learn(LANGS[k], cases, n, f, before, after, show_errors));
                for (int set = 0; set < NSETS; set++) {
                    score *r = &pooled_rules[set][0], *m = &pooled_model[set][0];
                    r->tp += before[set][0].tp, r->fp += before[set][0].fp, r->fn += before[set][0].fn;
                    r->correct += before[set][0].correct, r->n += before[set][0].n;
                    m->tp += after[set][0].tp, m->fp += after[set][0].fp, m->fn += after[set][0].fn;
                    m->correct += after[set][0].correct, m->n += after[set][0].n;
                }
            }
            print_scores(LANGS[k], "rules", pooled_rules, 1);
            print_scores(LANGS[k], "model", pooled_model, 1);
        }
        return 0;
    }

    atomic_file af;
    if (atomic_file_open(&af, argv[2]) < 0)
        die(argv[2]);
    fprintf(af.f, "# boundary_model.txt — the learned sentence-boundary model (src/segment/boundary_model.h).\n"
                  "# Generated by `make train` (tools/segment_train.c) from the segmentation dev sets; do not edit.\n");
    int status = 0;
    for (int k = 0; k < NLANGS; k++) {
        const char *lang = LANGS[k];
        scores before, simulated, real;
        char *section = learn(lang, cases, n, 0, before, simulated, show_errors);
        fputs(section, af.f);
        /* the real segmenter with the model as written must give what was simulated */
        boundary_model *m;
        segmenter *seg;
        if (boundary_model_parse(section, strlen(section), "trained", lang, &m) < 0 || !m ||
            segmenter_new(lang, NULL, &seg) < 0)
            die(lang);
        segmenter_set_model(seg, m);
        score_real(seg, cases, n, lang, 0, real);
        segmenter_set_model(seg, NULL);
        scores plain;
        score_real(seg, cases, n, lang, 0, plain);
        if (!scores_equal(real, simulated) || !scores_equal(plain, before)) {
            fprintf(stderr, "segment_train: %s: the segmenter does not give what its candidates say\n", lang);
            print_scores(lang, "sim", simulated, 2);
            status = 1;
        }
        print_scores(lang, "rules", plain, 2);
        print_scores(lang, "model", real, 2);
        segmenter_free(seg);
        boundary_model_free(m);
        free(section);
    }
    if (atomic_file_finish(&af, status ? -ERR_SOFTWARE : 0) < 0)
        die(argv[2]);
    for (size_t i = 0; i < n; i++) {
        free(cases[i].id);
        free(cases[i].text);
        free(cases[i].gold);
        free(cases[i].p);
    }
    free(cases);
    return status;
}
