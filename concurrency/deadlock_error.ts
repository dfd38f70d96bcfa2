// This module is browser compatible.

/**
 * The error a blocking acquire throws when it is part of a deadlock.
 *
 * @module
 */

/** A lock as a deadlock or lock-order report names it. */
export interface LockInfo {
  /** The lock's stable id (see `Lock.id`). */
  readonly id: number;
  /** The lock's name, or `"<Kind> <id>"` when it was given none. */
  readonly name: string;
}

/** One thread of a deadlock cycle: what it holds and what it waits for. */
export interface DeadlockCycleEntry {
  /** The thread's id (`threadId()` inside it). */
  readonly threadId: number;
  /** The thread's name (a worker's `spawn` name, `"main"` for the main thread). */
  readonly threadName: string;
  /** The lock this thread holds that the previous thread of the cycle waits for. */
  readonly holds: LockInfo;
  /** The lock this thread waits for, held by the next thread of the cycle. */
  readonly waitsFor: LockInfo;
}

/** Options for {@linkcode DeadlockError}. */
export interface DeadlockErrorOptions extends ErrorOptions {
  /** The threads of the cycle. Defaults to none. */
  cycle?: readonly DeadlockCycleEntry[];
}

/** Describes a thread for a message: `worker 'A'`, or `thread 'main'` for the main thread. */
function describeThread(entry: DeadlockCycleEntry): string {
  return entry.threadName === "main"
    ? "thread 'main'"
    : `worker '${entry.threadName}'`;
}

/**
 * Builds the sentence of a cycle: `worker 'A' holds 'lock1' and waits for
 * 'lock2'; worker 'B' holds 'lock2' and waits for 'lock1'`.
 */
function describeCycle(cycle: readonly DeadlockCycleEntry[]): string {
  return cycle.map((entry) =>
    entry.holds.id === entry.waitsFor.id
      ? `${
        describeThread(entry)
      } holds non-reentrant lock '${entry.holds.name}' and waits for it again`
      : `${
        describeThread(entry)
      } holds '${entry.holds.name}' and waits for '${entry.waitsFor.name}'`
  ).join("; ");
}

/**
 * Thrown by a blocking acquire whose thread is part of a cycle of threads
 * each waiting for a lock the next one holds, so none could ever go on. The
 * run-time detector makes exactly one thread of the cycle throw it: the one
 * with the highest thread id among those in a plain acquire (`Lock`, `RLock`,
 * `Condition.acquire`), so a `Condition.wait` taking its lock back is spared
 * and returns holding it; only a cycle of such re-acquires alone would fall
 * back to the highest thread id of all. The others keep waiting and get their
 * locks once the thrower's guards release what it holds. A blocking acquire of
 * a non-reentrant `Lock` that the same thread already holds throws it at once.
 * The acquire that throws does not own the lock.
 *
 * @example Usage
 * ```ts
 * import { DeadlockError, Lock } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const lock = new Lock({ name: "config" });
 * using _ = lock.hold();
 * assert.throws(() => lock.acquire(), (error: unknown) => {
 *   assert.ok(error instanceof DeadlockError);
 *   assert.equal(error.cycle.length, 1);
 *   assert.equal(error.cycle[0]?.waitsFor.name, "config");
 *   return true;
 * });
 * ```
 */
export class DeadlockError extends Error {
  /**
   * The threads of the cycle in wait-for order, starting with the lowest
   * thread id: each waits for the lock the next one holds, the last waits
   * for the first one's.
   */
  readonly cycle: readonly DeadlockCycleEntry[];

  /**
   * Creates the error.
   *
   * @param message What deadlocked. Defaults to `Deadlock: ` and the cycle's description.
   * @param options The `cycle` and a `cause`.
   */
  constructor(message?: string, options: DeadlockErrorOptions = {}) {
    const cycle = options.cycle ?? [];
    super(message ?? `Deadlock: ${describeCycle(cycle)}`, options);
    this.name = "DeadlockError";
    this.cycle = cycle;
  }
}
