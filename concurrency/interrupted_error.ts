// This module is browser compatible.

/**
 * The error a wait throws when its thread is interrupted.
 *
 * @module
 */

/** Options for {@linkcode InterruptedError}. */
export interface InterruptedErrorOptions extends ErrorOptions {
  /** The id of the interrupted thread. Defaults to 0 (unknown). */
  threadId?: number;
}

/**
 * Thrown by a wait (a lock acquire, a `Condition` or `Event` wait, a queue
 * `get`, …) when the waiting thread is interrupted, before or while it waits,
 * as Java's `InterruptedException` is. Throwing it clears the thread's
 * interrupt flag, and the primitive is left consistent: an interrupted
 * acquire does not own the lock.
 *
 * @example Usage
 * ```ts
 * import { InterruptedError } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const error = new InterruptedError(undefined, { threadId: 4097 });
 * assert.equal(error.name, "InterruptedError");
 * assert.equal(error.threadId, 4097);
 * assert.ok(error instanceof Error);
 * ```
 */
export class InterruptedError extends Error {
  /** The id of the interrupted thread (0 when unknown). */
  readonly threadId: number;

  /**
   * Creates the error.
   *
   * @param message What was interrupted. Defaults to a generic sentence.
   * @param options The `cause` and the interrupted `threadId`.
   */
  constructor(message?: string, options: InterruptedErrorOptions = {}) {
    const threadId = options.threadId ?? 0;
    super(
      message ?? `Thread ${threadId} was interrupted while it waited`,
      options,
    );
    this.name = "InterruptedError";
    this.threadId = threadId;
  }
}
