// This module is browser compatible.

/**
 * `Condition`: Python's `threading.Condition` across workers.
 *
 * @module
 */

import { InterruptedError } from "./interrupted_error.ts";
import { Lock, type LockHandle } from "./lock.ts";
import {
  checkLive,
  hasEnded,
  SLICE_MS,
  unpark,
  WaitKind,
  type WaitRecord,
} from "./_park.ts";
import { drive, driveAsync, NOT_YET, type Step } from "./_drive.ts";
import { RLOCK_COUNT, unlockWord } from "./_raw_lock.ts";
import type { Op, Wait } from "./_op.ts";
import { lockWait, runAsync, runBlocking } from "./_op.ts";
import {
  adopt,
  adoptedIndex,
  allocateWords,
  deadlineIn,
  freeWords,
  held,
  msLeft,
  openHandle,
  Primitive,
  PrimitiveKind,
  timeoutOption,
  words,
} from "./_runtime.ts";
import { SharedPrimitive } from "./shared_primitive.ts";
import { onPrimitiveFreed, releasePrimitive } from "./_arena.ts";
import { RLock, type RLockHandle } from "./rlock.ts";

/**
 * The state words of a Condition, as offsets from its state. Waiters queue in
 * FIFO order as nodes in the arena (Python keeps a deque of per-waiter
 * locks); every change to the queue happens with the condition's lock held.
 */
const Word = {
  /** The arena index of the lock's header (so the deadlock detector can follow it). */
  LOCK: 0,
  /** The first waiting node, 0 for none. */
  HEAD: 1,
  /** The last waiting node, 0 for none. */
  TAIL: 2,
  /** A list of free nodes to reuse, linked through `Node.NEXT`. */
  FREE: 3,
  /** How many nodes are queued. */
  WAITERS: 4,
  /**
   * Nodes notified whose waiter has not yet taken the lock back (and so
   * settled its wait), linked through `Node.NEXT`: a notify reaches a waiter
   * only once it holds the lock again. A node here whose thread has ended
   * holds a notify nobody will take, which a live waiter passes on.
   */
  NOTIFIED: 5,
  /** How many nodes are on the `NOTIFIED` list (read without the lock, as a hint). */
  UNSETTLED: 6,
} as const;

/** The state words of a Condition. */
const STATE_WORDS = 7;

/**
 * How often a parked waiter looks for a notify stranded on a thread that
 * ended (two sleep slices of the parking core): the latency of passing it on.
 */
const STRANDED_CHECK_MS = 2 * SLICE_MS;

/** What a wait's step returns when a notify may be stranded: take the lock and look. */
const STRANDED = 2;

/** Loads of its flag a blocking waiter makes before it sleeps: a few microseconds. */
const SPIN_LIMIT = 100;

/** A wait-queue node: one per waiting call. */
const Node = {
  /** The next node in the queue (or the free list); 0 for none. */
  NEXT: 0,
  /** 0 while waiting, 1 once notified: the word the waiter parks on. */
  FLAG: 1,
  /** The waiting thread's id, for reports. */
  THREAD: 2,
  /** Words per node. */
  SIZE: 3,
} as const;

// The last reference gone, no thread waits: free the nodes the condition
// allocated (queued ones too, in case a waiter's thread died queued).
onPrimitiveFreed(PrimitiveKind.Condition, (view, index) => {
  for (const list of [Word.HEAD, Word.FREE, Word.NOTIFIED]) {
    let node = Atomics.load(view, index + Primitive.STATE + list);
    while (node !== 0) {
      const next = Atomics.load(view, node + Node.NEXT);
      freeWords(node);
      node = next;
    }
  }
});

/** Where a {@linkcode Waiting} is. */
const Phase = {
  /** Not started: the next resume queues its node. */
  START: 0,
  /** Waiting for its notify, with the lock let go. */
  NOTIFY: 1,
  /** Taking the lock back. */
  RELOCK: 2,
} as const;

/** What a {@linkcode Waiting} resumed returns: the next wait, or the result. */
type Move = IteratorResult<Wait, boolean>;

