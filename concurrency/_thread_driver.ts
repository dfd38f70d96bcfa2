// This module is browser compatible.

/**
 * What `spawn` and `WorkerPool` need of a worker, over the two kinds there
 * are: a Web Worker (Deno, browsers) and a `node:worker_threads` `Worker`
 * (Node.js). The Web Worker path is the one `spawn` always had: a module
 * worker with the handlers set on it, nothing in between.
 *
 * @module
 */

import {
  isNode,
  nodeProcess,
  type NodeWorker,
  type NodeWorkerThreads,
  nodeWorkerThreads,
} from "./_platform.ts";
import { unrefWorker } from "./_worker_ref.ts";

/** What a driver reports from its worker. */
export interface ThreadEvents {
  /** A message the worker posted. */
  message(data: unknown): void;
  /** The worker failed with an error nobody caught. */
  error(error: unknown): void;
  /** A message the worker posted could not be deserialized. */
  messageerror(): void;
  /**
   * The worker's thread has ended (Node.js only: a Web Worker says
   * nothing when it ends).
   */
  exit(code: number): void;
}

/** A started worker. */
export interface ThreadDriver {
  postMessage(message: unknown): void;
  /**
   * Ends the worker. On Node.js this stops it even when it spins or is
   * blocked in `Atomics.wait`; Deno 2.9.6 stops neither.
   */
  terminate(): void;
  /** Lets the process exit while the worker runs. */
  unref(): void;
}

class WebThread implements ThreadDriver {
  readonly #worker: Worker;

  constructor(url: string, name: string, events: ThreadEvents) {
    const worker = new Worker(url, { type: "module", name });
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent) => events.message(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      events.error(
        event.error ?? new Error(`Worker "${name}" failed: ${event.message}`),
      );
    };
    worker.onmessageerror = () => events.messageerror();
  }

  postMessage(message: unknown): void {
    this.#worker.postMessage(message);
  }

  terminate(): void {
    this.#worker.terminate();
  }

  unref(): void {
    unrefWorker(this.#worker);
  }
}

class NodeThread implements ThreadDriver {
  #worker: NodeWorker | undefined;
  /** Messages posted before `node:worker_threads` was loaded. */
  #queued: unknown[] | undefined;
  #terminated = false;
  #unrefed = false;

  constructor(url: string, name: string, events: ThreadEvents) {
    const threads = nodeWorkerThreads();
    if (!(threads instanceof Promise)) {
      this.#start(threads, url, name, events);
      return;
    }
    this.#queued = [];
    threads.then(
      (loaded) => {
        if (this.#terminated) return;
        try {
          this.#start(loaded, url, name, events);
        } catch (error) {
          events.error(error);
          return;
        }
        for (const message of this.#queued ?? []) this.postMessage(message);
        this.#queued = undefined;
        if (this.#unrefed) this.#worker!.unref();
      },
      (error) => events.error(error),
    );
  }

  #start(
    threads: NodeWorkerThreads,
    url: string,
    name: string,
    events: ThreadEvents,
  ): void {
    const worker = new threads.Worker(new URL(url), {
      name,
      // A worker inherits the process's flags, but --input-type (of
      // `node --input-type=module --eval`) makes Node.js refuse to load a
      // worker's file.
      execArgv: nodeProcess!.execArgv.filter((flag) =>
        !flag.startsWith("--input-type")
      ),
    });
    this.#worker = worker;
    worker.on("message", (data) => events.message(data));
    worker.on("messageerror", () => events.messageerror());
    worker.on("error", (error) => events.error(error));
    worker.on("exit", (code) => events.exit(code));
  }

  postMessage(message: unknown): void {
    if (this.#worker === undefined) this.#queued?.push(message);
    else this.#worker.postMessage(message);
  }

  terminate(): void {
    if (this.#terminated) return;
    this.#terminated = true;
    // The exit event reports the end; the promise says nothing more.
    this.#worker?.terminate().catch(() => {});
  }

  unref(): void {
    this.#unrefed = true;
    this.#worker?.unref();
  }
}

/**
 * Starts the worker at `url` (a bootstrap of `concurrency/`) as a module
 * worker named `name`, reporting to `events`.
 */
export function startThread(
  url: string,
  name: string,
  events: ThreadEvents,
): ThreadDriver {
  return isNode
    ? new NodeThread(url, name, events)
    : new WebThread(url, name, events);
}
