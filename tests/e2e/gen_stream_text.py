#!/usr/bin/env python3
"""gen_stream_text.py OUT KILOBYTES [--no-blank-lines] — a text for the block-reading tests
of `polyalign segment` (test_segment_stream.sh).

Hard-wrapped paragraphs and paragraphs on one line, in English, Russian and Chinese,
with what makes a block boundary dangerous: sentences wrapped over lines, CRLF line
ends, quotations and brackets across lines, abbreviations and initials whose evidence
is counted over the whole document, blank lines made of spaces, runs of several blank
lines, very long paragraphs. Deterministic (seeded), so a failure can be reproduced.
With --no-blank-lines the text has no paragraph break at all: one wrapped paragraph."""
import random
import sys

out, kb = sys.argv[1], int(sys.argv[2])
no_blank = "--no-blank-lines" in sys.argv[3:]
rng = random.Random(15)
sentences = [
    "Mr. Smith met Dr. Jones at 5 p.m. in the U.S. embassy.",
    "The approx. cost was 3.50 dollars, i.e. cheap.",
    "He said \"Stop. Go home.\" and left the room.",
    "Gov. Brown signed it. Gov. officials agreed.",
    "J. R. R. Tolkien wrote it in 1937.",
    "Really? Yes! Fine.",
    "The results (see Fig. 3. below) were clear.",
    "Это было в 1999 г. в Москве.",
    "Писатель Л. Н. Толстой родился в Ясной Поляне.",
    "«Ты придёшь? — спросила мама. — Завтра?»",
    "В 1990-1995 гг. Смирнов работал в г. Томске.",
    "今天天气很好。",
    "“我们很接近了。”他说。",
    "他读了《你好。世界》这本书。",
    "Thanks Sean Here you go",
    "see you at 08:28 AM Enron",
]


def paragraph():
    words = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 40))).split(" ")
    if rng.random() < 0.5:  # hard-wrapped
        lines, line = [], ""
        for w in words:
            if line and len(line) + len(w) > rng.choice((36, 72)):
                lines.append(line)
                line = ""
            line = (line + " " + w).strip()
        lines.append(line)
        nl = "\r\n" if rng.random() < 0.2 else "\n"
        return nl.join(lines)
    return " ".join(words)


parts, size = [], 0
while size < kb * 1024:
    p = paragraph()
    if no_blank:
        sep = "\n"
    else:
        sep = rng.choice(["\n\n", "\n\n", "\n\n\n", "\n   \n", "\r\n\r\n"])
        if rng.random() < 0.01:  # a very long paragraph: more than a small block
            p = " ".join(paragraph() for _ in range(200))
    parts.append(p + sep)
    size += len((p + sep).encode("utf-8"))
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("".join(parts))
