// sentencex_segment.mjs LANG — the sentencex row of `make eval` (scripts/eval_segment.py):
// segments standard input with Wikimedia's sentencex (npm) and prints one sentence per
// line. `--probe` only checks that the package loads (exit 1 when it does not, and the
// row is skipped with a message). `make eval` installs it with npm into build/npm.
// The package is looked for where `make eval` installs it (build/npm, beside the build),
// then where node itself would find it.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const places = [path.join(here, "..", "build", "npm", "package.json")];
let segment;
for (const place of places) {
  try {
    ({ segment } = createRequire(place)("sentencex"));
    break;
  } catch (e) {
    /* not there */
  }
}
if (!segment) {
  try {
    ({ segment } = await import("sentencex"));
  } catch (e) {
    process.exit(1);
  }
}
if (process.argv[2] === "--probe") process.exit(0);
const lang = process.argv[2];
let text = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) text += chunk;
for (const s of segment(lang, text)) process.stdout.write(s.replace(/\n/g, " ") + "\n");
