#!/usr/bin/env -S deno run --allow-run=python3 --allow-read=bench --allow-write=bench/results.json
/**
 * Side by side, in one run on one machine: urlsplit and urlunsplit against
 * python3's (timed inside python3 with time.perf_counter over the same
 * strings), parseQs against the same record built from URLSearchParams and
 * against python3's parse_qs, and quote / unquote against
 * encodeURIComponent / decodeURIComponent on ASCII-heavy and unicode-heavy
 * texts apart. Each ratio is the peer's time per operation divided by
 * ours, so above 1.0 means wirework is faster; the verdicts print and the
 * figures go to bench/results.json.
 *
 * ```sh
 * deno run --allow-run=python3 --allow-read=bench --allow-write=bench/results.json bench/url_compare.ts
 * ```
 */
import process from "node:process";
import { parseQs, quote, unquote, urlsplit, urlunsplit } from "../url/mod.ts";
import { type Comparison, recordComparisons } from "./_results.ts";
import {
  asciiTextCorpus,
  queryCorpus,
  recordFromSearchParams,
  unicodeTextCorpus,
  urlCorpus,
} from "./url_corpus.ts";

const ROUNDS = 200;
const BATCHES = 40;

/** Milliseconds of CPU this process has used: steadier than wall time on a shared machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * One pass over the inputs, returning something derived from every answer
 * so nothing is optimised away. Each comparison writes its own loops, so
 * every call site sees one function and is inlined as in a program.
 */
type Loop<T> = (inputs: T[]) => number;

/**
 * Nanoseconds per call of `ours` and of `peer` over `inputs`: batches of
 * each, taken in turn so both see the same load, best batch of each.
 */
function duel<T>(inputs: T[], ours: Loop<T>, peer: Loop<T>): [number, number] {
  let sink = 0;
  const run = (loop: Loop<T>, rounds: number): number => {
    const start = cpuMs();
    for (let round = 0; round < rounds; round++) sink ^= loop(inputs);
    return ((cpuMs() - start) * 1e6) / (rounds * inputs.length);
  };
  run(ours, 30);
  run(peer, 30);
  let bestOurs = Infinity;
  let bestPeer = Infinity;
  for (let batch = 0; batch < BATCHES; batch++) {
    bestOurs = Math.min(bestOurs, run(ours, ROUNDS / BATCHES));
    bestPeer = Math.min(bestPeer, run(peer, ROUNDS / BATCHES));
  }
  if (sink === 42) console.log("");
  return [bestOurs, bestPeer];
}

/** Nanoseconds per call of one loop, best of the batches. */
function time<T>(inputs: T[], loop: Loop<T>): number {
  return duel(inputs, loop, () => 0)[0];
}

/** python3's ns per call of `call` (an expression of `x`) over `inputs`. */
async function pythonTime(
  setup: string,
  call: string,
  inputs: unknown[],
): Promise<number | string> {
  const script = `
import sys, json, time, urllib.parse as up
inputs = json.loads(sys.stdin.read())
${setup}
rounds = ${ROUNDS} // ${BATCHES}
for x in inputs:
    ${call}
best = float("inf")
for batch in range(${BATCHES}):
    start = time.process_time()
    for _ in range(rounds):
        for x in inputs:
            ${call}
    best = min(best, (time.process_time() - start) * 1e9 / (rounds * len(inputs)))
print(best)
`;
  try {
    const child = new Deno.Command("python3", {
      args: ["-c", script],
      stdin: "piped",
      stdout: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(inputs)));
    await writer.close();
    const { success, stdout } = await child.output();
    if (!success) return "python3 failed";
    return Number(new TextDecoder().decode(stdout));
  } catch (error) {
    return `python3 unavailable: ${(error as Error).message}`;
  }
}

function compare(
  id: string,
  title: string,
  ours: number,
  peer: number,
  peerName: string,
  target: number | undefined,
): Comparison {
  const comparison: Comparison = {
    id,
    title,
    ratio: peer / ours,
    peer: peerName,
    figures: { wirework: ours, [peerName]: peer },
    unit: "ns/op",
  };
  if (target !== undefined) comparison.target = target;
  return comparison;
}

