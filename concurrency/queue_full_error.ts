// This module is browser compatible.

/**
 * The error of a `SharedQueue` with no room.
 *
 * @module
 */

/**
 * Thrown by `SharedQueue.put` when the queue has no room for the item and
 * the put may not wait (`blocking: false`) or its timeout passed, as
 * Python's `queue.Full`.
 *
 * @example Usage
 * ```ts
 * import { QueueFullError, SharedQueue } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const queue = new SharedQueue<number>({ maxSize: 1 });
 * queue.put(1);
 * assert.throws(() => queue.put(2, { blocking: false }), QueueFullError);
 * ```
 */
export class QueueFullError extends Error {
  /**
   * Creates the error.
   *
   * @param message Why there was no room. Defaults to a generic sentence.
   * @param options The `cause`, if any.
   */
  constructor(message = "The queue is full", options?: ErrorOptions) {
    super(message, options);
    this.name = "QueueFullError";
  }
}
