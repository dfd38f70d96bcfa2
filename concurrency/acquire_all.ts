// This module is browser compatible.

/**
 * `acquireAll`: several locks at once, in one global order.
 *
 * @module
 */

import { distinctLocks, notTakenError, takeInOrder } from "./_acquire_many.ts";
import { deadlineIn, msLeft, timeoutOption } from "./_runtime.ts";

/** What `acquireAll` and `acquireWithBackoff` can take: a `Lock`, an `RLock`, or anything shaped like them. */
export interface Acquirable {
  /** A stable id, unique in the process (the global order). */
  readonly id: number;
  /** The name reports use. */
  readonly name: string;
  /** Takes the lock; returns false when the timeout passed. */
  acquire(options?: { blocking?: boolean; timeout?: number }): boolean;
  /** Releases the lock. */
  release(): void;
}

/** Options for {@linkcode acquireAll}. */
export interface AcquireAllOptions {
  /** How long to wait for all the locks together, in milliseconds. Defaults to `Infinity` (no limit). */
  timeout?: number;
}

/**
 * Takes every lock in one global order — ascending `id`, the order the locks
 * were created in, the same in every thread — and returns a guard that
 * releases them in reverse: the classic "lock ordering" strategy, so two
 * threads that need the same locks can never wait for each other in a
 * circle, whatever order they list them in. Repeats of a lock are taken once.
 * On a timeout or an error, the locks already taken are released before it
 * throws. Blocks the thread (as `Lock.acquire`).
 *
 * @param locks The locks to take, in any order.
 * @param options `timeout` for all of them together (default no limit).
 * @returns A guard whose disposal releases every lock once, last taken first:
 *   `using _ = acquireAll([a, b]);`.
 * @throws {TypeError} When `locks` is not an iterable of locks.
 * @throws {RangeError} For a negative timeout.
 * @throws {DOMException} A `TimeoutError` when the timeout passed (nothing is left held).
 * @throws {DeadlockError} When a lock's acquire finds a deadlock (nothing is left held).
 *
 * @example Usage
 * ```ts
 * import { acquireAll, Lock } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const accounts = new Lock({ name: "accounts" });
 * const ledger = new Lock({ name: "ledger" });
 * {
 *   // Listed in either order, taken as accounts then ledger.
 *   using _ = acquireAll([ledger, accounts], { timeout: 1000 });
 *   assert.equal(accounts.locked() && ledger.locked(), true);
 * }
 * assert.equal(accounts.locked() || ledger.locked(), false);
 * ```
 */
export function acquireAll(
  locks: Iterable<Acquirable>,
  options: AcquireAllOptions = {},
): Disposable & AsyncDisposable {
  const ordered = distinctLocks(locks, "acquire all of").sort((a, b) =>
    a.id - b.id
  );
  const timeout = timeoutOption(options.timeout);
  const deadline = deadlineIn(timeout);
  return takeInOrder(
    ordered,
    () => Math.max(0, msLeft(deadline)),
    (blocker) => {
      throw notTakenError(
        ordered,
        `timed out after ${timeout} ms waiting for "${blocker.name}"`,
      );
    },
  );
}
