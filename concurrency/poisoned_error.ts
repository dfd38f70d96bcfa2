// This module is browser compatible.

/**
 * The error an acquire throws when the lock's owner ended while it held it.
 *
 * @module
 */

/** Where the acquiring thread keeps the recovery of one error (never crosses threads). */
const RECOVER = Symbol.for("wirework.poisoned.recover");

type Recover = () => (Disposable & AsyncDisposable) | undefined;

/** Options for {@linkcode PoisonedError}. */
export interface PoisonedErrorOptions extends ErrorOptions {
  /** The id of the thread that ended while it owned the lock. Defaults to 0 (unknown). */
  ownerThreadId?: number;
  /** The lock's name. Defaults to `""`. */
  lockName?: string;
}

/**
 * Thrown by an acquire of a `Lock`, an `RLock` or a `Condition`'s lock (and by
 * waits that take an internal lock, such as `SharedQueue` and `Barrier`) when
 * the thread that owned it ended without releasing it: the worker threw,
 * returned, was terminated or stopped. This is Rust's lock poisoning: the
 * data the lock guards may be half-written, so every later acquire (blocking,
 * timed or async) throws this error, and nobody waits for ever. The acquire
 * that throws does not own the lock. Threads parked on the lock when its owner
 * ended are woken and throw it too. A non-blocking `acquire({ blocking: false })`
 * returns false, as for any held lock. A `Condition.wait` that wakes to a
 * poisoned lock throws it too, without holding the lock (so do not release
 * it then).
 *
 * To recover, one thread calls {@linkcode PoisonedError.recover}: it takes
 * the lock over from the dead owner (so no one else enters meanwhile), repairs
 * the data, and releases the returned guard; the lock is then healthy again.
 *
 * @example Usage
 * ```ts
 * import { PoisonedError } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const error = new PoisonedError(undefined, { ownerThreadId: 4097, lockName: "accounts" });
 * assert.equal(error.name, "PoisonedError");
 * assert.equal(error.ownerThreadId, 4097);
 * assert.match(error.message, /"accounts"/);
 * // Only an error thrown by an acquire in this thread can recover its lock.
 * assert.throws(() => error.recover(), TypeError);
 * ```
 */
export class PoisonedError extends Error {
  /** The id of the thread that ended while it owned the lock (0 when unknown). */
  readonly ownerThreadId: number;
  /** The lock's name. */
  readonly lockName: string;

  /**
   * Creates the error.
   *
   * @param message What was poisoned. Defaults to a sentence naming the lock and the owner.
   * @param options The dead `ownerThreadId`, the `lockName` and a `cause`.
   */
  constructor(message?: string, options: PoisonedErrorOptions = {}) {
    const ownerThreadId = options.ownerThreadId ?? 0;
    const lockName = options.lockName ?? "";
    super(
      message ??
        `Cannot acquire lock "${lockName}": thread ${ownerThreadId} ended while it held it (the lock is poisoned; recover() it)`,
      options,
    );
    this.name = "PoisonedError";
    this.ownerThreadId = ownerThreadId;
    this.lockName = lockName;
  }

  /**
   * Takes the poisoned lock over from the dead owner, for the thread that
   * will repair the data it guards; releasing the returned guard (or the
   * lock, the usual way) makes the lock healthy again. Call it in the thread
   * that caught the error.
   *
   * @returns A guard that releases the lock, or undefined when another
   *   thread recovered the lock first (acquire it normally then).
   * @throws {TypeError} When the error was not thrown by an acquire in this
   *   thread (it was built by hand, or crossed from another thread).
   */
  recover(): (Disposable & AsyncDisposable) | undefined {
    const recover = (this as unknown as Record<symbol, Recover | undefined>)[
      RECOVER
    ];
    if (recover === undefined) {
      throw new TypeError(
        `Cannot recover lock "${this.lockName}": only the thread whose acquire threw this error can`,
      );
    }
    return recover();
  }
}
