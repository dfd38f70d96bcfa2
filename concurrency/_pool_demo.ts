/**
 * The logic of `pool_demo.ts`: counts the primes below a limit, split in
 * chunks across a `WorkerPool`, reporting progress, and cancelling
 * cooperatively: a cancel interrupts the running chunks, whose workers stop
 * at their next `checkInterrupt()` and stay in the pool.
 *
 * @module
 */

import { Barrier } from "./barrier.ts";
import { WorkerPool } from "./worker_pool.ts";

const TASK = new URL("./_pool_demo_worker.ts", import.meta.url);

/** What a run of the prime count did. */
export interface PrimeCountReport {
  /** The primes found in the chunks that finished. */
  primes: number;
  /** Whether every chunk finished (false when cancelled). */
  complete: boolean;
  /** Numbers checked, by worker thread id, in order of first appearance. */
  checked: Map<number, number>;
  /** The worker thread ids before the run and after it (a roll call each). */
  workersBefore: number[];
  workersAfter: number[];
  /** How long the count ran, in milliseconds. */
  elapsedMs: number;
}

/** Options of {@linkcode countPrimesInPool}. */
export interface PrimeCountOptions {
  limit: number;
  chunkSize: number;
  workers: number;
  signal?: AbortSignal;
  /** Called once the workers are up, as the count starts. */
  onStart?: () => void;
  /** Called every 100 ms with the numbers checked so far, by thread id. */
  onProgress?: (checked: Map<number, number>) => void;
}

async function rollCall(
  pool: WorkerPool,
  progress: Int32Array,
): Promise<number[]> {
  const barrier = new Barrier(pool.size);
  const answers = await Promise.all(
    Array.from(
      { length: pool.size },
      () =>
        pool.submit<{ threadId: number }>([0, 0, progress, barrier], {
          timeout: 90_000,
        }),
    ),
  );
  return answers.map((answer) => answer.threadId).sort((a, b) => a - b);
}

function checkedByThread(
  progress: Int32Array,
  threads: number[],
): Map<number, number> {
  return new Map(
    threads.map((id) => [id, Atomics.load(progress, id & 4095)]),
  );
}

/** Counts the primes below `limit` across a pool; see the module doc. */
export async function countPrimesInPool(
  options: PrimeCountOptions,
): Promise<PrimeCountReport> {
  const progress = new Int32Array(new SharedArrayBuffer(4096 * 4));
  await using pool = new WorkerPool(TASK, {
    size: options.workers,
    name: "primes",
  });
  const workersBefore = await rollCall(pool, progress);
  const chunks: [number, number, Int32Array][] = [];
  for (let from = 0; from < options.limit; from += options.chunkSize) {
    chunks.push([
      from,
      Math.min(options.limit, from + options.chunkSize),
      progress,
    ]);
  }
  const ticker = setInterval(
    () => options.onProgress?.(checkedByThread(progress, workersBefore)),
    100,
  );
  const start = performance.now();
  options.onStart?.();
  let primes = 0;
  let complete = true;
  try {
    for await (
      const chunk of pool.map<{ primes: number }>(chunks, {
        ordered: false,
        signal: options.signal,
      })
    ) primes += chunk.primes;
  } catch (error) {
    if (!options.signal?.aborted) throw error;
    complete = false;
  } finally {
    clearInterval(ticker);
  }
  const elapsedMs = performance.now() - start;
  // The cancelled chunks' workers finish their interrupt before the roll call.
  const workersAfter = await rollCall(pool, progress);
  return {
    primes,
    complete,
    checked: checkedByThread(progress, workersBefore),
    workersBefore,
    workersAfter,
    elapsedMs,
  };
}

/** The live progress line. */
export function progressLine(
  checked: Map<number, number>,
  limit: number,
): string {
  const total = [...checked.values()].reduce((sum, n) => sum + n, 0);
  const perWorker = [...checked.values()].map((n, index) =>
    `#${index} ${(n / 1e6).toFixed(2)}M`
  ).join(", ");
  return `checked ${
    (100 * total / limit).toFixed(1)
  }% of ${limit} (${perWorker})`;
}

/** The lines printed at the end of a run. */
export function reportLines(
  report: PrimeCountReport,
  limit: number,
): string[] {
  const lines = report.complete
    ? [
      `${report.primes} primes below ${limit}, counted by ${report.workersBefore.length} workers in ${
        report.elapsedMs.toFixed(0)
      } ms`,
    ]
    : [
      `cancelled after ${
        report.elapsedMs.toFixed(0)
      } ms: ${report.primes} primes found in the chunks that finished`,
    ];
  let index = 0;
  for (const [thread, checked] of report.checked) {
    lines.push(
      `  worker #${index++} (thread ${thread}) checked ${checked} numbers`,
    );
  }
  const same = report.workersBefore.length === report.workersAfter.length &&
    report.workersBefore.every((id, i) => id === report.workersAfter[i]);
  lines.push(
    same
      ? `every worker survived: the same ${report.workersAfter.length} threads answer after the run`
      : `workers were replaced: before ${
        report.workersBefore.join(", ")
      }, after ${report.workersAfter.join(", ")}`,
  );
  return lines;
}
