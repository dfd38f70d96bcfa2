// Worker fixtures for tests/concurrency/avoidance_apis_test.ts: the two-lock
// circular wait, made safe by acquireAll or acquireWithBackoff.
import {
  acquireAll,
  acquireWithBackoff,
  type Barrier,
  type Lock,
} from "../../../concurrency/mod.ts";

/** Runs `rounds` rounds in step with a peer, taking `locks` (listed in this worker's order) each time. */
export default function (
  strategy: "all" | "backoff",
  locks: Lock[],
  barrier: Barrier,
  rounds: number,
  counter: Int32Array,
): number {
  for (let round = 0; round < rounds; round++) {
    barrier.wait({ timeout: 30_000 });
    using _ = strategy === "all"
      ? acquireAll(locks, { timeout: 30_000 })
      : acquireWithBackoff(locks, { timeout: 30_000, attemptTimeout: 2 });
    // A non-atomic read-modify-write: only mutual exclusion keeps it exact.
    const value = counter[0]!;
    counter[0] = value + 1;
  }
  return rounds;
}
