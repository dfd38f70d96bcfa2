// This module is browser compatible.

/**
 * `BoundedSemaphore`: Python's `threading.BoundedSemaphore` across workers.
 *
 * @module
 */

import { BOUND } from "./_runtime.ts";
import {
  Semaphore,
  type SemaphoreHandle,
  type SemaphoreOptions,
} from "./semaphore.ts";

/**
 * A semaphore that refuses to be released past its initial value, as
 * Python's `threading.BoundedSemaphore`: a release without a matching
 * acquire is a bug, reported at once with a `RangeError`.
 *
 * @example Usage
 * ```ts
 * import { BoundedSemaphore } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const pool = new BoundedSemaphore(2);
 * pool.acquire();
 * pool.release();
 * assert.throws(() => pool.release(), RangeError);
 * assert.equal(pool.value, 2);
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  /**
   * Creates a bounded semaphore with the counter and its bound at `value`.
   *
   * @param value The initial counter and its upper bound. Defaults to 1.
   * @param options The semaphore's name.
   * @throws {RangeError} When `value` is negative or not an integer, or the arena is full.
   */
  constructor(value = 1, options: SemaphoreOptions = {}) {
    super(value, { ...options, [BOUND]: true } as SemaphoreOptions);
  }

  /**
   * Revives a bounded semaphore from its handle, in any thread.
   *
   * @param handle A `semaphore.handle` that crossed `postMessage`.
   * @returns A `BoundedSemaphore` over the same shared counter.
   * @throws {TypeError} When `handle` is not a `BoundedSemaphore` handle of this process's runtime.
   *
   * @example Usage
   * ```ts
   * import { BoundedSemaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const pool = new BoundedSemaphore(4);
   * assert.equal(BoundedSemaphore.from(structuredClone(pool.handle)).value, 4);
   * ```
   */
  static override from(handle: SemaphoreHandle): BoundedSemaphore {
    return new BoundedSemaphore(
      0,
      BoundedSemaphore.revive(handle, "BoundedSemaphore"),
    );
  }
}