/**
 * One `wait` or `waitAsync` in flight: an operation both drivers run, as a
 * state machine rather than a generator because the wait is a hot path: a
 * generator and the objects around it took some 500 bytes a wait, and the
 * collections those bytes caused slowed two threads taking turns through it.
 * A blocking wait reuses its condition's machine and allocates nothing
 * (an async one allocates this object). The condition's `#advance`
 * makes each move; while the waiter waits for its notify, this object is
 * that wait too, in both forms.
 */
class Waiting implements Op<boolean>, Wait {
  phase: number = Phase.START;
  node = 0;
  deadline = 0;
  /** The lock's recursion count, restored when the lock is taken back. */
  count = 0;
  /** What the notify's step returned: 1 (notified), `STRANDED`, or 0. */
  woke = 0;
  /**
   * What fails the wait: the notify's wait threw, or an interrupt came
   * while the lock was taken back (the last one wins).
   */
  failure: { error: unknown } | undefined;
  /** The result while there is a wait to run (its `value` set per wait). */
  readonly pending = { done: false as const, value: this as Wait };
  /** The result once settled. */
  readonly settled = { done: true as const, value: false };

  constructor(
    /** The condition's move: `input` is what the last wait returned, or threw. */
    readonly advance: (
      waiting: Waiting,
      input: unknown,
      threw: boolean,
    ) => Move,
    readonly view: Int32Array,
    readonly state: number,
    readonly record: WaitRecord,
  ) {}

  /** Sets the machine up for a wait of at most `timeout` ms. */
  start(timeout: number): Waiting {
    this.phase = Phase.START;
    this.deadline = deadlineIn(timeout);
    this.failure = undefined;
    return this;
  }

  next(value?: unknown): Move {
    return this.advance(this, value, false);
  }

  throw(error: unknown): Move {
    return this.advance(this, error, true);
  }

  [Symbol.iterator](): Waiting {
    return this;
  }

  /**
   * The wait for the notify: done once the node is flagged (notified, `1`),
   * else park on the flag while it is 0; but every
   * {@linkcode STRANDED_CHECK_MS} while notifies are unsettled, leave with
   * {@linkcode STRANDED} when one of them went to a thread that has ended.
   */
  readonly step: Step<number> = (target) => {
    const flag = this.node + Node.FLAG;
    if (Atomics.load(this.view, flag) !== 0) return 1;
    if (strandedHint(this.view, this.state)) return STRANDED;
    target.index = flag;
    target.expected = 0;
    target.limit = STRANDED_CHECK_MS;
    return NOT_YET;
  };

  block(): unknown {
    const ms = msLeft(this.deadline);
    // The notify often comes within microseconds (two threads taking
    // turns): watch the flag a while before sleeping, as a sleep and its
    // wake cost tens of microseconds. Not with no time left, and not in
    // an async wait, which would hold up its event loop.
    for (let spin = 0; ms > 0 && spin < SPIN_LIMIT; spin++) {
      if (Atomics.load(this.view, this.node + Node.FLAG) !== 0) return 1;
    }
    return drive(this.step, ms, this.record, timedOut);
  }

  wait(signal: AbortSignal | undefined): Promise<unknown> {
    const ms = msLeft(this.deadline);
    return driveAsync(this.step, ms, signal, this.record, timedOut);
  }
}

/**
 * Whether a node on the `NOTIFIED` list seems to belong to a thread that
 * has ended. Read without the lock, so only a hint (the list may change
 * under the walk, which is bounded): the waiter checks again with the lock
 * held.
 */
function strandedHint(view: Int32Array, state: number): boolean {
  let left = Atomics.load(view, state + Word.UNSETTLED);
  let node = Atomics.load(view, state + Word.NOTIFIED);
  for (; left > 0 && node !== 0; left--) {
    if (hasEnded(view, Atomics.load(view, node + Node.THREAD))) return true;
    node = Atomics.load(view, node + Node.NEXT);
  }
  return false;
}

const timedOut = (): number => 0;

/** Options for {@linkcode Condition.wait}. */
export interface ConditionWaitOptions {
  /** How long to wait at most, in milliseconds. Defaults to `Infinity` (no limit). */
  timeout?: number;
}

