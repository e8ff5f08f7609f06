/* gap_dtw.c — DTW with skipped recording and missing sentences; see gap_dtw.h. */
#include "gap_dtw.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../i18n.h"
#include "../util/error.h"
#include "../util/stats.h"

/* Each level is FACTOR times finer than the one above; the top level is the finest whose
 * full matrix stays under CELL_BUDGET cells (a byte each), and never finer than FACTOR:
 * 100 s of speech against 100 s of recording is 6 M cells at the top. A finer row may
 * move RADIUS frames beyond the columns its coarse neighbours took. */
enum { FACTOR = 4, RADIUS = 8 };
/* But the level below a top level coarser than 16 to one (a recording of about 40 minutes
 * or more) may move this many frames (128 s) beyond: at 64 to one a voice unlike the
 * synthesizer's matches any speech about as well as its own words, and the path laid
 * sentences of a partial transcript up to 160 s off. A partial transcript (215 of 420
 * sentences) of a 67-minute flite recording: at 8 frames 73% of the sentences started
 * within 0.25 s of the full transcript's times and 28 present ones were taken for
 * missing, at 128 s 94% and none (a full matrix at 16 to one, 805 MB: 95%); of 391 of a
 * 117-minute espeak-ng one, 99.7% (5 missing) and 100% (none). Such a window costs 1,600
 * cells and more per row on that level: 125 minutes took 368 MB instead of 358. */
enum { WIDE_REACH = 12800 };
static const double CELL_BUDGET = 40e6;
/* But no coarser than this while the matrix stays under CELL_LIMIT: at 64 a frame is
 * 0.64 s and a sentence of 5 s still 8 frames; at 256 it was 2 (a full transcript of a
 * 125-minute recording, 960 sentences: 409 taken for missing, 2,000 s of its speech
 * skipped; at 64, 205 and 500 s). Past the budget the matrix grows instead, to 95 M
 * cells for two hours of speech against two hours of recording, and to CELL_LIMIT
 * (about 2 h 40 min each) before it coarsens again. */
enum { TOP_FACTOR_MAX = 64 };
static const double CELL_LIMIT = 160e6;
/* The first path's skip cost: this share of the way from the best match to chance. On
 * ../shared/eval/subtitles a matching sentence costs up to 0.65 of that way (flite's
 * voice against the espeak-ng synthesis), so 0.75 places them all. */
static const double FIRST_SKIP_SHARE = 0.75;
/* A sentence is missing when its frames, wherever the path put it, cost more than the
 * typical sentence plus this share of the way to chance. Sentences that are there reach
 * 0.49 of the way (flite's voice, ../shared/eval/subtitles/dev), one absent from the
 * recording and laid over untranscribed speech of the same voice 0.68. */
static const double MISSING_SHARE = 0.58;
/* Or when it costs more than the typical sentence plus DOUBTFUL_SHARE of the way to
 * chance and its frames in order match its place hardly better than reversed
 * (order_evidence below ORDER_SHARE of the recording's typical sentence). Where the voices
 * are unlike, a sentence absent from the recording costs only 0.37-0.42 of the way (flite
 * kal and awb) but its order evidence is 0.1-0.3 of the typical; sentences that are there
 * reach 0.51 of the way with 0.57 of the typical order evidence (flite, dev-hard). */
static const double DOUBTFUL_SHARE = 0.3, ORDER_SHARE = 0.4;
/* Those tests were set on levels of 4 and 16 frames to one (recordings under about 40
 * minutes). At 64 to one a frame averages 0.64 s of speech and a sentence's cost and its
 * order evidence blur (the typical order evidence falls to 0.11, against 0.2 and more
 * finer): present sentences crossed both lines, and a full transcript of a 63-minute
 * recording (bench/sync_bench.sh) lost 12 of its 480 sentences to them, among them one
 * that alone is placed at confidence 1.000, in five of its ten copies. So a top level
 * coarser than this leaves out only what its own path leaves out (MISS_SHARE), and the
 * tests are made on the first level this fine, where the sentences they find are taken
 * out and the top level searched again without them. */
enum { JUDGE_FACTOR_MAX = 16 };
/* A sentence of fewer rows than this at a level says nothing there: it reads the same
 * backwards, so it neither counts in the transcript's order evidence (gap_dtw.h) nor is
 * taken for missing at the top level ("Minutes matter." (1 s) was two rows at 64 frames
 * to one, and such sentences of a full transcript of a 44-minute recording, 30 times a
 * 12-sentence text, were left out, 54 of 360). At the 4 or 16 to one of recordings under
 * 20 minutes that is under 0.3 or 1.3 s. The order evidence is read on at most
 * ORDER_SAMPLE sentences spread over the transcript (each costs a warping, twice). */
enum { MIN_ROWS_TO_JUDGE = 8, ORDER_SAMPLE = 64 };
/* On the level below a top level coarser than JUDGE_FACTOR_MAX: see judge_again. */
enum { REJUDGE_MIN_ROWS = 2 * MIN_ROWS_TO_JUDGE };
/* Each step off the diagonal (a row held over several columns, or the reverse) costs
 * this share of the chance distance besides its cell: a sentence may not swallow the
 * untranscribed speech around it by holding one frame over seconds of it, as it can when
 * the voices are unlike and any speech matches about as well (flite's kal and awb
 * against espeak-ng: the first sentence took 5 s of the speech before it). At 0.2 no
 * full transcript of ../shared/eval/subtitles or scripts/eval_voices.sh skips more than
 * 1.2 s; at 0.3 a flite sentence of dev was taken for missing. */
