// This module is browser compatible.

/**
 * `detectDeadlocks`: the current wait-for cycles and stalls, on demand.
 *
 * @module
 */

import { findDeadlocks } from "./_deadlock.ts";
import type { DeadlockCycleEntry, StallFinding } from "./deadlock_error.ts";

/**
 * What {@linkcode detectDeadlocks} returns: the cycles, as an array (one
 * array of entries per cycle), carrying the stall, when there is one, as
 * its `stall` property (not an element, and not enumerable, so the array
 * compares and prints as the list of cycles it always was).
 */
export interface DeadlockReport extends Array<DeadlockCycleEntry[]> {
  /**
   * The stall, a finding of its own: every live thread parked in a wait
   * without a timeout (Go's "all goroutines are asleep"). Undefined when
   * some thread runs or waits with a timeout.
   */
  readonly stall?: StallFinding;
}

/**
 * Returns the deadlocks of the process now, as Java's
 * `ThreadMXBean.findDeadlockedThreads`: every cycle of threads each waiting
 * for the next, in a lock acquire (for a lock the next one holds) or in a
 * `join()` (for the next one to end): a worker joined by a thread that
 * holds the lock it waits for is such a cycle. Callable from any thread
 * (the main thread included), it reads the shared thread table and lock
 * words and never waits. It finds cycles whether or not run-time detection
 * is on; a thread counts once it has waited a few milliseconds in a
 * blocking acquire, or in a join (other async waits and, unless
 * `countTimedWaits` is set, timed waits do not count).
 *
 * It also reports a stall, as `stall` on the result: every live thread
 * parked without a timeout, so only another parked thread could end each
 * wait. The calling thread is a live thread: it counts as running, unless
 * an async wait of its own is pending (this call runs in a callback while
 * it awaits a `join()`), so from a caller a stall is at most `"possible"`:
 * that caller's event loop runs, and may still wake someone. A `"proven"`
 * stall (every thread blocked in `Atomics.wait`) is seen from inside the
 * waits: the run-time detector throws it as a `DeadlockError` with `stall`.
 *
 * @returns One array per cycle, in wait-for order starting with the lowest
 *   thread id: each thread, the lock it holds and the lock it waits for
 *   (and `joins`, for a thread in `join()`). Empty when there is no
 *   deadlock. Its `stall` property is the stall, if any.
 *
 * @example Usage
 * ```ts
 * import { detectDeadlocks, Lock } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const lock = new Lock();
 * using _ = lock.hold();
 * assert.deepEqual(detectDeadlocks(), []);
 * assert.equal(detectDeadlocks().stall, undefined);
 * ```
 *
 * @example A join cycle: the main thread holds a lock and joins a worker that waits for it
 * ```ts
 * import {
 *   configure,
 *   detectDeadlocks,
 *   Lock,
 *   spawn,
 * } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * // Off, so the cycle stays for this example: on, the worker would throw.
 * const previous = configure({ deadlockDetection: false });
 * const lock = new Lock({ name: "config" });
 * lock.acquire();
 * const source = `export default (lock) => { lock.acquire(); lock.release(); };`;
 * const worker = spawn(`data:text/javascript,${encodeURIComponent(source)}`, {
 *   args: [lock],
 *   name: "w",
 * });
 * const joined = worker.join();
 * try {
 *   let cycles = detectDeadlocks();
 *   for (let i = 0; i < 500 && cycles.length === 0; i++) {
 *     await new Promise((resolve) => setTimeout(resolve, 10));
 *     cycles = detectDeadlocks();
 *   }
 *   assert.equal(cycles[0]?.[0]?.joins?.threadName, "w");
 *   assert.equal(cycles[0]?.[1]?.waitsFor.name, "config");
 * } finally {
 *   lock.release();
 *   await joined;
 *   configure(previous);
 * }
 * ```
 *
 * @example A possible stall: a worker waits on an Event while the main thread awaits its join
 * ```ts
 * import { detectDeadlocks, Event, spawn } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const event = new Event({ name: "never" });
 * const source = `export default (event) => event.wait();`;
 * const worker = spawn(`data:text/javascript,${encodeURIComponent(source)}`, {
 *   args: [event],
 *   name: "e",
 * });
 * // Checked from timers, which run while the join is pending.
 * let timer: ReturnType<typeof setInterval> | undefined;
 * const seen = new Promise<string[]>((resolve) => {
 *   let tries = 0;
 *   timer = setInterval(() => {
 *     const stall = detectDeadlocks().stall;
 *     if (stall?.certainty === "possible" || ++tries === 500) {
 *       resolve(stall?.threads.map((thread) => thread.wait) ?? []);
 *     }
 *   }, 10);
 * });
 * const joined = worker.join();
 * try {
 *   assert.deepEqual(await seen, ["join", "event"]);
 * } finally {
 *   clearInterval(timer);
 *   event.set();
 *   await joined;
 * }
 * ```
 */
export function detectDeadlocks(): DeadlockReport {
  return findDeadlocks();
}
