/* dp.h — dynamic programming over beads, inside a band.
 *
 * Nodes (i, j) mean "i source and j target sentences consumed"; a bead of shape (di, dj)
 * goes from (i, j) to (i+di, j+dj). The band gives, per row i, the columns [lo, hi] that
 * may be visited: the whole matrix for small documents, a corridor around a coarse path
 * for big ones (coarse.h), so memory is O(n · band). Directions are stored as one byte per
 * node. Each chosen bead's confidence is its posterior probability: every path through
 * the band weighs e^(-cost/T), and the bead's confidence is the share of the total weight
 * carried by the paths through it (an inside and an outside pass of soft minima over the
 * same lattice and band, T = CONFIDENCE_TEMPERATURE). A bead that many other alignments
 * of nearly the same cost avoid gets a low confidence, whatever its own cost. */
#ifndef POLYALIGN_ALIGN_DP_H
#define POLYALIGN_ALIGN_DP_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t di, dj;
} bead_shape;

/* The shapes searched: 0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1, 2-3, 3-2, 1-5, 5-1 */
extern const bead_shape align_shapes[];
extern const size_t align_nshapes;

/* Index of shape (di, dj) in align_shapes, or -1. */
int align_shape_index(size_t di, size_t dj);

typedef struct {
    size_t i, di, j, dj;
    double confidence;  /* in [0, 1] */
} dp_bead;

/* A node (i, j) the path must pass through (hard_anchor.h). */
typedef struct {
    size_t i, j;
} dp_node;

typedef struct {
    size_t n, m;        /* rows 0..n, columns 0..m */
    size_t *lo, *hi;    /* per row, inclusive */
    const dp_node *forced;  /* nodes every path passes through: sorted, both coordinates
                             * never decreasing (borrowed; NULL when none) */
    size_t nforced;
} dp_band;

/* The full matrix as a band (no forced nodes). */
int band_full(dp_band *b, size_t n, size_t m);
void band_free(dp_band *b);

/* Make every path of the band pass through nodes[0..n) (borrowed: must outlive the band):
 * rows above a node keep only the columns up to its own, rows below only those from it,
 * and the DP takes no bead that would step over one. */
void band_force(dp_band *b, const dp_node *nodes, size_t n);

/* Whether the bead from (i, j) of shape (di, dj) passes through every forced node of b:
 * for each, it ends at or before the node, or starts at or after it. */
int band_bead_allowed(const dp_band *b, size_t i, size_t di, size_t j, size_t dj);

typedef double (*bead_cost_fn)(void *ctx, size_t i, size_t di, size_t j, size_t dj);

/* What the inside and outside passes say about one chosen bead, for the confidence model
 * (bead_confidence.h): probabilities under the same weighting of paths as `confidence`. */
typedef struct {
    double posterior;           /* the share of the paths' weight through the bead */
    double start_node, end_node; /* the share through its start node, its end node */
    double rival;               /* the highest posterior of another bead leaving its start
                                 * node or reaching its end node */
    double soft_posterior;      /* the posterior with paths weighing e^(-cost/T_soft),
                                 * T_soft = CONFIDENCE_SOFT_TEMPERATURE: farther rivals count */
    double margin;              /* nats between the best path and the best one through a
                                 * rival bead (the same rivals) */
} bead_evidence;

/* Best path from (0,0) to (n,m) inside the band. `max_shapes` limits the shapes used to the
 * first entries of align_shapes. With `confidence`, beads get confidences (a second pass),
 * their posterior probabilities; otherwise 1. With `evidence` too (may be NULL), *evidence
 * receives an array of *nout entries, one per bead (the caller frees it). Returns 0,
 * -ERR_NOMEM, or -ERR_FAILED when the band holds no path. */
int dp_align(const dp_band *band, bead_cost_fn cost, void *ctx, size_t max_shapes, int confidence, dp_bead **out,
             size_t *nout, bead_evidence **evidence);

#endif
