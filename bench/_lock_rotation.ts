/**
 * The two-worker `Lock` hand-off that bench/concurrency_workers.ts records
 * and bench/_ab_measure_worker.ts compares across versions of the library:
 * written once, over the two methods every version's `Lock` has.
 *
 * @module
 */

/** What the hand-off needs of a lock. */
export interface HandOffLock {
  /** Takes the lock; false when the timeout passed. */
  acquire(options?: { timeout?: number }): boolean;
  /** Releases the lock. */
  release(): void;
}

/** How long one hand-off may take before the run counts as stalled. */
const TIMEOUT = 60_000;

/**
 * A strict-alternation hand-off through three locks: each step, one worker
 * wakes on a lock the other releases, then the other wakes on one this one
 * releases (two hand-offs a step, as a ping-pong round trip is two wakes).
 * Role A starts holding lock 0, role B locks 1 and 2.
 *
 * @param role Which side this worker plays.
 * @param locks The three locks, revived in this worker.
 * @param steps How many steps to time.
 * @param ready Word 0 turns 1 once role B holds its locks.
 * @returns The time the steps took, in ms, by this worker's clock.
 * @throws {Error} When a hand-off stalls past the timeout.
 */
export function lockRotation(
  role: string,
  locks: HandOffLock[],
  steps: number,
  ready: Int32Array,
): number {
  if (role === "B") {
    locks[1]!.acquire();
    locks[2]!.acquire();
    Atomics.store(ready, 0, 1);
    Atomics.notify(ready, 0);
  } else {
    locks[0]!.acquire();
    while (Atomics.load(ready, 0) === 0) Atomics.wait(ready, 0, 0, 100);
  }
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    const here = step % 3;
    const next = (step + 1) % 3;
    if (role === "A") {
      if (!locks[next]!.acquire({ timeout: TIMEOUT })) {
        throw new Error("The hand-off stalled");
      }
      locks[here]!.release();
    } else {
      locks[next]!.release();
      if (!locks[here]!.acquire({ timeout: TIMEOUT })) {
        throw new Error("The hand-off stalled");
      }
    }
  }
  const elapsed = performance.now() - started;
  for (const lock of locks) {
    try {
      lock.release();
    } catch {
      // Not held by this role at the end.
    }
  }
  return elapsed;
}
