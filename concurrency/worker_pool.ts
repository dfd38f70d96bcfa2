// This module is browser compatible.

/**
 * `WorkerPool`: Python's `concurrent.futures.ThreadPoolExecutor` for module
 * workers, with cancellation that interrupts a running task without killing
 * the thread it runs on.
 *
 * @module
 */

import { Queue } from "../generics/queue.ts";
import { endThread, interruptThread } from "./_park.ts";
import {
  claimThreadSlot,
  markThreadEnded,
  releaseTerminatedSlot,
  runtime,
  ThreadState,
  timeoutOption,
} from "./_runtime.ts";
import { deserializeError, revive, toTransferable } from "./_transfer.ts";
import { type Resolvers, withResolvers } from "../generics/_with_resolvers.ts";
import { allowManyListeners, bootstrapUrl } from "./_platform.ts";
import { startThread, type ThreadDriver } from "./_thread_driver.ts";
import { QueueFullError } from "./queue_full_error.ts";
import {
  blockBase,
  CANCELLED,
  createChannel,
  PAYLOAD_UNITS,
  PoolHeader,
  type PoolReply,
  type PoolRequest,
  readUnits,
  ResultCell,
  resultCellBase,
  resultsWaiting,
  ringText,
  TaskCell,
  taskCellBase,
  taskCellsFor,
  VIA_MESSAGE,
  wakeWorker,
  WorkerBlock,
  writeUnits,
} from "./_pool_channel.ts";

/** Options for {@linkcode WorkerPool}. */
export interface WorkerPoolOptions {
  /** How many workers run tasks. Defaults to `navigator.hardwareConcurrency`. */
  size?: number;
  /**
   * The pool's name: worker `i` is the thread `<name>#<i>` in reports
   * (`detectDeadlocks()`), and `<name>#<i> <task>` while it runs a named
   * task. Defaults to `pool`.
   */
  name?: string;
  /**
   * How many tasks may wait for a worker; a `submit` beyond it rejects
   * with `QueueFullError` (as piscina's `maxQueue`). Defaults to `Infinity`
   * (as `concurrent.futures`).
   */
  maxQueue?: number;
  /**
   * How long a worker may sit idle, in milliseconds, before it ends; it is
   * started again when work comes. Defaults to `Infinity` (workers live until
   * `shutdown`).
   */
  idleTimeout?: number;
  /**
   * How long a cancelled running task may ignore its interrupt, in
   * milliseconds, before its worker is terminated and replaced. Defaults to
   * 1000.
   */
  grace?: number;
}

/** Options for {@linkcode WorkerPool.submit}. */
export interface SubmitOptions {
  /**
   * Cancels the task (`Future.cancel()`): a pending task is removed, a
   * running one is interrupted; the promise rejects with the signal's reason.
   */
  signal?: AbortSignal;
  /**
   * Cancels the task, as `signal` does, this many milliseconds after the
   * submit (time in the queue counts); the promise rejects with a
   * `DOMException` named `TimeoutError`. Defaults to `Infinity`.
   */
  timeout?: number;
  /** The task's name, shown in the worker's thread name while it runs. */
  name?: string;
}

/** Options for {@linkcode WorkerPool.map}. */
export interface MapOptions {
  /**
   * Whether results come in the order of the inputs (`concurrent.futures`'
   * `map`), or as they complete (`as_completed`). Defaults to true.
   */
  ordered?: boolean;
  /** Cancels every task of the map still pending or running, and ends the iteration. */
  signal?: AbortSignal;
}

/** Options for {@linkcode WorkerPool.shutdown}. */
export interface ShutdownOptions {
  /**
   * Whether tasks still waiting for a worker are cancelled (their promises
   * reject with an `AbortError` `DOMException`) rather than run, as
   * `shutdown(cancel_futures=True)`. Running tasks always finish. Defaults
   * to false.
   */
  cancelPending?: boolean;
}

