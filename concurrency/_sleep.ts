// This module is browser compatible.

/**
 * The sleep of `sleep` and `sleepAsync`, written once as an operation whose
 * waits are parks on the thread's own interrupt word (so an interrupt needs
 * no other wake-up), run blocking or async by `_op.ts`.
 *
 * @module
 */

import { WaitKind, type WaitRecord } from "./_park.ts";
import { type Op, parkWait } from "./_op.ts";
import {
  currentSlotBase,
  deadlineIn,
  msLeft,
  Slot,
  timeoutOption,
} from "./_runtime.ts";

const SLEEP: WaitRecord = { kind: WaitKind.SLEEP, primitive: 0 };

/**
 * Sleeps `ms` milliseconds (`Infinity`: until interrupted or aborted).
 *
 * @throws {RangeError} When `ms` is negative or not a number.
 * @throws {InterruptedError} When this thread is interrupted (the interrupt is then cleared).
 */
export function* sleepOp(ms: number): Op<void> {
  const duration = timeoutOption(ms);
  const index = currentSlotBase() + Slot.INTERRUPT;
  const deadline = deadlineIn(duration);
  for (;;) {
    const remaining = msLeft(deadline);
    // A park checks the interrupt first, so sleep(0) is an interrupt check too.
    yield parkWait(index, 0, Math.max(remaining, 0), SLEEP);
    if (remaining <= 0) return;
  }
}
