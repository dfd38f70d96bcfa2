// This module is browser compatible.

/**
 * `Barrier`: Python's `threading.Barrier` across workers.
 *
 * @module
 */

import { BrokenBarrierError } from "./broken_barrier_error.ts";
import { PoisonedError } from "./poisoned_error.ts";
import { checkRevivedAction, missingActionError } from "./_barrier_action.ts";
import {
  checkLive,
  hasEnded,
  onAbandonedWait,
  unpark,
  WaitKind,
  type WaitRecord,
} from "./_park.ts";
import { lockSlow, unlockWord } from "./_raw_lock.ts";
import type { Op, Wait } from "./_op.ts";
import { lockWait, parkWait, runAsync, runBlocking } from "./_op.ts";
import {
  adoptedIndex,
  currentThreadId,
  deadlineIn,
  msLeft,
  Primitive,
  timeoutOption,
  words,
} from "./_runtime.ts";
import { SharedPrimitive } from "./shared_primitive.ts";

/** The state words of a barrier, as offsets from its state. */
const Word = {
  /** An internal lock word (the `Lock` layout) guarding the others. */
  LOCK: 0,
  /** Bumped on every change waiters wait for; they park on it. */
  SEQUENCE: 1,
  /** A `State`. */
  STATE: 2,
  /** Threads inside `wait` now. */
  COUNT: 3,
  /** The number of parties. */
  PARTIES: 4,
  /** The default timeout in ms, or -1 for none. */
  TIMEOUT: 5,
  /** 1 when the barrier was created with an action: every thread's object must have one. */
  ACTION: 6,
} as const;

/** Python's states: filling, draining, resetting, broken. */
const State = { FILLING: 0, DRAINING: 1, RESETTING: -1, BROKEN: -2 } as const;

/**
 * A party that ends while it waits at a barrier (terminated, or its thread
 * gone with a `waitAsync` pending) will never arrive nor leave: the thread
 * that ends it breaks the barrier, as a timed-out party does, and takes the
 * party's place out of the count, so the others get `BrokenBarrierError`
 * and a `reset()` refills the barrier.
 */
onAbandonedWait(WaitKind.BARRIER, (primitive) => {
  const view = words();
  const state = primitive + Primitive.STATE;
  const word = state + Word.LOCK;
  const me = currentThreadId();
  const record = { kind: WaitKind.BARRIER_ENTER, primitive };
  try {
    // Without a time limit the wait returns only holding the lock.
    if (Atomics.compareExchange(view, word, 0, me << 1) !== 0) {
      lockSlow(view, word, me, Infinity, record);
    }
  } catch {
    // Its lock poisoned, or no thread here may block: the barrier is lost anyway.
    return;
  }
  if (Atomics.load(view, state + Word.STATE) === State.FILLING) {
    Atomics.store(view, state + Word.STATE, State.BROKEN);
  }
  leave(view, state);
  notifyAll(view, state);
  unlockWord(view, word, me);
});

/** Bumps the sequence word and wakes every thread parked on it. */
function notifyAll(view: Int32Array, state: number): void {
  Atomics.add(view, state + Word.SEQUENCE, 1);
  unpark(state + Word.SEQUENCE, Infinity);
}

/**
 * Python's `_exit` (internal lock held): a party leaves, and the last one
 * out of a drain or reset refills the barrier.
 *
 * @returns true when it refilled the barrier: the waiters must be told.
 */
function leave(view: Int32Array, state: number): boolean {
  const count = Atomics.sub(view, state + Word.COUNT, 1) - 1;
  const now = Atomics.load(view, state + Word.STATE);
  if (count !== 0 || (now !== State.DRAINING && now !== State.RESETTING)) {
    return false;
  }
  Atomics.store(view, state + Word.STATE, State.FILLING);
  return true;
}

/** Options for creating a {@linkcode Barrier}, and for reviving one. */
export interface BarrierOptions {
  /**
   * Run by the last thread to arrive, exactly once per cycle, before the
   * others are released; when it throws, the barrier breaks. Functions do
   * not cross threads, and any thread may arrive last, so every thread that
   * waits needs the action: give it to `new Barrier` and to
   * `Barrier.from(handle, { action })` in each worker (the same function,
   * imported from one module). A barrier created without an action refuses
   * one at revival, and a thread whose `Barrier` has none when the barrier
   * has one refuses to `wait` (a `TypeError` before it arrives): never a
   * skipped action.
   */
  action?: () => void;
  /** The default timeout of `wait`, in ms. Defaults to `Infinity` (no limit). */
  timeout?: number;
  /** A name for reports. Defaults to `"Barrier <id>"`. */
  name?: string;
}

