#!/usr/bin/env python3
"""seed_corpus.py OUTDIR [LEXICON_BUILD] — the seed corpus of every fuzz target, made from what the tests use.

Run from the top of the checkout (make does). OUTDIR/<target>/ gets one file per seed,
named by its SHA-1 as libFuzzer names its own finds. The seeds are:
  - the fixtures the end-to-end tests write (tests/e2e/*.sh): every
    `printf '…' >"$SCRATCH/NAME.EXT"` (its format run through bash's printf, as the test
    does) and every `cat >"$SCRATCH/NAME.EXT" <<'TAG'` here-document, sorted by EXT;
  - the texts the tests segment (`seg "…" LANG 'TEXT'` and `run_in 'TEXT' segment`);
  - the cases of tests/cases/*.txt (read by tests/e2e/test_cases.sh): each `file:` field
    and the `stdin:` of each segment case, through bash's printf %b as the runner does;
  - the project's own files of each format: corpus/wuzhen and tests/audio texts (cut at
    blank lines), tmx/, subtitles/, po/, src/segment/rules.srx;
  - for the SRX target, each rule of those SRX files on its own ("BEFORE\nAFTER" after a
    flag byte, the target's short form);
  - for the lexicon target's compiled form, the TSV and .dic fixtures compiled by
    LEXICON_BUILD (build/tools/lexicon_build) when given;
  - for the audio decoder, tiny recordings written here (WAV with Python's wave module;
    FLAC, MP3, Ogg and M4A through ffmpeg when it is installed);
  - for the batch's readers (fuzz_manifest), manifests and report lines written here;
  - for the review table (fuzz_review_table), tables as align and spreadsheets write them.
Targets whose input starts with an option byte (fuzz_segment: the language; fuzz_lexicon:
the format; fuzz_po, fuzz_times: a flag) get it prepended. Nothing is copied from ../shared: its data is not ours.
"""
import glob
import hashlib
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
from xml.etree import ElementTree

LANG_BYTE = {"en": b"\x00", "ru": b"\x01", "zh": b"\x02"}
TARGET_OF_EXT = {"srt": "fuzz_srt", "vtt": "fuzz_srt", "po": "fuzz_po", "pot": "fuzz_po", "tmx": "fuzz_tmx",
                 "srx": "fuzz_srx", "times": "fuzz_times", "tsv": "fuzz_lexicon", "dic": "fuzz_lexicon",
                 "txt": "fuzz_segment", "en": "fuzz_segment", "ru": "fuzz_segment", "zh": "fuzz_segment"}
LEXICON_BYTE = {"tsv": b"\x00", "dic": b"\x01"}  # fuzz_lexicon.c's order: tsv, dic, cedict
FLAG_BYTE_TARGETS = ("fuzz_po", "fuzz_times")  # a first byte of flags: fuzzy messages, a duration
PARAGRAPH_SEED_MAX = 4096


class Corpus:
    def __init__(self, outdir, lexicon_build):
        self.outdir = outdir
        self.lexicon_build = lexicon_build
        self.counts = {}

    def add(self, target, data):
        d = os.path.join(self.outdir, target)
        os.makedirs(d, exist_ok=True)
        name = os.path.join(d, hashlib.sha1(data).hexdigest())
        if not os.path.exists(name):
            with open(name, "wb") as f:
                f.write(data)
            self.counts[target] = self.counts.get(target, 0) + 1

    def add_text(self, lang, data):
        self.add("fuzz_segment", LANG_BYTE.get(lang, b"\x00") + data)

    def add_file_bytes(self, ext, data, lang="en"):
        target = TARGET_OF_EXT.get(ext)
        if target == "fuzz_segment":
            self.add_text(lang, data)
        elif target == "fuzz_lexicon":
            self.add(target, LEXICON_BYTE[ext] + data)
            self.add(target, b"\x02" + data)  # the same lines read as CC-CEDICT
            compiled = compile_lexicon(self.lexicon_build, ext, data)
            if compiled:
                self.add(target, b"\x03" + compiled)
        elif target == "fuzz_srx":
            self.add(target, data)
            for seed in srx_rule_seeds(data):
                self.add(target, seed)
        elif target in FLAG_BYTE_TARGETS:
            self.add(target, b"\x00" + data)
            self.add(target, b"\x01" + data)
        elif target:
            self.add(target, data)


