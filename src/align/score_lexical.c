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
 * Words and translations are dense per-document ids in sorted per-sentence arrays. The
 * DP asks for every shape at every cell of its band, in every refit round, so coverage
 * is computed once per pair of sentences in the band, as bit masks over the words of
 * each (lexmodel_set_band); a bead's cost is then an OR of at most five masks and a sum
 * over the set bits. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/u32set.h"
#include "lexmodel.h"
#include "scorer.h"
#include "weights.h"

/* The vocabulary of a side as an open-addressing table: word hash -> local id (its index
 * in the sorted vocabulary). Translations are looked up here by the thousand per
 * sentence, most of them absent, so a probe or two beats a binary search. */
typedef struct {
    uint32_t *key;
    int32_t *id;    /* -1: empty slot */
    size_t mask;
} vocab_table;

static int vocab_table_new(vocab_table *t, const uint32_t *v, size_t n)
{
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    t->key = malloc(size * sizeof *t->key);
    t->id = malloc(size * sizeof *t->id);
    t->mask = size - 1;
    if (!t->key || !t->id)
        return error_set(ERR_IO, _("out of memory"));
    memset(t->id, 0xff, size * sizeof *t->id);
    for (size_t i = 0; i < n; i++) {
        size_t k = (v[i] * 2654435761u) & t->mask;
        while (t->id[k] >= 0)
            k = (k + 1) & t->mask;
        t->key[k] = v[i];
        t->id[k] = (int32_t)i;
    }
    return 0;
}

static long vocab_id(const vocab_table *t, uint32_t h)
{
    for (size_t k = (h * 2654435761u) & t->mask; t->id[k] >= 0; k = (k + 1) & t->mask)
        if (t->key[k] == h)
            return t->id[k];
    return -1;
}

static void vocab_table_free(vocab_table *t)
{
    free(t->key);
    free(t->id);
}