/** The structured-cloneable form of a {@linkcode Barrier}, for `postMessage`. */
export interface BarrierHandle {
  /** Always `"Barrier"`. */
  readonly kind: "Barrier";
  /** The runtime the barrier lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the barrier. */
  readonly index: number;
  /** The barrier's stable id. */
  readonly id: number;
}

/**
 * A cyclic barrier for a fixed number of threads, as Python's
 * `threading.Barrier`: each calls `wait`, and all are released together when
 * the last arrives, each with a distinct index from 0 to `parties - 1`
 * (arrival order). It can then be used again. A timed-out wait, an `abort`,
 * a `reset` while threads wait, a throwing action or an interrupted waiter
 * break it: waiting and arriving threads get {@linkcode BrokenBarrierError}
 * until `reset`.
 *
 * @example Usage
 * ```ts
 * import { Barrier, BrokenBarrierError } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const barrier = new Barrier(1, { action: () => console.log("all here") });
 * assert.equal(barrier.wait(), 0);
 * const pair = new Barrier(2);
 * assert.throws(() => pair.wait({ timeout: 5 }), BrokenBarrierError);
 * assert.equal(pair.broken, true);
 * pair.reset();
 * assert.equal(pair.broken, false);
 * ```
 */
export class Barrier extends SharedPrimitive {
  readonly #view: Int32Array;
  readonly #state: number;
  readonly #me: number;
  readonly #action: (() => void) | undefined;
  readonly #missingAction: boolean;
  readonly #record: WaitRecord;
  readonly #enterRecord: WaitRecord;
  /** The waits that take the internal lock, as a party and to enter. */
  readonly #partyLock: Wait;
  readonly #enterLock: Wait;
  #handle: BarrierHandle | undefined;

  /**
   * Creates a barrier for `parties` threads.
   *
   * @param parties How many threads must call `wait` before all are released.
   * @param options The action, default timeout and name.
   * @throws {RangeError} When `parties` is not a whole number >= 1, for a
   *   negative timeout, or when the runtime's memory is at its limit.
   * @throws {TypeError} When `action` is not a function.
   */
  constructor(parties: number, options: BarrierOptions = {}) {
    const adopted = adoptedIndex(options);
    if (
      adopted === undefined &&
      !(Number.isInteger(parties) && parties >= 1 && parties <= 0x7fffffff)
    ) {
      throw new RangeError(
        `Cannot create a barrier for "${parties}" parties: it must be a whole number >= 1`,
      );
    }
    const timeout = timeoutOption(options.timeout);
    if (options.action !== undefined && typeof options.action !== "function") {
      throw new TypeError(
        `Cannot use "${
          String(options.action)
        }" as a barrier's action: it is not a function`,
      );
    }
    super(options, "Barrier", 7);
    const index = this.arenaIndex;
    this.#view = this.view;
    this.#state = this.stateIndex;
    if (adopted === undefined) {
      this.#put(Word.PARTIES, parties);
      this.#put(Word.TIMEOUT, timeout === Infinity ? -1 : Math.ceil(timeout));
      if (options.action) this.#put(Word.ACTION, 1);
    }
    const hasAction = this.#get(Word.ACTION) === 1;
    this.#missingAction = adopted !== undefined &&
      checkRevivedAction(hasAction, this.name, options.action);
    this.#me = this.thread;
    this.#action = options.action;
    this.#record = { kind: WaitKind.BARRIER, primitive: index };
    this.#enterRecord = { kind: WaitKind.BARRIER_ENTER, primitive: index };
    const lock = this.#state + Word.LOCK;
    this.#partyLock = lockWait(this.#view, lock, this.#me, this.#record);
    this.#enterLock = lockWait(this.#view, lock, this.#me, this.#enterRecord);
  }

  /**
   * Revives a barrier from its handle, in any thread.
   *
   * @param handle A `barrier.handle` that crossed `postMessage`.
   * @param options This thread's `action` (functions do not cross threads):
   *   required to `wait` when the barrier was created with one.
   * @returns A `Barrier` over the same shared words.
   * @throws {TypeError} When `handle` is not a `Barrier` handle of this
   *   process's runtime, or its primitive was freed, or `action` is given
   *   for a barrier created without one.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(3);
   * assert.equal(Barrier.from(structuredClone(barrier.handle)).parties, 3);
   * ```
   */
  static from(
    handle: BarrierHandle,
    options: { action?: () => void } = {},
  ): Barrier {
    return new Barrier(0, {
      action: options.action,
      ...Barrier.revive<BarrierOptions>(handle, "Barrier"),
    });
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): BarrierHandle {
    return this.#handle ??= this.handleFields("Barrier");
  }