interface Task {
  id: number;
  args: readonly unknown[];
  name: string;
  /**
   * The first word of its task cell once dispatched; 0 while it is queued
   * (no cell starts at word 0, which is the header's).
   */
  cell: number;
  /** Whether its promise has settled (a cancelled running task still runs). */
  settled: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  /** Its timeout; once it is cancelled while running, its grace period instead. */
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface PoolWorker {
  index: number;
  worker: ThreadDriver;
  threadId: number;
  block: number;
  exited: Resolvers<void>;
}

/** How many tasks `map` keeps in flight beyond one per worker. */
const MAP_WINDOW = 16;

/**
 * A pool of module workers that run tasks, as Python's
 * `concurrent.futures.ThreadPoolExecutor` and npm's piscina: the module's
 * default export is the task function, called with each task's arguments
 * spread, exactly as {@linkcode spawn} calls it (primitives in the arguments
 * arrive revived, everything else is structured-cloned). Its workers are Web
 * Workers on Deno and in browsers, `node:worker_threads` workers on Node.js.
 *
 * Tasks are dispatched and their results returned through shared memory
 * (no `postMessage` per task when the arguments and result are plain JSON
 * values), and workers serve task after task. Cancelling a running task
 * (its `signal` or `timeout`) interrupts it: `interruptSignal()` aborts in
 * the task and any wait of `concurrency/` throws `InterruptedError`; the
 * same worker then takes the next task. Only a task that ignores the
 * interrupt for `grace` ms costs its worker, which is terminated and
 * replaced; so is a worker that dies any other way (its task rejects).
 *
 * Idle workers do not keep the process alive; pending tasks do.
 *
 * @example Usage
 * ```ts
 * import { WorkerPool } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const source = "export default (a, b) => a + b;";
 * await using pool = new WorkerPool(
 *   `data:text/javascript,${encodeURIComponent(source)}`,
 *   { size: 2, name: "adders" },
 * );
 * assert.equal(await pool.submit<number>([1, 2]), 3);
 * const sums = [];
 * for await (const sum of pool.map<number>([[1, 1], [2, 2], [3, 3]])) {
 *   sums.push(sum);
 * }
 * assert.deepEqual(sums, [2, 4, 6]);
 * ```
 */
export class WorkerPool implements AsyncDisposable {
  readonly #moduleUrl: string;
  readonly #name: string;
  readonly #maxQueue: number;
  readonly #idleTimeout: number;
  readonly #grace: number;
  readonly #channel: SharedArrayBuffer;
  readonly #view: Int32Array;
  readonly #units: Uint16Array;
  readonly #cells: number;
  /** A place per worker, by index: the pool's size. */
  readonly #workers: (PoolWorker | undefined)[];
  readonly #tasks = new Map<number, Task>();
  readonly #backlog = new Queue<Task>();
  #queued = 0;
  #nextId = 1;
  #tail = 0;
  #cancelledInRing = 0;
  /** Tasks dispatched since the last kick: while there are any, a kick is on its way. */
  #unannounced = 0;
  #listening = false;
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #idle: PromiseWithResolvers<void> | undefined;
  #broken: Error | undefined;
  /** What the first `shutdown()` started: once set, the pool is closing. */
  #closed: Promise<void> | undefined;

  /**
   * Creates a pool; its workers start with the first tasks.
   *
   * @param moduleUrl The absolute URL of the task module (`new URL("./task.ts", import.meta.url)`).
   * @param options The `size`, `name`, `maxQueue`, `idleTimeout` and `grace`.
   * @throws {TypeError} When `moduleUrl` is not an absolute URL.
   * @throws {RangeError} When `size` is not a positive integer, or
   *   `maxQueue`, `idleTimeout` or `grace` is negative or not a number.
   */
  constructor(moduleUrl: string | URL, options: WorkerPoolOptions = {}) {
    try {
      this.#moduleUrl = new URL(moduleUrl).href;
    } catch (error) {
      throw new TypeError(
        `Cannot create a pool for "${moduleUrl}": not an absolute URL (use new URL("./file.ts", import.meta.url))`,
        { cause: error },
      );
    }
    const size = options.size ?? navigator.hardwareConcurrency ?? 1;
    if (!Number.isInteger(size) || size < 1 || size > 1024) {
      throw new RangeError(
        `Cannot create a pool of size "${size}": it must be an integer from 1 to 1024`,
      );
    }
    this.#name = options.name ?? "pool";
    this.#maxQueue = countOption("maxQueue", options.maxQueue);
    this.#idleTimeout = countOption("idleTimeout", options.idleTimeout);
    this.#grace = countOption("grace", options.grace ?? 1000);
    this.#channel = createChannel(size);
    this.#view = new Int32Array(this.#channel);
    this.#units = new Uint16Array(this.#channel);
    this.#cells = taskCellsFor(size);
    this.#workers = new Array(size).fill(undefined);
  }

