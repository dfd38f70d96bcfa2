// Worker fixture for tests/concurrency/lock_churn_test.ts: contends on the
// round's fresh locks, nested in a fixed order, allocates a lock of its own
// on every take, and reports how it ended.
import { Lock, PoisonedError } from "../../../concurrency/mod.ts";

/** Takes the locks in order `rounds` times, holding each briefly; returns the counter's share or the error. */
export default function (
  locks: Lock[],
  counter: Int32Array,
  rounds: number,
): string {
  try {
    for (let round = 0; round < rounds; round++) {
      for (const lock of locks) {
        if (!lock.acquire({ timeout: 20_000 })) return "timed out";
      }
      // A lock of its own, made and dropped while the others allocate
      // too: its words must never overlap the shared locks'.
      const own = new Lock();
      own.acquire();
      counter[0]!++;
      own.release();
      own.dispose();
      for (let at = locks.length - 1; at >= 0; at--) locks[at]!.release();
    }
    return "ok";
  } catch (error) {
    return error instanceof PoisonedError
      ? `PoisonedError owner ${error.ownerThreadId} on "${error.lockName}"`
      : String(error);
  }
}
