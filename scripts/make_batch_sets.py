#!/usr/bin/env python3
"""make_batch_sets.py SOURCE OUTDIR COUNT — COUNT en/zh/ru document sets and their manifest,
for the batch tests (`tests/e2e/test_batch.sh`, the Slurm and GNU parallel flows) and
`make bench`.

SOURCE is `un3` (the UN documents of ../shared/eval/align/un3/dev, one sentence per line;
$SHARED overrides ../shared) or `wuzhen` (the project's own sample, segmented with
$POLYALIGN, so that tests need nothing outside the tree). Each set is a stretch of one
document that starts and ends where the gold alignments of both pairs have a bead
boundary, so every set is a true translation in all three languages; stretches of about
half a document, from every start, taken from the documents in turn. Writes
OUTDIR/sets/NAME.{en,zh,ru} (one sentence per line) and OUTDIR/manifest.tsv (paths
relative to it). Prints the number of sets written."""
import glob
import os
import re
import subprocess
import sys

LANGS = ("en", "zh", "ru")


def read_beads(path):
    """[(en indices, target indices)] of a gold .align file."""
    beads = []
    for line in open(path, encoding="utf-8"):
        groups = re.findall(r"\[([0-9,]*)\]", line)
        if len(groups) >= 2:
            beads.append(tuple([int(x) for x in g.split(",") if x] for g in groups[:2]))
    return beads


def boundaries(beads):
    """{English end: target end} after each bead (the last one for an English end)."""
    ends, en_end, tgt_end = {0: 0}, 0, 0
    for en, tgt in beads:
        en_end = max([en_end] + [i + 1 for i in en])
        tgt_end = max([tgt_end] + [j + 1 for j in tgt])
        ends[en_end] = tgt_end
    return ends


def un3_docs(shared):
    root = os.path.join(shared, "eval/align/un3/dev")
    for en_path in sorted(glob.glob(os.path.join(root, "docs/*.en"))):
        name = os.path.basename(en_path)[:-3]
        sents = {l: open(en_path[:-2] + l, encoding="utf-8").read().splitlines() for l in LANGS}
        gold = {l: read_beads(os.path.join(root, "gold", f"{name}.en-{l}.align")) for l in ("zh", "ru")}
        yield name, sents, gold


def wuzhen_docs(polyalign, root):
    for name in ("article", "keynote", "address"):
        sents = {}
        for l in LANGS:
            out = subprocess.run([polyalign, "segment", "--lang", l, os.path.join(root, f"corpus/wuzhen/{name}.{l}.txt")],
                                 capture_output=True, text=True, check=True).stdout
            sents[l] = [s for s in out.splitlines() if s.strip()]
        gold = {l: read_beads(os.path.join(root, f"corpus/wuzhen/gold/{name}.en-{l}.align")) for l in ("zh", "ru")}
        yield name, sents, gold


def stretches(m):
    """(start, end) boundary indices: about half the document first, then other lengths."""
    half = max(1, m // 2)
    lengths = [half] + [x for d in range(1, m) for x in (half - d, half + d) if 1 <= x <= m]
    return [(i, i + length) for length in lengths for i in range(0, m - length + 1)]


def main():
    source, outdir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    if source == "un3":
        docs = list(un3_docs(os.environ.get("SHARED", os.path.join(root, "..", "shared"))))
    else:
        docs = list(wuzhen_docs(os.environ.get("POLYALIGN", os.path.join(root, "polyalign")), root))
    per_doc = []
    for name, sents, gold in docs:
        zh, ru = boundaries(gold["zh"]), boundaries(gold["ru"])
        common = sorted(set(zh) & set(ru))
        cuts = [(e, zh[e], ru[e]) for e in common]
        per_doc.append([(name, cuts[i], cuts[j], sents) for i, j in stretches(len(cuts) - 1)])
    os.makedirs(os.path.join(outdir, "sets"), exist_ok=True)
    written = 0
    with open(os.path.join(outdir, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("id\ten\tzh\tru\n")
        for k in range(max(len(p) for p in per_doc)):
            for p in per_doc:
                if written == count or k >= len(p):
                    continue
                name, start, end, sents = p[k]
                set_id = f"{name}-{start[0]:03d}-{end[0]:03d}"
                for n, l in enumerate(LANGS):
                    with open(os.path.join(outdir, "sets", f"{set_id}.{l}"), "w", encoding="utf-8") as f:
                        f.write("\n".join(sents[l][start[n]:end[n]]) + "\n")
                manifest.write(set_id + "".join(f"\tsets/{set_id}.{l}" for l in LANGS) + "\n")
                written += 1
    print(written)


main()