  /** How many workers the pool keeps. */
  get size(): number {
    return this.#workers.length;
  }

  /** How many tasks wait for a worker. */
  get pending(): number {
    // Queued, and in the ring unclaimed: the cells no worker has reached
    // yet, less the cancelled ones among them.
    const head = Atomics.load(this.#view, PoolHeader.HEAD);
    const skipped = Atomics.load(this.#view, PoolHeader.SKIPPED);
    const inRing = (this.#tail - head) | 0;
    const unclaimed = inRing - ((this.#cancelledInRing - skipped) | 0);
    return this.#queued + Math.max(0, unclaimed);
  }

  /** How many tasks run now (a cancelled task counts until its worker is free). */
  get running(): number {
    return this.#workers.filter((entry) =>
      entry !== undefined &&
      Atomics.load(this.#view, entry.block + WorkerBlock.CURRENT) !== 0
    ).length;
  }

  /**
   * Submits a task (`executor.submit(fn, *args)`): the module's default
   * export runs with `args` spread on the first free worker.
   *
   * @typeParam T What the task returns (awaited).
   * @param args The task's arguments.
   * @param options A `signal` and a `timeout` that cancel it, and its `name`.
   * @returns The task's return value; or a rejection with the error it threw
   *   (same class, fields and the worker's stack), the signal's reason, a
   *   `TimeoutError`, `QueueFullError` when `maxQueue` tasks already wait,
   *   or an `Error` when the pool is shut down or its module failed to load.
   * @throws {TypeError} When `args` is not an array.
   * @throws {RangeError} When `timeout` is negative or not a number.
   *
   * @example Cancelling a running task
   * ```ts
   * import { WorkerPool } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const source = `import { sleep } from "@wirework/wirework/concurrency";
   * export default (ms) => { sleep(ms); return "slept"; };`;
   * await using pool = new WorkerPool(
   *   `data:text/javascript,${encodeURIComponent(source)}`,
   *   { size: 1 },
   * );
   * const controller = new AbortController();
   * const long = pool.submit([60_000], { signal: controller.signal });
   * setTimeout(() => controller.abort(new Error("changed my mind")), 50);
   * await assert.rejects(long, { message: "changed my mind" });
   * // The interrupted worker takes the next task.
   * assert.equal(await pool.submit([1]), "slept");
   * ```
   */
  submit<T = unknown>(
    args: readonly unknown[],
    options: SubmitOptions = {},
  ): Promise<T> {
    if (!Array.isArray(args)) {
      throw new TypeError(
        `Cannot submit "${String(args)}": the arguments must be an array`,
      );
    }
    const timeout = timeoutOption(options.timeout);
    const name = options.name ?? "";
    const signal = options.signal;
    const refusal = this.#refusal(name, signal);
    if (refusal !== undefined) return Promise.reject(refusal);
    const { promise, resolve, reject } = withResolvers<T>();
    const task: Task = {
      id: this.#nextId,
      args,
      name,
      cell: 0,
      settled: false,
      resolve: resolve as (value: unknown) => void,
      reject,
      signal,
      onAbort: undefined,
      timer: undefined,
    };
    this.#nextId = this.#nextId >= 0x7fff_fff0 ? 1 : this.#nextId + 1;
    if (signal !== undefined) {
      task.onAbort = () => this.#cancel(task, signal.reason);
      signal.addEventListener("abort", task.onAbort, { once: true });
    }
    if (timeout !== Infinity) {
      task.timer = setTimeout(() => {
        this.#cancel(
          task,
          new DOMException(
            `Task${
              quoted(name)
            } of pool "${this.#name}" timed out after ${timeout} ms`,
            "TimeoutError",
          ),
        );
      }, timeout);
    }
    if (this.#tasks.size === 0) this.#holdOpen();
    this.#tasks.set(task.id, task);
    this.#backlog.push(task);
    this.#queued++;
    this.#dispatch();
    this.#startWorkers();
    this.#listen();
    return promise;
  }

  /** Why a task cannot be submitted now (the value its promise rejects with), or undefined. */
  #refusal(name: string, signal: AbortSignal | undefined): unknown {
    if (this.#broken !== undefined) return this.#brokenError(name);
    if (this.#closed !== undefined) {
      return new Error(
        `Cannot submit${quoted(name)} to pool "${this.#name}": it is shut down`,
      );
    }
    if (this.#maxQueue !== Infinity && this.pending >= this.#maxQueue) {
      return new QueueFullError(
        `Cannot submit${
          quoted(name)
        } to pool "${this.#name}": ${this.#maxQueue} tasks already wait (maxQueue)`,
      );
    }
    if (signal?.aborted) return signal.reason;
    return undefined;
  }

  /**
   * Runs the task on each args of `inputs` (`executor.map`, or
   * `as_completed` with `ordered: false`), with at most `size` + 16 tasks in
   * flight, so `inputs` may be endless. The first task that fails ends the
   * iteration with its error; ending the iteration early (or `signal`)
   * cancels the tasks still in flight.
   *
   * @typeParam T What the task returns (awaited).
   * @param inputs The args of each task, sync or async.
   * @param options `ordered` and a `signal`.
   * @returns The results, in input order or as they complete.
   *
   * @example As completed
   * ```ts
   * import { WorkerPool } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const source = "export default (n) => n * n;";
   * await using pool = new WorkerPool(
   *   `data:text/javascript,${encodeURIComponent(source)}`,
   *   { size: 2 },
   * );
   * const squares: number[] = [];
   * const inputs = [1, 2, 3, 4].map((n) => [n]);
   * for await (const square of pool.map<number>(inputs, { ordered: false })) {
   *   squares.push(square);
   * }
   * assert.deepEqual(squares.sort((a, b) => a - b), [1, 4, 9, 16]);
   * ```
   */
  async *map<T = unknown>(
    inputs: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
    options: MapOptions = {},
  ): AsyncGenerator<T, void, undefined> {
    const ordered = options.ordered ?? true;
    const controller = new AbortController();
    // Each task in flight listens to it.
    allowManyListeners(controller.signal);
    const stop = (): void => controller.abort(options.signal!.reason);
    options.signal?.throwIfAborted();
    options.signal?.addEventListener("abort", stop, { once: true });
    const window = this.#workers.length + MAP_WINDOW;
    // The tasks' promises in the order they are yielded: as submitted when
    // ordered, else as they settle.
    const results = new Queue<Promise<T>>();
    let wake: (() => void) | undefined;
    let running = 0;
    const iterator = Symbol.asyncIterator in inputs
      ? inputs[Symbol.asyncIterator]()
      : inputs[Symbol.iterator]();
    let exhausted = false;
    try {
      for (;;) {
        while (!exhausted && running < window) {
          const next = await iterator.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          const result = this.submit<T>(next.value, {
            signal: controller.signal,
          });
          running++;
          result.catch(() => {});
          if (ordered) {
            results.push(result);
          } else {
            const settled = (): void => {
              results.push(result);
              wake?.();
            };
            result.then(settled, settled);
          }
        }
        if (running === 0) return;
        if (options.signal?.aborted) throw options.signal.reason;
        // A wake comes only with a push; one left over from an earlier
        // wait resolves a promise already resolved.
        while (results.isEmpty()) {
          await new Promise<void>((resolve) => wake = resolve);
        }
        running--;
        yield await results.shift();
      }
    } finally {
      options.signal?.removeEventListener("abort", stop);
      if (running > 0) {
        controller.abort(
          new DOMException("The map ended before this task", "AbortError"),
        );
      }
      if (!exhausted) await iterator.return?.();
    }
  }

  /**
   * Shuts the pool down (`executor.shutdown(wait=True)`): new submits
   * reject, the tasks already submitted run (or, with `cancelPending`, those
   * still pending are cancelled), then every worker ends. Resolves once they
   * have; calling it again returns the same promise.
   *
   * @param options `cancelPending`.
   * @returns Once every worker has ended.
   *
   * @example Usage
   * ```ts
   * import { WorkerPool } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const source = "export default () => 'ran';";
   * const pool = new WorkerPool(`data:text/javascript,${encodeURIComponent(source)}`, { size: 1 });
   * const first = pool.submit([]);
   * await pool.shutdown();
   * assert.equal(await first, "ran");
   * await assert.rejects(pool.submit([]), /shut down/);
   * ```
   */
  shutdown(options: ShutdownOptions = {}): Promise<void> {
    if (options.cancelPending === true) this.#cancelPending();
    this.#closed ??= this.#close();
    return this.#closed;
  }

  /** Shuts the pool down, as `shutdown()` does, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  async #close(): Promise<void> {
    this.#holdOpen();
    try {
      if (this.#tasks.size > 0) {
        this.#idle = withResolvers<void>();
        await this.#idle.promise;
      }
      const view = this.#view;
      Atomics.store(view, PoolHeader.STOP, 1);
      for (const entry of this.#workers) {
        if (entry !== undefined) wakeWorker(view, entry.block);
      }
      // Each has left #workers once its `exited` resolves, and none comes
      // in its place: submits are refused, and nothing is left to replace a
      // worker for.
      await Promise.all(
        this.#workers.map((entry) => entry?.exited.promise),
      );
      // Resolve the main thread's own wait, if one is pending.
      this.#wakeResultLoop();
    } finally {
      this.#letGo();
    }
  }

  #cancelPending(): void {
    for (const task of [...this.#tasks.values()]) {
      this.#withdraw(
        task,
        new DOMException(
          `Task${
            quoted(task.name)
          } was cancelled: pool "${this.#name}" shut down`,
          "AbortError",
        ),
      );
    }
  }

  #brokenError(name: string): Error {
    return new Error(
      `Cannot run task${
        quoted(name)
      } in pool "${this.#name}": its module "${this.#moduleUrl}" failed to load: ${
        this.#broken!.message
      }`,
      { cause: this.#broken },
    );
  }

  /** Keeps the process alive while tasks are in flight (pending waits and idle workers do not). */
  #holdOpen(): void {
    this.#keepAlive ??= setInterval(() => {}, 1 << 30);
  }

  #letGo(): void {
    clearInterval(this.#keepAlive);
    this.#keepAlive = undefined;
  }

  /** Moves queued tasks into free ring cells. */
  #dispatch(): void {
    const view = this.#view;
    const kickPending = this.#unannounced > 0;
    while (this.#queued > 0) {
      const cell = taskCellBase(this.#cells, this.#tail);
      if (Atomics.load(view, cell + TaskCell.SEQUENCE) !== this.#tail) break;
      const task = this.#backlog.shift();
      if (task.settled) continue;
      this.#queued--;
      const name = task.name.length > 64 ? task.name.slice(0, 64) : task.name;
      const text = ringText(task.args, PAYLOAD_UNITS - name.length);
      const payload = (cell + TaskCell.PAYLOAD) * 2;
      writeUnits(this.#units, payload, name);
      writeUnits(this.#units, payload + name.length, text ?? "");
      Atomics.store(view, cell + TaskCell.TASK, task.id);
      Atomics.store(view, cell + TaskCell.LENGTH, text?.length ?? VIA_MESSAGE);
      Atomics.store(view, cell + TaskCell.NAME_LENGTH, name.length);
      Atomics.store(view, cell + TaskCell.SEQUENCE, (this.#tail + 1) | 0);
      this.#tail = (this.#tail + 1) | 0;
      task.cell = cell;
      this.#unannounced++;
    }
    if (!kickPending && this.#unannounced > 0) {
      queueMicrotask(() => this.#kick());
    }
  }

  /** Wakes sleeping workers, once per batch of dispatched tasks. */
  #kick(): void {
    // As many workers as there are new tasks: a woken worker with nothing
    // to do would only take the CPU from the others.
    let wake = Math.min(
      Atomics.load(this.#view, PoolHeader.IDLE_WORKERS),
      this.#unannounced,
    );
    this.#unannounced = 0;
    while (wake-- > 0 && this.#wakeLatestIdle());
  }

  /**
   * Wakes the worker that went to sleep last, as piscina hands a task to its
   * first free worker: its thread is the likeliest still on a core, its
   * caches warm, where waking the longest asleep (a shared futex's order)
   * costs a colder start. Returns false when none sleeps.
   */
  #wakeLatestIdle(): boolean {
    const view = this.#view;
    let block = -1;
    let latest = 0;
    for (const entry of this.#workers) {
      if (entry === undefined) continue;
      const since = Atomics.load(view, entry.block + WorkerBlock.IDLE_SINCE);
      if (since !== 0 && (block < 0 || ((since - latest) | 0) > 0)) {
        block = entry.block;
        latest = since;
      }
    }
    if (block < 0) return false;
    // Claimed, so the next pick is another worker.
    Atomics.compareExchange(view, block + WorkerBlock.IDLE_SINCE, latest, 0);
    wakeWorker(view, block);
    return true;
  }

  #startWorkers(): void {
    if (this.#closed !== undefined || this.#broken !== undefined) return;
    // One worker per submit: a pool that runs one task at a time starts one.
    const index = this.#workers.indexOf(undefined);
    if (index >= 0) this.#startWorker(index);
  }

  #startWorker(index: number): void {
    const name = `${this.#name}#${index}`;
    const threadId = claimThreadSlot(name);
    const view = this.#view;
    const block = blockBase(this.#cells, index);
    Atomics.store(view, block + WorkerBlock.CURRENT, 0);
    Atomics.store(view, block + WorkerBlock.INTERRUPT_SENT, 0);
    Atomics.store(view, block + WorkerBlock.RESULT_HEAD, 0);
    Atomics.store(view, block + WorkerBlock.RESULT_TAIL, 0);
    Atomics.store(view, block + WorkerBlock.OWNER, threadId);
    let entry: PoolWorker;
    const died = (error: unknown): void => this.#died(entry, error);
    try {
      entry = {
        index,
        worker: startThread(
          bootstrapUrl("_pool_worker_main", import.meta.url),
          name,
          {
            message: (data) => this.#onReply(entry, data as PoolReply),
            error: died,
            messageerror: () =>
              died(
                new TypeError(
                  `Cannot read a reply of worker "${name}": it could not be deserialized`,
                ),
              ),
            // Node.js only. A worker that ended on its own is dead to the
            // runtime; one retired has now surely left every wait, so its
            // slot may be reused.
            exit: (code) => {
              if (!this.#alive(entry)) return releaseTerminatedSlot(threadId);
              died(new Error(`Worker "${name}" exited with code ${code}`));
            },
          },
        ),
        threadId,
        block,
        exited: withResolvers<void>(),
      };
    } catch (error) {
      markThreadEnded(threadId, ThreadState.DIED);
      throw error;
    }
    entry.worker.unref();
    this.#workers[index] = entry;
    const start: PoolRequest = {
      type: "start",
      runtime: runtime(),
      threadId,
      name,
      moduleUrl: this.#moduleUrl,
      channel: this.#channel,
      cells: this.#cells,
      index,
      idleTimeout: this.#idleTimeout,
    };
    entry.worker.postMessage(start);
  }

  #onReply(entry: PoolWorker, reply: PoolReply): void {
    switch (reply.type) {
      case "need": {
        const task = this.#tasks.get(reply.task);
        const args = task === undefined ? [] : toTransferable([...task.args]);
        entry.worker.postMessage(
          { type: "payload", task: reply.task, args } as PoolRequest,
        );
        return;
      }
      case "result": {
        const task = this.#tasks.get(reply.task);
        if (task === undefined) return;
        const ok = reply.ok;
        this.#settle(
          task,
          ok,
          ok ? revive(reply.value) : deserializeError(reply.error),
        );
        return;
      }
      case "load-failed": {
        const error = deserializeError(reply.error);
        this.#broken = error instanceof Error
          ? error
          : new Error(String(error));
        for (const task of [...this.#tasks.values()]) {
          this.#settle(task, false, this.#brokenError(task.name));
        }
        // Every worker ends, this one among them: none can run the module.
        for (const worker of this.#workers) {
          if (worker !== undefined) this.#retire(worker, ThreadState.DIED);
        }
        return;
      }
      case "exited": {
        this.#retire(entry, ThreadState.FINISHED);
        if (reply.idle && this.#tasks.size > 0) this.#startWorkers();
        return;
      }
    }
  }

  /** Whether `entry` is still the worker in its place, not yet retired. */
  #alive(entry: PoolWorker): boolean {
    return this.#workers[entry.index] === entry;
  }

  /** Ends a worker's thread and frees its place, once, on every way out. */
  #retire(entry: PoolWorker, state: number): void {
    if (!this.#alive(entry)) return;
    this.#workers[entry.index] = undefined;
    // Results it wrote before it went are still good.
    this.#readResults(entry);
    Atomics.store(this.#view, entry.block + WorkerBlock.OWNER, 0);
    // One asleep wakes, finds the block no longer its own, and ends.
    wakeWorker(this.#view, entry.block);
    // Marks it ended, poisons what it held, wakes whatever it was parked
    // on and its lock waiters, and ends the threads it started.
    endThread(entry.threadId, state);
    entry.worker.terminate();
    entry.worker.unref();
    entry.exited.resolve();
  }

  /** A worker died outside the pool's control: its task rejects, a new worker takes its place. */
  #died(entry: PoolWorker, error: unknown): void {
    if (!this.#alive(entry)) return;
    const current = Math.abs(
      Atomics.load(this.#view, entry.block + WorkerBlock.CURRENT),
    );
    this.#retire(entry, ThreadState.DIED);
    const task = this.#tasks.get(current);
    if (task !== undefined) this.#settle(task, false, error);
    this.#replace(entry.index);
  }

  #replace(index: number): void {
    if (this.#closed !== undefined && this.#tasks.size === 0) return;
    if (this.#broken !== undefined || this.#workers[index] !== undefined) {
      return;
    }
    this.#startWorker(index);
  }

  /** Listens for results while tasks are in flight, woken once per batch. */
  async #listen(): Promise<void> {
    if (this.#listening) return;
    this.#listening = true;
    const view = this.#view;
    try {
      while (this.#tasks.size > 0) {
        // The flag first, then the sequence: a worker that bumped the
        // sequence before this read wrote its results before it too, so
        // #hasResults sees them (or they were read already); one that bumps
        // it later either makes the wait return at once or finds the flag
        // up and notifies. Only this thread lowers the flag.
        Atomics.store(view, PoolHeader.MAIN_WAITING, 1);
        const seen = Atomics.load(view, PoolHeader.RESULT_SEQUENCE);
        if (!this.#hasResults()) {
          const waiting = Atomics.waitAsync(
            view,
            PoolHeader.RESULT_SEQUENCE,
            seen,
          );
          if (waiting.async) await waiting.value;
        }
        Atomics.store(view, PoolHeader.MAIN_WAITING, 0);
        for (const entry of this.#workers) {
          if (entry !== undefined) this.#readResults(entry);
        }
        this.#dispatch();
      }
    } finally {
      // In the same turn as the last result, not a microtask later: a
      // submit that follows it must find the loop ended and start it again.
      this.#listening = false;
    }
  }

  #hasResults(): boolean {
    return this.#workers.some((entry) =>
      entry !== undefined && resultsWaiting(this.#view, entry.block) > 0
    );
  }

  #readResults(entry: PoolWorker): void {
    const view = this.#view;
    const block = entry.block;
    let head = Atomics.load(view, block + WorkerBlock.RESULT_HEAD);
    const tail = Atomics.load(view, block + WorkerBlock.RESULT_TAIL);
    while (head !== tail) {
      const cell = resultCellBase(block, head);
      const id = Atomics.load(view, cell + ResultCell.TASK);
      const length = Atomics.load(view, cell + ResultCell.LENGTH);
      const task = this.#tasks.get(id);
      if (task !== undefined) {
        const payload = (cell + ResultCell.PAYLOAD) * 2;
        const value = length === 0
          ? undefined
          : JSON.parse(readUnits(this.#units, payload, Math.abs(length)));
        const ok = length >= 0;
        this.#settle(task, ok, ok ? value : deserializeError(value));
      }
      head = (head + 1) | 0;
      Atomics.store(view, block + WorkerBlock.RESULT_HEAD, head);
    }
  }

  /** Forgets a task and settles its promise (unless a cancel did already). */
  #settle(task: Task, ok: boolean, value: unknown): void {
    this.#drop(task);
    if (!ok) return this.#reject(task, value);
    if (task.settled) return;
    task.settled = true;
    task.resolve(value);
  }

  /** Rejects a task's promise, which a cancelled running task does before its worker is free. */
  #reject(task: Task, reason: unknown): void {
    if (task.settled) return;
    task.settled = true;
    task.reject(reason);
  }

  /** Forgets a task: its timers and listener go; the pool may go idle. */
  #drop(task: Task): void {
    if (!this.#tasks.delete(task.id)) return;
    clearTimeout(task.timer);
    task.signal?.removeEventListener("abort", task.onAbort!);
    if (task.cell === 0) this.#queued--;
    if (this.#tasks.size === 0) this.#wentIdle();
  }

  #wentIdle(): void {
    this.#idle?.resolve();
    this.#idle = undefined;
    if (this.#closed === undefined) this.#letGo();
    // Wake the result loop so it sees there is nothing left to wait for.
    this.#wakeResultLoop();
  }

  #wakeResultLoop(): void {
    Atomics.add(this.#view, PoolHeader.RESULT_SEQUENCE, 1);
    Atomics.notify(this.#view, PoolHeader.RESULT_SEQUENCE);
  }

  /**
   * Cancels a task no worker has taken: a queued one is dropped; one in a
   * ring cell is taken back. Returns false when a worker runs it.
   */
  #withdraw(task: Task, reason: unknown): boolean {
    if (task.cell !== 0) {
      const cell = task.cell + TaskCell.TASK;
      if (
        Atomics.compareExchange(this.#view, cell, task.id, CANCELLED) !==
          task.id
      ) return false;
      this.#cancelledInRing++;
    }
    this.#settle(task, false, reason);
    return true;
  }

  /**
   * Cancels a task: one not yet taken is withdrawn; a running one is
   * interrupted, and its worker replaced if it does not end within the
   * grace period.
   */
  #cancel(task: Task, reason: unknown): void {
    if (task.settled || !this.#tasks.has(task.id)) return;
    if (this.#withdraw(task, reason)) return;
    const view = this.#view;
    this.#reject(task, reason);
    for (const entry of this.#workers) {
      if (entry === undefined) continue;
      const current = entry.block + WorkerBlock.CURRENT;
      if (
        Atomics.compareExchange(view, current, task.id, -task.id) !== task.id
      ) continue;
      interruptThread(entry.threadId);
      Atomics.store(view, entry.block + WorkerBlock.INTERRUPT_SENT, task.id);
      Atomics.notify(view, entry.block + WorkerBlock.INTERRUPT_SENT);
      // Its timeout can do nothing more: the task has settled.
      clearTimeout(task.timer);
      task.timer = setTimeout(() => {
        if (!this.#tasks.has(task.id) || !this.#alive(entry)) return;
        // Finished after all, its result not read yet: the worker may run
        // the next task already, so it stays. Its run ends (the result
        // written) before `CURRENT` moves on: read what it wrote now.
        const finished = Atomics.load(view, current) !== -task.id;
        this.#readResults(entry);
        if (finished) return;
        // It ignored the interrupt: the worker goes, a new one comes.
        this.#drop(task);
        this.#retire(entry, ThreadState.DIED);
        this.#replace(entry.index);
      }, this.#grace);
      return;
    }
    // Not found: it finished already, and its result is on its way.
  }
}

/** ` "name"` for a named task, nothing for an unnamed one: how messages name a task. */
function quoted(name: string): string {
  return name ? ` "${name}"` : "";
}

function countOption(what: string, value: number | undefined): number {
  if (value === undefined) return Infinity;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new RangeError(
      `Cannot create a pool with ${what} "${value}": it must be a number >= 0`,
    );
  }
  return value;
}
