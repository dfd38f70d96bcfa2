// This module is browser compatible.

/**
 * `registerWorker`: makes a worker started without `spawn` a thread of the
 * runtime whose end is seen.
 *
 * @module
 */

import { endThread } from "./_park.ts";
import {
  claimThreadSlot,
  currentThreadId,
  runtime,
  ThreadState,
} from "./_runtime.ts";

/** Options for {@linkcode registerWorker}. */
export interface RegisterWorkerOptions {
  /** The thread's name, used in reports. Defaults to `thread-<id>`. */
  name?: string;
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
 * @param worker The worker, just created.
 * @param options The thread's `name`.
 * @returns The ticket to post to the worker, for its `enterThread(ticket)`.
 * @throws {TypeError} When `worker` is not a `Worker`.
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
  worker: Worker,
  options: RegisterWorkerOptions = {},
): ThreadHandle {
  if (typeof Worker === "undefined" || !(worker instanceof Worker)) {
    throw new TypeError(
      `Cannot register ${
        Object.prototype.toString.call(worker)
      } as a worker: not a Worker`,
    );
  }
  const buffer = runtime();
  const threadId = claimThreadSlot(options.name, currentThreadId());
  const terminate = worker.terminate.bind(worker);
  Object.defineProperty(worker, "terminate", {
    configurable: true,
    writable: true,
    value: (): void => {
      endThread(threadId, ThreadState.TERMINATED);
      terminate();
    },
  });
  worker.addEventListener("error", () => endThread(threadId, ThreadState.DIED));
  return { kind: "Thread", runtime: buffer, threadId };
}
