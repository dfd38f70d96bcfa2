// This module is browser compatible.

/**
 * The error every `concurrency/` call throws in a thread the runtime has
 * already marked ended.
 *
 * @module
 */

/** Options for {@linkcode ThreadEndedError}. */
export interface ThreadEndedErrorOptions extends ErrorOptions {
  /** The id of the ended thread. Defaults to 0 (unknown). */
  threadId?: number;
}

/**
 * Thrown by every operation of `concurrency/` (a lock acquire or release, a
 * wait, a queue `get`, …) in a thread that the runtime has marked ended:
 * a worker that was terminated (`terminate()`, or a `stop()` whose grace ran
 * out) but runs on, because `Worker.terminate()` cannot stop a thread
 * blocked in `Atomics.wait`. Such a thread throws this at once, on entry and
 * after every wake, and again on every later call, without taking a lock,
 * an item, a notify, a permit or a barrier place; a wake it had consumed is
 * passed on, and the locks it held are poisoned.
 *
 * @example Usage
 * ```ts
 * import { ThreadEndedError } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const error = new ThreadEndedError(undefined, { threadId: 4097 });
 * assert.equal(error.name, "ThreadEndedError");
 * assert.equal(error.threadId, 4097);
 * assert.match(error.message, /4097/);
 * ```
 */
export class ThreadEndedError extends Error {
  /** The id of the ended thread (0 when unknown). */
  readonly threadId: number;

  /**
   * Creates the error.
   *
   * @param message What was refused. Defaults to a generic sentence.
   * @param options The `cause` and the ended `threadId`.
   */
  constructor(message?: string, options: ThreadEndedErrorOptions = {}) {
    const threadId = options.threadId ?? 0;
    super(
      message ??
        `Cannot continue thread ${threadId}: it was terminated or has ended`,
      options,
    );
    this.name = "ThreadEndedError";
    this.threadId = threadId;
  }
}
