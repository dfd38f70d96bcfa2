// This module is browser compatible.

/**
 * `acquireWithBackoff`: several locks in any order, giving up and retrying.
 *
 * @module
 */

import type { Acquirable } from "./acquire_all.ts";
import { distinctLocks, notTakenError, takeInOrder } from "./_acquire_many.ts";
import { sleep } from "./sleep.ts";
import { deadlineIn, msLeft, timeoutOption } from "./_runtime.ts";

/** Options for {@linkcode acquireWithBackoff}. */
export interface AcquireWithBackoffOptions {
  /** How long to keep trying, in milliseconds. Defaults to `Infinity` (limited by `retries` only). */
  timeout?: number;
  /** How many times to start again after giving up. Defaults to 100. */
  retries?: number;
  /** How long to wait for each lock after the first while holding others, in milliseconds. Defaults to 10. */
  attemptTimeout?: number;
  /** The longest back-off between tries, in milliseconds. Defaults to 50. */
  maxBackoff?: number;
}

function checkCount(name: string, value: number): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new RangeError(
      `Cannot acquire with backoff with ${name} "${value}": it must be a number >= 0`,
    );
  }
  return value;
}

/**
 * Takes every lock in the order given, and when one is not free within
 * `attemptTimeout` while others are held, releases them all (in reverse),
 * sleeps a random back-off ("full jitter": up to 1, 2, 4, … ms, at most
 * `maxBackoff`) and starts again: the classic "use timeouts" strategy, for
 * code that cannot agree on one lock order. A thread never waits for a lock
 * without a bound while it holds another, so it cannot be part of a
 * deadlock; the randomized back-off keeps two threads from retrying in step
 * for ever. The first lock, taken while holding nothing, is waited for up to
 * the remaining `timeout`. Timed acquires add no order to lock-order
 * validation. Blocks the thread.
 *
 * @param locks The locks to take, in the order to take them.
 * @param options `timeout` (default no limit), `retries` (default 100),
 *   `attemptTimeout` (default 10 ms) and `maxBackoff` (default 50 ms).
 * @returns A guard whose disposal releases every lock once, last taken first.
 * @throws {TypeError} When `locks` is not an iterable of locks.
 * @throws {RangeError} For a negative timeout, retries, attemptTimeout or maxBackoff.
 * @throws {DOMException} A `TimeoutError` when the timeout passed or the retries ran out (nothing is left held).
 * @throws {InterruptedError} When the thread is interrupted while it waits or sleeps (nothing is left held).
 *
 * @example Usage
 * ```ts
 * import { acquireWithBackoff, Lock } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const left = new Lock({ name: "left fork" });
 * const right = new Lock({ name: "right fork" });
 * {
 *   using _ = acquireWithBackoff([right, left], { timeout: 1000 });
 *   assert.equal(left.locked() && right.locked(), true);
 * }
 * assert.equal(left.locked() || right.locked(), false);
 * ```
 */
export function acquireWithBackoff(
  locks: Iterable<Acquirable>,
  options: AcquireWithBackoffOptions = {},
): Disposable & AsyncDisposable {
  const ordered = distinctLocks(locks, "acquire with backoff");
  const timeout = timeoutOption(options.timeout);
  const retries = checkCount("retries", options.retries ?? 100);
  const attemptTimeout = checkCount(
    "attemptTimeout",
    options.attemptTimeout ?? 10,
  );
  const maxBackoff = checkCount("maxBackoff", options.maxBackoff ?? 50);
  const deadline = deadlineIn(timeout);
  let attempt = 0;
  const patience = (held: number): number => {
    const remaining = Math.max(0, msLeft(deadline));
    return held === 0 ? remaining : Math.min(attemptTimeout, remaining);
  };
  return takeInOrder(ordered, patience, (blocker) => {
    const left = msLeft(deadline);
    if (attempt >= retries || left <= 0) {
      throw notTakenError(
        ordered,
        `"${blocker.name}" stayed busy through ${attempt} retries${
          timeout === Infinity ? "" : ` and ${timeout} ms`
        }`,
      );
    }
    const ceiling = Math.min(maxBackoff, 2 ** Math.min(attempt, 30), left);
    sleep(Math.random() * ceiling);
    attempt++;
  });
}
