/**
 * The worker of bench/deadlock_latency.ts: in each round, takes its first
 * lock, meets its peer, notes the time and takes its second lock, which
 * closes the cycle; the victim notes when its DeadlockError arrives.
 *
 * @module
 */

import { type Barrier, DeadlockError, type Lock } from "../concurrency/mod.ts";

/** Runs the rounds; `times[3 * round + slot]` gets this worker's "about to close" time, slot 2 the error's. */
export default function (
  firsts: Lock[],
  seconds: Lock[],
  barrier: Barrier,
  times: Float64Array,
  slot: number,
): number {
  let errors = 0;
  for (let round = 0; round < firsts.length; round++) {
    barrier.wait({ timeout: 10_000 });
    using _first = firsts[round]!.hold();
    barrier.wait({ timeout: 10_000 });
    times[3 * round + slot] = performance.timeOrigin + performance.now();
    try {
      using _second = seconds[round]!.hold();
    } catch (error) {
      if (!(error instanceof DeadlockError)) throw error;
      times[3 * round + 2] = performance.timeOrigin + performance.now();
      errors++;
    }
  }
  return errors;
}
