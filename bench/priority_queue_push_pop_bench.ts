/**
 * PriorityQueue vs an array sorted after each insert: push N random numbers,
 * then pop them all, smallest first. The heap runs at N = 1e5; the
 * sort-after-insert peer is O(N² log N) and runs at N = 1e4 beside a heap at
 * the same size, so the group summary is a like-for-like ratio.
 * `bench/priority_queue_vs_sorted_array.ts` prints the same comparison as
 * ratios.
 *
 * Run: `deno bench bench/priority_queue_push_pop_bench.ts`
 *
 * @module
 */
import { PriorityQueue } from "../generics/priority_queue.ts";

function randomNumbers(count: number, start: number): number[] {
  let state = start >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  });
}

let checksum = 0;

function heapPushPop(values: readonly number[]): void {
  const heap = new PriorityQueue<number>();
  for (const value of values) heap.push(value);
  while (!heap.isEmpty()) checksum += heap.pop();
}

function sortAfterInsertPushPop(values: readonly number[]): void {
  // Sorted largest first, so the smallest pops off the end in O(1).
  const sorted: number[] = [];
  for (const value of values) {
    sorted.push(value);
    sorted.sort((a, b) => b - a);
  }
  while (sorted.length > 0) checksum += sorted.pop()!;
}

const small = randomNumbers(1e4, 1);
const large = randomNumbers(1e5, 2);

Deno.bench({
  name: "sorted array, sort after each insert, 1e4",
  group: "push all, pop all, 1e4",
  baseline: true,
  n: 3,
  warmup: 1,
  fn: () => sortAfterInsertPushPop(small),
});

Deno.bench({
  name: "PriorityQueue, 1e4",
  group: "push all, pop all, 1e4",
  fn: () => heapPushPop(small),
});

Deno.bench({
  name: "PriorityQueue, 1e5",
  group: "push all, pop all, 1e5",
  fn: () => heapPushPop(large),
});

globalThis.addEventListener("unload", () => {
  if (checksum === -1) console.log(checksum);
});
