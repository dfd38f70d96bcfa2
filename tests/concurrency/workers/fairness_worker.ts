// Worker fixtures for the Lock fairness tests: a thread that re-takes the
// lock at once after each release, and a waiter that takes it once.
import type { Lock } from "../../../concurrency/mod.ts";

function spin(microseconds: number): void {
  const end = performance.now() + microseconds / 1000;
  while (performance.now() < end) { /* holds the CPU, as work would */ }
}

const scenarios = {
  /**
   * Takes the lock once (at most 10 s) with `acquireAsync`, which wakes
   * later than a blocking acquire, notes it in flag[0], releases it.
   */
  "wait-once": async (lock: Lock, flag: Int32Array): Promise<boolean> => {
    const got = await lock.acquireAsync({ timeout: 10_000 });
    if (got) {
      Atomics.store(flag, 0, 1);
      lock.release();
    }
    return got;
  },
  /** Re-takes the lock at once after each release, holding it 50 µs and counting its turns in stop[2], until stop[0] is set (at most 60 s). */
  barge: (lock: Lock, stop: Int32Array): number => {
    let rounds = 0;
    const deadline = performance.now() + 60_000;
    Atomics.store(stop, 1, 1);
    while (Atomics.load(stop, 0) === 0 && performance.now() < deadline) {
      lock.acquire();
      Atomics.add(stop, 2, 1);
      spin(50);
      lock.release();
      rounds++;
    }
    return rounds;
  },
};

export default (scenario: keyof typeof scenarios, ...args: never[]): unknown =>
  (scenarios[scenario] as (...args: never[]) => unknown)(...args);
