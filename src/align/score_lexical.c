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
 * Words are dense per-document ids: per sentence a short sorted list, per word the ids of
 * its translations on the other side. The DP asks for every shape at every cell of its
 * band, in every refit round, so coverage is computed once per pair of sentences in the
 * band, as bit masks over the words of each (lexmodel_set_band, from postings: which
 * sentences cover each word); a bead's cost is then an OR of at most five masks and a
 * sum over the set bits. The per-sentence cover sets are never stored whole: on long
 * texts they would be most of the memory. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/u32set.h"
#include "../util/vec.h"
#include "lexmodel.h"
#include "scorer.h"
#include "weights.h"

/* Per word of side s, the ids of its translations that the other side has (sorted). */
static int filter_translations(const lex_side *side, const u32_map *other, uint32_t **start, uint32_t **ids)
{
    *start = malloc((side->nvocab + 1) * sizeof **start);
    *ids = malloc((side->vstart[side->nvocab] + 1) * sizeof **ids);
    if (!*start || !*ids)
        return error_nomem();
    size_t w = 0;
    for (size_t v = 0; v < side->nvocab; v++) {
        (*start)[v] = (uint32_t)w;
        size_t w0 = w;
        for (uint32_t x = side->vstart[v]; x < side->vstart[v + 1]; x++) {
            uint32_t id = u32_map_get(other, side->vtrans[x]);
            if (id != U32_MAP_NONE)
                (*ids)[w++] = id;
        }
        w = u32_sort_unique_from(*ids, w0, w);
    }
    (*start)[side->nvocab] = (uint32_t)w;
    return 0;
}

/* T(l): the ids of the other side's words that sentence l of side s covers (the union of
 * its words' translations), unique, in no order, into *buf; returns the count or
 * SIZE_MAX (out of memory). `stamp` (one per word of the other side, zeroed before the
 * first call, for calls in increasing l) marks the ids already taken, so no sort is
 * needed. Computed when needed, never stored for the whole text: on long texts the cover
 * sets would be most of the model's size. */
static size_t sentence_cover(const lexmodel *m, int s, size_t l, uint32_t *stamp, uint32_t **buf, size_t *cap)
{
    size_t n = 0;
    for (uint32_t y = m->ws[s][l]; y < m->ws[s][l + 1]; y++) {
        uint32_t u = m->w[s][y];
        size_t k = m->vs[s][u + 1] - m->vs[s][u];
        if (vec_reserve(buf, cap, n + k + 1, sizeof **buf) < 0)
            return SIZE_MAX;
        for (const uint32_t *t = m->v[s] + m->vs[s][u], *end = t + k; t < end; t++)
            if (stamp[*t] != l + 1) {
                stamp[*t] = (uint32_t)(l + 1);
                (*buf)[n++] = *t;
            }
    }
    return n;
}

