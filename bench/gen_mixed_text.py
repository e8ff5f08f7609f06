#!/usr/bin/env python3
"""gen_mixed_text.py OUT MEGABYTES — a mixed English/Russian/Chinese text for `make bench`.

Interleaves the paragraphs of every corpus/wuzhen text (and, when present, sentences of
the shared alignment dev sets, which are far more varied) until OUT holds MEGABYTES MB.
Generated at bench time, never committed."""
import glob
import os
import sys

out, megabytes = sys.argv[1], float(sys.argv[2])
root = os.path.join(os.path.dirname(__file__), "..")
shared = os.environ.get("SHARED", os.path.join(root, "..", "shared"))
paras = []
for path in sorted(glob.glob(os.path.join(root, "corpus/wuzhen/*.txt"))):
    paras += [p.strip() for p in open(path, encoding="utf-8").read().split("\n\n") if p.strip()]
for path in sorted(glob.glob(os.path.join(shared, "eval/align/*/dev/docs/*"))):
    lines = [l.strip() for l in open(path, encoding="utf-8") if l.strip()]
    # one paragraph of up to six sentences, joined as running text
    for i in range(0, len(lines), 6):
        sep = "" if path.endswith(".zh") else " "
        paras.append(sep.join(lines[i:i + 6]))
blob = ("\n\n".join(paras) + "\n\n").encode("utf-8")
target = int(megabytes * 1024 * 1024)
with open(out, "wb") as f:
    written = 0
    while written < target:
        f.write(blob)
        written += len(blob)
