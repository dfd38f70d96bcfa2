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
 * Each function takes `state`, the index of the flag word (the primitive's
 * `Primitive.STATE`); the sequence word follows it. The caller's
 * `WaitRecord` says what kind of wait the parking core records. Every
 * operation but a read first checks that the calling thread has not been
 * marked ended (`ThreadEndedError`).
 *
 * @module
 */

import { throwIfEnded, unpark, type WaitRecord } from "./_park.ts";
import { drive, driveAsync, NOT_YET, type Step } from "./_drive.ts";
import { timeoutOption } from "./_runtime.ts";

/** How many state words a flag takes. */
export const FLAG_WORDS = 2;

/** The offset of the sequence word from the flag word. */
const SEQUENCE = 1;

/**
 * Returns the index of a flag's sequence word, which waiters park on and
 * `set` bumps (`StopFlag.signal` watches it).
 *
 * @param state The index of the flag word.
 * @returns The index of the sequence word.
 */
export function sequenceWord(state: number): number {
  return state + SEQUENCE;
}

/**
 * Returns whether the flag is set: one atomic load.
 *
 * @returns true while set.
 */
export function isFlagSet(view: Int32Array, state: number): boolean {
  return Atomics.load(view, state) !== 0;
}

/**
 * Sets the flag and wakes every thread parked on it; a flag already set is
 * left alone, so its sequence moves once per change.
 */
export function setFlag(view: Int32Array, state: number): void {
  throwIfEnded();
  if (Atomics.compareExchange(view, state, 0, 1) !== 0) return;
  Atomics.add(view, state + SEQUENCE, 1);
  unpark(state + SEQUENCE, Infinity);
}

/** Clears the flag; waits that begin later wait again. */
export function clearFlag(view: Int32Array, state: number): void {
  throwIfEnded();
  Atomics.store(view, state, 0);
}

/**
 * The wait of a flag, written once for both drivers: done once the
 * sequence moved from `seen` (a `set` happened since the wait began), else
 * park on the sequence word.
 */
function flagStep(
  view: Int32Array,
  state: number,
  seen: number,
): Step<boolean> {
  const sequence = state + SEQUENCE;
  return (target) => {
    if (Atomics.load(view, sequence) !== seen) return true;
    target.index = sequence;
    target.expected = seen;
    return NOT_YET;
  };
}

const timedOut = (): boolean => false;

/**
 * Waits until the flag is set, blocking the thread. The timeout is checked
 * only when the flag is not set already.
 *
 * @param timeout The caller's `timeout` option in ms (undefined: no limit).
 * @returns true when the flag was set before or during the wait, false when the timeout passed.
 * @throws {RangeError} For a negative timeout.
 * @throws {InterruptedError} When this thread is interrupted while it waits.
 * @throws {ThreadEndedError} When this thread has ended.
 */
export function waitFlag(
  view: Int32Array,
  state: number,
  timeout: number | undefined,
  record: WaitRecord,
): boolean {
  throwIfEnded();
  const seen = Atomics.load(view, state + SEQUENCE);
  if (Atomics.load(view, state) !== 0) return true;
  return drive(
    flagStep(view, state, seen),
    timeoutOption(timeout),
    record,
    timedOut,
  );
}

/**
 * The async form of {@linkcode waitFlag}, for any thread.
 *
 * @param timeout The caller's `timeout` option in ms (undefined: no limit).
 * @param signal Aborts the wait: the promise rejects with `signal.reason`.
 * @returns true when the flag was set before or during the wait, false when the timeout passed.
 * @throws {RangeError} For a negative timeout.
 * @throws {InterruptedError} When this thread is interrupted while it waits.
 * @throws {ThreadEndedError} When this thread has ended.
 */
export async function waitFlagAsync(
  view: Int32Array,
  state: number,
  timeout: number | undefined,
  signal: AbortSignal | undefined,
  record: WaitRecord,
): Promise<boolean> {
  signal?.throwIfAborted();
  throwIfEnded();
  const seen = Atomics.load(view, state + SEQUENCE);
  if (Atomics.load(view, state) !== 0) return true;
  return await driveAsync(
    flagStep(view, state, seen),
    timeoutOption(timeout),
    signal,
    record,
    timedOut,
  );
}
