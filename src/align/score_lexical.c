/* score_lexical.c — dictionary coverage: how many words of a bead have a translation on
 * its other side, each weighed by how informative that is in this document.
 *
 * A content word w (one a lexicon knows, with some translation present somewhere in the
 * other text) is "covered" in a bead when one of its translations occurs in the bead's
 * other side. Two rates per word decide what that is worth:
 *   c_w  the chance rate: the share of the other text's sentences that cover w, measured
 *        over the whole document (for a bead with d sentences there: 1 - (1 - c_w)^d);
 *   q_w  the rate in right beads: learned from the aligner's own previous pass, smoothed
 *        toward the rate of all words of that side (LEX_Q_PRIOR_BEADS pseudo-counts).
 * The cost is the log-likelihood ratio of "aligned" against "chance" for each word:
 * -log(q/c) when covered, -log((1-q)/(1-c)) when not, and nothing when q <= c. A word
 * with 18 glosses is covered by chance nearly everywhere and weighs little; a rare
 * technical term that meets its translation weighs a lot. Beads with an empty side cost
 * nothing, as with the length score.
 *
 * Words and translations are dense per-document ids in sorted per-sentence arrays, so a
 * coverage test is a binary search in at most five short arrays. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "lexmodel.h"
#include "scorer.h"

static const uint32_t *find_u32(const uint32_t *v, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == x ? v + lo : NULL;
}

/* Local id of hash h among the sorted vocabulary v[0..n), or -1. */
static long vocab_id(const uint32_t *v, size_t n, uint32_t h)
{
    const uint32_t *p = find_u32(v, n, h);
    return p ? p - v : -1;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static size_t sort_unique(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, cmp_u32);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (w == 0 || v[w - 1] != v[i])
            v[w++] = v[i];
    return w;
}