  /** How many threads must arrive to pass the barrier. */
  get parties(): number {
    return this.#get(Word.PARTIES);
  }

  /** How many threads wait at the barrier now (Python's `n_waiting`). */
  get waiting(): number {
    return this.#get(Word.STATE) === State.FILLING ? this.#get(Word.COUNT) : 0;
  }

  /** Whether the barrier is broken. */
  get broken(): boolean {
    return this.#get(Word.STATE) === State.BROKEN;
  }

  #get(word: number): number {
    return Atomics.load(this.#view, this.#state + word);
  }

  #put(word: number, value: number): void {
    Atomics.store(this.#view, this.#state + word, value);
  }

  /**
   * Takes the internal lock, for both drivers, parked as `record` says:
   * `BARRIER` once this thread counts as a party (so its end breaks the
   * barrier), else `BARRIER_ENTER`. A terminated thread that runs on takes
   * nothing.
   */
  *#lock(record = this.#enterRecord): Op<void> {
    checkLive(this.#view, this.#me);
    const word = this.#state + Word.LOCK;
    if (Atomics.compareExchange(this.#view, word, 0, this.#me << 1) === 0) {
      return;
    }
    const wait = record === this.#record ? this.#partyLock : this.#enterLock;
    for (;;) {
      try {
        yield wait;
        return;
      } catch (error) {
        if (this.#tookOverFromEnded(error)) return;
      }
    }
  }

  /**
   * The internal lock's holder ended holding it (terminated while it ran the
   * action, or between two steps of `wait`, `reset` or `abort`): the words
   * may be half-updated and the parties parked behind it would wait for
   * ever, so take the lock over and break the barrier. A last party that
   * ended in its action gives its place back, so `reset()` refills the
   * barrier.
   *
   * @returns true when this thread now holds the lock; false to try again
   *   (another thread took it over first).
   * @throws {unknown} `error` when it is not the holder's end.
   */
  #tookOverFromEnded(error: unknown): boolean {
    if (!(error instanceof PoisonedError)) throw error;
    if (error.recover() === undefined) return false;
    if (
      this.#get(Word.STATE) === State.FILLING &&
      this.#get(Word.COUNT) >= this.parties
    ) {
      Atomics.sub(this.#view, this.#state + Word.COUNT, 1);
    }
    this.#put(Word.STATE, State.BROKEN);
    notifyAll(this.#view, this.#state);
    return true;
  }

  /** Whether this thread has ended: its clean-up is then the ender's (see `onAbandonedWait`). */
  #ended(): boolean {
    return hasEnded(this.#view, this.#me);
  }

  #unlock(): void {
    if (this.#ended()) return;
    unlockWord(this.#view, this.#state + Word.LOCK, this.#me);
  }

  /** Waits (internal lock held) for the next change; holds the lock again on every way out. */
  *#waitChange(deadline: number, record: WaitRecord): Op<void> {
    const sequence = this.#state + Word.SEQUENCE;
    const seen = Atomics.load(this.#view, sequence);
    this.#unlock();
    try {
      const remaining = msLeft(deadline);
      if (remaining > 0) yield parkWait(sequence, seen, remaining, record);
    } finally {
      yield* this.#lock(record);
    }
  }

  #timeout(timeout: number | undefined): number {
    if (timeout !== undefined) return timeoutOption(timeout);
    const stored = this.#get(Word.TIMEOUT);
    return stored < 0 ? Infinity : stored;
  }

  #break(): void {
    if (this.#ended()) return;
    this.#put(Word.STATE, State.BROKEN);
    notifyAll(this.#view, this.#state);
  }

  /** The error of a thread that cannot pass; `why` says what broke the barrier. */
  #brokenError(why: string): BrokenBarrierError {
    return new BrokenBarrierError(`Cannot pass barrier "${this.name}": ${why}`);
  }

  /** The last arrival: run the action, then release the others. */
  #release(): void {
    this.#action?.();
    // Ended while the action ran: the barrier is another thread's now.
    checkLive(this.#view, this.#me);
    this.#put(Word.STATE, State.DRAINING);
    notifyAll(this.#view, this.#state);
  }

  /** Python's `_wait` outcome, once the state left FILLING or the time ran out. */
  #settle(): void {
    const state = this.#get(Word.STATE);
    if (state === State.FILLING) {
      this.#break();
      throw this.#brokenError("the wait timed out, which broke it");
    }
    if (state < 0) throw this.#brokenError("it was broken while waiting");
  }

  /** Python's `_exit` (see `leave`), unless this thread ended: then it is the ender's. */
  #exit(): void {
    if (!this.#ended() && leave(this.#view, this.#state)) {
      notifyAll(this.#view, this.#state);
    }
  }

  /**
   * Waits until all parties have called `wait`, blocking the thread; see
   * {@linkcode Barrier.waitAsync}.
   *
   * @param options `timeout` in ms (default: the barrier's own, else no limit).
   * @returns This thread's arrival index, from 0 to `parties - 1`.
   * @throws {TypeError} When the barrier has an action and this thread's
   *   `Barrier` has none (revive it with `Barrier.from(handle, { action })`);
   *   the thread does not arrive.
   * @throws {BrokenBarrierError} When the barrier is or becomes broken, or the timeout passes (which breaks it).
   * @throws {InterruptedError} When this thread is interrupted while it waits (which breaks it).
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Barrier(1).wait(), 0);
   * ```
   */
  wait(options: { timeout?: number } = {}): number {
    if (this.#missingAction) throw missingActionError(this.name);
    return runBlocking(this.#wait(this.#timeout(options.timeout)));
  }

  /**
   * Waits until all parties have called `wait`, without blocking the thread.
   *
   * @param options `timeout` in ms (default: the barrier's own, else no limit)
   *   and an abort `signal` (an abort breaks the barrier, as a timeout does).
   * @returns This thread's arrival index, from 0 to `parties - 1`.
   * @throws {TypeError} When the barrier has an action and this thread's
   *   `Barrier` has none; the thread does not arrive.
   * @throws {BrokenBarrierError} When the barrier is or becomes broken, or the timeout passes.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * const indices = await Promise.all([barrier.waitAsync(), barrier.waitAsync()]);
   * assert.deepEqual(indices.sort(), [0, 1]);
   * ```
   */
  async waitAsync(
    options: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<number> {
    options.signal?.throwIfAborted();
    if (this.#missingAction) throw missingActionError(this.name);
    const timeout = this.#timeout(options.timeout);
    return await runAsync(this.#wait(timeout), options.signal);
  }

  /** `wait` and `waitAsync`, written once for both drivers (Python's `wait`). */
  *#wait(timeout: number): Op<number> {
    const deadline = deadlineIn(timeout);
    yield* this.#lock();
    try {
      while (
        this.#get(Word.STATE) === State.DRAINING ||
        this.#get(Word.STATE) === State.RESETTING
      ) {
        yield* this.#waitChange(Infinity, this.#enterRecord);
      }
      // Python's `_enter` check, once a drain or a reset is waited out.
      if (this.#get(Word.STATE) < 0) throw this.#brokenError("it is broken");
      const index = Atomics.add(this.#view, this.#state + Word.COUNT, 1);
      try {
        const last = index + 1 === this.parties;
        // A party that fails (its action throws, its wait is cut short)
        // breaks the barrier for the others.
        try {
          if (last) {
            this.#release();
          } else {
            while (
              this.#get(Word.STATE) === State.FILLING &&
              performance.now() < deadline
            ) {
              yield* this.#waitChange(deadline, this.#record);
            }
          }
        } catch (error) {
          this.#break();
          throw error;
        }
        if (!last) this.#settle();
        return index;
      } finally {
        this.#exit();
      }
    } finally {
      this.#unlock();
    }
  }

  /**
   * Returns the barrier to its empty state; threads waiting at it get
   * `BrokenBarrierError`, as in Python.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * barrier.abort();
   * barrier.reset();
   * assert.equal(barrier.broken, false);
   * ```
   */
  reset(): void {
    this.#locked(() => {
      if (this.#get(Word.COUNT) > 0) {
        const state = this.#get(Word.STATE);
        if (state === State.FILLING || state === State.BROKEN) {
          this.#put(Word.STATE, State.RESETTING);
        }
      } else {
        this.#put(Word.STATE, State.FILLING);
      }
      notifyAll(this.#view, this.#state);
    });
  }

  /**
   * Breaks the barrier: threads waiting and arriving get `BrokenBarrierError`
   * until `reset`.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * barrier.abort();
   * assert.equal(barrier.broken, true);
   * ```
   */
  abort(): void {
    this.#locked(() => this.#break());
  }

  /** Runs `change` holding the internal lock (blocking the thread to take it). */
  #locked(change: () => void): void {
    runBlocking(this.#lock());
    try {
      change();
    } finally {
      this.#unlock();
    }
  }
}
