/**
 * Time from the moment a two-worker lock cycle closes to the `DeadlockError`,
 * median over many deadlocks. Two workers run in lockstep; in
 * each round each takes one lock of a fresh pair, they meet, and each takes
 * the other's lock: the later of the two "about to take the second lock"
 * times is when the cycle closes, and the victim notes when its error
 * arrives. Clocks are `performance.timeOrigin + performance.now()` in each
 * worker. Target: median under 20 ms.
 *
 * ```sh
 * deno run --allow-read=. --allow-write=bench/results.json bench/deadlock_latency.ts [--deadlocks 100]
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Barrier, Lock, spawn } from "../concurrency/mod.ts";
import { recordComparisons } from "./_results.ts";

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Runs the benchmark and prints the median, p90 and maximum. */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { deadlocks: { type: "string", default: "100" } },
  });
  const count = Number(values.deadlocks);
  const a = Array.from(
    { length: count },
    (_, i) => new Lock({ name: `a${i}` }),
  );
  const b = Array.from(
    { length: count },
    (_, i) => new Lock({ name: `b${i}` }),
  );
  const barrier = new Barrier(2);
  const times = new Float64Array(new SharedArrayBuffer(count * 3 * 8));
  const url = new URL("./_deadlock_latency_worker.ts", import.meta.url);
  const workers = [
    spawn<number>(url, { name: "X", args: [a, b, barrier, times, 0] }),
    spawn<number>(url, { name: "Y", args: [b, a, barrier, times, 1] }),
  ];
  try {
    const errors = await Promise.all(workers.map((worker) => worker.result));
    const latencies: number[] = [];
    for (let round = 0; round < count; round++) {
      const closed = Math.max(times[3 * round]!, times[3 * round + 1]!);
      latencies.push(times[3 * round + 2]! - closed);
    }
    latencies.sort((x, y) => x - y);
    const median = percentile(latencies, 0.5);
    console.log(
      `${count} two-worker deadlocks (${
        errors[0]! + errors[1]!
      } DeadlockErrors): cycle closed -> DeadlockError`,
    );
    console.log(
      `  median ${median.toFixed(1)} ms, p90 ${
        percentile(latencies, 0.9).toFixed(1)
      } ms, max ${latencies.at(-1)!.toFixed(1)} ms, min ${
        latencies[0]!.toFixed(1)
      } ms`,
    );
    await recordComparisons("bench:deadlock", [{
      id: "concurrency.deadlock.latency",
      title: `Two-worker cycle closed to DeadlockError, median of ${count}`,
      ratio: median,
      scale: "ms",
      target: 20,
      direction: "at-most",
      peer: "median",
      figures: {
        median,
        p90: percentile(latencies, 0.9),
        max: latencies.at(-1)!,
      },
      unit: "ms",
    }]);
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

if (import.meta.main) await main(Deno.args);
