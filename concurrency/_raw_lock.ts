// This module is browser compatible.

/**
 * The raw lock protocol over one runtime word, shared by `Lock`, `RLock` and
 * `Condition` (parking_lot's `raw_mutex.rs`): the three-state futex design
 * with the owner recorded for free.
 *
 * The word is `0` when unlocked, otherwise `(ownerThreadId << 1) | waiters`.
 * Locking is one `compareExchange(word, 0, me << 1)`; unlocking is
 * `compareExchange(word, me << 1, 0)`, and only when that fails (the waiters
 * bit is set) a store of 0 and an `unpark(word, 1)` (or a hand-off, below):
 * a release without waiters never calls notify. A thread that has slept sets
 * the waiters bit when it takes the lock, as in Drepper's "Futexes are
 * tricky" mutex, so the threads still asleep behind it are woken in turn.
 *
 * Eventual fairness (`_lock_handoff.ts`): once every half millisecond of a
 * thread's contended releases, the release hands the lock over (the word
 * holds `HANDED_OFF` until another thread takes it) instead of letting the
 * releasing thread take it straight back.
 *
 * @module
 */

import { checkLive, WaitKind, type WaitRecord } from "./_park.ts";
import { drive, driveAsync, NOT_YET, type Step } from "./_drive.ts";
import { throwIfSelfDeadlock } from "./_deadlock.ts";
import { throwIfOwnerEnded } from "./_owner_death.ts";
import {
  HANDED_OFF,
  handoffPatience,
  passHandoff,
  releaseContended,
  takeHandoff,
  tryTakeHandoff,
} from "./_lock_handoff.ts";
import {
  blockingTimeout,
  currentThreadId,
  Primitive,
  timeoutOption,
} from "./_runtime.ts";
import type { AcquireAsyncOptions, AcquireOptions } from "./lock.ts";

/** An RLock's recursion count, as an offset from its state (the lock word is at offset 0). */
export const RLOCK_COUNT = 1;

/** Loads of the word a contended acquire makes before it parks. */
const SPIN_LIMIT = 100;

/**
 * The slow path of the lock, written once for both drivers: take the word
 * when it is free (with the waiters bit, as a thread that may have slept);
 * else throw `PoisonedError` when its owner has ended, set the waiters bit
 * (so leaving now strands no one) and park on the value seen.
 */
function lockStep(
  view: Int32Array,
  word: number,
  mine: number,
  record: WaitRecord,
): Step<boolean> {
  // The step runs again only after a park: from its second run on, this
  // thread has waited, and may take a hand-off it made itself.
  let runs = 0;
  return (target) => {
    const parked = runs++ > 0;
    for (;;) {
      let value = Atomics.load(view, word);
      if (value === 0) {
        if (Atomics.compareExchange(view, word, 0, mine | 1) === 0) return true;
        continue;
      }
      if (value === HANDED_OFF) {
        // Handed over: any thread but the one that handed it off takes it.
        if (takeHandoff(view, word, mine, parked)) return true;
      } else {
        // Owner death: a lock whose owner ended is poisoned, never waited for.
        throwIfOwnerEnded(view, word, value, record, unlockWord);
      }
      if ((value & 1) === 0) {
        if (Atomics.compareExchange(view, word, value, value | 1) !== value) {
          continue;
        }
        value |= 1;
      }
      target.index = word;
      target.expected = value;
      target.limit = handoffPatience(word, value);
      return NOT_YET;
    }
  };
}

const timedOut = (): boolean => false;

/**
 * Takes the lock word for `me`, waiting at most `timeoutMs`, after the
 * single-CAS fast path failed: spins a while, then runs the lock's step
 * with the blocking driver.
 *
 * @returns true when the lock was taken, false on timeout.
 * @throws {ThreadEndedError} When this thread has ended.
 */
