#!/usr/bin/env python3
"""coverage.py — the CLI side of "segmentation never loses text" (issue 15 §1).

  coverage.py gather LANG OUT [--min-bytes N] FILE...
      write into OUT every FILE that is UTF-8 text (NUL-free), and every case of LANG
      of the FILEs ending in .jsonl (eval/segment format), a blank line apart; repeat the
      whole until OUT holds at least N bytes (the multi-thread path starts at 4 MB).
  coverage.py check INPUT OUTPUT text|jsonl|align:K
      exit 0 when the output of `polyalign segment` on INPUT holds every non-whitespace
      character of INPUT in order: text, one sentence a line; jsonl, byte spans into INPUT
      as stored, in order, disjoint, and each "text" the same characters as its span;
      align:K, `polyalign align --format jsonl` whose K-th text (from 0) is INPUT, the
      beads' K-th texts in order. Otherwise print where the first difference is and exit 1.

The unit test test_coverage.c checks the same contract on the segmenter's spans; this
checks what users get from the command line.
"""
import json
import re
import sys


def nows(s):
    return re.sub(r"\s+", "", s)


def gather(lang, out, files, min_bytes):
    parts = []
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        if path.endswith(".jsonl"):
            for line in data.decode("utf-8").splitlines():
                if line.strip():
                    case = json.loads(line)
                    if case.get("lang") == lang:
                        parts.append(case["text"])
            continue
        if b"\0" in data:
            continue
        try:
            parts.append(data.decode("utf-8").lstrip("\ufeff"))
        except UnicodeDecodeError:
            continue
    block = "\n\n".join(parts)
    copies = max(1, -(-min_bytes // max(1, len(block.encode("utf-8")))))
    with open(out, "w", encoding="utf-8") as f:  # no blank line after the last: text may end mid-line
        f.write("\n\n".join([block] * copies))
    return 0


def first_difference(want, got):
    for i, (a, b) in enumerate(zip(want, got)):
        if a != b:
            return i
    return min(len(want), len(got))


def check(input_path, output_path, fmt):
    with open(input_path, "rb") as f:
        raw = f.read()
    want = nows(raw.decode("utf-8").lstrip("\ufeff"))
    with open(output_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if fmt == "text":
        got = nows("".join(lines))
    elif fmt.startswith("align:"):
        side = int(fmt[len("align:"):])
        beads = [json.loads(l) for l in lines if l]
        got = nows("".join(b["texts"][side] for b in beads if "texts" in b))
    else:
        pieces, end = [], 0
        for n, line in enumerate(l for l in lines if l):
            s = json.loads(line)
            if s["start"] < end or s["end"] < s["start"] or s["end"] > len(raw):
                print(f"sentence {n}: span {s['start']}..{s['end']} out of order (previous end {end})")
                return 1
            span = raw[s["start"]:s["end"]].decode("utf-8")
            if nows(span) != nows(s["text"]):
                print(f"sentence {n}: text {s['text'][:60]!r} is not its span {span[:60]!r}")
                return 1
            pieces.append(span)
            end = s["end"]
        got = nows("".join(pieces))
    if got == want:
        return 0
    i = first_difference(want, got)
    print(f"lost or changed after {i} non-whitespace characters: input {want[i:i + 40]!r}, output {got[i:i + 40]!r}")
    return 1


def main(argv):
    if len(argv) >= 4 and argv[1] == "gather":
        lang, out, rest = argv[2], argv[3], argv[4:]
        min_bytes = 0
        if rest[:1] == ["--min-bytes"]:
            min_bytes, rest = int(rest[1]), rest[2:]
        return gather(lang, out, rest, min_bytes)
    if len(argv) == 5 and argv[1] == "check" and re.fullmatch(r"text|jsonl|align:\d", argv[4]):
        return check(argv[2], argv[3], argv[4])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
