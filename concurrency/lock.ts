// This module is browser compatible.

/**
 * `Lock`: Python's `threading.Lock` across workers, on a `SharedArrayBuffer`.
 *
 * @module
 */

import { checkLive } from "./_park.ts";
import { RawLock, unlockWord } from "./_raw_lock.ts";
import { HANDED_OFF } from "./_lock_handoff.ts";
import { enterClosedGate, enterClosedGateAsync } from "./_lock_order.ts";
import { held, Slot, slotBase } from "./_runtime.ts";
import { SharedPrimitive } from "./shared_primitive.ts";

/** Options for a blocking acquire. */
export interface AcquireOptions {
  /** Wait for the primitive; when false, try once and return at once. Defaults to true. */
  blocking?: boolean;
  /** How long to wait at most, in milliseconds. Defaults to `Infinity` (no limit). Not allowed with `blocking: false`. */
  timeout?: number;
}

/** Options for an async acquire. */
export interface AcquireAsyncOptions {
  /** How long to wait at most, in milliseconds. Defaults to `Infinity` (no limit). */
  timeout?: number;
  /** Aborts the wait: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Options for creating a lock-like primitive. */
export interface LockOptions {
  /** A name for reports (deadlock cycles, errors). Defaults to `"Lock <id>"`. */
  name?: string;
}

/** The structured-cloneable form of a {@linkcode Lock}, for `postMessage`. */
export interface LockHandle {
  /** Always `"Lock"`. */
  readonly kind: "Lock";
  /** The runtime the lock lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the lock. */
  readonly index: number;
  /** The lock's stable id. */
  readonly id: number;
}

/**
 * A mutual-exclusion lock shared by every thread (the main thread and
 * workers), as Python's `threading.Lock`. Its whole state is one word of the
 * shared runtime: `0` when unlocked, else the owner's thread id and a
 * waiters bit. Taking a free lock is a single compare-and-swap; a release
 * without waiters never notifies. A lock records its owner, so releasing a
 * lock this thread does not hold throws (Python's RuntimeError).
 *
 * Share it with a worker through `spawn`'s `args`, or post `lock.handle` and
 * revive it with `Lock.from(handle)`.
 *
 * @example Usage
 * ```ts
 * import { Lock } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const lock = new Lock({ name: "counter" });
 * {
 *   using _ = lock.hold();
 *   assert.equal(lock.locked(), true);
 *   assert.equal(lock.acquire({ blocking: false }), false);
 * }
 * assert.equal(lock.locked(), false);
 * assert.equal(await lock.acquireAsync({ timeout: 10 }), true);
 * lock.release();
 * ```
 */
export class Lock extends SharedPrimitive {
  readonly #view: Int32Array;
  readonly #word: number;
  readonly #me: number;
  readonly #mine: number;
  readonly #gate: number;
  /** The slow paths, behind the inline fast paths. */
  readonly #raw: RawLock;
  #handle: LockHandle | undefined;

  /**
   * Creates an unlocked lock in the shared runtime (creating the runtime on
   * first use).
   *
   * @param options The lock's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options: LockOptions = {}) {
    super(options, "Lock", 1);
    this.#view = this.view;
    this.#word = this.stateIndex;
    this.#me = this.thread;
    this.#mine = this.#me << 1;
    this.#gate = slotBase(this.#me) + Slot.GATE;
    this.#raw = new RawLock(this.#view, this.arenaIndex);
  }

  /**
   * Revives a lock from its handle, in any thread.
   *
   * @param handle A `lock.handle` that crossed `postMessage`.
   * @returns A `Lock` over the same shared word.
   * @throws {TypeError} When `handle` is not a `Lock` handle of this
   *   process's runtime, or its lock was freed.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * const same = Lock.from(structuredClone(lock.handle));
   * lock.acquire();
   * assert.equal(same.locked(), true);
   * same.release();
   * ```
   */
  static from(handle: LockHandle): Lock {
    return new Lock(Lock.revive(handle, "Lock"));
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): LockHandle {
    return this.#handle ??= this.handleFields("Lock");
  }

