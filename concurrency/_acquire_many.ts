// This module is browser compatible.

/**
 * What `acquireAll` and `acquireWithBackoff` share: checking the list of
 * locks, taking them in order (all or none), releasing what was taken, and
 * the error that names them.
 *
 * @module
 */

import type { Acquirable } from "./acquire_all.ts";
import { guard } from "./_runtime.ts";

/** Releases `taken` in reverse order, on every path. */
export function releaseAll(taken: readonly Acquirable[]): void {
  let failure: { error: unknown } | undefined;
  for (let i = taken.length - 1; i >= 0; i--) {
    try {
      taken[i]!.release();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/** Checks the argument and drops repeats of the same lock (by id). */
export function distinctLocks(
  locks: Iterable<Acquirable>,
  caller: string,
): Acquirable[] {
  if (
    locks === null || typeof locks !== "object" || !(Symbol.iterator in locks)
  ) {
    throw new TypeError(
      `Cannot ${caller} "${String(locks)}": expected an array of locks`,
    );
  }
  const seen = new Set<number>();
  const distinct: Acquirable[] = [];
  for (const lock of locks) {
    if (
      typeof lock?.acquire !== "function" ||
      typeof lock.release !== "function" || typeof lock.id !== "number"
    ) {
      throw new TypeError(
        `Cannot ${caller} "${
          String(lock)
        }": not a lock (it needs id, acquire and release)`,
      );
    }
    if (seen.has(lock.id)) continue;
    seen.add(lock.id);
    distinct.push(lock);
  }
  return distinct;
}

/**
 * Takes `locks` in order, all or none, waiting for each as long as
 * `patience(held)` says (`held`: how many it holds then; Infinity: no
 * limit). When one is not free in time it releases what it took and calls
 * `blocked` with that lock, which throws to give up or returns to start
 * again; on an error it releases what it took and throws.
 *
 * @returns A guard whose disposal releases every lock once, last taken first.
 */
export function takeInOrder(
  locks: readonly Acquirable[],
  patience: (held: number) => number,
  blocked: (lock: Acquirable) => void,
): Disposable & AsyncDisposable {
  const taken: Acquirable[] = [];
  for (;;) {
    let blocker: Acquirable | undefined;
    try {
      for (const lock of locks) {
        const wait = patience(taken.length);
        const got = wait === Infinity
          ? lock.acquire()
          : lock.acquire({ timeout: wait });
        if (!got) {
          blocker = lock;
          break;
        }
        taken.push(lock);
      }
    } catch (error) {
      releaseAll(taken.splice(0));
      throw error;
    }
    if (blocker === undefined) return guard(() => releaseAll(taken));
    releaseAll(taken.splice(0));
    blocked(blocker);
  }
}

/** The `TimeoutError` of locks not all taken in time, naming them; `why` says what happened. */
export function notTakenError(
  locks: readonly Acquirable[],
  why: string,
): DOMException {
  const names = locks.map((lock) => `"${lock.name}"`).join(", ");
  return new DOMException(`Cannot take locks ${names}: ${why}`, "TimeoutError");
}
