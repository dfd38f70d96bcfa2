#!/usr/bin/env -S deno run
/**
 * Prints PriorityQueue vs an array sorted after each insert, side by side:
 * push N random numbers, then pop them all, smallest first. The peer is
 * O(N² log N), so the like-for-like ratio is taken at N = 1e4; the heap alone
 * is also timed at N = 1e5. Figures on a shared 2-core machine are noisy.
 *
 * Run: `deno run --allow-read=bench --allow-write=bench/results.json bench/priority_queue_vs_sorted_array.ts`
 *
 * @module
 */
import { PriorityQueue } from "../generics/priority_queue.ts";
import { recordComparisons } from "./_results.ts";

let checksum = 0;

function randomNumbers(count: number, start: number): number[] {
  let state = start >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  });
}

function heapPushPop(values: readonly number[]): void {
  const heap = new PriorityQueue<number>();
  for (const value of values) heap.push(value);
  while (!heap.isEmpty()) checksum += heap.pop();
}

function sortAfterInsertPushPop(values: readonly number[]): void {
  const sorted: number[] = [];
  for (const value of values) {
    sorted.push(value);
    sorted.sort((a, b) => b - a);
  }
  while (sorted.length > 0) checksum += sorted.pop()!;
}

function milliseconds(run: () => void, rounds: number): number {
  const times: number[] = [];
  run(); // warm-up
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.toSorted((a, b) => a - b)[times.length >>> 1]!;
}

/** Runs the comparison, prints the ratio and records it. */
export async function main(): Promise<void> {
  const small = randomNumbers(1e4, 1);
  const large = randomNumbers(1e5, 2);
  const sortMs = milliseconds(() => sortAfterInsertPushPop(small), 3);
  const heapSmallMs = milliseconds(() => heapPushPop(small), 9);
  const heapLargeMs = milliseconds(() => heapPushPop(large), 9);
  console.log(
    "PriorityQueue vs sort-after-insert, push all then pop all (ms, median)",
  );
  console.log(
    `N = 1e4: sorted array ${sortMs.toFixed(1)} ms, PriorityQueue ${
      heapSmallMs.toFixed(2)
    } ms, PriorityQueue ${(sortMs / heapSmallMs).toFixed(0)}x faster`,
  );
  console.log(
    `N = 1e5: PriorityQueue ${
      heapLargeMs.toFixed(1)
    } ms (the sorted-array peer is O(N² log N): not run at 1e5)`,
  );
  if (checksum === -1) console.log(checksum);
  await recordComparisons("bench:generics", [{
    id: "generics.priority_queue_vs_sorted_array.1e4",
    title: "PriorityQueue vs sort-after-insert, push all then pop all, N = 1e4",
    ratio: sortMs / heapSmallMs,
    peer: "sorted Array",
    figures: { wirework: heapSmallMs, "sorted Array": sortMs },
    unit: "ms",
    remark: "The peer grows as N² log N, so it is not run at N = 1e5",
  }]);
}

if (import.meta.main) await main();