  /**
   * Takes the lock, blocking this thread until it is free (use
   * {@linkcode Lock.acquireAsync} on a thread that must not block).
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when the lock was taken, false when it was not free
   *   (`blocking: false`) or the timeout passed.
   * @throws {RangeError} For a negative timeout, or a timeout with `blocking: false`.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   * @throws {TypeError} Where the thread may not block (a browser main thread).
   * @throws {ThreadEndedError} When this thread was terminated and runs on.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.equal(lock.acquire(), true);
   * assert.equal(lock.acquire({ timeout: 5 }), false);
   * lock.release();
   * ```
   */
  acquire(options?: AcquireOptions): boolean {
    // One word says both that this thread runs and that lock-order
    // validation is off (see `Slot.GATE`). A plain read: cheaper than
    // Atomics.load on this path, and a change made by another thread is
    // seen on a later call at the latest.
    if (this.#view[this.#gate] !== this.#me) {
      enterClosedGate(this.view, this.#me, this.arenaIndex, options);
    }
    if (Atomics.compareExchange(this.#view, this.#word, 0, this.#mine) === 0) {
      return true;
    }
    return this.#raw.acquire(options);
  }

  /**
   * Takes the lock without blocking the thread: tries the atomic fast path,
   * then waits with `Atomics.waitAsync`. Works on every thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the lock was taken, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   * @throws {ThreadEndedError} When this thread was terminated and runs on.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.equal(await lock.acquireAsync(), true);
   * assert.equal(await lock.acquireAsync({ timeout: 5 }), false);
   * lock.release();
   * ```
   */
  async acquireAsync(options: AcquireAsyncOptions = {}): Promise<boolean> {
    options.signal?.throwIfAborted();
    if (this.#view[this.#gate] !== this.#me) {
      enterClosedGateAsync(this.view, this.#me, this.arenaIndex);
    }
    if (Atomics.compareExchange(this.#view, this.#word, 0, this.#mine) === 0) {
      return true;
    }
    return await this.#raw.acquireAsync(options);
  }

  /**
   * Releases the lock, waking one waiter if there is one.
   *
   * @throws {Error} When the lock is not locked, or another thread holds it.
   * @throws {ThreadEndedError} When this thread was terminated and runs on
   *   (the lock stays poisoned).
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.throws(() => lock.release(), /not locked/);
   * ```
   */
  release(): void {
    if (
      Atomics.compareExchange(this.#view, this.#word, this.#mine, 0) ===
        this.#mine
    ) {
      // No end check here: when a thread ends, the locks it holds get their
      // waiters bit set (see `markLocksOfEnded`), so a thread that runs on
      // fails this compare-and-swap and stops at the check below, leaving
      // the lock poisoned. A release that wins the race with the marking
      // released the lock before the end was seen.
      return;
    }
    checkLive(this.#view, this.#me);
    const previous = unlockWord(this.#view, this.#word, this.#me);
    if (previous === -1) {
      throw new Error(`Cannot release lock "${this.name}": it is not locked`);
    }
    if (previous !== 0) {
      throw new Error(
        `Cannot release lock "${this.name}": thread ${
          previous >>> 1
        } holds it, not thread ${this.#me}`,
      );
    }
  }

  /**
   * Returns whether some thread holds the lock.
   *
   * @returns true while the lock is held.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.equal(lock.locked(), false);
   * ```
   */
  locked(): boolean {
    // A hand-off in flight (see `_lock_handoff.ts`) is released, not held.
    const value = Atomics.load(this.#view, this.#word);
    return value !== 0 && value !== HANDED_OFF;
  }

  /**
   * Takes the lock and returns a guard that releases it when disposed, for
   * `using _ = lock.hold();` (Python's `with lock:`).
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.throws(() => {
   *   using _ = lock.hold();
   *   throw new Error("boom");
   * }, /boom/);
   * assert.equal(lock.locked(), false);
   * ```
   */
  hold(options: { timeout?: number } = {}): Disposable & AsyncDisposable {
    const taken = this.acquire({ timeout: options.timeout });
    return held(taken, this, `lock "${this.name}"`, options.timeout);
  }

  /**
   * Takes the lock without blocking the thread and returns a guard that
   * releases it, for `await using _ = await lock.holdAsync();`.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * {
   *   await using _ = await lock.holdAsync({ timeout: 100 });
   *   assert.equal(lock.locked(), true);
   * }
   * assert.equal(lock.locked(), false);
   * ```
   */
  async holdAsync(
    options: AcquireAsyncOptions = {},
  ): Promise<Disposable & AsyncDisposable> {
    const taken = await this.acquireAsync(options);
    return held(taken, this, `lock "${this.name}"`, options.timeout);
  }
}