static const double BEND = 0.2, HOLD = 0.5;
/* The top level may leave a sentence out at this share of the chance distance per row,
 * besides skipping the columns it would have taken: cheaper than squeezing it between
 * two sentences that follow each other in the recording (each row a bend off the
 * diagonal on a frame it does not match) or pushing its neighbours off their places,
 * dearer than keeping a sentence that matches at all. */
static const double MISS_SHARE = 0.5;

/* How a cell's moved state was reached, and whether its held state follows a hold. */
enum { MOVED_NONE, MOVED_GAP, MOVED_DIAG, MOVED_DIAG_FROM_HELD, MOVED_UP, MOVED_UP_FROM_HELD, HELD_FROM_HELD = 8 };
enum { GAP_START, GAP_SKIP, GAP_END_MOVED, GAP_END_HELD, GAP_MISS }; /* into a gap state */

/* One level's problem: sentences of rows, windows of columns per row. */
typedef struct {
    feature_seq rows, cols;
    const size_t *first; /* n + 1 */
    size_t n;
    size_t *lo, *hi;     /* per row: the columns [lo, hi) it may match */
    double skip;         /* per skipped column */
    double bend;         /* per step off the diagonal */
    double hold;         /* besides, per hold after a hold */
    double miss;         /* per row of a sentence left out (0: none may be) */
    const unsigned char *kept; /* per sentence: never left out (NULL: any may be) */
    const float *price;  /* per column, besides the distance: a share of price_scale (NULL: none) */
    double price_scale;  /* the level's chance distance */
} level;

/* A level's path. */
typedef struct {
    size_t *col_first, *col_last; /* per row */
    double *cost_sum;
    size_t *cells;
    unsigned char *skipped;       /* per column */
    unsigned char *missing;       /* per sentence: left out */
} level_path;

static void level_path_free(level_path *p)
{
    free(p->col_first);
    free(p->col_last);
    free(p->cost_sum);
    free(p->cells);
    free(p->skipped);
    free(p->missing);
    *p = (level_path){0};
}

static int level_path_new(level_path *p, size_t nrows, size_t ncols, size_t n)
{
    *p = (level_path){0};
    p->col_first = malloc((nrows ? nrows : 1) * sizeof *p->col_first);
    p->col_last = malloc((nrows ? nrows : 1) * sizeof *p->col_last);
    p->cost_sum = calloc(nrows ? nrows : 1, sizeof *p->cost_sum);
    p->cells = calloc(nrows ? nrows : 1, sizeof *p->cells);
    p->skipped = calloc(ncols ? ncols : 1, 1);
    p->missing = calloc(n ? n : 1, 1);
    if (!p->col_first || !p->col_last || !p->cost_sum || !p->cells || !p->skipped || !p->missing) {
        level_path_free(p);
        return error_nomem();
    }
    for (size_t j = 0; j < nrows; j++)
        p->col_first[j] = p->col_last[j] = SIZE_MAX;
    return 0;
}

/* The gap states: G_s(i), for s in 0..n, is the best cost of having consumed columns
 * [0, i) with sentences [0, s) placed and sentence s not begun. Each s keeps the columns
 * [lo, hi) a path can use there: from one past the first column the last row of
 * sentence s-1 may take, to the last column the first row of sentence s may take. */
typedef struct {
    size_t *lo, *hi, *offset;
    double *cost;
    unsigned char *back;
} gap_states;

static void gap_states_free(gap_states *g)
{
    free(g->lo);
    free(g->hi);
    free(g->offset);
    free(g->cost);
    free(g->back);
}

static int gap_states_new(const level *L, gap_states *g)
{
    size_t n = L->n, M = L->cols.n;
    *g = (gap_states){0};
    g->lo = malloc((n + 1) * sizeof *g->lo);
    g->hi = malloc((n + 1) * sizeof *g->hi);
    g->offset = malloc((n + 2) * sizeof *g->offset);
    if (!g->lo || !g->hi || !g->offset) {
        gap_states_free(g);
        return error_nomem();
    }
    g->offset[0] = 0;
    for (size_t s = 0; s <= n; s++) {
        g->lo[s] = s ? L->lo[L->first[s] - 1] + 1 : 0;
        g->hi[s] = s < n ? L->hi[L->first[s]] : M + 1;
        if (g->hi[s] <= g->lo[s])
            g->hi[s] = g->lo[s] + 1;
        g->offset[s + 1] = g->offset[s] + (g->hi[s] - g->lo[s]);
    }
    g->cost = malloc(g->offset[n + 1] * sizeof *g->cost);
    g->back = malloc(g->offset[n + 1]);
    if (!g->cost || !g->back) {
        gap_states_free(g);
        return error_nomem();
    }
    return 0;
}

static int in_range(size_t i, size_t lo, size_t hi) { return i >= lo && i < hi; }

static double gap_at(const gap_states *g, size_t s, size_t i)
{
    return in_range(i, g->lo[s], g->hi[s]) ? g->cost[g->offset[s] + i - g->lo[s]] : INFINITY;
}

/* A row's cells in two states: reached by a step that moved to a new row (`moved`: along
 * the diagonal, or down) or by holding the row over one more column (`held`). A hold
 * after a hold costs HOLD more: one synthetic frame may not stretch over seconds of
 * recording, as a frame of no particular sound does when the speech around the
 * transcript matches it as well as anything (a held row swallowed 15 s of other speech
 * before the first sentence: surrounded_ru_f3_s1). */
typedef struct {
    double *moved, *held;
} row_costs;

