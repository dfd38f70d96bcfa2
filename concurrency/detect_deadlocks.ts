// This module is browser compatible.

/**
 * `detectDeadlocks`: the current wait-for cycles, on demand.
 *
 * @module
 */

import { findDeadlocks } from "./_deadlock.ts";
import type { DeadlockCycleEntry } from "./deadlock_error.ts";

/**
 * Returns the deadlocks of the process now, as Java's
 * `ThreadMXBean.findDeadlockedThreads`: every cycle of threads blocked in a
 * lock acquire, each waiting for a lock that the next one holds. Callable from
 * any thread (the main thread included), it reads the shared thread table
 * and lock words and never waits. It finds cycles whether or not run-time
 * detection is on; a thread counts once it has waited a few milliseconds in
 * a blocking acquire (async waits and, unless `countTimedWaits` is set, timed
 * waits do not count).
 *
 * @returns One array per cycle, in wait-for order starting with the lowest
 *   thread id: each thread, the lock it holds and the lock it waits for.
 *   Empty when there is no deadlock.
 *
 * @example Usage
 * ```ts
 * import { detectDeadlocks, Lock } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const lock = new Lock();
 * using _ = lock.hold();
 * assert.deepEqual(detectDeadlocks(), []);
 * ```
 */
export function detectDeadlocks(): DeadlockCycleEntry[][] {
  return findDeadlocks();
}
