/**
 * The deadlock-detection hook of the parking core (issue #8 fills it in).
 *
 * `park()` calls {@linkcode checkDeadlock} once a blocking wait has lasted
 * past `DEADLOCK_CHECK_AFTER_MS`, and after every sleep slice from then on,
 * with the wait record already written into the thread's slot. To report a
 * deadlock it throws (a `DeadlockError`); `park()` then clears the record and
 * passes on any wake it consumed, so the primitive stays consistent.
 *
 * @module
 */

import type { WaitRecord } from "./_park.ts";

/**
 * Looks for a wait-for cycle through the waiting thread; throws when this
 * thread is the chosen victim. The stub finds nothing.
 *
 * @param _record What this thread waits on.
 * @param _timed Whether the wait has a timeout.
 */
export function checkDeadlock(_record: WaitRecord, _timed: boolean): void {
}
