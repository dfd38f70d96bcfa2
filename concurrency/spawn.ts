// This module is browser compatible.

/**
 * `spawn`: wirework's `threading.Thread(target=…)`, a module worker sharing
 * the process's runtime.
 *
 * @module
 */

import {
  clearAsyncWait,
  endThread,
  interruptThread,
  liveWord,
  recordAsyncWait,
  WaitKind,
  type WaitRecord,
} from "./_park.ts";
import { InterruptedError } from "./interrupted_error.ts";
import { withResolvers } from "../generics/_with_resolvers.ts";
import { bootstrapUrl } from "./_platform.ts";
import { startThread, type ThreadDriver } from "./_thread_driver.ts";
import {
  claimThreadSlot,
  currentThreadId,
  releaseTerminatedSlot,
  runtime,
  ThreadState,
  timeoutOption,
} from "./_runtime.ts";
import type { StartMessage, WorkerReply } from "./_messages.ts";
import {
  deserializeError,
  revive,
  reviveCopy,
  toTransferable,
} from "./_transfer.ts";

/** What a pending `join()` records in the joiner's slot. */
const JOIN_RECORD: WaitRecord = { kind: WaitKind.JOIN, primitive: 0 };

/**
 * A reference to each primitive passed in `args` (objects revived from the
 * start message's handles), held for as long as the worker can be reached
 * (the running worker's message handler holds its handle): a handle is no
 * reference, so the caller disposing or dropping its objects right after
 * `spawn` must not free them before the worker has revived its own.
 */
const argsInFlight = new WeakMap<object, unknown>();

/** Options for {@linkcode spawn}. */
export interface SpawnOptions {
  /**
   * The arguments of the module's default export. Primitives (`Lock`, …) and
   * their handles arrive revived, at any depth of arrays and plain objects;
   * everything else is structured-cloned. Defaults to none.
   */
  args?: readonly unknown[];
  /** The worker's name, used in reports and as the Web Worker's name. Defaults to `thread-<id>`. */
  name?: string;
  /**
   * A daemon worker does not keep the process alive: when the main thread
   * and every other non-daemon worker are done, the process exits and the
   * daemon dies with it, as Python's daemon threads do. Caveat (Python's
   * too): it is stopped abruptly, with no `finally` blocks run, no locks
   * released and no pending writes flushed, so give daemons only work that
   * may be lost; for a clean end, `stop()` it. Defaults to false.
   */
  daemon?: boolean;
}

/** Options for {@linkcode WorkerHandle.stop}. */
export interface StopOptions {
  /**
   * How long the worker may take to end after the interrupt, in
   * milliseconds, before it is terminated. Defaults to 1000.
   */
  grace?: number;
}

/**
 * How a worker ended after {@linkcode WorkerHandle.stop}: `"interrupted"`
 * when it ended with `InterruptedError` (the interrupt reached it in a wait,
 * `checkInterrupt()` or `sleep`); `"finished"` when it ended any other way
 * (it returned or threw something else, before or within the grace period);
 * `"terminated"` when the grace period ran out and it was terminated.
 */
export type StopOutcome = "finished" | "interrupted" | "terminated";

