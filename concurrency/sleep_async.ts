// This module is browser compatible.

/**
 * `sleepAsync`: an interruptible sleep that does not block the thread.
 *
 * @module
 */

import { runAsync } from "./_op.ts";
import { sleepOp } from "./_sleep.ts";

/** Options for {@linkcode sleepAsync}. */
export interface SleepAsyncOptions {
  /** Ends the sleep early: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Waits `ms` milliseconds without blocking the thread; rejects with
 * `InterruptedError` when the thread is interrupted (before or during the
 * sleep, within one 20 ms slice at most) and with `signal.reason` when the
 * signal aborts. Works on every thread.
 *
 * @param ms How long to sleep, in milliseconds (`Infinity`: until interrupted or aborted).
 * @param options An abort `signal`.
 * @returns A promise that resolves when the time has passed.
 * @throws {RangeError} When `ms` is negative or not a number.
 * @throws {InterruptedError} When this thread is interrupted (the interrupt is then cleared).
 *
 * @example Usage
 * ```ts
 * import { sleepAsync } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const start = performance.now();
 * await sleepAsync(20);
 * assert.ok(performance.now() - start >= 19);
 * await assert.rejects(
 *   sleepAsync(10_000, { signal: AbortSignal.timeout(10) }),
 *   { name: "TimeoutError" },
 * );
 * ```
 */
export async function sleepAsync(
  ms: number,
  options: SleepAsyncOptions = {},
): Promise<void> {
  await runAsync(sleepOp(ms), options.signal);
}
