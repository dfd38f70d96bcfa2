#!/usr/bin/env -S deno run
/**
 * Prints Queue vs Array push/shift side by side, as ratios, at 1e3, 1e5 and
 * 1e6 elements resident. Target: at least 1.0x the array at 1e3, faster from
 * 1e5 on. Figures on a shared 2-core machine are noisy: the median of several
 * alternating rounds is reported.
 *
 * Run: `deno run bench/queue_vs_array.ts`
 *
 * @module
 */
import { Queue } from "../generics/queue.ts";

interface FifoLike {
  push(value: number): number;
  shift(): number | undefined;
}

const OPERATIONS = 2_000;
const ROUNDS = 9;

let checksum = 0;

function nanosecondsPerOperation(fifo: FifoLike): number {
  const start = performance.now();
  for (let i = 0; i < OPERATIONS; i++) {
    fifo.push(i);
    checksum += fifo.shift()!;
  }
  return ((performance.now() - start) * 1e6) / OPERATIONS;
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[sorted.length >>> 1]!;
}

/** Runs the comparison and prints one line per size. */
export function main(): void {
  console.log(
    "Queue vs Array, one push + one shift per operation (ns/op, median)",
  );
  console.log("resident   Array ns/op   Queue ns/op   Queue speed vs Array");
  for (const resident of [1e3, 1e5, 1e6]) {
    const array = Array.from({ length: resident }, (_, i) => i);
    const queue = Queue.from(array);
    const arrayTimes: number[] = [];
    const queueTimes: number[] = [];
    // Warm both up first, then alternate so drift hits both alike.
    nanosecondsPerOperation(array);
    nanosecondsPerOperation(queue);
    for (let round = 0; round < ROUNDS; round++) {
      arrayTimes.push(nanosecondsPerOperation(array));
      queueTimes.push(nanosecondsPerOperation(queue));
    }
    const arrayNs = median(arrayTimes);
    const queueNs = median(queueTimes);
    console.log(
      `${resident.toExponential().padEnd(8)} ${
        arrayNs.toFixed(1).padStart(13)
      } ${queueNs.toFixed(1).padStart(13)} ${
        (arrayNs / queueNs).toFixed(2).padStart(20)
      }x`,
    );
  }
  if (checksum === -1) console.log(checksum);
}

if (import.meta.main) main();
