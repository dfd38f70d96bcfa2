/**
 * What thread dumps cost, in one run: the uncontended `Lock`
 * acquire+release with stack capture off and on (the fast path has no dump
 * code: target ≤ 1.02x), what one park pays to record its stack when
 * `captureStacks` is on (reported, no target), and how long `threadDump()`
 * plus `formatThreadDump()` take over 64 threads, 63 of them workers parked
 * on an `Event` (target < 5 ms).
 *
 * ```sh
 * deno run --allow-read=. --allow-write=bench/results.json bench/thread_dump_cost.ts [--iterations 1000000] [--rounds 9]
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  configure,
  Event,
  formatThreadDump,
  Lock,
  spawn,
  threadDump,
  type WorkerHandle,
} from "../concurrency/mod.ts";
import { park, WaitKind, type WaitRecord } from "../concurrency/_park.ts";
import { allocateWords } from "../concurrency/_runtime.ts";
import { type Comparison, recordComparisons } from "./_results.ts";

const WORKER_SOURCE = `import { Event } from ${
  JSON.stringify(new URL("../concurrency/mod.ts", import.meta.url).href)
};
export default (event) => event.wait({ timeout: 60000 });`;

/** Nanoseconds per acquire+release of `lock`, over `iterations`. */
function lockPath(lock: Lock, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    lock.acquire();
    lock.release();
  }
  return (performance.now() - start) * 1e6 / iterations;
}

const RECORD: WaitRecord = { kind: WaitKind.SLEEP, primitive: 0 };

/**
 * Nanoseconds per park that returns at once (the word already differs):
 * recording the park, with or without its stack, and clearing it.
 */
function parkCost(word: number, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) park(word, 1, 1000, RECORD);
  return (performance.now() - start) * 1e6 / iterations;
}

async function dumpTime(rounds: number): Promise<number> {
  const event = new Event({ name: "never" });
  const url = `data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`;
  const workers: WorkerHandle<boolean>[] = [];
  try {
    for (let i = 0; i < 63; i++) {
      workers.push(spawn<boolean>(url, { name: `parked-${i}`, args: [event] }));
    }
    const deadline = performance.now() + 120_000;
    const parked = (): number =>
      threadDump({ includeEnded: false }).threads.filter((thread) =>
        thread.state === "parked"
      ).length;
    while (parked() < 63) {
      if (performance.now() > deadline) {
        throw new Error("The 63 workers did not park within 120 s");
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    let best = Infinity;
    let lines = 0;
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      const text = formatThreadDump(threadDump({ includeEnded: false }));
      best = Math.min(best, performance.now() - start);
      lines = text.split("\n").length;
    }
    console.log(`dump of 64 threads: ${lines} lines`);
    return best;
  } finally {
    event.set();
    for (const worker of workers) worker.terminate();
  }
}

/** Runs the benchmark and records its figures. */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      iterations: { type: "string", default: "1000000" },
      rounds: { type: "string", default: "9" },
    },
  });
  const iterations = Number(values.iterations);
  const rounds = Number(values.rounds);
  const lock = new Lock({ name: "measured" });
  const word = allocateWords(1, "the benchmark's park word");
  const parks = Math.max(1000, Math.floor(iterations / 50));
  const lockBest = [Infinity, Infinity];
  const parkBest = [Infinity, Infinity];
  const previous = configure();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [i, captureStacks] of [false, true].entries()) {
        configure({ captureStacks });
        lockBest[i] = Math.min(lockBest[i]!, lockPath(lock, iterations));
        parkBest[i] = Math.min(parkBest[i]!, parkCost(word, parks));
      }
    }
  } finally {
    configure(previous);
  }
  const dumpMs = await dumpTime(rounds);
  console.log(`uncontended Lock acquire+release, best of ${rounds}:`);
  console.log(`  stacks off  ${lockBest[0]!.toFixed(1)} ns`);
  console.log(`  stacks on   ${lockBest[1]!.toFixed(1)} ns`);
  console.log(`a park that returns at once, best of ${rounds} x ${parks}:`);
  console.log(`  stacks off  ${parkBest[0]!.toFixed(0)} ns`);
  console.log(`  stacks on   ${parkBest[1]!.toFixed(0)} ns`);
  console.log(`threadDump() + formatThreadDump(), 64 threads: ${dumpMs} ms`);
  const comparisons: Comparison[] = [
    {
      id: "concurrency.thread_dump.lock_path",
      title:
        "Lock acquire+release with captureStacks on vs off (no dump code on the fast path)",
      ratio: lockBest[1]! / lockBest[0]!,
      target: 1.02,
      direction: "at-most",
      peer: "captureStacks off",
      figures: { on: lockBest[1]!, off: lockBest[0]! },
      unit: "ns/op",
    },
    {
      id: "concurrency.thread_dump.stack_per_park",
      title: "What captureStacks adds to one park (stack captured and copied)",
      ratio: (parkBest[1]! - parkBest[0]!) / 1000,
      scale: "µs",
      peer: "captureStacks off",
      figures: { on: parkBest[1]!, off: parkBest[0]! },
      unit: "ns/park",
    },
    {
      id: "concurrency.thread_dump.dump_64",
      title: "threadDump() + formatThreadDump() over 64 threads (63 parked)",
      ratio: dumpMs,
      target: 5,
      scale: "ms",
      direction: "at-most",
      peer: "a 5 ms bound",
    },
  ];
  await recordComparisons("bench:deadlock", comparisons);
}

if (import.meta.main) await main(Deno.args);
