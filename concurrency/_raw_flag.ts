// This module is browser compatible.

/**
 * The raw flag protocol over two runtime words, shared by `Event` and
 * `StopFlag` (in parking_lot's terms, a raw primitive under their API).
 *
 * The first word is the flag: 1 when set. The second is a sequence word,
 * bumped by every `set` that changes the flag; waiters park on it. A wait
 * that began before a `set` therefore returns true even when the flag was
 * cleared again at once: the sequence moved although the flag did not stay.
 *
 * A `RawFlag` works on the two state words of the primitive it is made
 * for, and records its waits with the primitive and the caller's wait kind.
 * Every operation but a read first checks that the calling thread has not
 * been marked ended (`ThreadEndedError`).
 *
 * @module
 */

import { checkLiveWord, liveWord, unpark, type WaitRecord } from "./_park.ts";
import { drive, driveAsync, NOT_YET, type Step } from "./_drive.ts";
import { currentThreadId, Primitive, timeoutOption } from "./_runtime.ts";

/** How many state words a flag takes. */
export const FLAG_WORDS = 2;

/** The offset of the sequence word from the flag word. */
const SEQUENCE = 1;

const timedOut = (): boolean => false;

/** The flag protocol over one primitive's two words, for `Event` and `StopFlag`. */
export class RawFlag {
  readonly #view: Int32Array;
  readonly #state: number;
  readonly #record: WaitRecord;
  readonly #me: number;
  readonly #live: number;

  /**
   * Works on the state words of `primitive`, for this thread.
   *
   * @param view The runtime words.
   * @param primitive The arena index of the primitive the flag's words are the state of.
   * @param kind The `WaitKind` the parking core records for a wait on the flag.
   */
  constructor(view: Int32Array, primitive: number, kind: number) {
    this.#view = view;
    this.#state = primitive + Primitive.STATE;
    this.#record = { kind, primitive };
    this.#me = currentThreadId();
    this.#live = liveWord(this.#me);
  }

  /** The index of the sequence word, which waiters park on and `set` bumps (`StopFlag.signal` watches it). */
  get sequence(): number {
    return this.#state + SEQUENCE;
  }

  /** The sequence word's value now: it moves on every `set` that changes the flag. */
  get sets(): number {
    return Atomics.load(this.#view, this.sequence);
  }

  /**
   * Returns whether the flag is set: one atomic load.
   *
   * @returns true while set.
   */
  isSet(): boolean {
    return Atomics.load(this.#view, this.#state) !== 0;
  }

  /**
   * Sets the flag and wakes every thread parked on it; a flag already set is
   * left alone, so its sequence moves once per change.
   */
  set(): void {
    checkLiveWord(this.#view, this.#live, this.#me);
    if (Atomics.compareExchange(this.#view, this.#state, 0, 1) !== 0) return;
    Atomics.add(this.#view, this.sequence, 1);
    unpark(this.sequence, Infinity);
  }

  /** Clears the flag; waits that begin later wait again. */
  clear(): void {
    checkLiveWord(this.#view, this.#live, this.#me);
    Atomics.store(this.#view, this.#state, 0);
  }

  /**
   * The wait of a flag, written once for both drivers: done once the
   * sequence moved from `seen` (a `set` happened since the wait began), else
   * park on the sequence word.
   */
  #step(seen: number): Step<boolean> {
    return (target) => {
      if (this.sets !== seen) return true;
      target.index = this.sequence;
      target.expected = seen;
      return NOT_YET;
    };
  }

  /**
   * Waits until the flag is set, blocking the thread. The timeout is checked
   * only when the flag is not set already.
   *
   * @param options `timeout` in ms (undefined: no limit).
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {ThreadEndedError} When this thread has ended.
   */
  wait(options: { timeout?: number }): boolean {
    checkLiveWord(this.#view, this.#live, this.#me);
    const seen = this.sets;
    if (this.isSet()) return true;
    const timeout = timeoutOption(options.timeout);
    return drive(this.#step(seen), timeout, this.#record, timedOut);
  }

  /**
   * The async form of {@linkcode RawFlag.wait}, for any thread.
   *
   * @param options `timeout` in ms (undefined: no limit), and a `signal`
   *   that aborts the wait: the promise rejects with `signal.reason`.
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {ThreadEndedError} When this thread has ended.
   */
  async waitAsync(
    options: { timeout?: number; signal?: AbortSignal },
  ): Promise<boolean> {
    options.signal?.throwIfAborted();
    checkLiveWord(this.#view, this.#live, this.#me);
    const seen = this.sets;
    if (this.isSet()) return true;
    return await driveAsync(
      this.#step(seen),
      timeoutOption(options.timeout),
      options.signal,
      this.#record,
      timedOut,
    );
  }
}
