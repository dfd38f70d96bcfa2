/**
 * The worker of `counter_demo.ts`: increments a shared counter, under the
 * lock or not, starting at the same moment as the other workers.
 *
 * @module
 */

import type { Lock } from "./lock.ts";

const START_TIMEOUT_MS = 30_000;

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
      counter[0] = counter[0]! + 1;
      lock.release();
    }
  } else {
    for (let i = 0; i < increments; i++) counter[0] = counter[0]! + 1;
  }
  return increments;
}
