/**
 * The product speaks of itself only: no reference to how it was made
 * (tracker numbers, the names of the material it started from or of the
 * work periods it was built in) in its code,
 * comments, output, README or docs, where a reader has no idea what they
 * mean. Tests may name a random generator's fixed start value a seed, as
 * test code commonly does; everything else is held to the rule.
 */

import assert from "node:assert/strict";
import { ROOT } from "./_helpers/package.ts";

/** Words of how the package was made, each with what to say instead. */
const PROCESS_WORDS: readonly { pattern: RegExp; testsMay?: boolean }[] = [
  { pattern: /\bissues? #\d/i },
  { pattern: /#\d+:/ },
  { pattern: /\(#\d+\)/ },
  { pattern: /\bseed\b/i, testsMay: true },
  { pattern: /\bsession\b/i },
];

/** Folders that hold no product text: git's, caches, outside material, builds. */
const SKIPPED = new Set([
  ".git",
  ".deno",
  "node_modules",
  "coverage",
  "tests/net/fixtures",
  // What test:node builds from the sources, which are checked themselves.
  "tests/node/.build",
  // Node.js peers of the benchmarks (npm ci), and what bench:pool builds.
  "bench/node/node_modules",
  "bench/.out",
]);

/** This file names the words it looks for. */
const SELF = "tests/package_words_test.ts";

async function* textFiles(folder: URL, relative = ""): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(folder)) {
    const path = relative + entry.name;
    if (SKIPPED.has(path)) continue;
    if (entry.isDirectory) {
      yield* textFiles(new URL(`${entry.name}/`, folder), `${path}/`);
    } else if (entry.isFile && !/\.(png|jpe?g|gif|ico|wasm)$/.test(path)) {
      yield path;
    }
  }
}

/** Finds every line of the package that uses a process word. */
async function findProcessWords(): Promise<string[]> {
  const found: string[] = [];
  for await (const path of textFiles(ROOT)) {
    if (path === SELF) continue;
    const bytes = await Deno.readFile(new URL(path, ROOT));
    if (bytes.includes(0)) continue; // binary
    const inTests = path.startsWith("tests/");
    const lines = new TextDecoder().decode(bytes).split("\n");
    lines.forEach((line, index) => {
      for (const { pattern, testsMay } of PROCESS_WORDS) {
        if (testsMay && inTests) continue;
        const match = line.match(pattern);
        if (match) {
          found.push(`${path}:${index + 1}: "${match[0]}" in ${line.trim()}`);
          break;
        }
      }
    });
  }
  return found;
}

Deno.test("no file of the package speaks of how it was made (issue numbers, seed, session)", async () => {
  const found = await findProcessWords();
  assert.equal(
    found.length,
    0,
    `Reword these in the package's own terms:\n${found.join("\n")}`,
  );
});
