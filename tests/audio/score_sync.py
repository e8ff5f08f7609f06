#!/usr/bin/env python3
"""score_sync.py — compare `polyalign sync --format tsv` with true sentence times.

usage: score_sync.py TRUTH.tsv SYNC.tsv MAX_START_MEDIAN MAX_START_P90 MIN_NETFLIX_SHARE
TRUTH.tsv: start<TAB>end<TAB>text per sentence (make_recording.py). Prints the figures and
exits 1 when any bound is missed. Netflix sync tolerance at 25 fps: start within ±3
frames, end within -3..+12 frames."""
import statistics, sys


def main():
    truth = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")][1:]
    if len(rows) != len(truth):
        print("sentences: %d in the sync map, %d true" % (len(rows), len(truth)))
        return 1
    starts, ok = [], 0
    for t, r in zip(truth, rows):
        ds, de = float(r[2]) - float(t[0]), float(r[3]) - float(t[1])
        starts.append(abs(ds))
        ok += abs(ds) <= 0.12 + 1e-6 and -0.12 - 1e-6 <= de <= 0.48 + 1e-6
    starts.sort()
    median = statistics.median(starts)
    p90 = starts[min(len(starts) - 1, int(round(0.9 * (len(starts) - 1))))]
    share = ok / len(truth)
    print("start median %.3f s, p90 %.3f s, within Netflix sync %.0f%%" % (median, p90, 100 * share))
    return 0 if median <= float(sys.argv[3]) and p90 <= float(sys.argv[4]) and share >= float(sys.argv[5]) else 1


if __name__ == "__main__":
    sys.exit(main())
