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
  /**
   * The lock this thread waits for, held by the next thread of the cycle.
   * For a thread in `join()` ({@linkcode DeadlockCycleEntry.joins}), the
   * joined thread's end, named as Java names a joined thread's monitor:
   * id 0 (no lock has it) and the name `end of worker '<name>'`; the joined
   * thread's own entry `holds` the same.
   */
  readonly waitsFor: LockInfo;
  /**
   * The thread this one waits for in `join()`, when it waits for the next
   * thread of the cycle to end rather than for a lock; absent otherwise.
   */
  readonly joins?: { readonly threadId: number; readonly threadName: string };
}

/** One thread of a stall: what it waits on. */
export interface StalledThread {
  /** The thread's id. */
  readonly threadId: number;
  /** The thread's name. */
  readonly threadName: string;
  /**
   * What it waits in, as a thread dump names the wait: `"event"`,
   * `"condition"`, `"queue-get"`, `"acquire"`, `"join"`…
   */
  readonly wait: string;
  /** The primitive it waits on (its class name, id and name); absent for a join. */
  readonly waitsOn?: { readonly kind: string } & LockInfo;
  /** For a join: the thread it waits for. */
  readonly joins?: { readonly threadId: number; readonly threadName: string };
  /**
   * Whether it is blocked in `Atomics.wait` (true), or waits asynchronously
   * (false: its event loop still runs, and may yet wake someone).
   */
  readonly blocking: boolean;
}

/**
 * A stall, Go's "all goroutines are asleep": every live thread of the
 * process is parked in a wait without a timeout, so only another parked
 * thread could end it, and none runs.
 */
export interface StallFinding {
  /**
   * `"proven"` when every one of those waits is blocking (`Atomics.wait`),
   * read twice as the same wait: nothing can end them. `"possible"` when
   * some wait is async: its thread's event loop may still wake someone (a
   * timer, a message), so it is reported, never thrown.
   */
  readonly certainty: "possible" | "proven";
  /** Every live thread, by thread id, and what it waits on. */
  readonly threads: readonly StalledThread[];
}

/** Options for {@linkcode DeadlockError}. */
export interface DeadlockErrorOptions extends ErrorOptions {
  /** The threads of the cycle. Defaults to none. */
  cycle?: readonly DeadlockCycleEntry[];
  /** The stall, when the error reports one rather than a cycle. */
  stall?: StallFinding;
}

/** Describes a thread for a message: `worker 'A'`, or `thread 'main'` for the main thread. */
function describeThread(entry: { readonly threadName: string }): string {
  return entry.threadName === "main"
    ? "thread 'main'"
    : `worker '${entry.threadName}'`;
}

/**
 * Builds the sentence of a cycle: `worker 'A' holds 'lock1' and waits for
 * 'lock2'; worker 'B' holds 'lock2' and waits for 'lock1'`.
 */
function describeCycle(cycle: readonly DeadlockCycleEntry[]): string {
  return cycle.map(({ holds, waitsFor, joins, ...thread }) => {
    const who = describeThread(thread);
    if (joins !== undefined) {
      return `${who} holds '${holds.name}' and joins ${describeThread(joins)}`;
    }
    if (holds.id === 0) return `${who} waits for '${waitsFor.name}'`;
    if (holds.id === waitsFor.id) {
      return `${who} holds non-reentrant lock '${holds.name}' and waits for it again`;
    }
    return `${who} holds '${holds.name}' and waits for '${waitsFor.name}'`;
  }).join("; ");
}

/** Builds the sentence of a stall: `thread 'main' waits in event on Event 'go'; …`. */
function describeStall(stall: StallFinding): string {
  return `every thread is asleep: ${
    stall.threads.map((thread) =>
      `${describeThread(thread)} waits in ${thread.wait}${
        thread.waitsOn
          ? ` on ${thread.waitsOn.kind} '${thread.waitsOn.name}'`
          : ""
      }${thread.joins ? ` for ${describeThread(thread.joins)}` : ""}`
    ).join("; ")
  }`;
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
 * A cycle may pass through `join()`: a thread that holds a lock and joins
 * a worker waiting (directly or through other threads) for that lock is in
 * a cycle too; its entry names the joined thread in `joins`, and the victim
 * is chosen among the acquires as above (a join never throws it).
 *
 * A proven stall throws it too, with `stall` set and `cycle` empty: every
 * live thread of the process blocked in an untimed wait (or a timed one,
 * with `configure({ countTimedWaits: true })`) (`Event.wait`,
 * `Condition.wait`, `SharedQueue.get`…) that only another blocked thread
 * could end, read unchanged over 100 ms (Go's "all goroutines are asleep").
 * One thread throws it: the lowest thread id (the main thread when it is
 * among them) not taking a `Condition`'s lock back. A possible stall (some
 * thread waits asynchronously) is never thrown: `detectDeadlocks()`
 * reports it.
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
 *
 * @example A proven stall: the main thread and a worker each wait on an Event nobody will set
 * ```ts
 * import {
 *   configure,
 *   DeadlockError,
 *   Event,
 *   spawn,
 * } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * // The main thread's wait below has a timeout, so this example ends even
 * // if something else runs; counting timed waits lets it count.
 * const previous = configure({ countTimedWaits: true });
 * const never = new Event({ name: "never" });
 * const source = `export default (event) => event.wait();`;
 * const worker = spawn(`data:text/javascript,${encodeURIComponent(source)}`, {
 *   args: [never],
 *   name: "w",
 * });
 * try {
 *   assert.throws(() => new Event({ name: "mine" }).wait({ timeout: 10_000 }), (error) => {
 *     assert.ok(error instanceof DeadlockError);
 *     assert.equal(error.stall?.certainty, "proven");
 *     assert.deepEqual(error.stall?.threads.map((t) => t.threadName), ["main", "w"]);
 *     return true;
 *   });
 * } finally {
 *   never.set();
 *   await worker.join();
 *   configure(previous);
 * }
 * ```
 */
export class DeadlockError extends Error {
  /**
   * The threads of the cycle in wait-for order, starting with the lowest
   * thread id: each waits for the lock the next one holds, the last waits
   * for the first one's.
   */
  readonly cycle: readonly DeadlockCycleEntry[];

  /** The stall, when the error reports one (then `cycle` is empty); undefined otherwise. */
  readonly stall: StallFinding | undefined;

  /**
   * Creates the error.
   *
   * @param message What deadlocked. Defaults to `Deadlock: ` and the cycle's description.
   * @param options The `cycle` (or the `stall`) and a `cause`.
   */
  constructor(message?: string, options: DeadlockErrorOptions = {}) {
    const cycle = options.cycle ?? [];
    const stall = options.stall;
    super(
      message ??
        `Deadlock: ${
          stall !== undefined && cycle.length === 0
            ? describeStall(stall)
            : describeCycle(cycle)
        }`,
      options,
    );
    this.name = "DeadlockError";
    this.cycle = cycle;
    this.stall = stall;
  }
}
