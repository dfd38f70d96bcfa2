// This module is browser compatible.

/**
 * `sleep`: an interruptible blocking sleep.
 *
 * @module
 */

import { park, WaitKind, type WaitRecord } from "./_park.ts";
import {
  currentSlotBase,
  deadlineIn,
  msLeft,
  Slot,
  timeoutOption,
} from "./_runtime.ts";

const SLEEP: WaitRecord = { kind: WaitKind.SLEEP, primitive: 0 };

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
  const duration = timeoutOption(ms);
  const index = currentSlotBase() + Slot.INTERRUPT;
  const deadline = deadlineIn(duration);
  for (;;) {
    const remaining = msLeft(deadline);
    // park checks the interrupt first, so sleep(0) is an interrupt check too.
    park(index, 0, Math.max(remaining, 0), SLEEP);
    if (remaining <= 0) return;
  }
}
