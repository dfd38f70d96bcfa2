// This module is browser compatible.

/**
 * The error of a broken `Barrier`.
 *
 * @module
 */

/**
 * Thrown by `Barrier.wait` when the barrier is broken while the thread waits
 * at it or arrives at it: aborted, reset while parties waited, a party timed
 * out, or the barrier's action threw. As Python's
 * `threading.BrokenBarrierError`.
 *
 * @example Usage
 * ```ts
 * import { Barrier, BrokenBarrierError } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const barrier = new Barrier(2);
 * barrier.abort();
 * assert.throws(() => barrier.wait(), BrokenBarrierError);
 * ```
 */
export class BrokenBarrierError extends Error {
  /**
   * Creates the error.
   *
   * @param message What broke the barrier. Defaults to a generic sentence.
   * @param options The `cause`, when the action threw.
   */
  constructor(message = "The barrier is broken", options?: ErrorOptions) {
    super(message, options);
    this.name = "BrokenBarrierError";
  }
}
