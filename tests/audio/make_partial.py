#!/usr/bin/env python3
"""make_partial.py — recordings of which the transcript covers only a part (issue 20), with the truth.

Builds the evaluation set of scripts/eval_partial.sh in OUT (cached: a case whose files
exist is not built again). Sentences are synthesized one at a time with flite or espeak-ng
and trimmed exactly as make_recording.py does (its synthesize() is reused, the clips are
cached in OUT/clips), so a sentence's true start and end are where its trimmed clip is laid.
The shared dev recordings (SHARED/eval/subtitles/{dev,dev-hard}) are used in place, read at
run time with their ref/*.ref.json times, when SHARED exists; the set is smaller without them.

Kinds of case (several seeds each):
  partial     the whole text is spoken; the transcript keeps runs of 1-3 consecutive
              sentences, about half of it
  surrounded  the whole transcript is spoken, with 20-60 s of other speech (another text in
              the same language or another language; or an interpreter translating the
              previous paragraph) before, between the paragraphs and after
  music       a synthesized music bed (sine chords) alone and under some paragraphs, and
              applause (shaped noise bursts) between the parts
  missing     the whole text is spoken; the transcript has 1-2 more sentences (another text,
              same language) that the recording does not have

Per case NAME, in OUT/cases: NAME.wav (16 kHz mono s16; a symbolic link where the recording
is a shared one or another case's), NAME.txt (transcript, one sentence a line, a blank line
between runs or paragraphs), NAME.truth.tsv (start<TAB>end<TAB>text per transcript sentence,
start and end empty for a sentence the recording does not have) and NAME.skipped.tsv
(start<TAB>end<TAB>kind per untranscribed stretch, kind speech|music|applause|silence).
OUT/cases.tsv lists the cases: name kind lang wav txt truth skipped source. A change to this
builder or to the texts of tests/audio starts the cases afresh.

usage: make_partial.py OUT [--shared DIR] [--quick]
Standard library only, plus flite, espeak-ng and ffmpeg (through make_recording.py)."""
import argparse, array, hashlib, json, math, os, random, shutil, sys, tempfile, wave

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_recording import RATE, synthesize  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NOISE_DB = -52.0          # noise floor; 2x its amplitude is under make_recording's 200 trim level
# our own speakers of the transcribed text (as scripts/eval_voices.sh): name, lang, engine, voice, rate
VOICES = [
    ("en_kal", "en", "flite", "kal", "1.0"),
    ("en_awb", "en", "flite", "awb", "0.85"),
    ("en_slt", "en", "flite", "slt", "1.1"),
    ("en_m3", "en", "espeak-ng", "en-us+m3", "140"),
    ("ru_f3", "ru", "espeak-ng", "ru+f3", "140"),
    ("ru_m2", "ru", "espeak-ng", "ru+m2", "200"),
    ("zh_f2", "zh", "espeak-ng", "cmn-latn-pinyin+f2", "210"),
    ("zh_m3", "zh", "espeak-ng", "cmn-latn-pinyin+m3", "150"),
]
# the speakers of the untranscribed speech: a host in the transcript's language, an interpreter
OTHER_VOICE = {"en": ("flite", "rms", "1.0"), "ru": ("espeak-ng", "ru+m2", "175"),
               "zh": ("espeak-ng", "cmn-latn-pinyin+m3", "170")}
OTHER_LANG = {"en": "zh", "ru": "en", "zh": "en"}
OTHER_GAIN = 0.7          # another microphone, and flite's rms voice clips at full level


# ---------------------------------------------------------------------------- texts, clips

def read_paragraphs(path):
    """Paragraphs (lists of sentences) of a text file: one sentence a line, blank lines
    between paragraphs, # lines are comments."""
    paras, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("#"):
            continue
        if not line:
            if cur:
                paras.append(cur)
            cur = []
        else:
            cur.append(line)
    if cur:
        paras.append(cur)
    return paras


def text_of(name, lang):
    return read_paragraphs(os.path.join(HERE, "%s.%s.txt" % (name, lang)))


