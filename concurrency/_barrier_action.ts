// This module is browser compatible.

/**
 * Whether a `Barrier`'s action can run whichever thread arrives last.
 * Functions do not cross threads, so each thread's `Barrier` object carries
 * its own copy of the action; a shared word records whether the barrier was
 * created with one. A thread whose object lacks it could arrive last and skip
 * it, so it refuses to wait; an action given at revival to a barrier created
 * without one would be skipped whenever another thread arrives last, so it is
 * refused there.
 *
 * @module
 */

/**
 * Checks a revived barrier's action against the barrier's.
 *
 * @param hasAction Whether the barrier was created with an action (its shared word).
 * @param name The barrier's name, for the error.
 * @param action The action given at revival.
 * @returns true when the barrier has an action and this thread gave none:
 *   its `wait` must refuse.
 * @throws {TypeError} When an action is given to a barrier created without one.
 */
export function checkRevivedAction(
  hasAction: boolean,
  name: string,
  action: (() => void) | undefined,
): boolean {
  if (!hasAction && action !== undefined) {
    throw new TypeError(
      `Cannot give barrier "${name}" an action when reviving it: it was created without one, so the threads without it would skip it; create the barrier with the action and give the same action to Barrier.from in every thread`,
    );
  }
  return hasAction && action === undefined;
}

/**
 * The error of a `wait` on a barrier that has an action by a thread whose
 * `Barrier` object has none.
 *
 * @param name The barrier's name.
 * @returns The error to throw; the thread has not arrived.
 */
export function missingActionError(name: string): TypeError {
  return new TypeError(
    `Cannot wait at barrier "${name}": it has an action, which this thread would have to run if it arrived last, but it was revived without one; revive it with Barrier.from(handle, { action })`,
  );
}