/** Options for {@linkcode WorkerHandle.join}. */
export interface JoinOptions {
  /** How long to wait at most, in milliseconds. Defaults to `Infinity` (no limit). */
  timeout?: number;
  /** Aborts the wait: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A worker started by {@linkcode spawn}. */
export interface WorkerHandle<T = unknown> {
  /** The worker's name. */
  readonly name: string;
  /** The worker's thread id (what `threadId()` returns inside it). */
  readonly threadId: number;
  /**
   * The default export's return value (awaited, primitives revived), or a
   * rejection with the error it threw: same class, fields and the worker's
   * stack. Rejects too when the worker dies otherwise or is terminated.
   */
  readonly result: Promise<T>;
  /** Whether the worker still runs. */
  readonly alive: boolean;
  /**
   * Waits for the worker to end (Python's `Thread.join`).
   *
   * @returns true when the worker has ended, false when the timeout passed first.
   */
  join(options?: JoinOptions): Promise<boolean>;
  /**
   * Ends the worker at once, as `Worker.terminate()` does; `result` rejects.
   * Whatever Deno does with the thread, it is dead to the runtime from now
   * on: every `concurrency/` call it makes throws `ThreadEndedError`
   * (Deno's `terminate()` does not stop a thread blocked in `Atomics.wait`
   * nor one spinning in its own code, so one parked in a wait of
   * `concurrency/` is woken and throws at once, taking nothing). On
   * Node.js, `terminate()` stops the thread wherever it is. Locks it
   * holds are poisoned, a `Barrier` it waits at breaks, a wake it had taken
   * is passed on, the threads it started are ended too, and its slot is
   * reused only once it has seen its end.
   */
  terminate(): void;
  /** Whether the worker is a daemon (see {@linkcode SpawnOptions.daemon}). */
  readonly daemon: boolean;
  /**
   * Interrupts the worker, as Java's `Thread.interrupt()`: sets its interrupt
   * flag and wakes it from any wait of `concurrency/` it is parked in, which
   * then throws `InterruptedError`. An interrupt sent before the worker
   * waits is not lost: its next wait (or `checkInterrupt()`) throws. When
   * the worker is in a blocking wait, returns once it has seen the interrupt
   * (a wake-up's time; up to 100 ms for a worker that does not get to run),
   * even when the interrupt lands just before the worker goes to sleep.
   * `interruptSignal()` aborts in the worker. Code that never waits or checks
   * is not affected.
   *
   * @returns false when the worker has already ended.
   */
  interrupt(): boolean;
  /**
   * Stops the worker: interrupts it, waits up to `grace` ms for it to end on
   * its own, then terminates it. A worker parked in a wait of
   * `concurrency/` is always stopped, so the process can exit. A worker
   * spinning in its own code that never checks (`checkInterrupt()`) cannot
   * be stopped by anything in Deno 2.9.6 (`Worker.terminate()` does not stop
   * a running loop): `stop` then resolves `"terminated"`, the thread spins on
   * until the process exits, and it no longer keeps the process alive. On
   * Node.js, whose `terminate()` stops a running loop, it resolves
   * `"terminated"` and the thread is gone.
   *
   * @param options The `grace` period in ms (default 1000).
   * @returns How the worker ended.
   * @throws {RangeError} When `grace` is negative or not a number.
   */
  stop(options?: StopOptions): Promise<StopOutcome>;
}

class SpawnedWorker<T> implements WorkerHandle<T> {
  readonly name: string;
  readonly threadId: number;
  readonly result: Promise<T>;
  readonly #worker: ThreadDriver;
  readonly #ended: Promise<void>;
  readonly #resolve: (value: T) => void;
  readonly #reject: (error: unknown) => void;
  readonly daemon: boolean;
  #alive = true;
  #interrupted = false;

