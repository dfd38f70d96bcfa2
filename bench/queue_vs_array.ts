#!/usr/bin/env -S deno run
/**
 * Queue vs Array push/shift side by side, as ratios, at 1e3, 1e5 and 1e6
 * elements resident. Target: at least 1.0x the array at every size.
 *
 * Each peer has a loop of its own, so each call site sees one type and the
 * JIT optimizes both alike (one shared loop made the second type's calls
 * polymorphic). Each peer is warmed up for a fixed time, so both reach the
 * optimizing tier before the first sample even when a loaded machine delays
 * the background compiler; and each sample runs long enough (about 20 ms)
 * for the timer's resolution not to matter. The two peers alternate, and the
 * ratio is the median of the per-round ratios.
 *
 * Run: `deno run --allow-read=bench --allow-write=bench/results.json bench/queue_vs_array.ts`
 *
 * @module
 */
import { Queue } from "../generics/queue.ts";
import { type Comparison, recordComparisons } from "./_results.ts";

const ROUNDS = 9;
const WARM_UP_MS = 200;
const SAMPLE_MS = 20;

let checksum = 0;

function arrayPushShift(array: number[], operations: number): void {
  for (let i = 0; i < operations; i++) {
    array.push(i);
    checksum += array.shift()!;
  }
}

function queuePushShift(queue: Queue<number>, operations: number): void {
  for (let i = 0; i < operations; i++) {
    queue.push(i);
    checksum += queue.shift();
  }
}

/** Runs `run` in batches for about `ms`, and returns ns per operation. */
function timeFor(run: (operations: number) => void, ms: number): number {
  let operations = 0;
  let batch = 16;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    run(batch);
    operations += batch;
    if (batch < 1 << 16) batch *= 2;
    elapsed = performance.now() - start;
  }
  return (elapsed * 1e6) / operations;
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[sorted.length >>> 1]!;
}

/** Runs the comparison, prints one line per size and records the ratios. */
export async function main(): Promise<void> {
  console.log(
    "Queue vs Array, one push + one shift per operation (ns/op, median of " +
      `${ROUNDS} rounds of ${SAMPLE_MS} ms each)`,
  );
  console.log("resident   Array ns/op   Queue ns/op   Queue speed vs Array");
  const comparisons: Comparison[] = [];
  for (
    const [label, resident] of [["1e3", 1e3], ["1e5", 1e5], [
      "1e6",
      1e6,
    ]] as const
  ) {
    const array = Array.from({ length: resident }, (_, i) => i);
    const queue = Queue.from(array);
    const runArray = (operations: number) => arrayPushShift(array, operations);
    const runQueue = (operations: number) => queuePushShift(queue, operations);
    timeFor(runArray, WARM_UP_MS);
    timeFor(runQueue, WARM_UP_MS);
    const arrayTimes: number[] = [];
    const queueTimes: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who goes first, so drift hits both alike.
      let a: number, q: number;
      if (round % 2 === 0) {
        a = timeFor(runArray, SAMPLE_MS);
        q = timeFor(runQueue, SAMPLE_MS);
      } else {
        q = timeFor(runQueue, SAMPLE_MS);
        a = timeFor(runArray, SAMPLE_MS);
      }
      arrayTimes.push(a);
      queueTimes.push(q);
      ratios.push(a / q);
    }
    const arrayNs = median(arrayTimes);
    const queueNs = median(queueTimes);
    const ratio = median(ratios);
    console.log(
      `${label.padEnd(8)} ${arrayNs.toFixed(1).padStart(13)} ${
        queueNs.toFixed(1).padStart(13)
      } ${ratio.toFixed(2).padStart(20)}x`,
    );
    comparisons.push({
      id: `generics.queue_vs_array.${label}`,
      title: `Queue vs Array push+shift, ${label} resident`,
      ratio,
      target: 1,
      peer: "Array",
      figures: { wirework: queueNs, Array: arrayNs },
      unit: "ns/op",
    });
  }
  if (checksum === -1) console.log(checksum);
  await recordComparisons("bench:generics", comparisons);
}

if (import.meta.main) await main();