def srx_rule_seeds(data):
    """fuzz_srx's one-rule inputs: a flag byte (break="yes": 1), BEFORE, a newline, AFTER."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return []
    seeds = []
    for rule in root.iter():
        if rule.tag.rsplit("}", 1)[-1] != "rule":
            continue
        sides = {child.tag.rsplit("}", 1)[-1]: child.text or "" for child in rule}
        flag = b"\x00" if rule.get("break") == "no" else b"\x01"
        seeds.append(flag + sides.get("beforebreak", "").encode("utf-8") + b"\n" +
                     sides.get("afterbreak", "").encode("utf-8"))
    return seeds


def compile_lexicon(tool, ext, data):
    """The fixture compiled into a .lex (en-zh), or None without the tool or when refused."""
    if not tool:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "terms." + ext), os.path.join(tmp, "terms.lex")
        with open(src, "wb") as f:
            f.write(data)
        if subprocess.run([tool, out, "en", "zh", ext, src], capture_output=True, check=False).returncode != 0:
            return None
        with open(out, "rb") as f:
            return f.read()


def bash_printf(fmt):
    return subprocess.run(["bash", "-c", 'printf "$1"', "_", fmt], capture_output=True, check=False).stdout


def bash_printf_b(text):
    return subprocess.run(["bash", "-c", 'printf %b "$1"', "_", text], capture_output=True, check=False).stdout


def bash_word(word):
    """The bytes of one shell word as written in our tests: '…' or $'…'."""
    return subprocess.run(["bash", "-c", "printf %s " + word], capture_output=True, check=False).stdout


def lang_of(name):
    for part in reversed(name.split(".")):
        if part in LANG_BYTE:
            return part
    return "en"


def from_e2e_scripts(corpus):
    printf_re = re.compile(r"""printf '([^']*)' >\s*"\$SCRATCH/([\w.-]+)\"""")
    heredoc_re = re.compile(r"""cat >\s*"\$SCRATCH/([\w.-]+)" <<-?'?(\w+)'?\s*$""")
    seg_re = re.compile(r"""^seg "[^"]*" (en|ru|zh) ('[^']*'|\$'(?:[^'\\]|\\.)*')""")
    run_in_re = re.compile(r"""run_in ('[^']*'|\$'(?:[^'\\]|\\.)*') segment --lang (en|ru|zh)""")
    for script in sorted(glob.glob("tests/e2e/*.sh")):
        with open(script, encoding="utf-8") as f:
            lines = f.read().split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            for fmt, name in printf_re.findall(line):
                corpus.add_file_bytes(name.rsplit(".", 1)[-1], bash_printf(fmt), lang_of(name))
            m = heredoc_re.search(line)
            if m:
                name, tag = m.groups()
                body = []
                i += 1
                while i < len(lines) and lines[i] != tag:
                    body.append(lines[i])
                    i += 1
                corpus.add_file_bytes(name.rsplit(".", 1)[-1], ("\n".join(body) + "\n").encode("utf-8"),
                                      lang_of(name))
            m = seg_re.search(line)
            if m:
                corpus.add_text(m.group(1), bash_word(m.group(2)))
            m = run_in_re.search(line)
            if m:
                corpus.add_text(m.group(2), bash_word(m.group(1)))
            i += 1


def from_case_files(corpus):
    """The files and segment inputs of tests/cases/*.txt, one case a block of NAME: VALUE lines."""
    for path in sorted(glob.glob("tests/cases/*.txt")):
        with open(path, encoding="utf-8") as f:
            blocks = f.read().split("\n\n")
        for block in blocks:
            fields = [line.split(":", 1) for line in block.split("\n") if re.match(r"^[a-z]+:", line)]
            args = next((v.strip() for k, v in fields if k == "args"), "")
            for key, value in fields:
                value = value.lstrip()
                if key == "file":
                    name, content = value.split("=", 1)
                    name = name.strip()
                    corpus.add_file_bytes(name.rsplit(".", 1)[-1], bash_printf_b(content[1:] if content.startswith(" ")
                                                                                   else content), lang_of(name))
                elif key == "stdin" and args.startswith("segment"):
                    lang = re.search(r"--lang (en|ru|zh)", args)
                    corpus.add_text(lang.group(1) if lang else "en", bash_printf_b(value))


def from_project_files(corpus):
    for path in sorted(glob.glob("corpus/wuzhen/*.txt") + glob.glob("tests/audio/*.txt")):
        with open(path, "rb") as f:
            text = f.read()
        seed = b""
        for para in text.split(b"\n\n"):  # paragraphs, packed into seeds of a few KB
            if seed and len(seed) + len(para) > PARAGRAPH_SEED_MAX:
                corpus.add_text(lang_of(path), seed)
                seed = b""
            seed += para + b"\n\n"
        if seed:
            corpus.add_text(lang_of(path), seed)
    for pattern in ("tmx/*.tmx", "subtitles/*.srt", "subtitles/*.vtt", "po/*.po", "po/*.pot",
                    "src/segment/rules.srx"):
        for path in sorted(glob.glob(pattern)):
            with open(path, "rb") as f:
                corpus.add_file_bytes(path.rsplit(".", 1)[-1], f.read())