/** Runs every comparison, prints the verdicts and records the figures. */
export async function main(): Promise<void> {
  const urls = urlCorpus();
  const parts = urls.map((url) => [...urlsplit(url)]);
  const queries = queryCorpus();
  const ascii = asciiTextCorpus();
  const unicode = unicodeTextCorpus();
  console.log(
    `url/ side by side: ${urls.length} URLs, ${queries.length} queries, ${ascii.length} + ${unicode.length} texts, per-op times (Deno ${Deno.version.deno})`,
  );
  const comparisons: Comparison[] = [];
  const skipped: string[] = [];

  const split = time(urls, (inputs) => {
    let n = 0;
    for (const url of inputs) n += urlsplit(url).path.length;
    return n;
  });
  const pythonSplit = await pythonTime("", "up.urlsplit(x)", urls);
  const unsplit = time(parts, (inputs) => {
    let n = 0;
    for (const p of inputs) n += urlunsplit(p).length;
    return n;
  });
  const pythonUnsplit = await pythonTime(
    "inputs = [tuple(p) for p in inputs]",
    "up.urlunsplit(x)",
    parts,
  );
  const parseQsLoop = (inputs: string[]): number => {
    let n = 0;
    for (const q of inputs) n += Object.keys(parseQs(q)).length;
    return n;
  };
  const qs = time(queries, parseQsLoop);
  const pythonQs = await pythonTime("", "up.parse_qs(x)", queries);
  for (
    const [id, title, ours, python] of [
      [
        "url.urlsplit.python3",
        "urlsplit vs python3 urllib.parse.urlsplit",
        split,
        pythonSplit,
      ],
      [
        "url.urlunsplit.python3",
        "urlunsplit vs python3 urllib.parse.urlunsplit",
        unsplit,
        pythonUnsplit,
      ],
      [
        "url.parse_qs.python3",
        "parseQs vs python3 urllib.parse.parse_qs",
        qs,
        pythonQs,
      ],
    ] as const
  ) {
    if (typeof python === "number") {
      comparisons.push(compare(id, title, ours, python, "python3", 3));
    } else {
      skipped.push(`${title}: skipped (${python})`);
    }
  }
  const [qsOurs, qsPeer] = duel(queries, parseQsLoop, (inputs) => {
    let n = 0;
    for (const q of inputs) n += Object.keys(recordFromSearchParams(q)).length;
    return n;
  });
  comparisons.push(
    compare(
      "url.parse_qs.url_search_params",
      "parseQs vs a record built from URLSearchParams",
      qsOurs,
      qsPeer,
      "URLSearchParams",
      1.5,
    ),
  );
  // The target is on the mix (both kinds of text, one of each in turn);
  // each kind is reported apart as well.
  const mix = ascii.flatMap((text, i) => [text, unicode[i]!]);
  for (
    const [label, texts, target] of [
      ["ascii", ascii, undefined],
      ["unicode", unicode, undefined],
      ["mix", mix, 1.0],
    ] as const
  ) {
    const quoted = texts.map((text) => quote(text));
    const what = label === "mix"
      ? "the mix of ASCII-heavy and unicode-heavy texts"
      : `${label}-heavy texts`;
    const [quoteOurs, quotePeer] = duel(texts, (inputs) => {
      let n = 0;
      for (const text of inputs) n += quote(text).length;
      return n;
    }, (inputs) => {
      let n = 0;
      for (const text of inputs) n += encodeURIComponent(text).length;
      return n;
    });
    const [unquoteOurs, unquotePeer] = duel(quoted, (inputs) => {
      let n = 0;
      for (const text of inputs) n += unquote(text).length;
      return n;
    }, (inputs) => {
      let n = 0;
      for (const text of inputs) n += decodeURIComponent(text).length;
      return n;
    });
    comparisons.push(
      compare(
        `url.quote.${label}`,
        `quote vs encodeURIComponent, ${what}`,
        quoteOurs,
        quotePeer,
        "encodeURIComponent",
        target,
      ),
      compare(
        `url.unquote.${label}`,
        `unquote vs decodeURIComponent, ${what}`,
        unquoteOurs,
        unquotePeer,
        "decodeURIComponent",
        target,
      ),
    );
  }
  for (const line of skipped) console.log(line);
  await recordComparisons("bench:url", comparisons);
}

if (import.meta.main) await main();
