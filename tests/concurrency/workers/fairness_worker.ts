// Worker fixtures for the Lock fairness test: a thread that re-takes the lock
// at once after each release, and a waiter that measures how long it waits.
import type { Lock } from "../../../concurrency/mod.ts";

function spin(microseconds: number): void {
  const end = performance.now() + microseconds / 1000;
  while (performance.now() < end) { /* holds the CPU, as work would */ }
}

const scenarios = {
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
  /**
   * Takes the lock `samples` times (each wait bounded by 10 s), stepping away
   * 200 µs between; returns each wait as [ms, turns the barger took meanwhile].
   */
  wait: (lock: Lock, stop: Int32Array, samples: number): number[][] => {
    const waits: number[][] = [];
    try {
      for (let i = 0; i < samples; i++) {
        const start = performance.now();
        const turns = Atomics.load(stop, 2);
        const got = lock.acquire({ timeout: 10_000 });
        waits.push([performance.now() - start, Atomics.load(stop, 2) - turns]);
        if (!got) break;
        lock.release();
        spin(200);
      }
    } finally {
      Atomics.store(stop, 0, 1);
    }
    return waits;
  },
};

export default (scenario: keyof typeof scenarios, ...args: never[]): unknown =>
  (scenarios[scenario] as (...args: never[]) => unknown)(...args);
