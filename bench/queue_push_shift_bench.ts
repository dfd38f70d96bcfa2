/**
 * Queue vs Array as a FIFO: one push and one shift per operation, with 1e3,
 * 1e5 and 1e6 elements resident. The group summary gives Queue's speed as a
 * multiple of the Array baseline. `bench/queue_vs_array.ts` prints the same
 * comparison as ratios.
 *
 * Run: `deno bench bench/queue_push_shift_bench.ts`
 *
 * @module
 */
import { Queue } from "../generics/queue.ts";

const OPERATIONS = 1_000;

let checksum = 0;

for (const resident of [1e3, 1e5, 1e6]) {
  const label = `${resident.toExponential()} resident`;
  const queue = Queue.from(Array.from({ length: resident }, (_, i) => i));
  const array = Array.from({ length: resident }, (_, i) => i);
  // Array.shift at 1e6 costs about a millisecond an operation: few rounds.
  const rounds = resident > 1e3 ? { n: 20, warmup: 2 } : {};

  Deno.bench({
    name: `Array push/shift, ${label}`,
    group: `push+shift, ${label}`,
    baseline: true,
    ...rounds,
    fn() {
      for (let i = 0; i < OPERATIONS; i++) {
        array.push(i);
        checksum += array.shift()!;
      }
    },
  });

  Deno.bench({
    name: `Queue push/shift, ${label}`,
    group: `push+shift, ${label}`,
    fn() {
      for (let i = 0; i < OPERATIONS; i++) {
        queue.push(i);
        checksum += queue.shift();
      }
    },
  });
}

globalThis.addEventListener("unload", () => {
  // Keeps the results observable, so no loop above is optimized away.
  if (checksum === -1) console.log(checksum);
});