def documents(corpus):
    """fuzz_doc: the sample texts as the documents tests/e2e/make_docs.py makes, each with
    the first byte of its --input-format (0: auto, as doc_read.h numbers them)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
    import make_docs
    fmt = {"html": 2, "docx": 4, "odt": 5, "md": 6}
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(glob.glob("corpus/wuzhen/keynote.*.txt")):
            paras = make_docs.paragraphs(path)
            for kind, byte in fmt.items():
                out = os.path.join(tmp, "doc." + kind)
                getattr(make_docs, {"html": "page", "md": "markdown"}.get(kind, kind))(paras, True, [(1, "A note.")], out)
                with open(out, "rb") as f:
                    data = f.read()
                corpus.add("fuzz_doc", bytes([byte]) + data)
                corpus.add("fuzz_doc", b"\x00" + data)


def recordings(corpus):
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "tone.wav")
        for rate, width, channels in ((16000, 2, 1), (8000, 1, 2), (44100, 2, 2)):
            with wave.open(wav, "wb") as w:
                w.setnchannels(channels)
                w.setsampwidth(width)
                w.setframerate(rate)
                frames = bytearray()
                for k in range(rate // 20):  # 50 ms of 440 Hz
                    v = math.sin(2 * math.pi * 440 * k / rate)
                    sample = struct.pack("<h", int(v * 12000)) if width == 2 else bytes([128 + int(v * 100)])
                    frames += sample * channels
                w.writeframes(bytes(frames))
            with open(wav, "rb") as f:
                corpus.add("fuzz_audio", f.read())
        if not shutil.which("ffmpeg"):
            return
        for ext in ("flac", "mp3", "ogg", "m4a"):
            out = os.path.join(tmp, "tone." + ext)
            subprocess.run(["ffmpeg", "-v", "quiet", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=0.1",
                            "-ar", "16000", out], check=False)
            if os.path.exists(out):
                with open(out, "rb") as f:
                    corpus.add("fuzz_audio", f.read())


def batch_files(corpus):
    """fuzz_manifest: manifests (first byte 0) and report lines (first byte 1), good and bad."""
    manifests = [
        "id\ten\tzh\tru\narticle\tarticle.en.txt\tarticle.zh.txt\tarticle.ru.txt\n",
        "# sets\r\nID\ten-GB\tzh-CN\r\n\na\ta.en\ta.zh \r\nb\ta.en\nb\t../x.en\t/etc/hostname\n.x\ta\tb\n",
        "id\ten\tklingon!\n", "a\tb\tc\n", "id\ten\tzh\n\n",
    ]
    for m in manifests:
        corpus.add("fuzz_manifest", b"\x00" + m.encode("utf-8"))
    lines = [
        '{"set":3,"sets":9,"line":5,"id":"a","files":["a.en","a.zh"],"langs":["en-GB","zh-CN"],'
        '"sentences":{"en-GB":12,"zh-CN":11},"beads":10,"mean_confidence":0.9123,"doubtful":1,"units":9,'
        '"seconds":0.123,"tmx":"docs/a.tmx","shard":"1/4","warnings":["w"],"error":null}',
        '{"set":1,"sets":2,"id":null,"files":[null,null],"langs":["en-US","zh-CN"],"seconds":0.0,"tmx":null,'
        '"error":"a.zh: No such file or directory"}',
        '{"set":3,"sets":2,"files":[]}', "[1,2,3]", "nonsense",
    ]
    for line in lines:
        corpus.add("fuzz_manifest", b"\x01" + line.encode("utf-8"))


def review_tables(corpus):
    """fuzz_review_table: review tables as align --format tsv writes them and as a
    spreadsheet saves them back (quoted cells with tabs and line breaks, CRLF, a BOM, a
    document column, empty scores), and broken ones."""
    tables = [
        "id\tscore\tflag\ten-US\tzh-CN\n1\t0.9998\t\tWuzhen summit.\t乌镇峰会。\n2\t0.41\tdoubtful\tA.\t\n",
        "\ufeffid\tscore\tflag\tdocument\ten-GB\tru-RU\tzh-CN\r\n1\t\t\ta.txt\t\"Two\tcells\"\t\"line\r\nbreak\"\t好\r\n",
        "id\tscore\tflag\ten\tru\n1\t1.5\t\ta\tb\n", "id\tscore\ten\n", "\"unclosed\tquote\n",
        "id\tscore\tflag\ten\tzh\n1\tnan\t\ta\tb\n\n\n3\t0\t\t\t\n",
    ]
    for t in tables:
        corpus.add("fuzz_review_table", t.encode("utf-8"))


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    corpus = Corpus(argv[1], argv[2] if len(argv) == 3 else None)
    from_e2e_scripts(corpus)
    from_case_files(corpus)
    from_project_files(corpus)
    documents(corpus)
    recordings(corpus)
    batch_files(corpus)
    review_tables(corpus)
    for target in sorted(corpus.counts):
        print(f"seeds: {target}: {corpus.counts[target]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
