#!/usr/bin/env python3
"""make_recording.py — a test recording with known sentence times, in a voice of our choosing.

Each sentence is synthesized on its own (flite or espeak-ng, at a given rate), trimmed to
its audible part, and laid on a timeline with the given pauses (0 = run-on), optionally
with a pause inside one sentence (split at its middle comma), a lead-in and a tail, and a
deterministic noise floor. Writes RECORDING.wav (16 kHz mono) and prints the true start
and end of every sentence as TSV. Standard library only, plus the synthesizer programs.

usage: make_recording.py OUT.wav ENGINE VOICE RATE SENTENCES.txt PAUSES [--inner-pause S] [--noise DB] [--lead S]
                         [--transcript OUT.txt] [--piece-gaps S,S...]
  ENGINE flite|espeak-ng; RATE: words per minute for espeak-ng, duration stretch for flite;
  PAUSES: comma-separated seconds after each sentence (cycled); --transcript also writes the
  sentences as one running text, as a subtitle tool is given it. A sentence written as pieces
  separated by " | " (subtitle cues) is spoken piece by piece, the pieces --piece-gaps apart
  (cycled; 0 = run-on), and its TSV line gets a fourth column: the start of every piece after
  the first, comma-separated, the truth for cue starts inside sentences."""
import argparse, math, os, random, struct, subprocess, sys, tempfile, wave

RATE = 16000


def synthesize(engine, voice, rate, text, path, floor):
    if engine == "flite":
        subprocess.run(["flite", "-voice", voice, "--setf", "duration_stretch=%s" % rate, "-t", text, "-o", path],
                       check=True)
    else:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", path, text], check=True)
    # resample to 16 kHz mono s16 with ffmpeg
    out = path + ".16k.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", path, "-ac", "1", "-ar", str(RATE),
                    "-sample_fmt", "s16", out], check=True)
    with wave.open(out) as w:
        data = w.readframes(w.getnframes())
    samples = list(struct.unpack("<%dh" % (len(data) // 2), data))
    # trim to frames (10 ms) whose RMS exceeds 200, as the shared references do, or 6 dB
    # over the noise floor when that is higher: what lies below the noise is not heard
    hop = RATE // 100
    active = [k for k in range(len(samples) // hop)
              if math.sqrt(sum(v * v for v in samples[k * hop:(k + 1) * hop]) / hop) > max(200, 2 * floor)]
    if not active:
        return []
    return samples[active[0] * hop:(active[-1] + 1) * hop]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("engine")
    ap.add_argument("voice")
    ap.add_argument("rate")
    ap.add_argument("sentences")
    ap.add_argument("pauses")
    ap.add_argument("--inner-pause", type=float, default=0.0)
    ap.add_argument("--noise", type=float, default=-58.0)
    ap.add_argument("--lead", type=float, default=0.8)
    ap.add_argument("--transcript")
    ap.add_argument("--piece-gaps", default="0")
    a = ap.parse_args()
    piece_gaps = [float(p) for p in a.piece_gaps.split(",")]
    npieces = 0
    sentences = [l.strip() for l in open(a.sentences, encoding="utf-8") if l.strip()]
    pauses = [float(p) for p in a.pauses.split(",")]
    timeline = [0] * int(a.lead * RATE)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, s in enumerate(sentences):
            parts = [s]
            pieces = [x.strip() for x in s.split(" | ")]
            if len(pieces) > 1:
                parts, s = pieces, " ".join(pieces) if " " in s.replace(" | ", "") else "".join(pieces)
            elif a.inner_pause and k == len(sentences) // 2 and "," in s:
                commas = [i for i, c in enumerate(s) if c == ","]
                cut = min(commas, key=lambda i: abs(i - len(s) / 2)) + 1
                parts = [s[:cut], s[cut:].strip()]
            start, piece_starts = None, []
            for p, part in enumerate(parts):
                clip = synthesize(a.engine, a.voice, a.rate, part, os.path.join(tmp, "s.wav"),
                                  32767 * 10 ** (a.noise / 20))
                if start is None:
                    start = len(timeline)
                else:
                    piece_starts.append(len(timeline) / RATE)
                timeline += clip
                if p + 1 < len(parts):
                    gap = a.inner_pause if len(pieces) == 1 else piece_gaps[npieces % len(piece_gaps)]
                    npieces += len(pieces) > 1
                    timeline += [0] * int(gap * RATE)
            rows.append((start / RATE, len(timeline) / RATE, s, piece_starts))
            timeline += [0] * int(pauses[k % len(pauses)] * RATE)
    timeline += [0] * int(1.0 * RATE)
    rnd = random.Random(7)
    amp = 32767 * 10 ** (a.noise / 20)
    samples = [max(-32768, min(32767, int(v + rnd.gauss(0, amp)))) for v in timeline]
    with wave.open(a.out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack("<%dh" % len(samples), *samples))
    for start, end, s, piece_starts in rows:
        print("%.2f\t%.2f\t%s%s" % (start, end, s, "\t" + ",".join("%.2f" % t for t in piece_starts) if piece_starts else ""))
    if a.transcript:
        with open(a.transcript, "w", encoding="utf-8") as f:
            f.write(" ".join(r[2] for r in rows) + "\n")


if __name__ == "__main__":
    sys.exit(main())
