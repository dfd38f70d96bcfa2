// This module is browser compatible.

/**
 * `RLock`: Python's `threading.RLock` across workers.
 *
 * @module
 */

import { checkLiveWord, liveWord } from "./_park.ts";
import { RawLock, RLOCK_COUNT, unlockWord } from "./_raw_lock.ts";
import { HANDED_OFF } from "./_lock_handoff.ts";
import { enterClosedGate, enterClosedGateAsync } from "./_lock_order.ts";
import { held, Slot, slotBase } from "./_runtime.ts";
import { SharedPrimitive } from "./shared_primitive.ts";
import type {
  AcquireAsyncOptions,
  AcquireOptions,
  LockOptions,
} from "./lock.ts";

/** The structured-cloneable form of an {@linkcode RLock}, for `postMessage`. */
export interface RLockHandle {
  /** Always `"RLock"`. */
  readonly kind: "RLock";
  /** The runtime the lock lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the lock. */
  readonly index: number;
  /** The lock's stable id. */
  readonly id: number;
}

/** The recursion count of an RLock held by an async task (`acquireAsync`): not reentrant. */
const HELD_BY_TASK = -1;

/**
 * A reentrant lock, as Python's `threading.RLock`: the thread that holds it
 * may take it again, and must release it as many times. It keeps its owner's
 * thread id (in the same word layout as {@linkcode Lock}) and a recursion
 * count in the shared runtime; only the owner may release it.
 *
 * Blocking and async acquires differ in who owns the lock, because a thread
 * runs many async tasks but a blocked thread runs only one:
 * - `acquire()` (blocking) takes it for the thread, reentrantly, as Python's
 *   `threading.RLock` and Java's `ReentrantLock`;
 * - `acquireAsync()` takes it for the calling async task and is not
 *   reentrant, as Python's `asyncio.Lock`: while the lock is held by anyone
 *   (another thread, another task of this thread, or this thread's blocking
 *   hold) it waits, so two async tasks of one thread never hold it at once.
 *   A task that takes it again waits for itself: give it a timeout, or pass
 *   the guard down instead of re-acquiring;
 * - a blocking `acquire()` of a lock an async task of this thread holds
 *   throws rather than block the thread that task needs to release it
 *   (`blocking: false` returns false).
 *
 * @example Usage
 * ```ts
 * import { RLock } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const lock = new RLock();
 * lock.acquire();
 * lock.acquire();
 * lock.release();
 * assert.equal(lock.locked(), true);
 * lock.release();
 * assert.equal(lock.locked(), false);
 * ```
 */
export class RLock extends SharedPrimitive {
  readonly #view: Int32Array;
  readonly #word: number;
  readonly #count: number;
  readonly #me: number;
  readonly #mine: number;
  readonly #gate: number;
  readonly #live: number;
  /** The slow paths of the lock word, as `Lock`'s. */
  readonly #raw: RawLock;
  #handle: RLockHandle | undefined;

  /**
   * Creates an unlocked reentrant lock in the shared runtime.
   *
   * @param options The lock's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options: LockOptions = {}) {
    super(options, "RLock", 2);
    this.#view = this.view;
    this.#word = this.stateIndex;
    this.#count = this.#word + RLOCK_COUNT;
    this.#me = this.thread;
    this.#gate = slotBase(this.#me) + Slot.GATE;
    this.#live = liveWord(this.#me);
    this.#mine = this.#me << 1;
    this.#raw = new RawLock(this.#view, this.arenaIndex);
  }

  /**
   * Revives a reentrant lock from its handle, in any thread.
   *
   * @param handle An `rlock.handle` that crossed `postMessage`.
   * @returns An `RLock` over the same shared words.
   * @throws {TypeError} When `handle` is not an `RLock` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock({ name: "tree" });
   * assert.equal(RLock.from(structuredClone(lock.handle)).name, "tree");
   * ```
   */
  static from(handle: RLockHandle): RLock {
    return new RLock(RLock.revive(handle, "RLock"));
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): RLockHandle {
    return this.#handle ??= this.handleFields("RLock");
  }