/* Fill G_s from the last row of sentence s-1 (`last`, valid in its window) and from G_s
 * one column before (a skip). */
static void fill_gap(const level *L, gap_states *g, size_t s, const row_costs *last)
{
    size_t j = s ? L->first[s] - 1 : 0;
    for (size_t i = g->lo[s]; i < g->hi[s]; i++) {
        double best = INFINITY;
        unsigned char back = GAP_SKIP;
        if (s == 0 && i == 0)
            best = 0, back = GAP_START;
        if (i > g->lo[s] && g->cost[g->offset[s] + i - 1 - g->lo[s]] + L->skip < best)
            best = g->cost[g->offset[s] + i - 1 - g->lo[s]] + L->skip, back = GAP_SKIP;
        if (s && i > 0 && in_range(i - 1, L->lo[j], L->hi[j])) {
            if (last->moved[i - 1] < best)
                best = last->moved[i - 1], back = GAP_END_MOVED;
            if (last->held[i - 1] < best)
                best = last->held[i - 1], back = GAP_END_HELD;
        }
        double miss = L->miss * (double)(s ? L->first[s] - L->first[s - 1] : 0);
        if (s && L->miss > 0 && !(L->kept && L->kept[s - 1]) && gap_at(g, s - 1, i) + miss < best)
            best = gap_at(g, s - 1, i) + miss, back = GAP_MISS;
        g->cost[g->offset[s] + i - g->lo[s]] = best;
        g->back[g->offset[s] + i - g->lo[s]] = back;
    }
}

static double cell_distance(const level *L, size_t j, size_t i)
{
    return dtw_distance(L->rows.v + j * L->rows.dim, L->cols.v + i * L->cols.dim, L->rows.dim);
}

/* What the path pays to match row j with column i: the distance and the column's price.
 * The path's recorded costs (what a sentence costs where it was put, whether it is
 * missing, what a skip costs) stay the distances alone. */
static double match_cost(const level *L, size_t j, size_t i)
{
    double d = cell_distance(L, j, i);
    return L->price ? d + L->price_scale * L->price[i] : d;
}

/* One cell's two states, from the row above (`up`, valid in the window of row j-1 unless
 * the row opens a sentence) and the cell to the left in this row; the way each was
 * reached goes into `way` (the moved state's step in the low bits, HELD_FROM_HELD). */
static void fill_cell(const level *L, const gap_states *g, size_t s, size_t j, size_t i, const row_costs *up,
                      row_costs *row, uint8_t *way)
{
    double d = match_cost(L, j, i), best = INFINITY;
    int step = MOVED_NONE;
    if (j == L->first[s]) {
        if (gap_at(g, s, i) < best)
            best = gap_at(g, s, i), step = MOVED_GAP;
    } else {
        if (i > 0 && in_range(i - 1, L->lo[j - 1], L->hi[j - 1])) {
            if (up->moved[i - 1] < best)
                best = up->moved[i - 1], step = MOVED_DIAG;
            if (up->held[i - 1] < best)
                best = up->held[i - 1], step = MOVED_DIAG_FROM_HELD;
        }
        if (in_range(i, L->lo[j - 1], L->hi[j - 1])) {
            if (up->moved[i] + L->bend < best)
                best = up->moved[i] + L->bend, step = MOVED_UP;
            if (up->held[i] + L->bend < best)
                best = up->held[i] + L->bend, step = MOVED_UP_FROM_HELD;
        }
    }
    row->moved[i] = best + d;
    *way = (uint8_t)step;
    row->held[i] = INFINITY;
    if (i > L->lo[j]) {
        double from_moved = row->moved[i - 1], from_held = row->held[i - 1] + L->hold;
        row->held[i] = fmin(from_moved, from_held) + L->bend + d;
        if (from_held < from_moved)
            *way |= HELD_FROM_HELD;
    }
}

/* The DP over one level, then the trace back from G_n(ncols). */
static int level_align(const level *L, level_path *out)
{
    size_t N = L->rows.n, M = L->cols.n, n = L->n;
    gap_states g;
    int rc = gap_states_new(L, &g);
    if (rc < 0)
        return rc;
    size_t *offset = malloc((N + 1) * sizeof *offset);
    double *mem = malloc(4 * (M + 1) * sizeof *mem);
    row_costs prev = {mem, mem + (M + 1)}, cur = {mem + 2 * (M + 1), mem + 3 * (M + 1)};
    uint8_t *way = NULL;
    if (offset) {
        offset[0] = 0;
        for (size_t j = 0; j < N; j++)
            offset[j + 1] = offset[j] + (L->hi[j] - L->lo[j]);
        way = malloc(offset[N] ? offset[N] : 1);
    }
    if (!offset || !mem || !way || level_path_new(out, N, M, n) < 0) {
        free(offset), free(mem), free(way);
        gap_states_free(&g);
        return error_nomem();
    }
    for (size_t s = 0; s < n; s++) {
        fill_gap(L, &g, s, &prev);
        for (size_t j = L->first[s]; j < L->first[s + 1]; j++) {
            for (size_t i = L->lo[j]; i < L->hi[j]; i++)
                fill_cell(L, &g, s, j, i, &prev, &cur, &way[offset[j] + (i - L->lo[j])]);
            row_costs t = prev;
            prev = cur;
            cur = t;
        }
    }
    fill_gap(L, &g, n, &prev);
    if (!isfinite(gap_at(&g, n, M)))
        rc = error_set(ERR_DATA, _("the transcript could not be placed in the recording"));
    /* trace back, through gap states (s, i) and cells (j, i) in either state; s is the
     * sentence of j */
    size_t s = n, i = M, j = 0;
    int in_gap = 1, held = 0;
    while (rc == 0) {
        if (in_gap) {
            unsigned char back = g.back[g.offset[s] + i - g.lo[s]];
            if (back == GAP_START)
                break;
            if (back == GAP_SKIP) {
                out->skipped[--i] = 1;
                continue;
            }
            if (back == GAP_MISS) {
                out->missing[--s] = 1;
                continue;
            }
            j = L->first[s] - 1, i--, s--, in_gap = 0, held = back == GAP_END_HELD;
            continue;
        }
        if (out->col_last[j] == SIZE_MAX)
            out->col_last[j] = i;
        out->col_first[j] = i;
        out->cost_sum[j] += cell_distance(L, j, i);
        out->cells[j]++;
        uint8_t w = way[offset[j] + (i - L->lo[j])];
        if (held) {
            held = (w & HELD_FROM_HELD) != 0;
            i--;
            continue;
        }
        switch (w & ~HELD_FROM_HELD) {
        case MOVED_GAP: in_gap = 1; break;
        case MOVED_DIAG: j--, i--; break;
        case MOVED_DIAG_FROM_HELD: j--, i--, held = 1; break;
        case MOVED_UP: j--; break;
        case MOVED_UP_FROM_HELD: j--, held = 1; break;
        default: rc = error_set(ERR_SOFTWARE, _("the transcript could not be placed in the recording"));
        }
    }
    free(offset), free(mem), free(way);
    gap_states_free(&g);
    if (rc < 0)
        level_path_free(out);
    return rc;
}

