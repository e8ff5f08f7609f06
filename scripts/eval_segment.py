#!/usr/bin/env python3
"""eval_segment.py SEGMENT_DIR POLYALIGN ICU_LOOP — issue 15's table for `make eval`.

Scores, with the shared scorer (SEGMENT_DIR/score.py), polyalign, plain ICU (the bench's
own loop, bench/icu_sentence_loop.c, with `@ss=standard`) and sentencex (npm, Wikimedia)
when node can load it, on ud-dev and ud-more-dev, and prints one row per system: the
boundary F1 per language, with precision and recall for English, where recall is the loss.
Systems that are not there are named in a line of their own, never left out silently."""
import os
import re
import subprocess
import sys

seg_dir, polyalign, icu_loop = sys.argv[1:4]
here = os.path.dirname(os.path.abspath(__file__))
score = os.path.join(seg_dir, "score.py")
LANGS = ("en", "ru", "zh")


def run(dataset, args):
    """{lang: (P, R, F1)} from score.py's per-language rows"""
    out = subprocess.run([sys.executable, score, "--jobs", "2", os.path.join(seg_dir, dataset)] + args,
                         capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.splitlines():
        m = re.match(r"(en|ru|zh)\s+\d+/\d+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", line)
        if m:
            rows[m.group(1)] = tuple(float(x) for x in m.groups()[1:])
    return rows


def sentencex_command():
    """The node command that segments stdin with sentencex, or None when it cannot load."""
    script = os.path.join(here, "sentencex_segment.mjs")
    probe = subprocess.run(["node", script, "--probe"], capture_output=True, text=True) if os.path.exists(script) else None
    if probe is None or probe.returncode != 0:
        return None
    return "node " + script + " {lang}"


systems = [("polyalign", ["--", polyalign, "segment", "--lang", "{lang}"]),
           ("plain ICU sentence iterator, @ss=standard",
            [a for lang in LANGS for a in ("--cmd-" + lang, f"{icu_loop} --print {lang}@ss=standard -")])]
sx = None
try:
    sx = sentencex_command()
except OSError:
    pass
if sx:
    systems.append(("sentencex (npm, Wikimedia)",
                    [a for lang in LANGS for a in ("--cmd-" + lang, sx.replace("{lang}", lang))]))

for dataset in ("ud-dev.jsonl", "ud-more-dev.jsonl"):
    if not os.path.exists(os.path.join(seg_dir, dataset)):
        print(f"({dataset} not found; skipped)")
        continue
    print(f"\n{dataset}: boundary F1")
    print("| system | en F1 (P / R) | ru F1 | zh F1 |")
    print("|---|---|---|---|")
    for name, args in systems:
        rows = run(dataset, args)
        cells = []
        for lang in LANGS:
            if lang not in rows:
                cells.append("–")
            elif lang == "en":
                p, r, f = rows[lang]
                cells.append(f"{f:.3f} ({p:.3f} / {r:.3f})")
            else:
                cells.append(f"{rows[lang][2]:.3f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
if not sx:
    print("(sentencex: node cannot load the npm package `sentencex`; its row is skipped — "
          "`npm install sentencex` beside the checkout adds it)")