  /**
   * Takes the lock, or takes it once more when this thread holds it already.
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when the lock was taken, false when it was not free
   *   (`blocking: false`) or the timeout passed.
   * @throws {RangeError} For a negative timeout, or a timeout with `blocking: false`.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {Error} When an async task of this thread holds the lock
   *   (`acquireAsync`) and the acquire would wait: blocking would keep that
   *   task from ever releasing it.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * assert.equal(lock.acquire(), true);
   * assert.equal(lock.acquire({ blocking: false }), true);
   * lock.release();
   * lock.release();
   * ```
   */
  acquire(options?: AcquireOptions): boolean {
    // One plain read says this thread runs and lock-order validation is
    // off (see `Slot.GATE`), as in `Lock.acquire`.
    if (this.#view[this.#gate] !== this.#me) {
      enterClosedGate(this.view, this.#me, this.arenaIndex, options);
    }
    if (this.#tryAcquire(options)) return true;
    if (!this.#raw.acquire(options)) return false;
    Atomics.store(this.#view, this.#count, 1);
    return true;
  }

  /**
   * Takes the lock for the calling async task without blocking the thread.
   * Not reentrant: while the lock is held, by this thread too (another task,
   * or a blocking `acquire`), it waits, so async tasks of one thread exclude
   * each other as Python's `asyncio.Lock` makes them.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the lock was taken, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * assert.equal(await lock.acquireAsync({ timeout: 10 }), true);
   * // Another task of this thread (or this one again) waits its turn.
   * assert.equal(await lock.acquireAsync({ timeout: 5 }), false);
   * lock.release();
   * ```
   */
  async acquireAsync(options: AcquireAsyncOptions = {}): Promise<boolean> {
    options.signal?.throwIfAborted();
    if (this.#view[this.#gate] !== this.#me) {
      enterClosedGateAsync(this.view, this.#me, this.arenaIndex);
    }
    if (
      Atomics.compareExchange(this.#view, this.#word, 0, this.#mine) === 0
    ) {
      Atomics.store(this.#view, this.#count, HELD_BY_TASK);
      return true;
    }
    const got = await this.#raw.acquireAsync(options);
    if (got) Atomics.store(this.#view, this.#count, HELD_BY_TASK);
    return got;
  }

  #tryAcquire(options: AcquireOptions | undefined): boolean {
    const value = Atomics.compareExchange(
      this.#view,
      this.#word,
      0,
      this.#mine,
    );
    if (value === 0) {
      Atomics.store(this.#view, this.#count, 1);
      return true;
    }
    if (value >>> 1 !== this.#me) return false;
    if (Atomics.load(this.#view, this.#count) !== HELD_BY_TASK) {
      Atomics.add(this.#view, this.#count, 1);
      return true;
    }
    // An async task of this thread holds it: it can only release it once
    // this thread's event loop runs again, which a blocking wait prevents.
    if (options?.blocking === false || options?.timeout === 0) return false;
    throw new Error(
      `Cannot take reentrant lock "${this.name}" with a blocking acquire: an async task of thread ${this.#me} holds it (acquireAsync), and blocking this thread would keep that task from releasing it`,
    );
  }

  /**
   * Releases the lock once; the last release of the owner frees it. A hold
   * taken by `acquireAsync` is released by one call (any task of the owner
   * thread may make it, as with {@linkcode Lock}).
   *
   * @throws {Error} When this thread does not hold the lock.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.throws(() => new RLock().release(), /does not hold it/);
   * ```
   */
  release(): void {
    checkLiveWord(this.#view, this.#live, this.#me);
    const value = Atomics.load(this.#view, this.#word);
    if (value >>> 1 !== this.#me) {
      throw new Error(
        `Cannot release reentrant lock "${this.name}": thread ${this.#me} does not hold it${
          value === 0 ? "" : ` (thread ${value >>> 1} does)`
        }`,
      );
    }
    const count = Atomics.load(this.#view, this.#count);
    if (count === HELD_BY_TASK || count === 1) {
      Atomics.store(this.#view, this.#count, 0);
      unlockWord(this.#view, this.#word, this.#me);
    } else {
      Atomics.store(this.#view, this.#count, count - 1);
    }
  }

  /**
   * Returns whether some thread holds the lock.
   *
   * @returns true while the lock is held.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new RLock().locked(), false);
   * ```
   */
  locked(): boolean {
    // A hand-off in flight (see `_lock_handoff.ts`) is released, not held.
    const value = Atomics.load(this.#view, this.#word);
    return value !== 0 && value !== HANDED_OFF;
  }

  /**
   * Returns whether this thread holds the lock.
   *
   * @returns true when this thread is the owner.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * using _ = lock.hold();
   * assert.equal(lock.owned(), true);
   * ```
   */
  owned(): boolean {
    return Atomics.load(this.#view, this.#word) >>> 1 === this.#me;
  }

  /**
   * Takes the lock and returns a guard that releases it once when disposed:
   * `using _ = lock.hold();`.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   * @throws {Error} When an async task of this thread holds the lock.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * {
   *   using _outer = lock.hold();
   *   using _inner = lock.hold();
   * }
   * assert.equal(lock.locked(), false);
   * ```
   */
  hold(options: { timeout?: number } = {}): Disposable & AsyncDisposable {
    const taken = this.acquire({ timeout: options.timeout });
    return held(taken, this, `reentrant lock "${this.name}"`, options.timeout);
  }

  /**
   * Takes the lock without blocking the thread and returns a guard that
   * releases it once: `await using _ = await lock.holdAsync();`.
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
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * {
   *   await using _ = await lock.holdAsync();
   *   assert.equal(lock.owned(), true);
   * }
   * assert.equal(lock.locked(), false);
   * ```
   */
  async holdAsync(
    options: AcquireAsyncOptions = {},
  ): Promise<Disposable & AsyncDisposable> {
    const taken = await this.acquireAsync(options);
    return held(taken, this, `reentrant lock "${this.name}"`, options.timeout);
  }
}