/* Rows averaged `factor` to one within each sentence (a sentence keeps at least one
 * row), so that sentence boundaries stay exact at every level. */
static int downsample_sentences(const feature_seq *rows, const size_t *first, size_t n, size_t factor,
                                feature_seq *out, float **owned, size_t *out_first)
{
    size_t total = 0;
    for (size_t s = 0; s < n; s++)
        total += (first[s + 1] - first[s] + factor - 1) / factor;
    float *v = malloc((total ? total : 1) * rows->dim * sizeof *v);
    if (!v)
        return error_nomem();
    out_first[0] = 0;
    for (size_t s = 0; s < n; s++) {
        feature_seq part = {rows->v + first[s] * rows->dim, first[s + 1] - first[s], rows->dim}, small;
        float *mem;
        if (dtw_downsample(&part, factor, &small, &mem) < 0) {
            free(v);
            return error_nomem();
        }
        memcpy(v + out_first[s] * rows->dim, small.v, small.n * rows->dim * sizeof *v);
        out_first[s + 1] = out_first[s] + small.n;
        free(mem);
    }
    *out = (feature_seq){v, total, rows->dim};
    *owned = v;
    return 0;
}

/* Make each row's window non-empty and the windows monotone, consecutive rows of a
 * sentence overlapping (a path can go on) and each sentence's first row reaching one
 * column beyond the row before (it can begin after the previous sentence ends). */
static void repair_windows(level *L)
{
    size_t N = L->rows.n, M = L->cols.n, s = 0;
    for (size_t j = 0; j < N; j++) {
        while (s + 1 < L->n && L->first[s + 1] <= j)
            s++;
        if (L->hi[j] > M)
            L->hi[j] = M;
        if (L->hi[j] < 1)
            L->hi[j] = 1;
        if (j && L->hi[j] < L->hi[j - 1])
            L->hi[j] = L->hi[j - 1];
        if (j && j == L->first[s] && L->hi[j] <= L->hi[j - 1] && L->hi[j - 1] < M)
            L->hi[j] = L->hi[j - 1] + 1;
        if (L->lo[j] >= L->hi[j])
            L->lo[j] = L->hi[j] - 1;
    }
    for (size_t j = N; j-- > 1;)
        if (L->lo[j - 1] > L->lo[j])
            L->lo[j - 1] = L->lo[j];
    s = 0;
    for (size_t j = 1; j < N; j++) {
        while (s + 1 < L->n && L->first[s + 1] <= j)
            s++;
        if (j != L->first[s] && L->lo[j] > L->hi[j - 1])
            L->hi[j - 1] = L->lo[j];
    }
}

/* How far a row of a level at `factor` may move beyond its coarse neighbours' columns:
 * RADIUS, but below a top level coarser than 16 to one WIDE_REACH (frames of the
 * recording), as far as the windows stay under WINDOW_BUDGET cells, on the levels
 * averaging 4 frames or more (the frame-by-frame level keeps RADIUS). At 4 to one that
 * is 10 s of reach for the flite partial transcript above: 94% -> 96% within 0.25 s (its
 * 64 s, at 277 MB instead of 168, gave 99.5%); the 63-minute bench recording's full
 * transcript takes 181 MB instead of 153 (at 40 M cells 198 MB, near the 200 MB an hour
 * may take). */
static const double WINDOW_BUDGET = 30e6;
static size_t window_radius(size_t top, size_t factor, size_t rows)
{
    if (top <= JUDGE_FACTOR_MAX || factor == 1 || rows == 0)
        return RADIUS;
    double fits = WINDOW_BUDGET / (2.0 * (double)rows), want = (double)WIDE_REACH / (double)factor;
    double reach = fmin(fits, want);
    return reach > RADIUS ? (size_t)reach : RADIUS;
}

