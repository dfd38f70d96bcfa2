// This module is browser compatible.

/**
 * Operations written once for both drivers. A primitive's slow path that
 * waits more than once (take an internal lock, wait for a change with it
 * let go, take it back) is a generator that yields each wait as a
 * {@linkcode Wait}, which has a blocking form (`Atomics.wait`, through
 * `park`, `drive` or `lockSlow`) and an async form (`Atomics.waitAsync`):
 * {@linkcode runBlocking} runs the operation with the first, and
 * {@linkcode runAsync} with the second. A wait that throws is thrown back
 * into the operation at its `yield`, so its `try`/`finally` blocks hold on
 * both drivers alike.
 *
 * Only slow paths run here: fast paths stay inline in the primitives (one
 * compare-and-swap, no allocation, no generator).
 *
 * @module
 */

import { park, parkAsync, type WaitRecord } from "./_park.ts";
import { drive, driveAsync, type Step } from "./_drive.ts";
import { lockSlow, lockSlowAsync } from "./_raw_lock.ts";

/** One wait of an operation, in both forms. */
export interface Wait {
  /** Waits blocking the thread; returns what the operation resumes with. */
  block(): unknown;
  /** Waits without blocking the thread; `signal` is the operation's. */
  wait(signal: AbortSignal | undefined): Promise<unknown>;
}

/**
 * An operation: yields its waits, resumes with their results, returns `T`.
 * A generator, or a state machine with a generator's `next` and `throw`
 * where a hot path cannot afford one (`Condition`'s wait).
 */
export interface Op<T> {
  /** Resumes with the last wait's result; the next wait, or the result. */
  next(value?: unknown): IteratorResult<Wait, T>;
  /** Resumes with the error the last wait threw. */
  throw(error: unknown): IteratorResult<Wait, T>;
  /** The operation itself, so that a generator can run it with `yield*`. */
  [Symbol.iterator](): Op<T>;
}

/** Runs an operation with the blocking forms of its waits. */
export function runBlocking<T>(op: Op<T>): T {
  let next = op.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = next.value.block();
    } catch (error) {
      next = op.throw(error);
      continue;
    }
    next = op.next(result);
  }
  return next.value;
}

/** Runs an operation with the async forms of its waits, for any thread. */
export async function runAsync<T>(
  op: Op<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  let next = op.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await next.value.wait(signal);
    } catch (error) {
      next = op.throw(error);
      continue;
    }
    next = op.next(result);
  }
  return next.value;
}

/** A park while `words()[index] === expected`, for at most `timeoutMs` (see `park`). */
export function parkWait(
  index: number,
  expected: number,
  timeoutMs: number,
  record: WaitRecord,
): Wait {
  return {
    block: () => park(index, expected, timeoutMs, record),
    wait: (signal) => parkAsync(index, expected, timeoutMs, signal, record),
  };
}

/** A step run until done, for at most `timeoutMs` (see `drive`). */
export function stepWait<T>(
  step: Step<T>,
  timeoutMs: number,
  record: WaitRecord,
  timedOut: () => T,
): Wait {
  return {
    block: () => drive(step, timeoutMs, record, timedOut),
    wait: (signal) => driveAsync(step, timeoutMs, signal, record, timedOut),
  };
}

/**
 * The wait that takes a lock word for `me` after its fast path failed, as
 * long as it takes: the internal locks of primitives, and a condition's
 * lock taken back, which no abort signal may cut short. Made once per
 * primitive object and record: it holds no state of one call.
 *
 * @throws {PoisonedError} When the lock's owner ended holding it.
 */
export function lockWait(
  view: Int32Array,
  word: number,
  me: number,
  record: WaitRecord,
): Wait {
  return {
    block: () => lockSlow(view, word, me, Infinity, record),
    wait: () => lockSlowAsync(view, word, me, Infinity, undefined, record),
  };
}
