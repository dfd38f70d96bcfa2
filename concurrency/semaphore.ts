// This module is browser compatible.

/**
 * `Semaphore`: Python's `threading.Semaphore` across workers.
 *
 * @module
 */

import type { AcquireAsyncOptions, AcquireOptions } from "./lock.ts";
import {
  checkLiveWord,
  liveWord,
  unpark,
  WaitKind,
  type WaitRecord,
} from "./_park.ts";
import { NOT_YET, type Step } from "./_drive.ts";
import { type Op, runAsync, runBlocking, stepWait } from "./_op.ts";
import {
  adoptedIndex,
  blockingTimeout,
  BOUND,
  guard,
  holdTimeoutError,
  timeoutOption,
} from "./_runtime.ts";
import { SharedPrimitive } from "./shared_primitive.ts";
import { recordPermits } from "./_thread_holds.ts";

const timedOut = (): boolean => false;

/** The state words of a semaphore, as offsets from its state. */
const Word = {
  /** The counter. */
  VALUE: 0,
  /** Threads about to park or parked, so a release without waiters never notifies. */
  WAITERS: 1,
  /** The upper bound of a `BoundedSemaphore`; 0 for none. */
  BOUND: 2,
} as const;

/** Options for creating a {@linkcode Semaphore}. */
export interface SemaphoreOptions {
  /** A name for reports. Defaults to `"Semaphore <id>"`. */
  name?: string;
}

/** The structured-cloneable form of a {@linkcode Semaphore} or `BoundedSemaphore`. */
export interface SemaphoreHandle {
  /** `"Semaphore"` or `"BoundedSemaphore"`. */
  readonly kind: "Semaphore" | "BoundedSemaphore";
  /** The runtime the semaphore lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the semaphore. */
  readonly index: number;
  /** The semaphore's stable id. */
  readonly id: number;
}

/**
 * A counting semaphore, as Python's `threading.Semaphore`: `acquire` takes
 * one unit of the counter, waiting while it is 0; `release(n)` gives `n`
 * back and wakes that many waiters. Not owned: any thread may release. Its
 * counter lives in the shared runtime; taking a free unit is one
 * compare-and-swap, and a release without waiters never notifies.
 *
 * @example Usage
 * ```ts
 * import { Semaphore } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const slots = new Semaphore(2);
 * assert.equal(slots.acquire(), true);
 * assert.equal(slots.acquire(), true);
 * assert.equal(slots.acquire({ blocking: false }), false);
 * slots.release(2);
 * assert.equal(slots.value, 2);
 * ```
 */
export class Semaphore extends SharedPrimitive {
  readonly #view: Int32Array;
  readonly #value: number;
  readonly #waiters: number;
  /** The bound of a `BoundedSemaphore`, 0 for none (fixed at creation). */
  readonly #bound: number;
  readonly #me: number;
  readonly #live: number;
  readonly #record: WaitRecord;
  #handle: SemaphoreHandle | undefined;

