#!/usr/bin/env -S deno run
/**
 * The cost of an interrupt check on the uncontended `Lock` path (target: at most 1.05x the same path without it), printed as ratios from
 * one run with the variants interleaved round by round:
 *
 * - shipped: `lock.acquire(); lock.release();` as it ships. Its fast path
 *   is one compare-and-swap and has no interrupt check (nor the owner-death
 *   check, which lives on the contended path only), as Java's `lock()`: an
 *   interrupt is seen by the next wait, so this ratio is 1.00x by design;
 * - inline check: the same plus the one atomic load a check on the fast path
 *   would cost (`Atomics.load` of the thread's interrupt word, index cached);
 * - checkInterrupt(): the same plus a call of the public `checkInterrupt()`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { checkInterrupt, Lock } from "../concurrency/mod.ts";
import { currentSlotBase, Slot, words } from "../concurrency/_runtime.ts";
import { recordComparisons } from "./_results.ts";

const HELP =
  `Usage: deno run --allow-read=bench --allow-write=bench/results.json bench/interrupt_check_cost.ts [options]

Options:
  --iterations <n>  acquire+release pairs per round (default 1000000)
  --rounds <n>      rounds; each variant's median round is kept (default 15)
  -h, --help        show this help`;

type Variant = (lock: Lock, n: number) => void;

const view = words();
const interruptWord = currentSlotBase() + Slot.INTERRUPT;

const variants: Record<string, Variant> = {
  shipped: (lock, n) => {
    for (let i = 0; i < n; i++) {
      lock.acquire();
      lock.release();
    }
  },
  "inline check": (lock, n) => {
    for (let i = 0; i < n; i++) {
      if (Atomics.load(view, interruptWord) !== 0) checkInterrupt();
      lock.acquire();
      lock.release();
    }
  },
  "checkInterrupt()": (lock, n) => {
    for (let i = 0; i < n; i++) {
      checkInterrupt();
      lock.acquire();
      lock.release();
    }
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs the rounds and prints ns per pair and each ratio to the shipped path. */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      iterations: { type: "string", default: "1000000" },
      rounds: { type: "string", default: "15" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const iterations = Number(values.iterations);
  const rounds = Number(values.rounds);
  const lock = new Lock();
  const samples: Record<string, number[]> = {};
  for (const name of Object.keys(variants)) {
    variants[name]!(lock, 100_000); // warm up
    samples[name] = [];
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const start = performance.now();
      run(lock, iterations);
      samples[name]!.push((performance.now() - start) * 1e6 / iterations);
    }
  }
  const base = median(samples.shipped!);
  console.log(
    `uncontended Lock acquire+release, ${iterations} pairs x ${rounds} rounds (median round)`,
  );
  for (const name of Object.keys(variants)) {
    const ns = median(samples[name]!);
    console.log(
      `${name.padEnd(18)} ${ns.toFixed(2).padStart(7)} ns/pair  ${
        (ns / base).toFixed(3)
      }x shipped`,
    );
  }
  console.log(
    "The shipped fast path has no check, so it costs nothing there; the rows above show what one would cost",
  );
  await recordComparisons("bench:interrupt", [{
    id: "concurrency.interrupt.inline_check_cost",
    title: "Uncontended Lock path with an inline interrupt check vs as shipped",
    ratio: median(samples["inline check"]!) / base,
    direction: "at-most",
    peer: "shipped",
    figures: {
      "inline check": median(samples["inline check"]!),
      shipped: base,
    },
    unit: "ns",
    remark:
      "Why the fast path has no check: an interrupt is seen by the next wait",
  }]);
}

if (import.meta.main) await main(Deno.args);
