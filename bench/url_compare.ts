#!/usr/bin/env -S deno run --allow-run=python3
/**
 * Side by side, in one run on one machine: parseQs against the same record
 * built from URLSearchParams and against Python's urllib.parse.parse_qs
 * (timed inside python3 with time.perf_counter over the same strings), and
 * quote / unquote against encodeURIComponent / decodeURIComponent. Prints
 * each comparison as a ratio: the peer's time per operation divided by
 * ours, so above 1.0 means wirework is faster.
 *
 * ```sh
 * deno run --allow-run=python3 bench/url_compare.ts
 * ```
 */
import { parseQs, quote, unquote } from "../url/mod.ts";
import {
  queryCorpus,
  recordFromSearchParams,
  textCorpus,
} from "./url_corpus.ts";

const ROUNDS = 200;

/** Nanoseconds per call of `fn` over `inputs`, best of five timed batches. */
function time<T>(inputs: T[], fn: (input: T) => unknown): number {
  let sink = 0;
  for (let warm = 0; warm < 20; warm++) {
    for (const input of inputs) sink ^= fn(input) === undefined ? 1 : 0;
  }
  let best = Infinity;
  for (let batch = 0; batch < 5; batch++) {
    const start = performance.now();
    for (let round = 0; round < ROUNDS / 5; round++) {
      for (const input of inputs) sink ^= fn(input) === undefined ? 1 : 0;
    }
    const elapsed = performance.now() - start;
    best = Math.min(best, (elapsed * 1e6) / ((ROUNDS / 5) * inputs.length));
  }
  if (sink === 42) console.log("");
  return best;
}

async function pythonParseQs(queries: string[]): Promise<number | string> {
  const script = `
import sys, json, time, urllib.parse as up
queries = json.loads(sys.stdin.read())
rounds = ${ROUNDS}
for qs in queries:
    up.parse_qs(qs)
best = float("inf")
for batch in range(5):
    start = time.perf_counter()
    for _ in range(rounds // 5):
        for qs in queries:
            up.parse_qs(qs)
    best = min(best, (time.perf_counter() - start) * 1e9 / ((rounds // 5) * len(queries)))
print(best)
`;
  try {
    const child = new Deno.Command("python3", {
      args: ["-c", script],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(queries)));
    await writer.close();
    const { success, stdout } = await child.output();
    if (!success) return "python3 failed";
    return Number(new TextDecoder().decode(stdout));
  } catch (error) {
    return `python3 unavailable: ${(error as Error).message}`;
  }
}

function row(label: string, ours: number, peer: number, target?: number) {
  const ratio = peer / ours;
  const verdict = target === undefined
    ? ""
    : ratio >= target
    ? `  target >= ${target.toFixed(1)}x: met`
    : `  target >= ${target.toFixed(1)}x: MISSED`;
  console.log(
    `${label.padEnd(46)} ${ours.toFixed(0).padStart(6)} ns  vs ${
      peer.toFixed(0).padStart(6)
    } ns  ratio ${ratio.toFixed(2)}x${verdict}`,
  );
}

/** Runs every comparison and prints one line each. */
export async function main(): Promise<void> {
  const queries = queryCorpus();
  const texts = textCorpus();
  const quoted = texts.map((text) => quote(text));
  console.log(
    `url/ side by side: ${queries.length} queries, ${texts.length} texts, per-op times (Deno ${Deno.version.deno})`,
  );
  const ours = time(queries, parseQs);
  const searchParams = time(queries, recordFromSearchParams);
  row("parseQs vs URLSearchParams into a record", ours, searchParams, 1.0);
  const python = await pythonParseQs(queries);
  if (typeof python === "number") {
    row("parseQs vs python3 urllib.parse.parse_qs", ours, python, 3.0);
  } else {
    console.log(`parseQs vs python3 parse_qs: skipped (${python})`);
  }
  row(
    "quote vs encodeURIComponent",
    time(texts, (t) => quote(t)),
    time(texts, encodeURIComponent),
  );
  row(
    "unquote vs decodeURIComponent",
    time(quoted, (t) => unquote(t)),
    time(quoted, decodeURIComponent),
  );
}

if (import.meta.main) await main();
