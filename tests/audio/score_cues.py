#!/usr/bin/env python3
"""score_cues.py — cue starts against the truth, sentence starts and starts inside sentences apart.

usage: score_cues.py TRUTH.tsv CUES.tsv
TRUTH.tsv: make_recording.py's lines (start, end, text, and the starts of the pieces after the
first, comma-separated, when the sentence was spoken in pieces). CUES.tsv: `polyalign sync
--cues --format tsv` of the same transcript. A sentence's first cue is scored against the
sentence start, its later cues against the piece starts, in order (the pieces are the cues
of the recording's transcript, so they correspond one to one). Prints, for both kinds, the
count, the median absolute error and the share within Netflix's sync tolerance (3 frames at
25 fps: 0.12 s), and exits 1 when the cues of a sentence do not match its pieces."""
import statistics, sys

TOLERANCE = 0.12 + 1e-6


def figures(errors):
    if not errors:
        return "   0 cues"
    ok = sum(e <= TOLERANCE for e in errors)
    return "%4d cues, median %.3f s, %3.0f%% within 0.12 s" % (len(errors), statistics.median(errors),
                                                             100.0 * ok / len(errors))


def main():
    truth = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")][1:]
    cues = {}
    for r in rows:
        if r[5] in ("ok", "low"):
            cues.setdefault(int(r[1]) - 1, []).append(float(r[2]))
    opening, inside = [], []
    for k, t in enumerate(truth):
        starts = [float(t[0])] + ([float(x) for x in t[3].split(",")] if len(t) > 3 and t[3] else [])
        got = cues.get(k, [])
        if len(got) != len(starts):
            print("sentence %d: %d cues against %d pieces" % (k + 1, len(got), len(starts)))
            return 1
        opening.append(abs(got[0] - starts[0]))
        inside += [abs(a - b) for a, b in zip(got[1:], starts[1:])]
    print("sentence starts: %s; inside sentences: %s" % (figures(opening), figures(inside)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