/* Windows for a level from the path one level coarser, over the same sentences. */
static void windows_from_coarse(level *L, const size_t *coarse_first, const level_path *coarse, size_t ratio,
                                size_t radius)
{
    for (size_t s = 0; s < L->n; s++) {
        size_t nc = coarse_first[s + 1] - coarse_first[s];
        for (size_t j = L->first[s]; j < L->first[s + 1]; j++) {
            size_t c = (j - L->first[s]) / ratio;
            if (c >= nc)
                c = nc - 1;
            size_t a = coarse_first[s] + (c > 0 ? c - 1 : c), b = coarse_first[s] + (c + 1 < nc ? c + 1 : c);
            size_t from = coarse->col_first[a] * ratio, to = (coarse->col_last[b] + 1) * ratio;
            L->lo[j] = from > radius ? from - radius : 0;
            L->hi[j] = to + radius;
        }
    }
    repair_windows(L);
}

/* The median over sampled rows of each row's best distance to any column: how close
 * the recording comes to the transcript's sounds, whatever their order. */
static int best_match_level(const level *L, double *out)
{
    size_t step = L->rows.n / 1000 + 1, n = 0;
    double *best = malloc((L->rows.n / step + 1) * sizeof *best);
    if (!best)
        return error_nomem();
    for (size_t j = 0; j < L->rows.n; j += step) {
        double m = INFINITY;
        for (size_t i = 0; i < L->cols.n; i++) {
            double d = cell_distance(L, j, i);
            if (d < m)
                m = d;
        }
        best[n++] = m;
    }
    int rc = median_of(best, n, out);
    free(best);
    return rc;
}

/* Each sentence's mean distance over its path cells, into mean[n]. */
static void sentence_costs(const level *L, const level_path *p, double *mean)
{
    for (size_t s = 0; s < L->n; s++) {
        double sum = 0;
        size_t cells = 0;
        for (size_t j = L->first[s]; j < L->first[s + 1]; j++)
            sum += p->cost_sum[j], cells += p->cells[j];
        mean[s] = cells ? sum / (double)cells : 0;
    }
}

/* The median of v over the sentences not missing (-1 when all are). */
static int median_of_placed(const double *v, const unsigned char *missing, size_t n, double *out)
{
    double *kept = malloc((n ? n : 1) * sizeof *kept);
    if (!kept)
        return error_nomem();
    size_t k = 0;
    for (size_t s = 0; s < n; s++)
        if (!missing[s])
            kept[k++] = v[s];
    int rc = k ? median_of(kept, k, out) : (*out = -1, 0);
    free(kept);
    return rc;
}

/* A top level: the full matrix, with a skip cost that fits the recording. What a
 * matching sentence costs depends on how alike the voices are (the same synthesizer: a
 * seventh of the chance distance; another: four fifths of it), so a fixed cost either
 * skips every sentence of an unlike voice or lets untranscribed speech pass for
 * transcript in a like one. A first path, with a generous cost (from how close the
 * recording comes to the transcript's sounds at best), shows what a placed sentence
 * costs (`typical`, the median of the sentences' mean costs); the skip then costs that
 * plus `margin` of the way to chance, and the path is searched again, twice. `mean`
 * receives each sentence's cost on the final path. */
static int align_top_level(level *L, double chance, double margin, level_path *out, double *mean, double *typical)
{
    double best;
    int rc = best_match_level(L, &best);
    if (rc < 0)
        return rc;
    for (size_t j = 0; j < L->rows.n; j++)
        L->lo[j] = 0, L->hi[j] = L->cols.n;
    L->skip = best + FIRST_SKIP_SHARE * (chance - best);
    for (int round = 0; round < 3; round++) {
        level_path p;
        if ((rc = level_align(L, &p)) < 0)
            return rc;
        sentence_costs(L, &p, mean);
        if ((rc = median_of_placed(mean, p.missing, L->n, typical)) < 0 || round == 2 || *typical < 0) {
            *out = p;
            if (rc < 0)
                level_path_free(out);
            return rc;
        }
        level_path_free(&p);
        L->skip = *typical + margin * (chance - *typical);
    }
    return 0;
}

/* The problem at one level: rows and boundaries (first_out) averaged `factor` to one per
 * sentence, columns likewise; room for the windows. `mem` holds what must be freed. */
typedef struct {
    float *rows, *cols, *price;
} level_memory;

static int level_new(const feature_seq *rows, const size_t *first, size_t n, const feature_seq *cols,
                     const float *price, size_t factor, size_t *first_out, level *L, level_memory *mem)
{
    *mem = (level_memory){0};
    *L = (level){.first = first_out, .n = n, .price = price};
    int rc = 0;
    if (factor > 1) {
        rc = downsample_sentences(rows, first, n, factor, &L->rows, &mem->rows, first_out);
        if (rc == 0)
            rc = dtw_downsample(cols, factor, &L->cols, &mem->cols);
        feature_seq prices = {price, cols->n, 1}, coarse_prices;
        if (rc == 0 && price && (rc = dtw_downsample(&prices, factor, &coarse_prices, &mem->price)) == 0)
            L->price = coarse_prices.v;
    } else {
        L->rows = *rows, L->cols = *cols;
        memcpy(first_out, first, (n + 1) * sizeof *first);
    }
    if (rc == 0 && (!(L->lo = malloc(L->rows.n * sizeof *L->lo)) || !(L->hi = malloc(L->rows.n * sizeof *L->hi))))
        rc = error_nomem();
    return rc;
}

static void level_free(level *L, level_memory *mem)
{
    free(L->lo), free(L->hi), free(mem->rows), free(mem->cols), free(mem->price);
    L->lo = L->hi = NULL;
    *mem = (level_memory){0};
}

/* The rows of the sentences not missing, and their boundaries; ERR_DATA when every
 * sentence is missing. */
