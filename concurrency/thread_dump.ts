// This module is browser compatible.

/**
 * `threadDump`: what every thread of the process is doing, read from the
 * shared thread table (Java's `jstack`, Python's `faulthandler`).
 *
 * @module
 */

import { readThreadDump } from "./_thread_dump_read.ts";

/** The state of a thread in a dump. */
export type DumpedThreadState = "running" | "parked" | "ended" | "terminated";

/** The kind of a wait, as a dump names it. */
export type DumpedWaitKind =
  | "acquire"
  | "condition"
  | "semaphore"
  | "event"
  | "barrier"
  | "queue-get"
  | "queue-put"
  | "queue-join"
  | "sleep"
  | "stop-flag"
  | "condition-reacquire"
  | "barrier-enter"
  | "join"
  | "unknown";

/** A primitive named in a dump. */
export interface DumpedPrimitive {
  /** Its class name (`"Lock"`, `"Event"`…). */
  kind: string;
  /** Its stable id. */
  id: number;
  /** Its name; empty when it was given none. */
  name: string;
}

/** A thread named in a dump (an owner, a joined thread). */
export interface DumpedThreadRef {
  /** The thread's id. */
  id: number;
  /** The thread's name. */
  name: string;
}

/** What a parked thread waits on. */
export interface DumpedWait {
  /** What the wait is for. */
  kind: DumpedWaitKind;
  /** The primitive it waits on; undefined for a sleep or a join. */
  primitive?: DumpedPrimitive;
  /** Whether the wait has a timeout (it ends by itself). */
  timed: boolean;
  /** For a lock acquire: the lock's owner now, when it has one. */
  owner?: DumpedThreadRef;
  /** For a join: the thread joined. */
  thread?: DumpedThreadRef;
}

/**
 * Something a thread holds: a lock (`kind` `"Lock"` or `"RLock"`), permits
 * of a semaphore (`"Semaphore"`, `"BoundedSemaphore"`), or the pool task it
 * runs (`"task"`: `id` is the task's id, `name` its name, empty when it was
 * given none).
 */
export interface DumpedHold extends DumpedPrimitive {
  /**
   * How many: an `RLock`'s recursion count (1 for a `Lock`), the permits
   * taken, 1 for a task.
   */
  count: number;
}

/** One thread of a dump. */
export interface DumpedThread {
  /** The thread's id (`threadId()` in that thread). */
  id: number;
  /** The thread's name. */
  name: string;
  /** Whether it runs, is parked in a wait, has ended, or was terminated. */
  state: DumpedThreadState;
  /** The id of the thread that started it; 0 for none. */
  parent: number;
  /** For a parked thread: when the park began, in `Date.now()` milliseconds. */
  parkedSince?: number;
  /** For a parked thread: how long it has been parked, in milliseconds. */
  parkedForMs?: number;
  /** For a parked thread: what it waits on. */
  waitsOn?: DumpedWait;
  /**
   * What it holds: its `Lock`s and `RLock`s (those whose owner word names
   * it), the semaphore permits it took through `hold()`/`holdAsync()` and
   * has not given back (permits taken with `acquire()` may be given back by
   * any thread, so they are not known to be its own), and, for a
   * `WorkerPool` worker, the task it runs.
   */
  holds: DumpedHold[];
  /** Where it parked, when stacks are captured (`configure({ captureStacks: true })`). */
  stack?: string;
}

/** A snapshot of every thread of the process. */
export interface ThreadDump {
  /** When the dump was taken, in `Date.now()` milliseconds. */
  takenAt: number;
  /** The threads, by slot. */
  threads: DumpedThread[];
  /**
   * The wait-for cycles among the parked threads (a lock's waiter waits for
   * its owner, a joiner for the joined thread), each as thread ids in
   * wait-for order starting with the lowest. A cycle of untimed waits is a
   * deadlock; one through a timed wait may still end by itself.
   */
  cycles: number[][];
  /**
   * Go's "all goroutines are asleep", adapted: `"none"` while any live
   * thread runs or waits with a timeout; `"possible"` when every live
   * thread is parked in a wait without one, but some wait is async (its
   * event loop may still wake someone: a timer, a message); `"proven"`
   * when every live thread is blocked in an untimed wait, so none can end
   * another's. The thread that takes the dump is a live thread too: it
   * counts as running unless an async wait of its own is pending. Reported
   * here, never thrown (the run-time detector throws a proven stall: see
   * `DeadlockError`).
   */
  stall: "none" | "possible" | "proven";
}

/** Options for {@linkcode threadDump}. */
export interface ThreadDumpOptions {
  /** Whether threads that have ended or were terminated are listed. Defaults to true. */
  includeEnded?: boolean;
}

/**
 * Returns a snapshot of every thread of the process: the main thread and
 * every worker that uses `concurrency/`, with its state, what it waits on
 * (the primitive, the wait kind, whether it is timed, a lock's owner, a
 * joined thread), what it holds (locks, semaphore permits taken through a
 * guard, the pool task it runs), how long it has been parked, and its
 * stack when stacks are captured. Callable from any thread; it reads shared
 * memory only, takes no lock and never waits, so it works while the process
 * hangs. Threads change while it reads: each thread's record is read as one
 * park, but two threads may be read a moment apart.
 *
 * @param options Whether to list ended threads.
 * @returns The snapshot; print it with `formatThreadDump`.
 *
 * @example Usage
 * ```ts
 * import { Lock, threadDump, threadId } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const lock = new Lock({ name: "config" });
 * using _ = lock.hold();
 * const me = threadDump().threads.find((thread) => thread.id === threadId())!;
 * assert.equal(me.state, "running");
 * assert.deepEqual(me.holds.map((held) => held.name), ["config"]);
 * ```
 */
export function threadDump(options: ThreadDumpOptions = {}): ThreadDump {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot take a thread dump with options "${
        String(options)
      }": it must be an object`,
    );
  }
  return readThreadDump(options.includeEnded ?? true);
}