int lexmodel_new(const lex_side sides[2], lexmodel **out)
{
    *out = NULL;
    lexmodel *m = calloc(1, sizeof *m);
    if (!m)
        return error_set(ERR_IO, _("out of memory"));
    uint32_t *vocab[2] = {NULL, NULL};
    size_t nvocab[2] = {0, 0};
    int rc = 0;
    /* vocabularies: every word hash of each side */
    for (int s = 0; s < 2 && rc == 0; s++) {
        size_t nw = sides[s].wstart[sides[s].n];
        vocab[s] = malloc((nw + 1) * sizeof *vocab[s]);
        if (!vocab[s]) {
            rc = error_set(ERR_IO, _("out of memory"));
            break;
        }
        if (nw)
            memcpy(vocab[s], sides[s].words, nw * sizeof *vocab[s]);
        nvocab[s] = sort_unique(vocab[s], nw);
    }
    /* translations as local ids of the other side's vocabulary; words that no sentence of
     * the other side could ever cover are dropped (they say nothing about any bead) */
    uint8_t *coverable[2] = {NULL, NULL};
    for (int s = 0; s < 2 && rc == 0; s++) {
        m->n[s] = sides[s].n;
        m->ts[s] = malloc((sides[s].n + 1) * sizeof *m->ts[s]);
        m->t[s] = malloc((sides[s].tstart[sides[s].n] + 1) * sizeof *m->t[s]);
        coverable[1 - s] = calloc(nvocab[1 - s] + 1, 1);
        m->chance[1 - s] = calloc(nvocab[1 - s] + 1, sizeof *m->chance[1 - s]);
        if (!m->ts[s] || !m->t[s] || !coverable[1 - s] || !m->chance[1 - s]) {
            rc = error_set(ERR_IO, _("out of memory"));
            break;
        }
        size_t w = 0;
        for (size_t k = 0; k < sides[s].n; k++) {
            m->ts[s][k] = (uint32_t)w;
            for (uint32_t x = sides[s].tstart[k]; x < sides[s].tstart[k + 1]; x++) {
                long id = vocab_id(vocab[1 - s], nvocab[1 - s], sides[s].trans[x]);
                if (id >= 0) {
                    m->t[s][w++] = (uint32_t)id; /* ascending: hashes were sorted */
                    coverable[1 - s][id] = 1;
                    m->chance[1 - s][id] += 1;
                }
            }
        }
        m->ts[s][sides[s].n] = (uint32_t)w;
    }
    for (int s = 0; s < 2 && rc == 0; s++) {
        m->nv[s] = nvocab[s];
        m->ws[s] = malloc((sides[s].n + 1) * sizeof *m->ws[s]);
        m->w[s] = malloc((sides[s].wstart[sides[s].n] + 1) * sizeof *m->w[s]);
        m->q[s] = malloc((nvocab[s] + 1) * sizeof *m->q[s]);
        m->cost[s] = malloc((nvocab[s] + 1) * 2 * (LEX_MAX_SPAN + 1) * sizeof *m->cost[s]);
        if (!m->ws[s] || !m->w[s] || !m->q[s] || !m->cost[s]) {
            rc = error_set(ERR_IO, _("out of memory"));
            break;
        }
        size_t w = 0;
        for (size_t k = 0; k < sides[s].n; k++) {
            m->ws[s][k] = (uint32_t)w;
            for (uint32_t x = sides[s].wstart[k]; x < sides[s].wstart[k + 1]; x++) {
                long id = vocab_id(vocab[s], nvocab[s], sides[s].words[x]);
                if (id >= 0 && coverable[s][id])
                    m->w[s][w++] = (uint32_t)id;
            }
        }
        m->ws[s][sides[s].n] = (uint32_t)w;
        double n_other = sides[1 - s].n ? (double)sides[1 - s].n : 1;
        for (size_t v = 0; v < nvocab[s]; v++) {
            m->chance[s][v] /= n_other;
            m->q[s][v] = LEX_Q_START;
        }
    }
    free(vocab[0]);
    free(vocab[1]);
    free(coverable[0]);
    free(coverable[1]);
    if (rc == 0)
        lexmodel_update_costs(m);
    if (rc < 0) {
        lexmodel_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

void lexmodel_free(lexmodel *m)
{
    if (!m)
        return;
    for (int s = 0; s < 2; s++) {
        free(m->ws[s]);
        free(m->w[s]);
        free(m->ts[s]);
        free(m->t[s]);
        free(m->chance[s]);
        free(m->q[s]);
        free(m->cost[s]);
    }
    free(m);
}

/* Whether word id w of side s is covered by sentences [j, j+d) of the other side. */
static int covered(const lexmodel *m, int s, uint32_t w, size_t j, size_t d)
{
    const uint32_t *ts = m->ts[1 - s], *t = m->t[1 - s];
    for (size_t l = j; l < j + d; l++)
        if (find_u32(t + ts[l], ts[l + 1] - ts[l], w))
            return 1;
    return 0;
}

void lexmodel_update_costs(lexmodel *m)
{
    for (int s = 0; s < 2; s++)
        for (size_t v = 0; v < m->nv[s]; v++) {
            double q = m->q[s][v], c1 = m->chance[s][v];
            for (int d = 0; d <= LEX_MAX_SPAN; d++) {
                double c = 1 - pow(1 - c1, d > 0 ? d : 1);
                if (c < 1e-4)
                    c = 1e-4;
                if (c > 0.999)
                    c = 0.999;
                float *cc = &m->cost[s][(v * (LEX_MAX_SPAN + 1) + (size_t)d) * 2];
                if (q <= c) {
                    cc[0] = cc[1] = 0;
                } else {
                    cc[0] = (float)-log(q / c);             /* covered */
                    cc[1] = (float)-log((1 - q) / (1 - c)); /* not covered */
                }
            }
        }
}

void lexmodel_fit(lexmodel *m, const bead *b, size_t nb)
{
    for (int s = 0; s < 2; s++) {
        double *cov = calloc(m->nv[s] + 1, sizeof *cov), *occ = calloc(m->nv[s] + 1, sizeof *occ);
        if (!cov || !occ) {
            free(cov);
            free(occ);
            return; /* keep the previous rates: a worse model, not a wrong one */
        }
        double all_cov = 0, all_occ = 0;
        for (size_t k = 0; k < nb; k++) {
            if (b[k].di == 0 || b[k].dj == 0 || b[k].di > LEX_MAX_SPAN || b[k].dj > LEX_MAX_SPAN)
                continue;
            size_t i = s == 0 ? b[k].i : b[k].j, di = s == 0 ? b[k].di : b[k].dj;
            size_t j = s == 0 ? b[k].j : b[k].i, dj = s == 0 ? b[k].dj : b[k].di;
            for (size_t x = i; x < i + di; x++)
                for (uint32_t y = m->ws[s][x]; y < m->ws[s][x + 1]; y++) {
                    uint32_t w = m->w[s][y];
                    int c = covered(m, s, w, j, dj);
                    cov[w] += c;
                    occ[w] += 1;
                    all_cov += c;
                    all_occ += 1;
                }
        }
        double q0 = all_occ > 0 ? all_cov / all_occ : LEX_Q_START;
        for (size_t v = 0; v < m->nv[s]; v++)
            m->q[s][v] = (cov[v] + LEX_Q_PRIOR_BEADS * q0) / (occ[v] + LEX_Q_PRIOR_BEADS);
        m->q_side[s] = q0;
        free(cov);
        free(occ);
    }
    lexmodel_update_costs(m);
}

double lexmodel_cost(const lexmodel *m, size_t i, size_t di, size_t j, size_t dj)
{
    if (di == 0 || dj == 0 || di > LEX_MAX_SPAN || dj > LEX_MAX_SPAN)
        return 0;
    double c = 0;
    for (int s = 0; s < 2; s++) {
        size_t a = s == 0 ? i : j, da = s == 0 ? di : dj, o = s == 0 ? j : i, d_other = s == 0 ? dj : di;
        for (size_t x = a; x < a + da; x++)
            for (uint32_t y = m->ws[s][x]; y < m->ws[s][x + 1]; y++) {
                uint32_t w = m->w[s][y];
                const float *cc = &m->cost[s][((size_t)w * (LEX_MAX_SPAN + 1) + d_other) * 2];
                if (cc[0] == 0 && cc[1] == 0)
                    continue;
                c += covered(m, s, w, o, d_other) ? cc[0] : cc[1];
            }
    }
    return c;
}

static double lexical_cost(const void *state, const align_pair *p, const bead_shape_at *b)
{
    (void)p;
    return lexmodel_cost(state, b->i, b->di, b->j, b->dj);
}

int lexical_scorer_new(const lexmodel *m, align_scorer *out)
{
    *out = (align_scorer){"lexicon", 1.0, (void *)m, lexical_cost, NULL};
    return 0;
}