static int present_rows(const feature_seq *rows, const size_t *first, size_t n, const unsigned char *missing,
                        feature_seq *out, float **owned, size_t *out_first, size_t *nout)
{
    float *v = malloc((rows->n ? rows->n : 1) * rows->dim * sizeof *v);
    if (!v)
        return error_nomem();
    size_t k = 0, m = 0;
    out_first[0] = 0;
    for (size_t s = 0; s < n; s++) {
        if (missing[s])
            continue;
        size_t len = first[s + 1] - first[s];
        memcpy(v + k * rows->dim, rows->v + first[s] * rows->dim, len * rows->dim * sizeof *v);
        k += len;
        out_first[++m] = k;
    }
    *out = (feature_seq){v, k, rows->dim};
    *owned = v;
    *nout = m;
    return m ? 0 : error_set(ERR_DATA, _("the transcript could not be placed in the recording"));
}

/* How much better sentence s matches the columns the path gave it than the same frames in
 * reverse order do: speech that is really there loses its match when reversed, speech
 * that only sounds alike (any speech, in an unlike voice) does not. As a share of the
 * reversed order's cost; corner to corner, no skips. */
static int order_evidence(const level *L, const level_path *p, size_t s, double *out)
{
    size_t a = L->first[s], b = L->first[s + 1], from = p->col_first[a], to = p->col_last[b - 1] + 1;
    size_t nrows = b - a, ncols = to - from, dim = (size_t)L->rows.dim;
    float *rev = malloc(nrows * dim * sizeof *rev);
    size_t first[2] = {0, nrows}, *lo = malloc(nrows * sizeof *lo), *hi = malloc(nrows * sizeof *hi);
    if (!rev || !lo || !hi) {
        free(rev), free(lo), free(hi);
        return error_nomem();
    }
    for (size_t j = 0; j < nrows; j++) {
        memcpy(rev + j * dim, L->rows.v + (b - 1 - j) * dim, dim * sizeof *rev);
        lo[j] = 0, hi[j] = ncols;
    }
    double cost[2];
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++) {
        level one = {.rows = {k ? rev : L->rows.v + a * dim, nrows, L->rows.dim},
                     .cols = {L->cols.v + from * dim, ncols, L->cols.dim},
                     .first = first, .n = 1, .lo = lo, .hi = hi, .skip = INFINITY, .bend = L->bend, .hold = L->hold};
        level_path q;
        if ((rc = level_align(&one, &q)) < 0)
            break;
        double sum = 0;
        size_t cells = 0;
        for (size_t j = 0; j < nrows; j++)
            sum += q.cost_sum[j], cells += q.cells[j];
        cost[k] = cells ? sum / (double)cells : 0;
        level_path_free(&q);
    }
    if (rc == 0)
        *out = cost[1] > 0 ? (cost[1] - cost[0]) / cost[1] : 0;
    free(rev), free(lo), free(hi);
    return rc;
}

/* Whether sentence s of level L counts (not among `missing`, when not NULL, and long
 * enough there: MIN_ROWS_TO_JUDGE). */
static int judged(const level *L, const unsigned char *missing, size_t s)
{
    return (!missing || !missing[s]) && L->first[s + 1] - L->first[s] >= MIN_ROWS_TO_JUDGE;
}

/* The order evidence of the transcript on level L and its path p (n sentences): the median
 * over up to ORDER_SAMPLE of those that count, into out (measured when
 * GAP_ORDER_MIN_SENTENCES were). */
static int transcript_order(const level *L, const level_path *p, size_t n, const unsigned char *missing, gap_path *out)
{
    size_t usable = 0;
    for (size_t s = 0; s < n; s++)
        usable += judged(L, missing, s);
    size_t step = usable > ORDER_SAMPLE ? (usable + ORDER_SAMPLE - 1) / ORDER_SAMPLE : 1;
    double *v = malloc((usable ? usable : 1) * sizeof *v);
    if (!v)
        return error_nomem();
    size_t k = 0, seen = 0;
    int rc = 0;
    for (size_t s = 0; rc == 0 && s < n; s++) {
        if (!judged(L, missing, s))
            continue;
        if (seen++ % step == 0)
            rc = order_evidence(L, p, s, &v[k++]);
    }
    if (rc == 0 && k >= GAP_ORDER_MIN_SENTENCES && (rc = median_of(v, k, &out->order_evidence)) == 0)
        out->order_measured = 1;
    free(v);
    return rc;
}

/* The top level again over the present sentences alone (none left out): its path into
 * path (boundaries in top_first), its skip cost as a share of chance into skip_share. */
static int align_present_top(const feature_seq *present, const size_t *present_first, size_t npresent,
                             const feature_seq *cols, const gap_prior *prior, size_t top, double margin,
                             size_t *top_first, level_path *path, double *skip_share)
{
    level L;
    level_memory mem;
    double *mean = malloc((npresent ? npresent : 1) * sizeof *mean), typical;
    int rc = mean ? level_new(present, present_first, npresent, cols, prior->col_price, top, top_first, &L, &mem)
                  : error_nomem();
    if (!mean)
        return rc;
    if (rc == 0) {
        double chance = dtw_chance_distance(&L.rows, &L.cols);
        L.bend = BEND * chance, L.hold = HOLD * chance, L.price_scale = chance;
        rc = align_top_level(&L, chance, margin, path, mean, &typical);
        if (rc == 0)
            *skip_share = L.skip / chance;
    }
    level_free(&L, &mem);
    free(mean);
    return rc;
}

