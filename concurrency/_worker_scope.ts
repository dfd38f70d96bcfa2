// This module is browser compatible.

/**
 * The worker's side of `_thread_driver.ts`: how a bootstrap of
 * `concurrency/` (`_worker_main.ts`, `_pool_worker_main.ts`) hears its
 * parent, answers it, ends, and learns of errors nobody caught. In a Web
 * Worker that is the global scope; on Node.js, `parentPort` and `process`.
 *
 * @module
 */

import {
  type NodeProcess,
  nodeProcess,
  type NodeWorkerThreads,
  nodeWorkerThreads,
} from "./_platform.ts";

/** A worker's channel to its parent. */
export interface WorkerScope<In, Out> {
  /** Calls `handler` with each message from the parent (replacing any before). */
  listen(handler: (data: In) => void): void;
  postMessage(message: Out): void;
  /** Ends the worker. */
  close(): void;
  /**
   * Calls `handler` with each error nobody caught (thrown in a callback, a
   * promise rejected with no handler); when it returns true, the error goes
   * no further.
   */
  onUncaught(handler: (error: unknown) => boolean): void;
}

interface WebScope {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}

function webScope<In, Out>(): WorkerScope<In, Out> {
  const scope = globalThis as unknown as WebScope;
  return {
    listen(handler) {
      scope.onmessage = (event) => handler(event.data);
    },
    postMessage(message) {
      scope.postMessage(message);
    },
    close() {
      scope.close();
    },
    onUncaught(handler) {
      addEventListener("error", (event) => {
        if (handler((event as ErrorEvent).error)) event.preventDefault();
      });
      addEventListener("unhandledrejection", (event) => {
        if (handler((event as PromiseRejectionEvent).reason)) {
          event.preventDefault();
        }
      });
    },
  };
}

function nodeScope<In, Out>(
  threads: NodeWorkerThreads,
  process: NodeProcess,
): WorkerScope<In, Out> {
  const port = threads.parentPort;
  if (port === null) {
    throw new Error("A bootstrap of concurrency/ runs in a worker only");
  }
  return {
    listen(handler) {
      port.removeAllListeners("message");
      port.on("message", (data) => handler(data as In));
    },
    postMessage(message) {
      port.postMessage(message);
    },
    close() {
      // process.exit() in a worker ends that worker's thread only, at once,
      // as close() ends a Web Worker; what it posted is still delivered.
      process.exit(0);
    },
    onUncaught(handler) {
      const listener = (error: unknown): void => {
        // Not taken: what Node.js does without a listener, end the worker
        // with the error.
        if (!handler(error)) queueMicrotask(() => process.exit(1));
      };
      process.on("uncaughtException", listener);
      process.on("unhandledRejection", listener);
    },
  };
}

/**
 * This worker's scope: at once in a Web Worker and on Node.js 20.16+, else
 * as a promise.
 */
export function workerScope<In, Out>():
  | WorkerScope<In, Out>
  | Promise<WorkerScope<In, Out>> {
  const process = nodeProcess;
  if (process === undefined) return webScope();
  const threads = nodeWorkerThreads();
  return threads instanceof Promise
    ? threads.then((loaded) => nodeScope(loaded, process))
    : nodeScope(threads, process);
}
