#!/usr/bin/env python3
"""gen_parallel.py OUTPREFIX N — an en/zh pair of about N English sentences for `make bench`.

Repeats the UN documents of the shared un3 dev set (or, without ../shared, the project's
own Wuzhen sample) until N sentences, one per line: OUTPREFIX.en and OUTPREFIX.zh.
Generated at bench time, never committed."""
import glob
import os
import sys

prefix, n = sys.argv[1], int(sys.argv[2])
root = os.path.join(os.path.dirname(__file__), "..")
shared = os.environ.get("SHARED", os.path.join(root, "..", "shared"))
en, zh = [], []
docs = sorted(glob.glob(os.path.join(shared, "eval/align/un3/dev/docs/*.en")))
for path in docs:
    en += open(path, encoding="utf-8").read().splitlines()
    zh += open(path[:-3] + ".zh", encoding="utf-8").read().splitlines()
if not docs:
    import subprocess
    for lang, out in (("en", en), ("zh", zh)):
        for text in ("article", "keynote", "address"):
            seg = subprocess.run([os.path.join(root, "polyalign"), "segment", "--lang", lang,
                                  os.path.join(root, f"corpus/wuzhen/{text}.{lang}.txt")],
                                 capture_output=True, text=True, check=True).stdout
            out += [l for l in seg.splitlines() if l.strip()]
reps = n // len(en) + 1
with open(prefix + ".en", "w", encoding="utf-8") as f:
    f.write("\n".join((en * reps)[:n]) + "\n")
with open(prefix + ".zh", "w", encoding="utf-8") as f:
    f.write("\n".join((zh * reps)[:round(n * len(zh) / len(en))]) + "\n")