/* The sentences of level L that its path p (placed, of the level's n sentences) shows are
 * not in the recording: left out by the path, or dearer than the typical sentence by
 * MISSING_SHARE of the way to chance, or by DOUBTFUL_SHARE with order evidence under
 * ORDER_SHARE of the typical. Sentences with kept[s] set are never taken; found[s] says
 * which were. Returns how many, or < 0. */
static int judge_sentences(const level *L, const level_path *p, double chance, const unsigned char *kept,
                           unsigned char *found)
{
    size_t n = L->n;
    double *mean = malloc((n ? n : 1) * sizeof *mean), *order = malloc((n ? n : 1) * sizeof *order);
    double typical = 0, typical_order = 0;
    int rc = mean && order ? 0 : error_nomem();
    if (rc == 0) {
        sentence_costs(L, p, mean);
        rc = median_of_placed(mean, p->missing, n, &typical);
    }
    for (size_t s = 0; rc == 0 && s < n; s++)
        rc = p->missing[s] ? (order[s] = 0, 0) : order_evidence(L, p, s, &order[s]);
    if (rc == 0)
        rc = median_of_placed(order, p->missing, n, &typical_order);
    int count = 0;
    for (size_t s = 0; rc == 0 && s < n; s++) {
        double rel = chance - typical > 0 ? (mean[s] - typical) / (chance - typical) : 0;
        found[s] = !kept[s] && (p->missing[s] || rel > MISSING_SHARE ||
                                (rel > DOUBTFUL_SHARE && order[s] < ORDER_SHARE * typical_order));
        count += found[s];
    }
    free(mean), free(order);
    return rc < 0 ? rc : count;
}

/* The top level over every sentence, which finds the missing ones; then, when there are
 * any, once more over the others. Leaves the top path over the present sentences in
 * `path` (boundaries in top_first), their rows in `present`. */
static int find_missing(const feature_seq *rows, const size_t *first_row, size_t n, const feature_seq *cols,
                        const gap_prior *prior, size_t top, double margin, unsigned char *missing, feature_seq *present, float **present_mem,
                        size_t *present_first, size_t *npresent, size_t *top_first, level_path *path,
                        double *skip_share, gap_path *out)
{
    double *mean = malloc(n * sizeof *mean), typical, chance = 0;
    if (!mean)
        return error_nomem();
    level L;
    level_memory mem;
    int rc = level_new(rows, first_row, n, cols, prior->col_price, top, top_first, &L, &mem);
    /* a sentence of a few averaged frames cannot be told missing at this level: it is
     * kept, and placed in its turn by the finer levels */
    unsigned char *kept = malloc(n ? n : 1);
    if (rc == 0 && !kept)
        rc = error_nomem();
    for (size_t s = 0; rc == 0 && s < n; s++)
        kept[s] = (prior->placed && prior->placed[s]) || !judged(&L, NULL, s);
    if (rc == 0)
        chance = dtw_chance_distance(&L.rows, &L.cols), L.bend = BEND * chance, L.hold = HOLD * chance,
        L.miss = MISS_SHARE * chance, L.price_scale = chance, L.kept = kept;
    if (rc == 0)
        rc = align_top_level(&L, chance, margin, path, mean, &typical);
    /* the transcript's, at this level: the finest level measures it again */
    if (rc == 0)
        rc = transcript_order(&L, path, n, path->missing, out);
    /* which the path left out; and, when this level is fine enough to tell, which it
     * placed where they match too poorly */
    size_t nmissing = 0;
    if (rc == 0 && top <= JUDGE_FACTOR_MAX) {
        int found = judge_sentences(&L, path, chance, kept, missing);
        rc = found < 0 ? found : 0;
        nmissing = found > 0 ? (size_t)found : 0;
    }
    for (size_t s = 0; rc == 0 && top > JUDGE_FACTOR_MAX && s < n; s++)
        nmissing += missing[s] = !kept[s] && path->missing[s];
    free(kept);
    if (rc == 0)
        rc = present_rows(rows, first_row, n, missing, present, present_mem, present_first, npresent);
    if (rc == 0)
        *skip_share = L.skip / chance;
    level_free(&L, &mem);
    free(mean);
    if (rc == 0 && nmissing) {
        level_path_free(path);
        rc = align_present_top(present, present_first, *npresent, cols, prior, top, margin, top_first, path, skip_share);
    }
    return rc;
}

/* The sentences that level L's path p shows are not in the recording, judged where the
 * top level was too coarse to judge them: among the sentences still present (those not
 * in missing[n]), each not placed by the caller and of min_rows rows or more here. The
 * top level squeezed a short sentence into a frame or two, and it comes to this level in
 * a window that may not hold it: at 8 rows (1.3 s at 16 to one) "The work starts now."
 * was taken for missing in 10 of the 40 copies of the 63-minute bench recording; at 16
 * (2.6 s) none was, while sentences of 3-5 s that the path laid on other speech (a
 * partial transcript of a 117-minute recording: four, 4 to 43 s off, at confidence
 * 0.66-0.74) are found; at 32 they were not. Marks them in missing; returns how many,
 * or < 0. */
