/**
 * The worker of `counter_demo.ts`: increments a shared counter, under the
 * lock or not, starting at the same moment as the other workers.
 *
 * @module
 */

import type { Lock } from "./lock.ts";

const START_TIMEOUT_MS = 30_000;

/**
 * A read, then a write: two steps another thread can come between, as
 * Python's `counter += 1` is. Each step is an Atomics call only so the JIT
 * cannot fold a whole loop of them into one final store, which would hide
 * the race; the pair is still not atomic.
 */
function increment(counter: Int32Array): void {
  const value = Atomics.load(counter, 0);
  Atomics.store(counter, 0, value + 1);
}

/**
 * Waits at the gate, then adds 1 to `counter[0]` `increments` times with a
 * plain read-modify-write, holding `lock` around each one when there is one.
 * The gate is `[ready, go]`: each worker counts itself ready, then spins
 * (rather than sleeps) until `go` is set, so the workers running on the
 * cores start together and their increments really race.
 */
export default function (
  counter: Int32Array,
  lock: Lock | null,
  increments: number,
  gate: Int32Array,
): number {
  Atomics.add(gate, 0, 1);
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (let spins = 0; Atomics.load(gate, 1) === 0; spins++) {
    if ((spins & 0xfff) === 0 && performance.now() > deadline) {
      throw new Error("The start signal never came");
    }
  }
  if (lock) {
    for (let i = 0; i < increments; i++) {
      lock.acquire();
      increment(counter);
      lock.release();
    }
  } else {
    for (let i = 0; i < increments; i++) increment(counter);
  }
  return increments;
}