int lexmodel_new(const lex_side sides[2], lexmodel **out)
{
    *out = NULL;
    lexmodel *m = calloc(1, sizeof *m);
    if (!m)
        return error_nomem();
    u32_map table[2] = {{0}, {0}};
    uint32_t *buf = NULL;
    size_t cap = 0;
    int rc = 0;
    /* the vocabularies: word hash -> local id (its index in the sorted vocabulary) */
    for (int s = 0; s < 2 && rc == 0; s++) {
        rc = u32_map_init(&table[s], sides[s].nvocab);
        for (size_t v = 0; v < sides[s].nvocab && rc == 0; v++)
            rc = u32_map_put(&table[s], sides[s].vocab[v], (uint32_t)v);
    }
    for (int s = 0; s < 2 && rc == 0; s++)
        rc = filter_translations(&sides[s], &table[1 - s], &m->vs[s], &m->v[s]);
    /* each sentence's words as ids (at most LEX_MAX_WORDS) */
    for (int s = 0; s < 2 && rc == 0; s++) {
        size_t nv = sides[s].nvocab;
        m->n[s] = sides[s].n;
        m->nv[s] = nv;
        m->ws[s] = malloc((sides[s].n + 1) * sizeof *m->ws[s]);
        m->w[s] = malloc((sides[s].wstart[sides[s].n] + 1) * sizeof *m->w[s]);
        m->q[s] = malloc((nv + 1) * sizeof *m->q[s]);
        m->chance[s] = calloc(nv + 1, sizeof *m->chance[s]);
        m->cost[s] = malloc((nv + 1) * 2 * (LEX_MAX_SPAN + 1) * sizeof *m->cost[s]);
        m->base[s] = malloc((sides[s].n + 1) * (LEX_MAX_SPAN + 1) * sizeof *m->base[s]);
        if (!m->ws[s] || !m->w[s] || !m->q[s] || !m->chance[s] || !m->cost[s] || !m->base[s]) {
            rc = error_nomem();
            break;
        }
        size_t w = 0;
        for (size_t k = 0; k < sides[s].n; k++) {
            m->ws[s][k] = (uint32_t)w;
            for (uint32_t x = sides[s].wstart[k]; x < sides[s].wstart[k + 1]; x++) {
                uint32_t id = u32_map_get(&table[s], sides[s].words[x]);
                if (id != U32_MAP_NONE && w - m->ws[s][k] < LEX_MAX_WORDS)
                    m->w[s][w++] = id;
            }
        }
        m->ws[s][sides[s].n] = (uint32_t)w;
    }
    /* chance: the share of the other side's sentences that cover each word */
    for (int s = 0; s < 2 && rc == 0; s++) {
        uint32_t *stamp = calloc(m->nv[1 - s] + 1, sizeof *stamp);
        if (!stamp)
            rc = error_nomem();
        for (size_t l = 0; l < m->n[s] && rc == 0; l++) {
            size_t nt = sentence_cover(m, s, l, stamp, &buf, &cap);
            if (nt == SIZE_MAX)
                rc = error_nomem();
            for (size_t x = 0; rc == 0 && x < nt; x++)
                m->chance[1 - s][buf[x]] += 1;
        }
        free(stamp);
    }
    /* words that no sentence of the other side could ever cover (a chance count of 0,
     * before the counts become shares just below) say nothing about any bead */
    for (int s = 0; s < 2 && rc == 0; s++) {
        size_t w = 0;
        for (size_t k = 0; k < m->n[s]; k++) {
            uint32_t from = m->ws[s][k], to = m->ws[s][k + 1];
            m->ws[s][k] = (uint32_t)w;
            for (uint32_t y = from; y < to; y++)
                if (m->chance[s][m->w[s][y]] > 0)
                    m->w[s][w++] = m->w[s][y];
        }
        m->ws[s][m->n[s]] = (uint32_t)w;
        double n_other = m->n[1 - s] ? (double)m->n[1 - s] : 1;
        for (size_t v = 0; v < m->nv[s]; v++) {
            m->chance[s][v] /= n_other;
            m->q[s][v] = LEX_Q_START;
        }
    }
    for (int s = 0; s < 2; s++)
        u32_map_free(&table[s]);
    free(buf);
    if (rc == 0)
        lexmodel_update_costs(m);
    if (rc < 0) {
        if (rc == -ERR_NOMEM)
            error_nomem();
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
        free(m->vs[s]);
        free(m->v[s]);
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

/* Whether word id w of side s is covered by sentences [j, j+d) of the other side: one of
 * their words among w's translations. */
static int covered(const lexmodel *m, int s, uint32_t w, size_t j, size_t d)
{
    const uint32_t *tr = m->v[s] + m->vs[s][w];
    size_t nt = m->vs[s][w + 1] - m->vs[s][w];
    for (size_t l = j; l < j + d; l++)
        for (uint32_t y = m->ws[1 - s][l]; y < m->ws[1 - s][l + 1]; y++)
            if (u32_find(tr, nt, m->w[1 - s][y]))
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

/* The postings of side s over sentences [from, to) of the other side: for each word v of
 * side s, those of the sentences that cover it (hold one of its translations), ascending,
 * in post[pstart[v] .. pstart[v+1]). Built in two passes (count, fill) so that the cover
 * sets are never all held at once. */
static int build_postings(const lexmodel *m, int s, size_t from, size_t to, uint32_t **out_start,
                          uint32_t **out_post)
{
    uint32_t *pstart = calloc(m->nv[s] + 2, sizeof *pstart), *post = NULL, *buf = NULL;
    size_t cap = 0;
    int rc = pstart ? 0 : error_nomem();
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        uint32_t *stamp = calloc(m->nv[s] + 1, sizeof *stamp);
        if (!stamp)
            rc = error_nomem();
        for (size_t l = from; l < to && rc == 0; l++) { /* ascending l: lists sorted */
            size_t nt = sentence_cover(m, 1 - s, l, stamp, &buf, &cap);
            if (nt == SIZE_MAX)
                rc = error_nomem();
            for (size_t k = 0; rc == 0 && k < nt; k++) {
                if (pass == 0)
                    pstart[buf[k] + 2]++;
                else
                    post[pstart[buf[k] + 1]++] = (uint32_t)l;
            }
        }
        free(stamp);
        if (pass == 0 && rc == 0) {
            for (size_t v = 0; v < m->nv[s]; v++)
                pstart[v + 2] += pstart[v + 1];
            if (!(post = malloc((pstart[m->nv[s] + 1] + 1) * sizeof *post)))
                rc = error_nomem();
        }
    }
    free(buf);
    if (rc < 0) {
        free(pstart);
        free(post);
        return error_nomem();
    }
    *out_start = pstart;
    *out_post = post;
    return 0;
}

/* Source words of rows [x0, x1): the cells (x, l) whose sentence l covers word y of
 * sentence x, from postings over columns that hold every window of these rows. */
static void mark_source_words(lexmodel *m, size_t x0, size_t x1, const uint32_t *pstart, const uint32_t *post)
{
    for (size_t x = x0; x < x1; x++)
        for (uint32_t y = m->ws[0][x]; y < m->ws[0][x + 1]; y++) {
            uint32_t w = m->w[0][y];
            const uint32_t *p = post + pstart[w], *end = post + pstart[w + 1];
            p = u32_lower_bound(p, (size_t)(end - p), (uint32_t)m->lo[x]);
            for (; p < end && *p < m->lo[x] + m->len[x]; p++)
                m->cell[m->off[x] + *p - m->lo[x]][0] |= (uint64_t)1 << (y - m->ws[0][x]);
        }
}

/* Target words of columns [c0, c1), in the cells of rows [x0, x1): the cells (x, l) whose
 * sentence x covers word y of sentence l, from postings over those rows. */
static void mark_target_words(lexmodel *m, size_t c0, size_t c1, size_t x0, size_t x1, const uint32_t *pstart,
                              const uint32_t *post, const size_t *xmin, const size_t *xmax)
{
    for (size_t l = c0; l < c1; l++) {
        if (xmin[l] == SIZE_MAX || xmin[l] >= x1 || xmax[l] < x0)
            continue;
        size_t lo_x = xmin[l] > x0 ? xmin[l] : x0, hi_x = xmax[l] < x1 - 1 ? xmax[l] : x1 - 1;
        for (uint32_t y = m->ws[1][l]; y < m->ws[1][l + 1]; y++) {
            uint32_t w = m->w[1][y];
            const uint32_t *p = post + pstart[w], *end = post + pstart[w + 1];
            p = u32_lower_bound(p, (size_t)(end - p), (uint32_t)lo_x);
            for (; p < end && *p <= hi_x; p++) {
                size_t x = *p;
                if (l >= m->lo[x] && l - m->lo[x] < m->len[x])
                    m->cell[m->off[x] + l - m->lo[x]][1] |= (uint64_t)1 << (y - m->ws[1][l]);
            }
        }
    }
}

/* Rows are marked CELL_CHUNK_ROWS at a time, each chunk from postings over only the
 * sentences its windows reach: postings over the whole document (84 MB for 100,000
 * sentences) were the peak of a long alignment. */
enum { CELL_CHUNK_ROWS = 4096 };

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
        return error_nomem();
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
        return error_nomem();
    memset(m->cell, 0, (total + 1) * sizeof *m->cell);
    /* from postings (which sentences of the other side cover each word), so the work is
     * the number of coverages in the band, not cells × words. Rows whose window holds
     * column l: [xmin[l], xmax[l]] (a superset when the band is not monotone; the window
     * test in mark_target_words stays exact) */
    size_t *xmin = malloc((cols + 1) * sizeof *xmin), *xmax = xmin ? calloc(cols + 1, sizeof *xmax) : NULL;
    int rc = xmin && xmax ? 0 : error_nomem();
    for (size_t l = 0; rc == 0 && l <= cols; l++)
        xmin[l] = SIZE_MAX;
    for (size_t x = 0; rc == 0 && x < n; x++)
        for (size_t l = m->lo[x]; l < m->lo[x] + m->len[x]; l++) {
            if (x < xmin[l])
                xmin[l] = x;
            if (x > xmax[l])
                xmax[l] = x;
        }
    for (size_t x0 = 0; x0 < n && rc == 0; x0 += CELL_CHUNK_ROWS) {
        size_t x1 = x0 + CELL_CHUNK_ROWS < n ? x0 + CELL_CHUNK_ROWS : n, c0 = SIZE_MAX, c1 = 0;
        for (size_t x = x0; x < x1; x++)
            if (m->len[x]) {
                c0 = m->lo[x] < c0 ? m->lo[x] : c0;
                c1 = m->lo[x] + m->len[x] > c1 ? m->lo[x] + m->len[x] : c1;
            }
        if (c0 >= c1)
            continue;
        /* one side at a time: its postings built, marked into the cells and freed */
        for (int s = 0; s < 2 && rc == 0; s++) {
            uint32_t *pstart = NULL, *post = NULL;
            rc = s == 0 ? build_postings(m, 0, c0, c1, &pstart, &post) : build_postings(m, 1, x0, x1, &pstart, &post);
            if (rc == 0 && s == 0)
                mark_source_words(m, x0, x1, pstart, post);
            else if (rc == 0)
                mark_target_words(m, c0, c1, x0, x1, pstart, post, xmin, xmax);
            free(pstart);
            free(post);
        }
    }
    free(xmin);
    free(xmax);
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

void lexmodel_fit(lexmodel *m, const dp_bead *b, size_t nb)
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
            for (size_t x = i; x < i + di; x++) {
                uint64_t bits = 0;
                for (size_t l = j; l < j + dj; l++)
                    bits |= s == 0 ? pair_mask(m, 0, x, l) : pair_mask(m, 1, l, x);
                for (uint32_t y = m->ws[s][x]; y < m->ws[s][x + 1]; y++) {
                    int c = (int)(bits >> (y - m->ws[s][x]) & 1);
                    cov[m->w[s][y]] += c;
                    occ[m->w[s][y]] += 1;
                    all_cov += c;
                    all_occ += 1;
                }
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

void lexmodel_coverage(const lexmodel *m, size_t i, size_t di, size_t j, size_t dj, lex_coverage *out)
{
    *out = (lex_coverage){{0, 0}, {0, 0}, 1};
    for (int s = 0; s < 2; s++) {
        size_t a = s == 0 ? i : j, da = s == 0 ? di : dj, o = s == 0 ? j : i, d_other = s == 0 ? dj : di;
        for (size_t x = a; x < a + da; x++) {
            uint64_t bits = 0;
            for (size_t l = o; l < o + d_other; l++)
                bits |= s == 0 ? pair_mask(m, 0, x, l) : pair_mask(m, 1, l, x);
            unsigned words = m->ws[s][x + 1] - m->ws[s][x], covered = (unsigned)__builtin_popcountll(bits);
            out->words[s] += words;
            out->covered[s] += covered;
            if (words && (double)covered / words < out->weakest)
                out->weakest = (double)covered / words;
        }
    }
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