static int judge_again(const level *L, const level_path *p, double chance, const gap_prior *prior, size_t n,
                       size_t min_rows, unsigned char *missing)
{
    unsigned char *kept = malloc(L->n ? L->n : 1), *found = malloc(L->n ? L->n : 1);
    size_t *sentence = malloc((L->n ? L->n : 1) * sizeof *sentence);
    if (!kept || !found || !sentence) {
        free(kept), free(found), free(sentence);
        return error_nomem();
    }
    for (size_t s = 0, k = 0; s < n && k < L->n; s++)
        if (!missing[s])
            sentence[k++] = s;
    for (size_t k = 0; k < L->n; k++)
        kept[k] = (prior->placed && prior->placed[sentence[k]]) || L->first[k + 1] - L->first[k] < min_rows;
    int count = judge_sentences(L, p, chance, kept, found);
    for (size_t k = 0; count > 0 && k < L->n; k++)
        if (found[k])
            missing[sentence[k]] = 1;
    free(kept), free(found), free(sentence);
    return count;
}

int gap_dtw_align(const feature_seq *rows, const size_t *first_row, size_t n, const feature_seq *cols,
                  const gap_prior *prior, double skip_margin, gap_path *out)
{
    static const gap_prior none = {0};
    if (!prior)
        prior = &none;
    *out = (gap_path){0};
    if (rows->n == 0 || cols->n == 0 || n == 0)
        return error_set(ERR_DATA, _("nothing to align: no speech frames"));
    size_t top = FACTOR;
    for (double cells; (cells = ((double)rows->n / top) * ((double)cols->n / top)) > CELL_BUDGET &&
                       (top < TOP_FACTOR_MAX || cells > CELL_LIMIT);)
        top *= FACTOR;
    size_t *coarse_first = malloc((n + 1) * sizeof *coarse_first), *fine_first = malloc((n + 1) * sizeof *fine_first);
    size_t *present_first = malloc((n + 1) * sizeof *present_first);
    level_path coarse = {0}, fine = {0};
    feature_seq present = {0};
    float *present_mem = NULL;
    size_t npresent = 0;
    double skip_share = 0; /* of the chance distance, found at the top level */
    int rc = coarse_first && fine_first && present_first && (out->missing = calloc(n, 1)) ? 0 : error_nomem();
    if (rc == 0)
        rc = find_missing(rows, first_row, n, cols, prior, top, skip_margin, out->missing, &present, &present_mem,
                          present_first, &npresent, coarse_first, &coarse, &skip_share, out);
    /* finer levels in windows around the path above, with the top level's skip cost */
    int rejudge = top > JUDGE_FACTOR_MAX;
    for (size_t factor = top / FACTOR; rc == 0; factor /= FACTOR) {
        level L;
        level_memory mem;
        rc = level_new(&present, present_first, npresent, cols, prior->col_price, factor, fine_first, &L, &mem);
        if (rc == 0) {
            double chance = dtw_chance_distance(&L.rows, &L.cols);
            L.skip = skip_share * chance, L.bend = BEND * chance, L.hold = HOLD * chance, L.price_scale = chance;
            windows_from_coarse(&L, coarse_first, &coarse, FACTOR, window_radius(top, factor, L.rows.n));
            rc = level_align(&L, &fine);
            if (rc == 0 && rejudge && factor <= JUDGE_FACTOR_MAX) {
                rejudge = 0;
                int found = judge_again(&L, &fine, chance, prior, n, REJUDGE_MIN_ROWS, out->missing);
                rc = found < 0 ? found : 0;
                if (found > 0) { /* the top level again, without them; then down from there */
                    level_free(&L, &mem);
                    level_path_free(&fine);
                    level_path_free(&coarse);
                    free(present_mem);
                    present_mem = NULL;
                    rc = present_rows(rows, first_row, n, out->missing, &present, &present_mem, present_first, &npresent);
                    if (rc == 0)
                        rc = align_present_top(&present, present_first, npresent, cols, prior, top, skip_margin,
                                               coarse_first, &coarse, &skip_share);
                    factor = top;
                    continue;
                }
            }
        }
        if (rc == 0 && factor == 1) { /* every frame: the transcript's order evidence again */
            gap_path finest = {0};
            rc = transcript_order(&L, &fine, npresent, NULL, &finest);
            if (rc == 0 && finest.order_measured)
                out->order_evidence = finest.order_evidence, out->order_measured = 1;
        }
        level_free(&L, &mem);
        if (rc < 0)
            break;
        level_path_free(&coarse);
        coarse = fine;
        fine = (level_path){0};
        memcpy(coarse_first, fine_first, (npresent + 1) * sizeof *coarse_first);
        if (factor == 1)
            break;
    }
    /* back to every row of the transcript */
    if (rc == 0 && (!(out->path.col = malloc(rows->n * sizeof *out->path.col)) ||
                    !(out->path.cost = calloc(rows->n, sizeof *out->path.cost))))
        rc = error_nomem();
    if (rc == 0) {
        size_t k = 0;
        for (size_t s = 0; s < n; s++)
            for (size_t j = first_row[s]; j < first_row[s + 1]; j++) {
                if (out->missing[s]) {
                    out->path.col[j] = SIZE_MAX;
                    continue;
                }
                out->path.col[j] = coarse.col_first[k];
                out->path.cost[j] = coarse.cells[k] ? (float)(coarse.cost_sum[k] / coarse.cells[k]) : 0;
                k++;
            }
        out->skipped = coarse.skipped;
        coarse.skipped = NULL;
    }
    level_path_free(&coarse);
    level_path_free(&fine);
    free(coarse_first), free(fine_first), free(present_first), free(present_mem);
    if (rc < 0) { /* no path, but what the top level measured stands */
        double order = out->order_evidence;
        int measured = out->order_measured;
        gap_path_free(out);
        out->order_evidence = order, out->order_measured = measured;
    }
    return rc;
}

void gap_path_free(gap_path *p)
{
    dtw_path_free(&p->path);
    free(p->missing);
    free(p->skipped);
    *p = (gap_path){0};
}
