#!/usr/bin/env python3
"""eval_omission.py — translations with gaps and additions (`make eval`, issue 14).

usage: eval_omission.py POLYALIGN ALIGN_DIR MIN_SCORE [--docs N] [--check]

From the gold-aligned dev documents of ALIGN_DIR (../shared/eval/align), builds modified
translations and aligns them (--presegmented, beads output):
  * deletion: a run of 1, 3 or 8 consecutive translation sentences is deleted at a seeded
    random position; the pivot sentences whose whole counterpart was deleted should come
    out unaligned (1-0) or in a bead below MIN_SCORE (target: >= 90 % of them);
  * insertion: a run of 1, 3 or 8 sentences of another document in the translation's
    language is inserted; each should come out unaligned (0-1) or below MIN_SCORE.
Strict F1 over the beads the change did not touch is compared with the unmodified
document's strict F1 (target: within 0.02). Standard library only; every document set is
read through ALIGN_DIR, nothing is copied. --docs N takes the first N documents of each
set (make check runs 2); --check exits 1 when a target is missed.
"""
import os
import random
import re
import subprocess
import sys
import tempfile

BEAD = re.compile(r"\[([0-9,]*)\]:\[([0-9,]*)\](?::([0-9.]+))?")
SETS = [("en-zh/dev", "en", "zh"), ("un3/dev", "en", "zh"), ("un3/dev", "en", "ru")]


def parse(lines, with_score=True):
    out = []
    for line in lines:
        m = BEAD.match(line.strip())
        if m:
            a = tuple(int(x) for x in m.group(1).split(",") if x)
            b = tuple(int(x) for x in m.group(2).split(",") if x)
            out.append((a, b, float(m.group(3)) if with_score and m.group(3) else 1.0))
    return out


def align(polyalign, src_lines, tgt_lines, langs, tmp):
    paths = []
    for k, lines in enumerate((src_lines, tgt_lines)):
        p = os.path.join(tmp, "doc%d" % k)
        with open(p, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        paths.append(p)
    r = subprocess.run([polyalign, "align", "-q", "--force", "--presegmented", "--langs", langs] + paths,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("polyalign failed: " + r.stderr)
    return parse(r.stdout.splitlines())


def strict_counts(gold, hyp, keep):
    """Right, hypothesis and gold beads among those `keep` accepts (both sides non-empty)."""
    g = {(a, b) for a, b, _ in gold if a and b and keep(a, b)}
    h = [(a, b) for a, b, _ in hyp if a and b and keep(a, b)]
    return sum(1 for x in h if x in g), len(h), len(g)


def f1(right, nh, ng):
    p = right / nh if nh else 0.0
    r = right / ng if ng else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    polyalign, align_dir, min_score = args[0], args[1], float(args[2])
    max_docs = int(sys.argv[sys.argv.index("--docs") + 1]) if "--docs" in sys.argv else 1000
    rng = random.Random(14)
    missed = 0
    tmp = tempfile.mkdtemp()
    for set_name, src, tgt in SETS:
        base = os.path.join(align_dir, set_name)
        gold_dir = os.path.join(base, "gold")
        golds = sorted(f for f in os.listdir(gold_dir) if f.endswith(".%s-%s.align" % (src, tgt)))[:max_docs]
        docs = [g[: -len(".%s-%s.align" % (src, tgt))] for g in golds]
        texts = {d: ([l.rstrip("\n") for l in open(os.path.join(base, "docs", d + "." + src), encoding="utf-8")],
                     [l.rstrip("\n") for l in open(os.path.join(base, "docs", d + "." + tgt), encoding="utf-8")])
                 for d in docs}
        found = {"deletion": [0, 0], "insertion": [0, 0]}
        f1_pairs = {"deletion": [], "insertion": []}
        for d in docs:
            s_lines, t_lines = texts[d]
            gold = parse(open(os.path.join(gold_dir, "%s.%s-%s.align" % (d, src, tgt))), False)
            plain = align(polyalign, s_lines, t_lines, "%s,%s" % (src, tgt), tmp)
            base_f1 = f1(*strict_counts(gold, plain, lambda a, b: True))
            for run in (1, 3, 8):
                if run >= len(t_lines):
                    continue
                # deletion of translation sentences [at, at + run)
                at = rng.randrange(0, len(t_lines) - run + 1)
                gone = set(range(at, at + run))
                new_t = t_lines[:at] + t_lines[at + run:]
                shift = lambda j: j - run if j >= at + run else j
                orphans = {i for a, b, _ in gold if b and set(b) <= gone for i in a}
                touched = {i for a, b, _ in gold if set(b) & gone for i in a}
                gold2 = [(a, tuple(shift(j) for j in b if j not in gone), 1.0) for a, b, _ in gold]
                hyp = align(polyalign, s_lines, new_t, "%s,%s" % (src, tgt), tmp)
                for a, b, score in hyp:
                    for i in a:
                        if i in orphans:
                            found["deletion"][1] += 1
                            found["deletion"][0] += (not b) or score < min_score
                rest = strict_counts(gold2, hyp, lambda a, b: not (set(a) & touched))
                f1_pairs["deletion"].append((base_f1, rest))
                # insertion of `run` sentences of another document
                others = [o for o in docs if o != d]
                if not others:
                    continue
                donor = texts[rng.choice(others)][1]
                if len(donor) < run:
                    continue
                k = rng.randrange(0, len(donor) - run + 1)
                at = rng.randrange(0, len(t_lines) + 1)
                new_t = t_lines[:at] + donor[k:k + run] + t_lines[at:]
                added = set(range(at, at + run))
                shift = lambda j: j + run if j >= at else j
                gold2 = [(a, tuple(shift(j) for j in b), 1.0) for a, b, _ in gold]
                hyp = align(polyalign, s_lines, new_t, "%s,%s" % (src, tgt), tmp)
                for a, b, score in hyp:
                    for j in b:
                        if j in added:
                            found["insertion"][1] += 1
                            found["insertion"][0] += (not a) or score < min_score
                rest = strict_counts(gold2, hyp, lambda a, b: not (set(b) & added))
                f1_pairs["insertion"].append((base_f1, rest))
        for kind in ("deletion", "insertion"):
            ok, n = found[kind]
            pairs = f1_pairs[kind]
            base = sum(b for b, _ in pairs) / len(pairs) if pairs else 0.0
            pooled = [sum(r[k] for _, r in pairs) for k in range(3)]
            rest_f1 = f1(*pooled)
            share = ok / n if n else float("nan")
            missed += not (share >= 0.9 and rest_f1 >= base - 0.02)
            print("%-8s %s-%s %-9s flagged %4d of %4d = %5.1f%% (target >= 90%%)%s   strict F1 rest %.3f vs unmodified %.3f%s"
                  % (set_name.split("/")[0], src, tgt, kind, ok, n, 100 * share, "  ok" if share >= 0.9 else "  LOSS",
                     rest_f1, base, "  ok" if rest_f1 >= base - 0.02 else "  LOSS"))
    return 1 if missed and "--check" in sys.argv else 0


if __name__ == "__main__":
    sys.exit(main())
