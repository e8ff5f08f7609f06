#!/usr/bin/env python3
"""gen_memory.py OUT.tmx N — a TMX of N en/zh-CN units with a real vocabulary, for the
fuzzy-lookup benchmark. Each source joins two sentences of the shared alignment dev sets
(or of corpus/wuzhen without them), so segments are varied and mostly distinct, unlike a
synthetic memory drawn from a few dozen words. Generated at bench time, never committed."""
import glob
import os
import random
import sys
from xml.sax.saxutils import escape

out, n = sys.argv[1], int(sys.argv[2])
root = os.path.join(os.path.dirname(__file__), "..")
shared = os.environ.get("SHARED", os.path.join(root, "..", "shared"))
en, zh = [], []
for path in sorted(glob.glob(os.path.join(shared, "eval/align/*/dev/docs/*.en"))):
    en += [l.strip() for l in open(path, encoding="utf-8") if 20 < len(l.strip()) < 200]
for path in sorted(glob.glob(os.path.join(shared, "eval/align/*/dev/docs/*.zh"))):
    zh += [l.strip() for l in open(path, encoding="utf-8") if l.strip()]
if not en:
    en = [l.strip() for l in open(os.path.join(root, "corpus/wuzhen/article.en.txt"), encoding="utf-8") if l.strip()]
    zh = [l.strip() for l in open(os.path.join(root, "corpus/wuzhen/article.zh.txt"), encoding="utf-8") if l.strip()]
rnd = random.Random(7)
with open(out, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="gen_memory" '
            'creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en-US" srclang="en" '
            'datatype="plaintext" creationdate="20250101T000000Z"/><body>\n')
    for k in range(n):
        s = escape(rnd.choice(en) + " " + rnd.choice(en))
        t = escape(rnd.choice(zh))
        f.write(f'<tu tuid="{k + 1}"><tuv xml:lang="en"><seg>{s}</seg></tuv>'
                f'<tuv xml:lang="zh-CN"><seg>{t}</seg></tuv></tu>\n')
    f.write("</body></tmx>\n")