int lexmodel_new(lex_side sides[2], lexmodel **out)
{
    *out = NULL;
    lexmodel *m = calloc(1, sizeof *m);
    if (!m)
        return error_set(ERR_IO, _("out of memory"));
    uint32_t *vocab[2] = {NULL, NULL};
    size_t nvocab[2] = {0, 0};
    vocab_table table[2] = {{0}, {0}};
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
        nvocab[s] = u32_sort_unique(vocab[s], nw);
        rc = vocab_table_new(&table[s], vocab[s], nvocab[s]);
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
                long id = vocab_id(&table[1 - s], sides[s].trans[x]);
                if (id >= 0)
                    m->t[s][w++] = (uint32_t)id;
            }
            w = m->ts[s][k] + u32_sort_unique(m->t[s] + m->ts[s][k], w - m->ts[s][k]);
            for (size_t x = m->ts[s][k]; x < w; x++) {
                coverable[1 - s][m->t[s][x]] = 1;
                m->chance[1 - s][m->t[s][x]] += 1;
            }
        }
        m->ts[s][sides[s].n] = (uint32_t)w;
        /* the sides keep only these translations too (sorted unique hashes): a model
         * built again from them (with learned pairs) need not filter them again */
        for (size_t k = 0; k <= sides[s].n; k++)
            sides[s].tstart[k] = m->ts[s][k];
        for (size_t x = 0; x < w; x++)
            sides[s].trans[x] = vocab[1 - s][m->t[s][x]];
    }
    for (int s = 0; s < 2 && rc == 0; s++) {
        m->nv[s] = nvocab[s];
        m->ws[s] = malloc((sides[s].n + 1) * sizeof *m->ws[s]);
        m->w[s] = malloc((sides[s].wstart[sides[s].n] + 1) * sizeof *m->w[s]);
        m->q[s] = malloc((nvocab[s] + 1) * sizeof *m->q[s]);
        m->cost[s] = malloc((nvocab[s] + 1) * 2 * (LEX_MAX_SPAN + 1) * sizeof *m->cost[s]);
        m->base[s] = malloc((sides[s].n + 1) * (LEX_MAX_SPAN + 1) * sizeof *m->base[s]);
        if (!m->ws[s] || !m->w[s] || !m->q[s] || !m->cost[s] || !m->base[s]) {
            rc = error_set(ERR_IO, _("out of memory"));
            break;
        }
        size_t w = 0;
        for (size_t k = 0; k < sides[s].n; k++) {
            m->ws[s][k] = (uint32_t)w;
            for (uint32_t x = sides[s].wstart[k]; x < sides[s].wstart[k + 1]; x++) {
                long id = vocab_id(&table[s], sides[s].words[x]);
                if (id >= 0 && coverable[s][id] && w - m->ws[s][k] < LEX_MAX_WORDS)
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
    vocab_table_free(&table[0]);
    vocab_table_free(&table[1]);
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
        free(m->base[s]);
    }
    free(m->cell);
    free(m->lo);
    free(m->len);
    free(m->off);
    free(m);
}

/* Whether word id w of side s is covered by sentences [j, j+d) of the other side. */
static int covered(const lexmodel *m, int s, uint32_t w, size_t j, size_t d)
{
    const uint32_t *ts = m->ts[1 - s], *t = m->t[1 - s];
    for (size_t l = j; l < j + d; l++)
        if (u32_find(t + ts[l], ts[l + 1] - ts[l], w))
            return 1;
    return 0;
}

/* Bits of the words of sentence x (side s) covered by sentence l of the other side. */
static uint64_t cover_mask(const lexmodel *m, int s, size_t x, size_t l)
{
    uint64_t bits = 0;
    for (uint32_t y = m->ws[s][x]; y < m->ws[s][x + 1]; y++)
        if (covered(m, s, m->w[s][y], l, 1))
            bits |= (uint64_t)1 << (y - m->ws[s][x]);
    return bits;
}

enum { BAND_MARGIN = LEX_MAX_SPAN };

int lexmodel_set_band(lexmodel *m, const dp_band *b)
{
    free(m->cell);
    free(m->lo);
    free(m->len);
    free(m->off);
    m->cell = NULL;
    size_t n = m->n[0], cols = m->n[1];
    m->lo = malloc((n + 1) * sizeof *m->lo);
    m->len = malloc((n + 1) * sizeof *m->len);
    m->off = malloc((n + 1) * sizeof *m->off);
    if (!m->lo || !m->len || !m->off)
        return error_set(ERR_IO, _("out of memory"));
    size_t total = 0;
    for (size_t x = 0; x < n; x++) {
        /* sentence x is in beads leaving rows x-4..x; their columns start in those rows' bands */
        size_t lo = SIZE_MAX, hi = 0;
        for (size_t r = x >= LEX_MAX_SPAN - 1 ? x - (LEX_MAX_SPAN - 1) : 0; r <= x && r <= b->n; r++) {
            if (b->lo[r] < lo)
                lo = b->lo[r];
            if (b->hi[r] > hi)
                hi = b->hi[r];
        }
        lo = lo > BAND_MARGIN ? lo - BAND_MARGIN : 0;
        hi = hi + BAND_MARGIN < cols ? hi + BAND_MARGIN : cols;
        m->lo[x] = lo;
        m->len[x] = hi > lo ? hi - lo : 0;
        m->off[x] = total;
        total += m->len[x];
    }
    m->cell = malloc((total + 1) * sizeof *m->cell);
    if (!m->cell)
        return error_set(ERR_IO, _("out of memory"));
    memset(m->cell, 0, (total + 1) * sizeof *m->cell);
    /* from postings (which sentences of the other side cover each word), so the work is
     * the number of coverages in the band, not cells × words */
    uint32_t *pstart[2] = {NULL, NULL}, *post[2] = {NULL, NULL};
    int rc = 0;
    for (int s = 0; s < 2 && rc == 0; s++) {
        const uint32_t *ts = m->ts[1 - s], *t = m->t[1 - s];
        size_t nt = ts[m->n[1 - s]];
        pstart[s] = calloc(m->nv[s] + 2, sizeof *pstart[s]);
        post[s] = malloc((nt + 1) * sizeof *post[s]);
        if (!pstart[s] || !post[s]) {
            rc = error_set(ERR_IO, _("out of memory"));
            break;
        }
        for (size_t k = 0; k < nt; k++)
            pstart[s][t[k] + 2]++;
        for (size_t v = 0; v < m->nv[s]; v++)
            pstart[s][v + 2] += pstart[s][v + 1];
        for (size_t l = 0; l < m->n[1 - s]; l++) /* ascending l: each posting list sorted */
            for (uint32_t k = ts[l]; k < ts[l + 1]; k++)
                post[s][pstart[s][t[k] + 1]++] = (uint32_t)l;
    }
    for (size_t x = 0; x < n && rc == 0; x++) /* source words: cells (x, l) of row x */
        for (uint32_t y = m->ws[0][x]; y < m->ws[0][x + 1]; y++) {
            uint32_t w = m->w[0][y];
            for (uint32_t k = pstart[0][w]; k < pstart[0][w + 1]; k++) {
                size_t l = post[0][k];
                if (l >= m->lo[x] && l - m->lo[x] < m->len[x])
                    m->cell[m->off[x] + l - m->lo[x]][0] |= (uint64_t)1 << (y - m->ws[0][x]);
            }
        }
    for (size_t l = 0; l < cols && rc == 0; l++) /* target words: cells (x, l) of rows x */
        for (uint32_t y = m->ws[1][l]; y < m->ws[1][l + 1]; y++) {
            uint32_t w = m->w[1][y];
            for (uint32_t k = pstart[1][w]; k < pstart[1][w + 1]; k++) {
                size_t x = post[1][k];
                if (l >= m->lo[x] && l - m->lo[x] < m->len[x])
                    m->cell[m->off[x] + l - m->lo[x]][1] |= (uint64_t)1 << (y - m->ws[1][l]);
            }
        }
    for (int s = 0; s < 2; s++) {
        free(pstart[s]);
        free(post[s]);
    }
    return rc;
}

/* Mask of side s's sentence (x on side 0, or l on side 1) for the pair (x, l). */
static inline uint64_t pair_mask(const lexmodel *m, int s, size_t x, size_t l)
{
    if (m->cell && l >= m->lo[x] && l - m->lo[x] < m->len[x])
        return m->cell[m->off[x] + l - m->lo[x]][s];
    return s == 0 ? cover_mask(m, 0, x, l) : cover_mask(m, 1, l, x);
}

void lexmodel_update_costs(lexmodel *m)
{
    for (int s = 0; s < 2; s++)
        for (size_t v = 0; v < m->nv[s]; v++) {
            /* rates of 0 or 1 (a tiny document covers every word) would make costs infinite */
            double q = m->q[s][v] < 0.01 ? 0.01 : m->q[s][v] > 0.99 ? 0.99 : m->q[s][v], c1 = m->chance[s][v];
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
    for (int s = 0; s < 2; s++)
        for (size_t x = 0; x < m->n[s]; x++)
            for (int d = 0; d <= LEX_MAX_SPAN; d++) {
                double sum = 0;
                for (uint32_t y = m->ws[s][x]; y < m->ws[s][x + 1]; y++)
                    sum += m->cost[s][((size_t)m->w[s][y] * (LEX_MAX_SPAN + 1) + (size_t)d) * 2 + 1];
                m->base[s][x * (LEX_MAX_SPAN + 1) + (size_t)d] = (float)sum;
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
        for (size_t x = a; x < a + da; x++) {
            uint64_t bits = 0;
            if (s == 0 && m->cell && o >= m->lo[x] && o + d_other <= m->lo[x] + m->len[x]) {
                const uint64_t(*row)[2] = m->cell + m->off[x] + (o - m->lo[x]); /* the usual case */
                for (size_t l = 0; l < d_other; l++)
                    bits |= row[l][0];
            } else {
                for (size_t l = o; l < o + d_other; l++)
                    bits |= s == 0 ? pair_mask(m, 0, x, l) : pair_mask(m, 1, l, x);
            }
            c += m->base[s][x * (LEX_MAX_SPAN + 1) + d_other];
            const uint32_t *w = m->w[s] + m->ws[s][x];
            while (bits) {
                int b = __builtin_ctzll(bits);
                bits &= bits - 1;
                const float *cc = &m->cost[s][((size_t)w[b] * (LEX_MAX_SPAN + 1) + d_other) * 2];
                c += cc[0] - cc[1];
            }
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
