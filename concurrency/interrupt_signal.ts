// This module is browser compatible.

/**
 * `interruptSignal`: an `AbortSignal` that aborts when this thread is
 * interrupted, for its async code.
 *
 * @module
 */

import { isInterrupted, watchWord } from "./_park.ts";
import { currentSlotBase, currentThreadId, Slot, words } from "./_runtime.ts";
import { InterruptedError } from "./interrupted_error.ts";

// One signal per thread at a time (module state of this thread only).
let current: AbortController | undefined;

function interruptedError(): InterruptedError {
  return new InterruptedError(`Thread ${currentThreadId()} was interrupted`, {
    threadId: currentThreadId(),
  });
}

function watch(controller: AbortController, index: number, seen: number): void {
  watchWord(index, seen).then(() => {
    if (Atomics.load(words(), index) === seen) {
      // A notify without a new interrupt (none is sent today): watch again.
      watch(controller, index, seen);
      return;
    }
    controller.abort(interruptedError());
  });
}

/**
 * Returns an `AbortSignal` that aborts, with an `InterruptedError` as its
 * reason, when this thread is interrupted: pass it to `fetch`, timers,
 * `net/` calls and the `signal` option of every async wait, so an interrupt
 * reaches async code too. It costs nothing while nothing happens: the signal
 * learns of the interrupt from an `Atomics.waitAsync` on the thread's
 * interrupt counter (no polling, no timer, and it does not keep the worker
 * alive).
 *
 * Every call returns the same signal until it aborts. Aborting does not
 * clear the interrupt: the next wait of `concurrency/` (or
 * `checkInterrupt()`) still throws and clears it. After that, a new call
 * returns a fresh signal for the next interrupt; while the interrupt is still
 * pending, it returns an aborted one.
 *
 * @returns This thread's interrupt signal.
 *
 * @example Usage
 * ```ts
 * import { interruptSignal } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const signal = interruptSignal();
 * assert.equal(signal.aborted, false);
 * assert.equal(interruptSignal(), signal);
 * // Combine it with a deadline of your own.
 * const both = AbortSignal.any([signal, AbortSignal.timeout(1000)]);
 * assert.equal(both.aborted, false);
 * ```
 */
export function interruptSignal(): AbortSignal {
  if (current !== undefined) {
    if (!current.signal.aborted || isInterrupted()) return current.signal;
  }
  const controller = new AbortController();
  current = controller;
  const index = currentSlotBase() + Slot.INTERRUPT_COUNT;
  if (isInterrupted()) {
    controller.abort(interruptedError());
  } else {
    watch(controller, index, Atomics.load(words(), index));
  }
  return controller.signal;
}