  /**
   * Creates a semaphore with the counter at `value`.
   *
   * @param value The initial counter. Defaults to 1.
   * @param options The semaphore's name.
   * @throws {RangeError} When `value` is negative or not an integer, or the runtime's memory is at its limit.
   */
  constructor(value = 1, options: SemaphoreOptions = {}) {
    const bound = (options as { [BOUND]?: boolean })[BOUND] === true;
    const adopted = adoptedIndex(options);
    if (
      adopted === undefined &&
      !(Number.isInteger(value) && value >= 0 && value <= 0x7fffffff)
    ) {
      throw new RangeError(
        `Cannot create a semaphore with value "${value}": it must be a whole number >= 0`,
      );
    }
    super(options, bound ? "BoundedSemaphore" : "Semaphore", 3);
    this.#view = this.view;
    this.#value = this.stateIndex + Word.VALUE;
    this.#waiters = this.stateIndex + Word.WAITERS;
    if (adopted === undefined) {
      Atomics.store(this.#view, this.#value, value);
      if (bound) Atomics.store(this.#view, this.stateIndex + Word.BOUND, value);
    }
    this.#bound = Atomics.load(this.#view, this.stateIndex + Word.BOUND);
    this.#me = this.thread;
    this.#live = liveWord(this.#me);
    this.#record = { kind: WaitKind.SEMAPHORE, primitive: this.arenaIndex };
  }

  /**
   * Revives a semaphore from its handle, in any thread.
   *
   * @param handle A `semaphore.handle` that crossed `postMessage`.
   * @returns A `Semaphore` over the same shared counter.
   * @throws {TypeError} When `handle` is not a `Semaphore` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(3);
   * assert.equal(Semaphore.from(structuredClone(semaphore.handle)).value, 3);
   * ```
   */
  static from(handle: SemaphoreHandle): Semaphore {
    return new Semaphore(0, Semaphore.revive(handle, "Semaphore"));
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): SemaphoreHandle {
    return this.#handle ??= this.handleFields(
      this.kind as "Semaphore" | "BoundedSemaphore",
    );
  }

  /** The counter now (a snapshot: other threads may change it at once). */
  get value(): number {
    return Atomics.load(this.#view, this.#value);
  }

  /** The wait for a unit, for both drivers: take one, or park while the counter is 0. */
  readonly #step: Step<boolean> = (target) => {
    if (this.#tryAcquire()) return true;
    target.index = this.#value;
    target.expected = 0;
    return NOT_YET;
  };

  #tryAcquire(): boolean {
    const view = this.#view;
    for (;;) {
      const value = Atomics.load(view, this.#value);
      if (value <= 0) return false;
      if (
        Atomics.compareExchange(view, this.#value, value, value - 1) === value
      ) return true;
    }
  }

  /**
   * Takes one unit, waiting while the counter is 0. Blocks the thread; see
   * {@linkcode Semaphore.acquireAsync}.
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when a unit was taken, false when none was free
   *   (`blocking: false`) or the timeout passed.
   * @throws {RangeError} For a negative timeout, or a timeout with `blocking: false`.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(0);
   * assert.equal(semaphore.acquire({ timeout: 5 }), false);
   * ```
   */
  acquire(options?: AcquireOptions): boolean {
    checkLiveWord(this.#view, this.#live, this.#me);
    if (this.#tryAcquire()) return true;
    const timeout = options === undefined ? Infinity : blockingTimeout(options);
    if (timeout === 0) return false;
    return runBlocking(this.#acquireSlow(timeout));
  }

  /**
   * Takes one unit without blocking the thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when a unit was taken, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(1);
   * assert.equal(await semaphore.acquireAsync(), true);
   * assert.equal(await semaphore.acquireAsync({ timeout: 5 }), false);
   * ```
   */
  async acquireAsync(options: AcquireAsyncOptions = {}): Promise<boolean> {
    options.signal?.throwIfAborted();
    checkLiveWord(this.#view, this.#live, this.#me);
    if (this.#tryAcquire()) return true;
    const timeout = timeoutOption(options.timeout);
    if (timeout === 0) return false;
    return await runAsync(this.#acquireSlow(timeout), options.signal);
  }

  /**
   * The wait of `acquire` and `acquireAsync` once no unit was free, for both
   * drivers: counted among the waiters, so that a release notifies.
   */
  *#acquireSlow(timeout: number): Op<boolean> {
    const wait = stepWait(this.#step, timeout, this.#record, timedOut);
    Atomics.add(this.#view, this.#waiters, 1);
    try {
      return (yield wait) as boolean;
    } finally {
      Atomics.sub(this.#view, this.#waiters, 1);
    }
  }

  /**
   * Gives `n` units back and wakes up to `n` waiters.
   *
   * @param n How many units. Defaults to 1.
   * @throws {RangeError} When `n` is not a whole number >= 1, or (for a
   *   `BoundedSemaphore`) the counter would pass its initial value.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(0);
   * semaphore.release(3);
   * assert.equal(semaphore.value, 3);
   * ```
   */
  release(n = 1): void {
    if (!(Number.isInteger(n) && n >= 1)) {
      throw new RangeError(
        `Cannot release "${n}" units: the count must be a whole number >= 1`,
      );
    }
    const view = this.#view;
    checkLiveWord(this.#view, this.#live, this.#me);
    const bound = this.#bound;
    if (bound === 0) {
      Atomics.add(view, this.#value, n);
    } else {
      for (;;) {
        const value = Atomics.load(view, this.#value);
        if (value + n > bound) {
          throw new RangeError(
            `Cannot release bounded semaphore "${this.name}" ${n} time(s): its value ${value} would pass its bound ${bound}`,
          );
        }
        if (
          Atomics.compareExchange(view, this.#value, value, value + n) === value
        ) break;
      }
    }
    // The counter changed before this read: a waiter that counted itself
    // after it will see the new value before it parks.
    if (Atomics.load(view, this.#waiters) > 0) unpark(this.#value, n);
  }

  /**
   * The guard of a unit taken by `hold()`: a guard's unit is given back by
   * the thread that took it, so thread dumps list it as this thread's.
   */
  #heldGuard(): Disposable & AsyncDisposable {
    const index = this.arenaIndex;
    recordPermits(index, 1);
    return guard(() => {
      recordPermits(index, -1);
      this.release();
    });
  }

  /**
   * Takes one unit and returns a guard that gives it back: `using _ = semaphore.hold();`.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases one unit once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(1);
   * {
   *   using _ = semaphore.hold();
   *   assert.equal(semaphore.value, 0);
   * }
   * assert.equal(semaphore.value, 1);
   * ```
   */
  hold(options: { timeout?: number } = {}): Disposable & AsyncDisposable {
    if (!this.acquire({ timeout: options.timeout })) {
      throw holdTimeoutError(`semaphore "${this.name}"`, options.timeout!);
    }
    return this.#heldGuard();
  }

  /**
   * Takes one unit without blocking the thread and returns a guard that
   * gives it back: `await using _ = await semaphore.holdAsync();`.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A guard whose disposal releases one unit once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(1);
   * {
   *   await using _ = await semaphore.holdAsync();
   *   assert.equal(semaphore.value, 0);
   * }
   * assert.equal(semaphore.value, 1);
   * ```
   */
  async holdAsync(
    options: AcquireAsyncOptions = {},
  ): Promise<Disposable & AsyncDisposable> {
    if (!await this.acquireAsync(options)) {
      throw holdTimeoutError(`semaphore "${this.name}"`, options.timeout!);
    }
    return this.#heldGuard();
  }
}
