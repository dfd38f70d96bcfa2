// This module is browser compatible.

/**
 * What `acquireAll` and `acquireWithBackoff` share: checking the list of
 * locks, releasing what was taken, naming the locks in messages.
 *
 * @module
 */

import type { Acquirable } from "./acquire_all.ts";

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

/** Describes locks for a message: `"a", "b"`. */
export function lockNames(locks: readonly Acquirable[]): string {
  return locks.map((lock) => `"${lock.name}"`).join(", ");
}
