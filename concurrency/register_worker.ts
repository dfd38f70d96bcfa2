// This module is browser compatible.

/**
 * `registerWorker`: makes a worker started without `spawn` a thread of the
 * runtime whose end is seen.
 *
 * @module
 */

import { endThread } from "./_park.ts";
import { isNode, nodeWorkerThreads } from "./_platform.ts";
import {
  claimThreadSlot,
  currentThreadId,
  releaseTerminatedSlot,
  runtime,
  ThreadState,
  threadState,
} from "./_runtime.ts";

/** Options for {@linkcode registerWorker}. */
export interface RegisterWorkerOptions {
  /** The thread's name, used in reports. Defaults to `thread-<id>`. */
  name?: string;
}

/**
 * The parts of a Node.js `node:worker_threads` `Worker` that
 * {@linkcode registerWorker} uses: its `exit` event and `terminate()`.
 */
export interface NodeThreadWorker {
  /** The worker's `threadId` in Node.js (not the runtime's thread id). */
  readonly threadId: number;
  /** Listens for the worker's `exit` event. */
  on(event: "exit", listener: (exitCode: number) => void): unknown;
  /** Stops the worker's thread. */
  terminate(): Promise<number>;
}

/**
 * The structured-cloneable ticket of a registered worker: post it to the
 * worker, which passes it to `enterThread` before it uses any primitive.
 */
export interface ThreadHandle {
  /** Always `"Thread"`. */
  readonly kind: "Thread";
  /** The runtime the worker joins. */
  readonly runtime: SharedArrayBuffer;
  /** The thread id claimed for the worker. */
  readonly threadId: number;
}

/**
 * Registers a worker this thread started itself (`new Worker(…)`, not
 * `spawn`) as a thread of the runtime, so its end is seen as a spawned
 * worker's is: a lock it dies holding is poisoned (waiters get
 * `PoisonedError` instead of waiting for ever), a barrier it waits at
 * breaks, and its slot in the thread table is freed. Its end is seen when
 * it throws an uncaught error, when `worker.terminate()` is called (this
 * wraps it: the thread is marked terminated first, so one blocked in
 * `Atomics.wait` throws `ThreadEndedError` as soon as it wakes), when it
 * calls `close()` after `enterThread`, and when this thread ends. A worker
 * that revives primitives without registering claims a slot of its own
 * whose end nobody sees: register every worker that shares primitives.
 *
 * On Node.js, pass a `node:worker_threads` `Worker`: its end is seen on
 * its `exit` event, whatever ended it (an uncaught error, `process.exit()`,
 * its event loop running dry, `terminate()`), so a lock it held is
 * poisoned and its slot is freed, as for a worker from `spawn`. A worker
 * that exits with code 0 has finished; any other code means it died. No
 * `error` listener is added, so an error nobody catches in the worker is
 * still reported as Node.js reports it.
 *
 * @param worker The worker, just created: a Web `Worker`, or a
 *   `node:worker_threads` `Worker` on Node.js.
 * @param options The thread's `name`.
 * @returns The ticket to post to the worker, for its `enterThread(ticket)`.
 * @throws {TypeError} When `worker` is not a `Worker` (on Node.js: not a
 *   `node:worker_threads` `Worker`).
 * @throws {RangeError} When every thread slot is in use.
 *
 * @example Usage
 * ```ts
 * import { enterThread, registerWorker } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const source = `
 *   import { enterThread, threadId } from ${JSON.stringify(new URL("./mod.ts", import.meta.url).href)};
 *   self.onmessage = (event) => {
 *     enterThread(event.data);
 *     self.postMessage(threadId());
 *     self.close();
 *   };`;
 * const worker = new Worker(`data:text/javascript,${encodeURIComponent(source)}`, {
 *   type: "module",
 * });
 * const ticket = registerWorker(worker, { name: "raw" });
 * const { promise, resolve } = Promise.withResolvers<number>();
 * worker.onmessage = (event) => resolve(event.data);
 * worker.postMessage(ticket);
 * try {
 *   assert.equal(await promise, ticket.threadId);
 * } finally {
 *   worker.terminate();
 * }
 * assert.equal(typeof enterThread, "function");
 * ```
 */
export function registerWorker(
  worker: Worker | NodeThreadWorker,
  options: RegisterWorkerOptions = {},
): ThreadHandle {
  const known = isNode
    ? isNodeWorker(worker)
    : typeof Worker !== "undefined" && worker instanceof Worker;
  if (!known) {
    throw new TypeError(
      `Cannot register ${
        Object.prototype.toString.call(worker)
      } as a worker: not a Worker`,
    );
  }
  const threadId = claimThreadSlot(options.name, currentThreadId());
  // terminate() ends the thread first, so a worker Deno cannot stop still
  // counts as ended.
  const terminate = worker.terminate.bind(worker);
  Object.defineProperty(worker, "terminate", {
    configurable: true,
    writable: true,
    value: (): unknown => {
      endThread(threadId, ThreadState.TERMINATED);
      return terminate();
    },
  });
  if (isNode) {
    (worker as NodeThreadWorker).on("exit", (code) => exited(threadId, code));
  } else {
    (worker as Worker).addEventListener(
      "error",
      () => endThread(threadId, ThreadState.DIED),
    );
  }
  return { kind: "Thread", runtime: runtime(), threadId };
}

/**
 * Whether `worker` is a `node:worker_threads` `Worker`: by class where the
 * module is at hand at once (Node.js 20.16+), else by the members used.
 */
function isNodeWorker(worker: unknown): worker is NodeThreadWorker {
  const threads = nodeWorkerThreads();
  if (!(threads instanceof Promise)) return worker instanceof threads.Worker;
  threads.catch(() => {});
  const candidate = worker as Partial<NodeThreadWorker> | null;
  return typeof candidate?.on === "function" &&
    typeof candidate.terminate === "function" &&
    typeof candidate.threadId === "number";
}

/** Sees a Node.js worker's end on its `exit` event, whatever ended it. */
function exited(threadId: number, exitCode: number): void {
  const state = threadState(threadId);
  if (state === ThreadState.TERMINATED) {
    // Terminated first: now it has surely left every wait, so its slot
    // may be reused.
    releaseTerminatedSlot(threadId);
  } else if (state === ThreadState.RUNNING) {
    endThread(
      threadId,
      exitCode === 0 ? ThreadState.FINISHED : ThreadState.DIED,
    );
  }
}
