// This module is browser compatible.

/**
 * The two drivers: a primitive's slow path is written once as a
 * {@linkcode Step} over its state words ("try; when not done, park on word W
 * while it holds V"), and run by {@linkcode drive}, which blocks the thread
 * (`Atomics.wait`, through the parking core's `park`), or by
 * {@linkcode driveAsync}, which does not (`Atomics.waitAsync`, through
 * `parkAsync`). Timeouts, abort signals, interruption, deadlock checks and
 * the thread's end are the drivers' and the parking core's business, never
 * the step's.
 *
 * @module
 */

import { park, parkAsync, throwIfEnded, type WaitRecord } from "./_park.ts";
import { deadlineIn, msLeft } from "./_runtime.ts";

/** Where a slow-path step wants to park: while `words()[index] === expected`. */
export interface ParkTarget {
  /** The runtime word to wait on. */
  index: number;
  /** The value the step saw. */
  expected: number;
  /**
   * The longest this park may last before the step runs again, however
   * long the wait may go on (a lock's hand-off patience); Infinity for none.
   */
  limit: number;
}

/** What a step returns when it is not done and has set its `ParkTarget`. */
export const NOT_YET: unique symbol = Symbol("wirework.notYet");

/**
 * One step of a primitive's slow path, written once for both drivers: try;
 * when done, return the result; else set `target` to the word and value to
 * park on and return `NOT_YET`. The driver parks, then calls the step again
 * (after any wake, spurious ones included).
 */
export type Step<T> = (target: ParkTarget) => T | typeof NOT_YET;

/** A driver's run: the step's park target, the deadline, and the next park's length. */
interface Run extends ParkTarget {
  deadline: number;
  /** How long the next park may last. */
  ms: number;
}

/**
 * The blocking driver's run while none is in use: a thread runs one
 * blocking wait at a time, so it allocates nothing per wait.
 */
let spareRun: Run | undefined;

/**
 * Starts a driver's run, in `run` when given; an ended thread takes
 * nothing, so it is checked first.
 */
function startRun(
  timeoutMs: number,
  run: Run = { index: 0, expected: 0, limit: 0, deadline: 0, ms: 0 },
): Run {
  throwIfEnded();
  run.limit = Infinity;
  run.deadline = deadlineIn(timeoutMs);
  return run;
}

/**
 * Runs the step once, for either driver: its result when it is done,
 * `timedOut()` once the deadline has passed, else `NOT_YET` with `run.ms`
 * set to how long to park this time.
 */
function advance<T>(
  step: Step<T>,
  run: Run,
  timedOut: () => T,
): T | typeof NOT_YET {
  const result = step(run);
  if (result !== NOT_YET) return result;
  const remaining = msLeft(run.deadline);
  if (remaining <= 0) return timedOut();
  run.ms = Math.min(remaining, run.limit);
  run.limit = Infinity;
  return NOT_YET;
}

/**
 * The blocking driver: runs `step` until it is done, parking with
 * `Atomics.wait` (through {@linkcode park}) in between, for at most
 * `timeoutMs` in all. The end check, interruption and deadlock detection
 * happen in `park`, on entry and after every wake; the driver checks the
 * thread's end before the first step too, so an ended thread takes nothing.
 *
 * @param step The primitive's step.
 * @param timeoutMs How long to wait at most (Infinity: no limit).
 * @param record What the wait is for.
 * @param timedOut What to return (or throw) when the time ran out.
 * @returns The step's result.
 * @throws {ThreadEndedError} When this thread has ended.
 * @throws {InterruptedError} When this thread is interrupted while it waits.
 */
export function drive<T>(
  step: Step<T>,
  timeoutMs: number,
  record: WaitRecord,
  timedOut: () => T,
): T {
  // A run that throws is left behind.
  const run = startRun(timeoutMs, spareRun);
  spareRun = undefined;
  for (;;) {
    const result = advance(step, run, timedOut);
    if (result !== NOT_YET) {
      spareRun = run;
      return result;
    }
    park(run.index, run.expected, run.ms, record, run.deadline !== Infinity);
  }
}

/**
 * The async driver: {@linkcode drive} with `Atomics.waitAsync` (through
 * {@linkcode parkAsync}), for any thread, with an abort `signal`.
 *
 * @returns The step's result.
 * @throws {ThreadEndedError} When this thread has ended.
 * @throws {InterruptedError} When this thread is interrupted while it waits.
 */
export async function driveAsync<T>(
  step: Step<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  record: WaitRecord,
  timedOut: () => T,
): Promise<T> {
  const run = startRun(timeoutMs);
  for (;;) {
    const result = advance(step, run, timedOut);
    if (result !== NOT_YET) return result;
    const timed = run.deadline !== Infinity;
    await parkAsync(run.index, run.expected, run.ms, signal, record, timed);
  }
}
