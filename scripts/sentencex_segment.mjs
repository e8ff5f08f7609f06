// sentencex_segment.mjs LANG — the sentencex row of `make eval` (scripts/eval_segment.py):
// segments standard input with Wikimedia's sentencex (npm) and prints one sentence per
// line. `--probe` only checks that the package loads (exit 1 when it does not, and the
// row is skipped with a message).
let segment;
try {
  ({ segment } = await import("sentencex"));
} catch (e) {
  process.exit(1);
}
if (process.argv[2] === "--probe") process.exit(0);
const lang = process.argv[2];
let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;
for (const s of segment(lang, text)) process.stdout.write(s.replace(/\n/g, " ") + "\n");