def other_pool(lang):
    """Sentences of speech the transcript does not have, in LANG (news, then sentences.LANG)."""
    pool = [s for p in text_of("news", lang) for s in p]
    pool += [s for p in read_paragraphs(os.path.join(HERE, "sentences.%s.txt" % lang)) for s in p]
    return pool


class Clips:
    """Synthesized, trimmed sentences, cached as raw s16 files."""

    def __init__(self, root):
        self.root = os.path.join(root, "clips")
        os.makedirs(self.root, exist_ok=True)

    def get(self, engine, voice, rate, text):
        key = hashlib.sha1(("%s\0%s\0%s\0%s\0%s" % (engine, voice, rate, NOISE_DB, text)).encode()).hexdigest()[:16]
        path = os.path.join(self.root, key + ".raw")
        a = array.array("h")
        if os.path.exists(path):
            with open(path, "rb") as f:
                a.frombytes(f.read())
            return a
        with tempfile.TemporaryDirectory() as tmp:
            a.extend(synthesize(engine, voice, rate, text, os.path.join(tmp, "s.wav"), noise_amp()))
        if not a:
            sys.exit("make_partial: %s %s said nothing audible for %r" % (engine, voice, text))
        with open(path + ".tmp", "wb") as f:
            f.write(a.tobytes())
        os.replace(path + ".tmp", path)
        return a


def noise_amp():
    return 32767 * 10 ** (NOISE_DB / 20)


# ---------------------------------------------------------------------------- timeline

class Timeline:
    """Samples (floats) with what was laid where: transcribed sentences and untranscribed events."""

    def __init__(self):
        self.a = array.array("d")
        self.sentences = []      # (start, end, text) of speech the transcript may have
        self.events = []         # (start, end, kind) of untranscribed material

    def now(self):
        return len(self.a) / RATE

    def pad(self, seconds):
        self.a.extend([0.0] * int(round(seconds * RATE)))

    def put(self, samples, gain=1.0):
        start = self.now()
        self.a.extend(gain * v for v in samples)
        return start, self.now()

    def mix(self, at, samples):
        """Add SAMPLES from AT seconds on, extending the timeline when needed."""
        i0 = int(round(at * RATE))
        need = i0 + len(samples) - len(self.a)
        if need > 0:
            self.a.extend([0.0] * need)
        a = self.a
        for k, v in enumerate(samples):
            a[i0 + k] += v

    def say(self, clip, text):
        """A transcribed sentence."""
        start, end = self.put(clip)
        self.sentences.append((start, end, text))

    def other(self, clip, kind="speech", gain=1.0):
        start, end = self.put(clip, gain)
        self.events.append((start, end, kind))

    def write(self, path, seed):
        rnd = random.Random(seed)
        amp = noise_amp()
        noise = [rnd.gauss(0, amp) for _ in range(RATE * 3 + 7)]  # tiled: cheap and deterministic
        n = len(noise)
        out = array.array("h", (max(-32768, min(32767, int(v + noise[k % n]))) for k, v in enumerate(self.a)))
        write_wav(path, out)