export function lockSlow(
  view: Int32Array,
  word: number,
  me: number,
  timeoutMs: number,
  record: WaitRecord,
): boolean {
  checkLive(view, me);
  const mine = me << 1;
  // A blocking acquire of a lock this thread holds would wait for ever.
  if (Atomics.load(view, word) >>> 1 === me) {
    throwIfSelfDeadlock(record.primitive, timeoutMs);
  }
  for (let spin = 0; spin < SPIN_LIMIT; spin++) {
    const value = Atomics.load(view, word);
    if (value === 0) {
      if (Atomics.compareExchange(view, word, 0, mine) === 0) return true;
    } else if ((value & 1) !== 0) break;
  }
  const step = lockStep(view, word, mine, record);
  let returned = false;
  try {
    const taken = drive(step, timeoutMs, record, timedOut);
    returned = true;
    return taken;
  } finally {
    // On a throw, a hand-off made to this thread goes to the next waiter
    // (in `finally`: a catch that throws again would cost a second throw).
    if (!returned) passHandoff(view, word);
  }
}

/**
 * The async form of {@linkcode lockSlow}, for any thread: the same step
 * with the async driver.
 *
 * @returns true when the lock was taken, false on timeout.
 * @throws {ThreadEndedError} When this thread has ended.
 */
export async function lockSlowAsync(
  view: Int32Array,
  word: number,
  me: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  record: WaitRecord,
): Promise<boolean> {
  const step = lockStep(view, word, me << 1, record);
  let returned = false;
  try {
    const taken = await driveAsync(step, timeoutMs, signal, record, timedOut);
    returned = true;
    return taken;
  } finally {
    if (!returned) passHandoff(view, word);
  }
}

/**
 * Releases the lock word held by `me`.
 *
 * @returns The word's value before the release, when `me` did not hold it
 *   (nothing changed then); 0 on success.
 */
export function unlockWord(view: Int32Array, word: number, me: number): number {
  const mine = me << 1;
  const previous = Atomics.compareExchange(view, word, mine, 0);
  if (previous === mine) return 0;
  if (previous >>> 1 !== me) return previous === 0 ? -1 : previous;
  releaseContended(view, word);
  return 0;
}

/**
 * The acquires of `Lock` and `RLock` once their one-CAS fast path failed,
 * written once for both: a try (`blocking: false` or `timeout: 0`) answers
 * at once, anything else waits in {@linkcode lockSlow} or
 * {@linkcode lockSlowAsync}. The fast paths stay inline in the classes.
 */
export class RawLock {
  readonly #view: Int32Array;
  readonly #word: number;
  readonly #me: number;
  readonly #record: WaitRecord;

  /**
   * Works on the lock word of `primitive` (its first state word), for this
   * thread.
   *
   * @param view The runtime words.
   * @param primitive The arena index of the lock.
   */
  constructor(view: Int32Array, primitive: number) {
    this.#view = view;
    this.#word = primitive + Primitive.STATE;
    this.#me = currentThreadId();
    this.#record = { kind: WaitKind.ACQUIRE, primitive };
  }

  /**
   * The rest of a blocking acquire.
   *
   * @returns true when the lock was taken, false when it was not free
   *   (`blocking: false`) or the timeout passed.
   */
  acquire(options: AcquireOptions | undefined): boolean {
    const timeout = options === undefined ? Infinity : blockingTimeout(options);
    if (timeout === 0) return this.#tryFailed();
    return lockSlow(this.#view, this.#word, this.#me, timeout, this.#record);
  }

  /**
   * The rest of an async acquire: a try's answer at once, else the wait's
   * promise.
   *
   * @returns true when the lock was taken, false when the timeout passed.
   */
  acquireAsync(options: AcquireAsyncOptions): boolean | Promise<boolean> {
    const timeout = timeoutOption(options.timeout);
    if (timeout === 0) return this.#tryFailed();
    return lockSlowAsync(
      this.#view,
      this.#word,
      this.#me,
      timeout,
      options.signal,
      this.#record,
    );
  }

  /**
   * The answer of a try-acquire (`blocking: false` or `timeout: 0`) whose
   * fast path failed: false, unless the word names an owner that has ended,
   * in which case the lock is poisoned and this throws, as a waiting acquire
   * does; or unless it holds a hand-off this thread may take (see
   * `_lock_handoff.ts`).
   *
   * @returns true when the lock was taken (a hand-off), else false.
   * @throws {PoisonedError} When the lock's owner has ended.
   */
  #tryFailed(): boolean {
    const view = this.#view;
    const word = this.#word;
    const value = Atomics.load(view, word);
    if (value === HANDED_OFF) return tryTakeHandoff(view, word, this.#me << 1);
    if (value !== 0) {
      throwIfOwnerEnded(view, word, value, this.#record, unlockWord);
    }
    return false;
  }
}
