// This module is browser compatible.

/**
 * `sleep`: an interruptible blocking sleep.
 *
 * @module
 */

import { runBlocking } from "./_op.ts";
import { sleepOp } from "./_sleep.ts";

/**
 * Blocks this thread for `ms` milliseconds, as Python's `time.sleep`, but
 * wakes at once with `InterruptedError` when the thread is interrupted
 * (before or during the sleep), as Java's `Thread.sleep`. It parks on the
 * thread's own interrupt word, so an interrupt needs no other wake-up. Use
 * {@linkcode sleepAsync} on a thread that must not block.
 *
 * @param ms How long to sleep, in milliseconds (`Infinity`: until interrupted).
 * @throws {RangeError} When `ms` is negative or not a number.
 * @throws {InterruptedError} When this thread is interrupted (the interrupt is then cleared).
 * @throws {TypeError} Where the thread may not block (a browser main thread).
 *
 * @example Usage
 * ```ts
 * import { sleep } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const start = performance.now();
 * sleep(20);
 * assert.ok(performance.now() - start >= 19);
 * ```
 */
export function sleep(ms: number): void {
  runBlocking(sleepOp(ms));
}
