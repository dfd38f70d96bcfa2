// This module is browser compatible.

/**
 * `interrupted`: whether this thread has a pending interrupt.
 *
 * @module
 */

import { isInterrupted } from "./_park.ts";

/**
 * Returns whether this thread has been interrupted (by `WorkerHandle.interrupt()`)
 * and has not yet seen it, for cooperative loops:
 * `while (!interrupted()) work();`. It only reads the flag, as Java's
 * `isInterrupted()` does: the flag stays set, so the next wait of
 * `concurrency/` (or {@linkcode checkInterrupt}) still throws
 * `InterruptedError` and clears it.
 *
 * @returns true while an interrupt is pending.
 *
 * @example Usage
 * ```ts
 * import { interrupted } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * // Nobody has interrupted the main thread.
 * assert.equal(interrupted(), false);
 * ```
 */
export function interrupted(): boolean {
  return isInterrupted();
}
