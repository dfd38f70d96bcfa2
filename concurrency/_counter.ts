/**
 * The logic of the lost-update demo (`counter_demo.ts`, and the
 * concurrency section of `deno task demo`).
 *
 * @module
 */

import { Lock } from "./lock.ts";
import { spawn, type WorkerHandle } from "./spawn.ts";

/** Options for {@linkcode countWithAndWithoutLock}. */
export interface CounterDemoOptions {
  /** How many workers increment. Defaults to 4. */
  workers?: number;
  /** Increments per worker. Defaults to 200,000. */
  increments?: number;
  /**
   * Called about ten times a second while a round runs, and once when it
   * ends, with the round (`"without"` or `"with"` the lock), the counter's
   * value and the total a correct count reaches.
   */
  onProgress?: (
    round: "without" | "with",
    count: number,
    expected: number,
  ) => void;
}

/** The totals {@linkcode countWithAndWithoutLock} measured. */
export interface CounterDemoResult {
  /** What a correct count reaches: workers x increments. */
  expected: number;
  /** The total without the lock (lost updates make it lower). */
  withoutLock: number;
  /** The total with the lock (always `expected`). */
  withLock: number;
}

const WORKER = new URL("./_counter_worker.ts", import.meta.url);

async function runRound(
  workers: number,
  increments: number,
  lock: Lock | null,
  onProgress?: (count: number) => void,
): Promise<number> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  // [ready, go]: the workers spin at this gate so they start together.
  const gate = new Int32Array(new SharedArrayBuffer(8));
  const handles: WorkerHandle<number>[] = [];
  try {
    for (let i = 0; i < workers; i++) {
      handles.push(
        spawn<number>(WORKER, {
          args: [counter, lock, increments, gate],
          name: `counter-${i}`,
        }),
      );
    }
    const deadline = performance.now() + 30_000;
    while (Atomics.load(gate, 0) < workers && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    Atomics.store(gate, 1, 1);
    const ticker = onProgress === undefined
      ? undefined
      : setInterval(() => onProgress(Atomics.load(counter, 0)), 100);
    try {
      await Promise.all(handles.map((handle) => handle.result));
    } finally {
      clearInterval(ticker);
    }
    onProgress?.(Atomics.load(counter, 0));
    return counter[0]!;
  } finally {
    for (const handle of handles) handle.terminate();
  }
}

/**
 * Runs the demo's two rounds: `workers` workers each add 1 to a shared
 * counter `increments` times, without and then with a `Lock`.
 *
 * @param options How many workers and increments.
 * @returns The expected total and the two measured ones.
 * @throws {RangeError} When a count is not a whole number >= 1.
 */
export async function countWithAndWithoutLock(
  options: CounterDemoOptions = {},
): Promise<CounterDemoResult> {
  const workers = options.workers ?? 4;
  const increments = options.increments ?? 200_000;
  for (
    const [name, value] of [["workers", workers], [
      "increments",
      increments,
    ]] as const
  ) {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new RangeError(
        `Cannot run the counter demo with ${name} "${value}": it must be a whole number >= 1`,
      );
    }
  }
  const expected = workers * increments;
  const progress = options.onProgress;
  const report = (round: "without" | "with") =>
    progress === undefined
      ? undefined
      : (count: number) => progress(round, count, expected);
  const withoutLock = await runRound(
    workers,
    increments,
    null,
    report("without"),
  );
  const withLock = await runRound(
    workers,
    increments,
    new Lock({ name: "counter" }),
    report("with"),
  );
  return { expected, withoutLock, withLock };
}

/**
 * Prints the demo's totals.
 *
 * @param result What {@linkcode countWithAndWithoutLock} returned.
 * @param workers How many workers ran.
 */
export function printCounterDemo(
  result: CounterDemoResult,
  workers: number,
): void {
  const lost = result.expected - result.withoutLock;
  console.log(
    `${workers} workers incrementing one shared counter, expected total ${
      result.expected.toLocaleString("en")
    }:`,
  );
  console.log(
    `  without a lock: ${result.withoutLock.toLocaleString("en")}  (${
      lost.toLocaleString("en")
    } updates lost to races)`,
  );
  console.log(
    `  with Lock:      ${result.withLock.toLocaleString("en")}  (exact)`,
  );
}