def write_wav(path, samples):
    tmp = path + ".tmp"
    with wave.open(tmp, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    os.replace(tmp, path)


def read_wav(path):
    with wave.open(path) as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2 or w.getframerate() != RATE:
            sys.exit("make_partial: %s is not 16 kHz mono s16" % path)
        a = array.array("h")
        a.frombytes(w.readframes(w.getnframes()))
    return a


# ---------------------------------------------------------------------------- music, applause

NOTE = {"C3": 130.81, "E3": 164.81, "G3": 196.00, "A3": 220.00, "F3": 174.61, "D3": 146.83,
        "C4": 261.63, "E4": 329.63, "G4": 392.00, "A4": 440.00, "F4": 349.23, "B3": 246.94, "D4": 293.66}
CHORDS = [("C3", "E4", "G4", "C4"), ("A3", "C4", "E4", "A4"), ("F3", "A3", "C4", "F4"), ("G3", "B3", "D4", "G4")]


def music(seconds, rnd, level):
    """A sine-chord bed: a chord every 1.6-2.4 s, each note with two harmonics, attack, decay,
    slight tremolo; fade in and out. RMS about LEVEL."""
    n = int(seconds * RATE)
    out = [0.0] * n
    t0, ci = 0, rnd.randrange(len(CHORDS))
    while t0 < n:
        length = int(rnd.uniform(1.6, 2.4) * RATE)
        chord = CHORDS[ci % len(CHORDS)]
        ci += rnd.choice((1, 1, 2, 3))
        ring = min(length + RATE // 3, n - t0)   # notes ring over the next chord's attack
        for name in chord:
            f = NOTE[name]
            w1, w2 = 2 * math.pi * f / RATE, 4 * math.pi * f / RATE
            trem = 2 * math.pi * rnd.uniform(3, 6) / RATE
            for k in range(ring):
                env = min(1.0, k / 800.0) * math.exp(-k / (1.8 * RATE))
                if k > length:
                    env *= max(0.0, 1 - (k - length) / (RATE / 3))
                out[t0 + k] += env * (1 + 0.15 * math.sin(trem * k)) * (math.sin(w1 * k) + 0.35 * math.sin(w2 * k))
        t0 += length
    fade = int(0.4 * RATE)
    for k in range(min(fade, n)):
        out[k] *= k / fade
        out[n - 1 - k] *= k / fade
    rms = math.sqrt(sum(v * v for v in out) / max(1, n)) or 1.0
    return [v * level / rms for v in out]


def applause(seconds, rnd, level):
    """Applause: many short decaying noise bursts (claps), their density rising fast and
    dying away slowly, over a low murmur of noise. RMS about LEVEL."""
    n = int(seconds * RATE)
    out = [0.0] * n

    def envelope(k):
        t = k / RATE
        return min(1.0, t / 0.4) * min(1.0, (seconds - t) / (0.45 * seconds))

    prev = 0.0
    for k in range(n):       # murmur: low-passed noise
        prev = 0.9 * prev + 0.1 * rnd.gauss(0, 1)
        out[k] = 0.6 * prev * envelope(k)
    t = 0.0
    while t < seconds:
        t += rnd.expovariate(45.0)
        k0 = int(t * RATE)
        if k0 >= n:
            break
        a = envelope(k0) * rnd.uniform(0.3, 1.0)
        tau = rnd.uniform(0.002, 0.006) * RATE
        last = 0.0
        for k in range(min(int(0.03 * RATE), n - k0)):
            x = rnd.gauss(0, 1)
            out[k0 + k] += a * (x - 0.7 * last) * math.exp(-k / tau)   # a first difference: brighter
            last = x
    rms = math.sqrt(sum(v * v for v in out) / max(1, n)) or 1.0
    return [v * level / rms for v in out]


def rms_of(samples):
    return math.sqrt(sum(v * v for v in samples) / max(1, len(samples)))


# ---------------------------------------------------------------------------- sources

class Source:
    """A recording of a whole text: its sentences (text, start, end, paragraph), in place."""

    def __init__(self, name, lang, wav, sentences, duration, label):
        self.name, self.lang, self.wav, self.sentences, self.duration, self.label = \
            name, lang, wav, sentences, duration, label

    def paragraphs(self):
        paras = []
        for s in self.sentences:
            if not paras or paras[-1][-1]["paragraph"] != s["paragraph"]:
                paras.append([])
            paras[-1].append(s)
        return paras


def own_source(out, clips, voice):
    """The bridge text read by one of our voices, pauses seeded by the voice's name."""
    name, lang, engine, vname, rate = voice
    wav = os.path.join(out, "base", name + ".wav")
    meta = wav[:-4] + ".json"
    if not (os.path.exists(wav) and os.path.exists(meta)):
        os.makedirs(os.path.dirname(wav), exist_ok=True)
        rnd = random.Random("base " + name)
        tl = Timeline()
        tl.pad(0.8)
        sentences = []
        for p, para in enumerate(text_of("bridge", lang)):
            if p:
                tl.pad(1.6)
            for k, s in enumerate(para):
                if k:
                    tl.pad(rnd.choice((0.05, 0.3, 0.45, 0.6, 0.8, 1.0)))
                tl.say(clips.get(engine, vname, rate, s), s)
                sentences.append({"text": s, "start": tl.sentences[-1][0], "end": tl.sentences[-1][1],
                                  "paragraph": p + 1})
        tl.pad(1.0)
        tl.write(wav, "noise " + name)
        with open(meta + ".tmp", "w", encoding="utf-8") as f:
            json.dump({"sentences": sentences, "duration": tl.now()}, f, ensure_ascii=False, indent=0)
        os.replace(meta + ".tmp", meta)
    d = json.load(open(meta, encoding="utf-8"))
    return Source(name, lang, wav, d["sentences"], d["duration"], "%s %s %s" % (engine, vname, rate))


def shared_sources(shared):
    S = os.path.join(shared, "eval", "subtitles")
    found = []
    for set_ in ("dev", "dev-hard"):
        refdir = os.path.join(S, set_, "ref")
        if not os.path.isdir(refdir):
            continue
        for f in sorted(os.listdir(refdir)):
            if not f.endswith(".ref.json"):
                continue
            d = json.load(open(os.path.join(refdir, f), encoding="utf-8"))
            sentences = [{"text": s["text"], "start": s["start"], "end": s["end"], "paragraph": s["paragraph"]}
                         for s in d["sentences"]]
            found.append(Source("%s_%s" % (set_.replace("-", ""), d["name"]), d["lang"],
                                os.path.abspath(os.path.join(S, set_, d["audio"])), sentences, d["duration"],
                                "%s/%s" % (set_, d["name"])))
    return found


# ---------------------------------------------------------------------------- cases

class Case:
    def __init__(self, out, name, kind, lang, source):
        self.out, self.name, self.kind, self.lang, self.source = out, name, kind, lang, source
        base = os.path.join(out, "cases", name)
        self.wav, self.txt, self.truth, self.skipped = base + ".wav", base + ".txt", base + ".truth.tsv", base + ".skipped.tsv"

    def done(self):
        return all(os.path.exists(p) for p in (self.wav, self.txt, self.truth, self.skipped))

    def write_text(self, runs, truth, stretches):
        """RUNS: lists of sentences (blank line between); TRUTH: (start|None, end|None, text)
        per transcript sentence; STRETCHES: (start, end, kind)."""
        write_file(self.txt, "\n\n".join("\n".join(r) for r in runs) + "\n")
        write_file(self.truth, "".join("%s\t%s\t%s\n" % ("" if a is None else "%.3f" % a,
                                                         "" if b is None else "%.3f" % b, t) for a, b, t in truth))
        write_file(self.skipped, "".join("%.3f\t%.3f\t%s\n" % s for s in stretches))

    def link(self, target):
        if os.path.lexists(self.wav):
            os.remove(self.wav)
        os.symlink(os.path.relpath(target, os.path.dirname(self.wav)) if not os.path.isabs(target) else target,
                   self.wav)

    def row(self):
        return "\t".join((self.name, self.kind, self.lang, self.wav, self.txt, self.truth, self.skipped, self.source))


def write_file(path, text):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def stretches_of(spans, events, duration):
    """Untranscribed stretches: the EVENTS (start, end, kind) with the silence between them, in
    every gap between transcribed SPANS that holds an event, and the gaps at the ends or of 1 s
    or more as silence."""
    spans = sorted(spans)
    gaps, t = [], 0.0
    for a, b in spans:
        if a > t:
            gaps.append((t, a))
        t = max(t, b)
    if duration > t:
        gaps.append((t, duration))
    out = []
    for g0, g1 in gaps:
        inside = sorted(e for e in events if e[0] < g1 and e[1] > g0)
        if not inside:
            if g1 - g0 >= 1.0 or g0 == 0.0 or g1 == duration:
                out.append((g0, g1, "silence"))
            continue
        t = g0
        for a, b, kind in inside:
            a, b = max(a, g0), min(b, g1)
            if a - t >= 0.05:
                out.append((t, a, "silence"))
            out.append((a, b, kind))
            t = max(t, b)
        if g1 - t >= 0.05:
            out.append((t, g1, "silence"))
    return [(round(a, 3), round(b, 3), k) for a, b, k in out if b - a > 0.001]


def choose_runs(n, rnd):
    """Runs of 1-3 consecutive sentence numbers (0-based) covering about half of N."""
    for _ in range(1000):
        keep = rnd.random() < 0.5
        runs, k = [], 0
        while k < n:
            length = rnd.randint(1, 3)
            if keep:
                runs.append(list(range(k, min(n, k + length))))
            k += length
            keep = not keep
        kept = sum(len(r) for r in runs)
        if len(runs) >= 2 and 0.4 <= kept / n <= 0.6:
            return runs
    raise RuntimeError("no runs found")


def make_partial_case(out, src, seed):
    c = Case(out, "partial_%s_s%d" % (src.name, seed), "partial", src.lang, src.label)
    if c.done():
        return c
    rnd = random.Random("partial %s %d" % (src.name, seed))
    runs = choose_runs(len(src.sentences), rnd)
    kept = {k for r in runs for k in r}
    S = src.sentences
    truth = [(S[k]["start"], S[k]["end"], S[k]["text"]) for r in runs for k in r]
    events = [(s["start"], s["end"], "speech") for k, s in enumerate(S) if k not in kept]
    stretches = stretches_of([(S[k]["start"], S[k]["end"]) for k in kept], events, src.duration)
    c.link(src.wav)
    c.write_text([[S[k]["text"] for k in r] for r in runs], truth, stretches)
    return c


def make_missing_case(out, src, seed):
    c = Case(out, "missing_%s_s%d" % (src.name, seed), "missing", src.lang, src.label)
    if c.done():
        return c
    rnd = random.Random("missing %s %d" % (src.name, seed))
    pool = [s for p in text_of("news", src.lang) for s in p]
    extra = rnd.sample(pool, rnd.choice((1, 2)))
    # positions: before sentence k (1..n-1: never first or last, so the missing sentence
    # has present neighbours on both sides), distinct and not adjacent to each other
    n = len(src.sentences)
    while True:
        pos = sorted(rnd.sample(range(1, n), len(extra)))
        if all(b - a >= 2 for a, b in zip(pos, pos[1:])):
            break
    inserts = dict(zip(pos, extra))
    runs, truth = [], []
    for para in src.paragraphs():
        run = []
        for s in para:
            k = src.sentences.index(s)
            if k in inserts:
                run.append(inserts[k])
                truth.append((None, None, inserts[k]))
            run.append(s["text"])
            truth.append((s["start"], s["end"], s["text"]))
        runs.append(run)
    S = src.sentences
    stretches = stretches_of([(s["start"], s["end"]) for s in S], [], src.duration)
    c.link(src.wav)
    c.write_text(runs, truth, stretches)
    return c


def parts_of(src, parts=3):
    """SRC's paragraphs in at most PARTS groups of consecutive paragraphs (sentence counts as
    even as can be), each cut from the recording in one piece: a list of (samples,
    [(start, end, text)] relative to the piece). The cut reaches up to 0.15 s (or half the
    pause) beyond the first and last sentence, faded in and out over that margin."""
    paras = src.paragraphs()
    if len(paras) > parts:
        total = sum(len(p) for p in paras)
        groups, cur, done = [], [], 0
        for p in paras:
            cur += p
            done += len(p)
            if len(groups) < parts - 1 and done >= total * (len(groups) + 1) / parts:
                groups.append(cur)
                cur = []
        if cur:
            groups.append(cur)
        paras = groups
    audio = read_wav(src.wav)
    S = src.sentences
    out = []
    for group in paras:
        k0, k1 = S.index(group[0]), S.index(group[-1])
        before = min(0.15, (S[k0]["start"] - (S[k0 - 1]["end"] if k0 else 0.0)) / 2)
        after = min(0.15, ((S[k1 + 1]["start"] if k1 + 1 < len(S) else src.duration) - S[k1]["end"]) / 2)
        a = int(round((S[k0]["start"] - before) * RATE))
        b = min(len(audio), int(round((S[k1]["end"] + after) * RATE)))
        piece = array.array("d", (float(v) for v in audio[a:b]))
        for k in range(min(int(before * RATE), len(piece))):
            piece[k] *= k / (before * RATE)
        for k in range(min(int(after * RATE), len(piece))):
            piece[len(piece) - 1 - k] *= k / (after * RATE)
        t0 = a / RATE
        out.append((piece, [(s["start"] - t0, s["end"] - t0, s["text"]) for s in group]))
    return out


def lay_part(tl, part):
    """Lay a part (samples, sentences) at the timeline's end; its sentences are transcribed."""
    piece, sentences = part
    t0 = tl.now()
    tl.a.extend(piece)
    tl.sentences += [(t0 + a, t0 + b, text) for a, b, text in sentences]


def other_speech(tl, clips, lang, seconds, rnd):
    """About SECONDS of untranscribed speech in LANG (the host's or interpreter's voice)."""
    pool = other_pool(lang)
    engine, vname, rate = OTHER_VOICE[lang]
    k = rnd.randrange(len(pool))
    t0 = tl.now()
    while tl.now() - t0 < seconds:
        tl.other(clips.get(engine, vname, rate, pool[k % len(pool)]), gain=OTHER_GAIN)
        k += 1
        if tl.now() - t0 < seconds:
            tl.pad(rnd.uniform(0.3, 0.9))


def finish(c, tl, parts):
    tl.pad(0.5)
    stretches = stretches_of([(a, b) for a, b, _ in tl.sentences], tl.events, tl.now())
    tl.write(c.wav, "noise " + c.name)
    c.write_text([[t for _, _, t in sentences] for _, sentences in parts],
                 [(a, b, t) for a, b, t in tl.sentences], stretches)
    return c


def make_surrounded_case(out, clips, src, seed, interpreter):
    other = OTHER_LANG[src.lang]
    c = Case(out, "surrounded_%s_s%d" % (src.name, seed), "surrounded", src.lang,
             src.label + (" + interpreter (%s)" % other if interpreter else " + other speech"))
    if c.done():
        return c
    rnd = random.Random("surrounded %s %d" % (src.name, seed))
    parts = parts_of(src)
    translation = text_of("bridge", other) if interpreter else None
    tl = Timeline()
    tl.pad(0.5)
    for p in range(len(parts) + 1):
        # before, between and after the parts: a host (same language) or someone in another
        # language; or, between parts, the interpreter translating the part just said
        t0 = tl.now()
        if translation and 0 < p < len(parts):
            engine, vname, rate = OTHER_VOICE[other]
            for s in translation[p - 1]:
                tl.other(clips.get(engine, vname, rate, s), gain=OTHER_GAIN)
                tl.pad(rnd.uniform(0.3, 0.7))
            if tl.now() - t0 < 20:
                other_speech(tl, clips, other, 20 - (tl.now() - t0), rnd)
        else:
            same = rnd.random() < 0.5
            other_speech(tl, clips, src.lang if same else other, rnd.uniform(20, 60), rnd)
        tl.pad(rnd.uniform(0.4, 1.2))
        if p < len(parts):
            lay_part(tl, parts[p])
            tl.pad(rnd.uniform(0.4, 1.2))
    return finish(c, tl, parts)


def make_music_case(out, src, seed):
    c = Case(out, "music_%s_s%d" % (src.name, seed), "music", src.lang, src.label + " + music, applause")
    if c.done():
        return c
    rnd = random.Random("music %s %d" % (src.name, seed))
    parts = parts_of(src)
    speech = rms_of(array.array("d", (v for piece, _ in parts for v in piece[::7] if abs(v) > 300)))
    loud, bed = 0.5 * speech, 0.1 * speech           # music alone; under speech, 20 dB down
    under = set(rnd.sample(range(len(parts)), max(1, len(parts) // 2)))
    tl = Timeline()
    tl.pad(0.5)
    for p, part in enumerate(parts):
        alone = rnd.uniform(6, 14) if p == 0 or rnd.random() < 0.6 else 0.0   # intro, interlude
        m0 = tl.now()
        if alone:
            tl.pad(alone)
            tl.events.append((m0, tl.now(), "music"))
        if p in under:
            # the music goes on under the part, 20 dB down, and rings 1.2 s after it
            p0 = tl.now()
            lay_part(tl, part)
            p1 = tl.now()
            tl.pad(1.2)
            tl.events.append((p1, tl.now(), "music"))
            m = music(tl.now() - m0, rnd, 1.0)
            for k in range(len(m)):
                t = m0 + k / RATE
                m[k] *= loud if t < p0 - 0.5 else bed if t >= p0 else bed + (loud - bed) * (p0 - t) / 0.5
            tl.mix(m0, m)
        else:
            if alone:
                tl.mix(m0, music(alone, rnd, loud))
                tl.pad(rnd.uniform(0.3, 0.8))
            else:
                tl.pad(0.6)
            lay_part(tl, part)
        tl.pad(rnd.uniform(0.3, 0.7))
        if p + 1 < len(parts) or rnd.random() < 0.8:
            tl.other(applause(rnd.uniform(3, 7), rnd, 0.4 * speech), "applause")
            tl.pad(rnd.uniform(0.4, 1.0))
    return finish(c, tl, parts)


# ---------------------------------------------------------------------------- the set

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--shared", default=os.environ.get("SHARED", "../shared"))
    ap.add_argument("--quick", action="store_true", help="one case of each kind (for trying the builder)")
    a = ap.parse_args()
    out = a.out
    # the cache holds for one version of this builder and its texts: another one starts the
    # cases afresh (the clips are keyed by what was synthesized and stay)
    stamp = hashlib.sha1()
    for f in sorted(os.listdir(HERE)):
        if f == os.path.basename(__file__) or f.endswith(".txt") or f == "make_recording.py":
            stamp.update(f.encode() + b"\0" + open(os.path.join(HERE, f), "rb").read())
    version = os.path.join(out, "version")
    if not os.path.exists(version) or open(version).read().strip() != stamp.hexdigest():
        for sub in ("cases", "base"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        os.makedirs(out, exist_ok=True)
        write_file(version, stamp.hexdigest() + "\n")
    os.makedirs(os.path.join(out, "cases"), exist_ok=True)
    clips = Clips(out)
    own = {v[0]: own_source(out, clips, v) for v in (VOICES[:1] if a.quick else VOICES)}
    shared = shared_sources(a.shared)
    if not shared:
        print("make_partial: %s/eval/subtitles not found; the set has our own voices only" % a.shared,
              file=sys.stderr)
    shared_by = {s.name: s for s in shared}
    cases = []
    # a. partial transcripts: every source, two seeds (three for our voices)
    for src in own.values():
        cases += [make_partial_case(out, src, seed) for seed in ((1,) if a.quick else (1, 2, 3))]
    for src in ([] if a.quick else shared):
        cases += [make_partial_case(out, src, seed) for seed in (1, 2)]
    # b. surrounded by other speech: our voices (half with an interpreter) and two shared recordings
    for name, interp in (("en_kal", False), ("en_m3", True), ("ru_f3", False), ("zh_f2", True)):
        if name in own:
            cases.append(make_surrounded_case(out, clips, own[name], 1, interp))
    for name in ("dev_en_flite", "devhard_zh_espeak"):
        if name in shared_by and not a.quick:
            cases.append(make_surrounded_case(out, clips, shared_by[name], 1, False))
    # c. music and applause
    for name in ("en_awb", "en_kal", "ru_m2", "zh_m3"):
        if name in own:
            cases.append(make_music_case(out, own[name], 1))
    for name in ("devhard_en_espeak", "dev_ru_espeak"):
        if name in shared_by and not a.quick:
            cases.append(make_music_case(out, shared_by[name], 1))
    # d. sentences missing from the recording
    for src in list(own.values()) + ([] if a.quick else shared):
        cases.append(make_missing_case(out, src, 1))
    write_file(os.path.join(out, "cases.tsv"), "".join(c.row() + "\n" for c in cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