  constructor(
    url: string,
    name: string,
    threadId: number,
    daemon = false,
  ) {
    this.name = name;
    this.threadId = threadId;
    this.daemon = daemon;
    const { promise, resolve, reject } = withResolvers<T>();
    this.result = promise;
    this.#resolve = resolve;
    this.#reject = reject;
    // A caller who never reads `result` must not get an unhandled rejection.
    promise.catch(() => {});
    this.#ended = promise.then(() => {}, (error) => {
      this.#interrupted = error instanceof InterruptedError;
    });
    this.#worker = startThread(url, name, {
      message: (data) => this.#onReply(data as WorkerReply),
      error: (error) => this.#fail(error),
      messageerror: () =>
        this.#fail(
          new TypeError(
            `Cannot read the reply of worker "${name}": it could not be deserialized`,
          ),
        ),
      // Node.js only. A worker that ended with no reply (process.exit(),
      // its thread killed) is dead to the runtime too; one that was
      // terminated has now surely left every wait, so its slot may be reused.
      exit: (code) => {
        if (!this.#alive) {
          releaseTerminatedSlot(threadId);
          return;
        }
        this.#fail(
          new Error(
            `Worker "${name}" exited with code ${code} before it returned`,
          ),
        );
      },
    });
    if (daemon) this.#worker.unref();
  }

  get alive(): boolean {
    return this.#alive;
  }

  /** Sends the worker its start message. */
  post(message: StartMessage): void {
    this.#worker.postMessage(message);
  }

  #onReply(reply: WorkerReply): void {
    if (reply.ok) {
      this.#end(ThreadState.FINISHED);
      this.#resolve(revive(reply.value) as T);
    } else {
      this.#fail(deserializeError(reply.error));
    }
  }

  /** Ends the worker as died and rejects `result` with `error`. */
  #fail(error: unknown): void {
    this.#end(ThreadState.DIED);
    this.#reject(error);
  }

  #end(state: number): void {
    if (!this.#alive) return;
    this.#alive = false;
    // Locks it owned poison, what it waited on moves, its own workers end.
    endThread(this.threadId, state);
    this.#worker.terminate();
    // On Deno, a worker spinning in its own code survives terminate(): at
    // least let the process exit without it.
    this.#worker.unref();
  }

  async join(options: JoinOptions = {}): Promise<boolean> {
    const timeout = timeoutOption(options.timeout);
    options.signal?.throwIfAborted();
    if (!this.#alive) return true;
    const { promise, resolve, reject } = withResolvers<boolean>();
    const timer = timeout === Infinity
      ? undefined
      : setTimeout(() => resolve(false), timeout);
    const onAbort = (): void => reject(options.signal!.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    this.#ended.then(() => resolve(true));
    // Recorded in this thread's slot, so a thread dump shows the join.
    const recorded = recordAsyncWait(
      liveWord(this.threadId),
      JOIN_RECORD,
      timeout !== Infinity,
    );
    try {
      return await promise;
    } finally {
      clearAsyncWait(recorded);
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  terminate(): void {
    if (!this.#alive) return;
    // It may run on (blocked in Atomics.wait): terminated, not died, until it
    // has seen its end.
    this.#end(ThreadState.TERMINATED);
    this.#reject(new Error(`Worker "${this.name}" was terminated`));
  }

  interrupt(): boolean {
    if (!this.#alive) return false;
    return interruptThread(this.threadId);
  }

  async stop(options: StopOptions = {}): Promise<StopOutcome> {
    const grace = timeoutOption(options.grace ?? 1000);
    if (this.#alive) {
      this.interrupt();
      if (!await this.join({ timeout: grace })) {
        this.terminate();
        return "terminated";
      }
    }
    await this.#ended;
    return this.#interrupted ? "interrupted" : "finished";
  }
}

/**
 * Starts a module worker whose default export is called with `args`, as
 * Python's `threading.Thread(target=…, args=…)`: a Web Worker on Deno and in
 * browsers, a `node:worker_threads` worker on Node.js. The worker shares this
 * process's runtime, so primitives passed in `args` (or created in the worker
 * and returned) work across both; inside, `threadId()` is the handle's
 * `threadId`. The worker needs read access to the module (the same
 * permissions as the caller: Deno workers inherit them).
 *
 * @typeParam T What the default export returns (awaited).
 * @param moduleUrl The absolute URL of the module (`new URL("./w.ts", import.meta.url)`).
 * @param options The `args` and the worker's `name`.
 * @returns A handle with `result`, `join()`, `alive`, `terminate()`, and
 * `interrupt()` and `stop()` to end it cooperatively.
 * @throws {TypeError} When `moduleUrl` is not an absolute URL.
 * @throws {RangeError} When every thread slot is in use.
 *
 * @example Usage
 * ```ts
 * import { Lock, spawn } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const source = `export default (lock) => {
 *   lock.acquire();
 *   lock.release();
 *   return "done";
 * };`;
 * const url = `data:text/javascript,${encodeURIComponent(source)}`;
 * const worker = spawn<string>(url, { args: [new Lock()], name: "helper" });
 * try {
 *   assert.equal(await worker.result, "done");
 *   assert.equal(await worker.join({ timeout: 1000 }), true);
 * } finally {
 *   worker.terminate();
 * }
 * ```
 */
export function spawn<T = unknown>(
  moduleUrl: string | URL,
  options: SpawnOptions = {},
): WorkerHandle<T> {
  let href: string;
  try {
    href = new URL(moduleUrl).href;
  } catch (error) {
    throw new TypeError(
      `Cannot spawn "${moduleUrl}": not an absolute URL (use new URL("./file.ts", import.meta.url))`,
      { cause: error },
    );
  }
  const args = toTransferable([...(options.args ?? [])]) as unknown[];
  // Before any thread or worker is claimed: a freed primitive throws here.
  const held = reviveCopy(args);
  const buffer = runtime();
  const threadId = claimThreadSlot(options.name, currentThreadId());
  const name = options.name ?? `thread-${threadId}`;
  let handle: SpawnedWorker<T>;
  try {
    handle = new SpawnedWorker<T>(
      bootstrapUrl("_worker_main", import.meta.url),
      name,
      threadId,
      options.daemon === true,
    );
  } catch (error) {
    endThread(threadId, ThreadState.DIED);
    throw error;
  }
  argsInFlight.set(handle, held);
  const start: StartMessage = {
    type: "start",
    runtime: buffer,
    threadId,
    name,
    moduleUrl: href,
    args,
  };
  try {
    handle.post(start);
  } catch (error) {
    handle.terminate();
    throw error;
  }
  return handle;
}
