// Worker fixture for the no-false-positive test: runs many random schedules
// that take locks in one consistent order (ascending id), in lockstep with
// the other workers, and reports any DeadlockError or LockOrderError.
import {
  type Barrier,
  DeadlockError,
  type Lock,
  LockOrderError,
  type RLock,
} from "../../../concurrency/mod.ts";
import { mulberry32 } from "../../_helpers/random.ts";

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* hold the lock a while */ }
}

/** Runs `rounds` schedules; returns how many ran, or the first error's description. */
export default function (
  locks: (Lock | RLock)[],
  barrier: Barrier,
  rounds: number,
  seed: number,
): { rounds: number; errors: string[]; slowHolds: number } {
  const next = mulberry32(seed);
  const ordered = [...locks].sort((a, b) => a.id - b.id);
  const errors: string[] = [];
  let slowHolds = 0;
  for (let round = 0; round < rounds; round++) {
    barrier.wait({ timeout: 30_000 });
    const chosen = ordered.filter(() => next() < 0.5);
    // Now and then hold long enough that others wait past the detector's threshold.
    const slow = next() < 0.02;
    if (slow) slowHolds++;
    try {
      take(chosen, slow, next);
    } catch (error) {
      if (error instanceof DeadlockError || error instanceof LockOrderError) {
        errors.push(`round ${round}: ${error.name}: ${error.message}`);
      } else throw error;
    }
  }
  return { rounds, errors, slowHolds };
}

function take(
  locks: (Lock | RLock)[],
  slow: boolean,
  next: () => number,
): void {
  const [first, ...rest] = locks;
  if (first === undefined) {
    busy(slow ? 8 : next() * 0.05);
    return;
  }
  using _ = first.hold();
  // Re-enter an RLock now and then: re-entry is not an order.
  using _again = "owned" in first && next() < 0.3 ? first.hold() : undefined;
  take(rest, slow, next);
}
