#!/usr/bin/env python3
"""eval_confidence.py — does a bead's confidence mean what it says?

usage: eval_confidence.py GOLD_DIR HYP_DIR PAIR MIN_SCORE [--json]

Reads every hypothesis HYP_DIR/DOC.PAIR.align (beads with a trailing confidence, as
`polyalign align` writes them) and its gold GOLD_DIR/DOC.PAIR.align. A bead is right when it
is exactly a gold bead. Prints the ROC AUC of confidence for right against wrong beads, a
reliability table (confidence bins against the share of right beads in each), and the
precision and recall of the units a TMX keeps at MIN_SCORE: beads with both sides non-empty
and a confidence >= MIN_SCORE, precision = right among them, recall = right kept among all
right beads with both sides (a TMX never holds a 1-0 bead). Standard library only.
"""
import glob
import json
import os
import re
import sys

BEAD = re.compile(r"\[([0-9,\s]*)\]:\[([0-9,\s]*)\](?::([0-9.eE+-]+))?")


def beads(path, with_score):
    out = []
    for line in open(path, encoding="utf-8"):
        m = BEAD.match(line.strip())
        if not m:
            continue
        a = tuple(int(x) for x in m.group(1).replace(" ", "").split(",") if x)
        b = tuple(int(x) for x in m.group(2).replace(" ", "").split(",") if x)
        score = float(m.group(3)) if with_score and m.group(3) else 1.0
        out.append((a, b, score))
    return out


def auc(pos, neg):
    """Probability that a right bead scores above a wrong one (ties count half)."""
    if not pos or not neg:
        return float("nan")
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0  # ranks are 1-based
        rank_sum += mid * sum(1 for k in range(i, j) if allv[k][1])
        i = j
    n1, n0 = len(pos), len(neg)
    return (rank_sum - n1 * (n1 + 1) / 2.0) / (n1 * n0)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    as_json = "--json" in sys.argv
    gold_dir, hyp_dir, pair, min_score = args[0], args[1], args[2], float(args[3])
    scored = []  # (confidence, right, both sides)
    for g in sorted(glob.glob(os.path.join(gold_dir, "*.%s.align" % pair))):
        h = os.path.join(hyp_dir, os.path.basename(g))
        if not os.path.exists(h):
            continue
        gold = {(a, b) for a, b, _ in beads(g, False)}
        for a, b, s in beads(h, True):
            scored.append((s, (a, b) in gold, bool(a) and bool(b)))
    pos = [s for s, r, _ in scored if r]
    neg = [s for s, r, _ in scored if not r]
    bins = [0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0001]
    table = []
    for lo, hi in zip(bins, bins[1:]):
        inside = [r for s, r, _ in scored if lo <= s < hi]
        table.append((lo, min(hi, 1.0), len(inside), sum(inside) / len(inside) if inside else float("nan")))
    kept = [(r) for s, r, both in scored if both and s >= min_score]
    right_both = sum(1 for s, r, both in scored if both and r)
    prec = sum(kept) / len(kept) if kept else float("nan")
    rec = sum(kept) / right_both if right_both else float("nan")
    result = {"beads": len(scored), "right": len(pos), "wrong": len(neg), "auc": auc(pos, neg),
              "min_score": min_score, "tmx_precision": prec, "tmx_recall": rec,
              "reliability": [{"from": lo, "to": hi, "beads": n, "right": share} for lo, hi, n, share in table]}
    if as_json:
        print(json.dumps(result))
        return
    print("  beads %d (right %d, wrong %d)   ROC AUC %.3f   TMX at --min-score %.2f: precision %.3f, recall %.3f"
          % (len(scored), len(pos), len(neg), result["auc"], min_score, prec, rec))
    print("  reliability: " + "  ".join("[%.2f,%.2f) %d: %s" % (lo, hi, n, "%.2f" % share if n else "-")
                                       for lo, hi, n, share in table))


if __name__ == "__main__":
    main()