/** Options for {@linkcode Condition.waitAsync}. */
export interface ConditionWaitAsyncOptions extends ConditionWaitOptions {
  /** Aborts the wait (after taking the lock back): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Options for creating a {@linkcode Condition}. */
export interface ConditionOptions {
  /** A name for reports. Defaults to `"Condition <id>"`. */
  name?: string;
}

/** The structured-cloneable form of a {@linkcode Condition}, for `postMessage`. */
export interface ConditionHandle {
  /** Always `"Condition"`. */
  readonly kind: "Condition";
  /** The runtime the condition lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the condition. */
  readonly index: number;
  /** The condition's stable id. */
  readonly id: number;
  /** The handle of the condition's lock. */
  readonly lock: LockHandle | RLockHandle;
}

/**
 * A condition variable, as Python's `threading.Condition`: threads holding
 * its lock wait until another thread notifies them. `wait` releases the lock
 * (fully, for an `RLock` held several times), sleeps and takes the lock back
 * before it returns, on every path. Waiters queue in FIFO order in shared
 * memory, each parked on a word of its own, so `notify(n)` wakes exactly the
 * `n` longest-waiting threads and no notify is ever lost: a waiter that
 * fails (interrupted, aborted) after a notify reached it passes it on. Use
 * `waitFor` (or a loop) when the state may change again before the woken
 * thread runs. Taking the lock back is a wait of its own kind for the
 * deadlock detector, which makes another thread of a cycle throw
 * `DeadlockError`, so `wait` returns holding the lock and a guard from
 * `hold()` releases it as usual.
 *
 * @example Usage
 * ```ts
 * import { Condition } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const condition = new Condition();
 * using _ = condition.hold();
 * assert.equal(condition.wait({ timeout: 5 }), false);
 * assert.equal(condition.waitFor(() => 42, { timeout: 5 }), 42);
 * ```
 */
export class Condition extends SharedPrimitive {
  readonly #view: Int32Array;
  readonly #index: number;
  readonly #lock: Lock | RLock;
  /** True when this object made or revived its lock, so disposes it too. */
  readonly #ownsLock: boolean;
  readonly #lockWord: number;
  readonly #lockCount: number;
  readonly #state: number;
  readonly #me: number;
  readonly #record: WaitRecord;
  readonly #lockRecord: WaitRecord;
  /** The wait that takes the lock back after a wait (see `#relock`). */
  readonly #relockWait: Wait;
  /** The machine of this object's blocking waits, while none runs. */
  #spare: Waiting | undefined;
  /** `#advance` for this object's waits (see {@linkcode Waiting}). */
  readonly #advanceWait: Waiting["advance"] = (waiting, input, threw) =>
    this.#advance(waiting, input, threw);
  #handle: ConditionHandle | undefined;

  /**
   * Creates a condition over `lock`, or over a new `RLock` (Python's default).
   *
   * @param lock The lock the condition waits with; shared handles keep the pairing.
   * @param options The condition's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(lock?: Lock | RLock, options: ConditionOptions = {}) {
    super(options, "Condition", STATE_WORDS);
    this.#index = this.arenaIndex;
    this.#lock = lock ?? new RLock();
    this.#ownsLock = lock === undefined || adoptedIndex(options) !== undefined;
    const lockIndex = this.#lock.handle.index;
    this.#view = this.view;
    this.#state = this.stateIndex;
    Atomics.store(this.#view, this.#state + Word.LOCK, lockIndex);
    this.#lockWord = lockIndex + Primitive.STATE;
    this.#lockCount = this.#lock instanceof RLock
      ? lockIndex + Primitive.STATE + RLOCK_COUNT
      : -1;
    this.#me = this.thread;
    this.#record = { kind: WaitKind.CONDITION, primitive: this.#index };
    this.#lockRecord = {
      kind: WaitKind.CONDITION_REACQUIRE,
      primitive: lockIndex,
    };
    this.#relockWait = lockWait(
      this.#view,
      this.#lockWord,
      this.#me,
      this.#lockRecord,
    );
  }

  /**
   * Revives a condition (and its lock) from its handle, in any thread.
   *
   * @param handle A `condition.handle` that crossed `postMessage`.
   * @returns A `Condition` over the same shared words and lock.
   * @throws {TypeError} When `handle` is not a `Condition` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * const same = Condition.from(structuredClone(condition.handle));
   * condition.acquire();
   * assert.equal(same.lock.locked(), true);
   * condition.release();
   * ```
   */
  static from(handle: ConditionHandle): Condition {
    const lock = handle?.lock?.kind === "RLock"
      ? RLock.from(handle.lock as RLockHandle)
      : Lock.from(handle?.lock as LockHandle);
    let index: number;
    try {
      index = openHandle(handle, "Condition", PrimitiveKind.Condition);
    } catch (error) {
      lock.dispose();
      throw error;
    }
    if (
      Atomics.load(words(), index + Primitive.STATE + Word.LOCK) !==
        lock.handle.index
    ) {
      lock.dispose();
      releasePrimitive(index);
      throw new TypeError(
        `Cannot revive a Condition whose handle names another lock than its own`,
      );
    }
    return new Condition(lock, adopt(index));
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): ConditionHandle {
    return this.#handle ??= {
      ...this.handleFields("Condition"),
      lock: this.#lock.handle,
    };
  }

