// This module is browser compatible.

/**
 * The error of an empty `SharedQueue`.
 *
 * @module
 */

/**
 * Thrown by `SharedQueue.get` when the queue has no item and the get may not
 * wait (`blocking: false`) or its timeout passed, as Python's `queue.Empty`.
 *
 * @example Usage
 * ```ts
 * import { QueueEmptyError, SharedQueue } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const queue = new SharedQueue<number>();
 * assert.throws(() => queue.get({ timeout: 1 }), QueueEmptyError);
 * ```
 */
export class QueueEmptyError extends Error {
  /**
   * Creates the error.
   *
   * @param message Why there was no item. Defaults to a generic sentence.
   * @param options The `cause`, if any.
   */
  constructor(message = "The queue is empty", options?: ErrorOptions) {
    super(message, options);
    this.name = "QueueEmptyError";
  }
}