  /**
   * Releases this object's reference (see `SharedPrimitive.dispose`), and
   * its lock's when the condition made the lock (no lock was passed) or
   * revived it from a handle.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * const lock = condition.lock;
   * condition.dispose();
   * assert.throws(() => lock.acquire(), /disposed/);
   * ```
   */
  override dispose(): void {
    super.dispose();
    if (this.#ownsLock) this.#lock.dispose();
  }

  /** The condition's lock. */
  get lock(): Lock | RLock {
    return this.#lock;
  }

  /**
   * Takes the condition's lock (see `Lock.acquire`).
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when the lock was taken.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * assert.equal(condition.acquire(), true);
   * condition.release();
   * ```
   */
  acquire(options?: { blocking?: boolean; timeout?: number }): boolean {
    return this.#lock.acquire(options);
  }

  /**
   * Takes the condition's lock without blocking the thread (see
   * `Lock.acquireAsync`). Over an `RLock` (the default), the lock is taken
   * for the calling async task and is not reentrant (see `RLock.acquireAsync`),
   * so async tasks of one thread exclude each other.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the lock was taken.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * assert.equal(await condition.acquireAsync(), true);
   * condition.release();
   * ```
   */
  acquireAsync(
    options?: { timeout?: number; signal?: AbortSignal },
  ): Promise<boolean> {
    return this.#lock.acquireAsync(options);
  }

  /**
   * Releases the condition's lock once.
   *
   * @throws {Error} When this thread does not hold it.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.throws(() => new Condition().release());
   * ```
   */
  release(): void {
    this.#lock.release();
  }

  /**
   * Takes the condition's lock and returns a guard releasing it: `using _ = condition.hold();`.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * {
   *   using _ = condition.hold();
   *   assert.equal(condition.lock.locked(), true);
   * }
   * assert.equal(condition.lock.locked(), false);
   * ```
   */
  hold(options: { timeout?: number } = {}): Disposable & AsyncDisposable {
    const taken = this.#lock.acquire({ timeout: options.timeout });
    const what = `the lock of condition "${this.name}"`;
    return held(taken, this.#lock, what, options.timeout);
  }

  /**
   * Takes the condition's lock without blocking the thread and returns a
   * guard releasing it: `await using _ = await condition.holdAsync();`.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * {
   *   await using _ = await condition.holdAsync();
   *   assert.equal(condition.lock.locked(), true);
   * }
   * ```
   */
  async holdAsync(
    options: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<Disposable & AsyncDisposable> {
    const taken = await this.#lock.acquireAsync(options);
    const what = `the lock of condition "${this.name}"`;
    return held(taken, this.#lock, what, options.timeout);
  }

  #checkOwned(what: string): void {
    checkLive(this.#view, this.#me);
    if (Atomics.load(this.#view, this.#lockWord) >>> 1 !== this.#me) {
      throw new Error(
        `Cannot ${what} on condition "${this.name}": thread ${this.#me} does not hold its lock`,
      );
    }
  }

  #releaseSave(): number {
    let count = 1;
    if (this.#lockCount >= 0) {
      count = Atomics.load(this.#view, this.#lockCount);
      Atomics.store(this.#view, this.#lockCount, 0);
    }
    unlockWord(this.#view, this.#lockWord, this.#me);
    return count;
  }

  /**
   * Takes the lock back after a wait, for both drivers: at once when it is
   * free, else waits for it (`RELOCK`) as `CONDITION_REACQUIRE`, so the
   * deadlock detector picks a thread in a plain acquire as a cycle's
   * victim. An interrupt waits until the lock is held, then fails the wait.
   */
  #relock(waiting: Waiting): Move {
    const mine = this.#me << 1;
    if (Atomics.compareExchange(this.#view, this.#lockWord, 0, mine) !== 0) {
      waiting.phase = Phase.RELOCK;
      waiting.pending.value = this.#relockWait;
      return waiting.pending;
    }
    return this.#relocked(waiting);
  }

  /**
   * With the lock taken back: restores its count and settles the wait; or,
   * when it left its park because a notify looked stranded, passes stranded
   * notifies on and waits again while its own node was not among the
   * released and time is left.
   */
  #relocked(waiting: Waiting): Move {
    // Ended while it took the lock: its node may be another waiter's now
    // (a thread that saw the end freed it), so touch nothing; the lock
    // stays with an ended owner, poisoned.
    checkLive(this.#view, this.#me);
    const { count, node } = waiting;
    if (this.#lockCount >= 0) Atomics.store(this.#view, this.#lockCount, count);
    const failure = waiting.failure;
    if (waiting.woke === STRANDED && !failure) {
      this.#passStranded();
      const flagged = Atomics.load(this.#view, node + Node.FLAG) !== 0;
      if (!flagged && msLeft(waiting.deadline) > 0) return this.#letGo(waiting);
    }
    waiting.settled.value = this.#leave(node, failure !== undefined);
    if (failure) throw failure.error;
    return waiting.settled;
  }

  #word(word: number): number {
    return Atomics.load(this.#view, this.#state + word);
  }

  #setWord(word: number, value: number): void {
    Atomics.store(this.#view, this.#state + word, value);
  }

  /** Queues a node for this wait (lock held). */
  #enqueue(): number {
    const view = this.#view;
    // A notify stranded on an ended thread belongs to the waiters queued
    // before this one: pass it on now, before this one joins.
    if (this.#word(Word.UNSETTLED) > 0) this.#passStranded();
    let node = this.#word(Word.FREE);
    if (node !== 0) {
      this.#setWord(Word.FREE, Atomics.load(view, node + Node.NEXT));
    } else {node = allocateWords(
        Node.SIZE,
        `a waiter of condition "${this.name}"`,
      );}
    Atomics.store(view, node + Node.NEXT, 0);
    Atomics.store(view, node + Node.FLAG, 0);
    Atomics.store(view, node + Node.THREAD, this.#me);
    const tail = this.#word(Word.TAIL);
    if (tail === 0) this.#setWord(Word.HEAD, node);
    else Atomics.store(view, tail + Node.NEXT, node);
    this.#setWord(Word.TAIL, node);
    this.#setWord(Word.WAITERS, this.#word(Word.WAITERS) + 1);
    return node;
  }

  /**
   * Takes `node` off the list that starts at `list` (lock held) and counts
   * it out of `count`; false when it was not there.
   */
  #unlinkFrom(list: number, count: number, node: number): boolean {
    const view = this.#view;
    let previous = 0;
    let current = this.#word(list);
    while (current !== 0 && current !== node) {
      previous = current;
      current = Atomics.load(view, current + Node.NEXT);
    }
    if (current === 0) return false;
    const next = Atomics.load(view, node + Node.NEXT);
    if (previous === 0) this.#setWord(list, next);
    else Atomics.store(view, previous + Node.NEXT, next);
    if (list === Word.HEAD && this.#word(Word.TAIL) === node) {
      this.#setWord(Word.TAIL, previous);
    }
    this.#setWord(count, this.#word(count) - 1);
    return true;
  }

  /** Returns a node to the free list (lock held, node off the queue). */
  #free(node: number): void {
    Atomics.store(this.#view, node + Node.NEXT, this.#word(Word.FREE));
    this.#setWord(Word.FREE, node);
  }

  /**
   * Settles a wait with the lock held again: a notified wait returns true;
   * one that timed out unlinks its node; one that failed after a notify
   * reached it passes the notify on, so none is lost.
   */
  #leave(node: number, failed: boolean): boolean {
    // A notified node is on the `NOTIFIED` list; any other is still queued,
    // or else a notify took it: notified too.
    let notified = Atomics.load(this.#view, node + Node.FLAG) !== 0;
    if (notified) this.#unlinkFrom(Word.NOTIFIED, Word.UNSETTLED, node);
    else notified = !this.#unlinkFrom(Word.HEAD, Word.WAITERS, node);
    this.#free(node);
    if (notified && failed) this.#release(1);
    return notified;
  }

  /**
   * Passes on every notify that went to a thread which ended before it took
   * the lock back (lock held): each such node leaves the `NOTIFIED` list
   * for the free list and one more waiter is released in its place, so no
   * notify is lost and none is added.
   */
  #passStranded(): void {
    const view = this.#view;
    let stranded = 0;
    for (let node = this.#word(Word.NOTIFIED); node !== 0;) {
      const next = Atomics.load(view, node + Node.NEXT);
      if (hasEnded(view, Atomics.load(view, node + Node.THREAD))) {
        this.#unlinkFrom(Word.NOTIFIED, Word.UNSETTLED, node);
        this.#free(node);
        stranded++;
      }
      node = next;
    }
    if (stranded > 0) this.#release(stranded);
  }

  /**
   * Releases up to `n` queued waiters, oldest first (lock held). A waiter
   * whose thread has ended (terminated in its wait, or gone with an async
   * wait pending) is unlinked and does not count: it would never take the
   * notify. Its node goes to the free list: the ended thread, should it run
   * on, touches it no more (it throws before it would settle its wait), and
   * a notify wakes every thread parked on a flag.
   */
  #release(n: number): void {
    const view = this.#view;
    for (let released = 0; released < n;) {
      const node = this.#word(Word.HEAD);
      if (node === 0) return;
      this.#unlinkFrom(Word.HEAD, Word.WAITERS, node);
      if (hasEnded(view, Atomics.load(view, node + Node.THREAD))) {
        this.#free(node);
        continue;
      }
      released++;
      // Unsettled until its waiter holds the lock again.
      Atomics.store(view, node + Node.NEXT, this.#word(Word.NOTIFIED));
      this.#setWord(Word.NOTIFIED, node);
      this.#setWord(Word.UNSETTLED, this.#word(Word.UNSETTLED) + 1);
      Atomics.store(view, node + Node.FLAG, 1);
      // Every thread parked on the flag: a reused node's earlier, ended
      // waiter may still sleep out a slice on it, and must not take this wake.
      unpark(node + Node.FLAG, Infinity);
    }
  }

  /**
   * Releases the lock, waits until notified or until the timeout, and takes
   * the lock back (always, even when the wait throws), as Python's
   * `Condition.wait`. Blocks the thread; see {@linkcode Condition.waitAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when notified, false when the timeout passed.
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits (the lock is held again).
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * condition.acquire();
   * assert.equal(condition.wait({ timeout: 5 }), false);
   * condition.release();
   * ```
   */
  wait(options: ConditionWaitOptions = {}): boolean {
    const timeout = timeoutOption(options.timeout);
    this.#checkOwned("wait");
    // A thread is in one blocking wait at a time; an async wait of this
    // object in flight meanwhile has a machine of its own. A wait that
    // throws leaves its machine behind.
    const waiting = this.#spare?.start(timeout) ?? this.#wait(timeout);
    this.#spare = undefined;
    const notified = runBlocking(waiting);
    this.#spare = waiting;
    return notified;
  }

  /**
   * The async form of {@linkcode Condition.wait}, for any thread: releases
   * the lock, waits with `Atomics.waitAsync`, and takes the lock back.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when notified, false when the timeout passed.
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits (the lock is held again).
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * await condition.acquireAsync();
   * assert.equal(await condition.waitAsync({ timeout: 5 }), false);
   * condition.release();
   * ```
   */
  async waitAsync(options: ConditionWaitAsyncOptions = {}): Promise<boolean> {
    const timeout = timeoutOption(options.timeout);
    this.#checkOwned("wait");
    options.signal?.throwIfAborted();
    return await runAsync(this.#wait(timeout), options.signal);
  }

  /**
   * `wait` and `waitAsync`, written once for both drivers (see
   * {@linkcode Waiting}): queue a node, let go of the lock, wait for the
   * node's notify, take the lock back; again while the wait only left to
   * pass a stranded notify on.
   */
  #advance(waiting: Waiting, input: unknown, threw: boolean): Move {
    switch (waiting.phase) {
      case Phase.START:
        waiting.node = this.#enqueue();
        return this.#letGo(waiting);
      case Phase.NOTIFY:
        if (threw) waiting.failure = { error: input };
        else waiting.woke = input as number;
        // A terminated thread that runs on does not take the lock back.
        checkLive(this.#view, this.#me);
        return this.#relock(waiting);
      default:
        // A failed wait for the lock: an interrupt waits on; anything else
        // (the lock's owner ended, so did this thread) leaves the lock.
        if (!threw) return this.#relocked(waiting);
        if (!(input instanceof InterruptedError)) throw input;
        waiting.failure = { error: input };
        return this.#relock(waiting);
    }
  }

  /** A wait in flight, for {@linkcode runBlocking} or {@linkcode runAsync}. */
  #wait(timeout: number): Waiting {
    const waiting = new Waiting(
      this.#advanceWait,
      this.#view,
      this.#state,
      this.#record,
    );
    return waiting.start(timeout);
  }

  /** Lets go of the lock and waits for the notify (`NOTIFY`). */
  #letGo(waiting: Waiting): Move {
    waiting.count = this.#releaseSave();
    waiting.woke = 0;
    waiting.phase = Phase.NOTIFY;
    waiting.pending.value = waiting;
    return waiting.pending;
  }

  /**
   * Waits until `predicate()` is truthy, as Python's `Condition.wait_for`:
   * checks it first, then after each wake, with the lock held.
   *
   * @typeParam T What the predicate returns.
   * @param predicate Checked with the lock held.
   * @param options `timeout` in ms for the whole wait (default no limit).
   * @returns The predicate's last result (falsy when the timeout passed).
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * using _ = condition.hold();
   * assert.equal(condition.waitFor(() => false, { timeout: 5 }), false);
   * ```
   */
  waitFor<T>(predicate: () => T, options: ConditionWaitOptions = {}): T {
    const timeout = timeoutOption(options.timeout);
    return runBlocking(this.#waitFor(predicate, timeout, undefined));
  }

  /**
   * The async form of {@linkcode Condition.waitFor}.
   *
   * @typeParam T What the predicate returns.
   * @param predicate Checked with the lock held.
   * @param options `timeout` in ms for the whole wait (default no limit) and an abort `signal`.
   * @returns The predicate's last result (falsy when the timeout passed).
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * await using _ = await condition.holdAsync();
   * assert.equal(await condition.waitForAsync(() => "ready"), "ready");
   * ```
   */
  async waitForAsync<T>(
    predicate: () => T,
    options: ConditionWaitAsyncOptions = {},
  ): Promise<T> {
    const timeout = timeoutOption(options.timeout);
    const op = this.#waitFor(predicate, timeout, options.signal);
    return await runAsync(op, options.signal);
  }

  /** `waitFor` and `waitForAsync`, written once for both drivers. */
  *#waitFor<T>(
    predicate: () => T,
    timeout: number,
    signal: AbortSignal | undefined,
  ): Op<T> {
    const deadline = deadlineIn(timeout);
    let result = predicate();
    while (!result) {
      const remaining = msLeft(deadline);
      if (remaining <= 0) break;
      this.#checkOwned("wait");
      signal?.throwIfAborted();
      yield* this.#wait(timeoutOption(remaining));
      result = predicate();
    }
    return result;
  }

  /**
   * Releases up to `n` of the threads waiting now. The caller must hold the lock.
   *
   * @param n How many waiters to release. Defaults to 1.
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When `n` is negative or not an integer (Infinity is allowed).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * assert.throws(() => condition.notify(), /does not hold its lock/);
   * ```
   */
  notify(n = 1): void {
    if (!(n === Infinity || (Number.isInteger(n) && n >= 0))) {
      throw new RangeError(
        `Cannot notify "${n}" waiters: the count must be a whole number >= 0`,
      );
    }
    this.#checkOwned("notify");
    this.#release(n);
  }

  /**
   * Releases every thread waiting now. The caller must hold the lock.
   *
   * @throws {Error} When this thread does not hold the lock.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   *
   * const condition = new Condition();
   * using _ = condition.hold();
   * condition.notifyAll();
   * ```
   */
  notifyAll(): void {
    this.notify(Infinity);
  }
}
