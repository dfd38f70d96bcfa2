// This module is browser compatible.

/**
 * The bootstrap of every `WorkerPool` worker: it installs the runtime under
 * the thread id the pool claimed, imports the task module once, then takes
 * tasks from the pool's ring for as long as the pool lives, calling the
 * default export with each task's args spread, as `spawn` does, and writing
 * each result back. Between tasks it sleeps on the ring; an interrupt the
 * pool sent for a cancelled task is cleared before the next one starts, so
 * the same thread serves on.
 *
 * @module
 */

import { installRuntime } from "./_runtime.ts";
import { withResolvers } from "../generics/_with_resolvers.ts";
import { type WorkerScope, workerScope } from "./_worker_scope.ts";
import { isInterrupted, throwIfInterrupted } from "./_park.ts";
import { interruptSignal } from "./interrupt_signal.ts";
import { recordPoolTask } from "./_thread_holds.ts";
import {
  revive,
  type SerializedError,
  serializeError,
  toTransferable,
} from "./_transfer.ts";
import {
  blockBase,
  CANCELLED,
  nameThread,
  PAYLOAD_UNITS,
  PoolHeader,
  type PoolReply,
  type PoolRequest,
  readUnits,
  RESULT_CELLS,
  ResultCell,
  resultCellBase,
  resultsWaiting,
  ringText,
  TAKEN,
  TaskCell,
  taskCellBase,
  VIA_MESSAGE,
  WorkerBlock,
  writeUnits,
} from "./_pool_channel.ts";

type StartRequest = Extract<PoolRequest, { type: "start" }>;

type Scope = WorkerScope<PoolRequest, PoolReply>;

/** Args that come by message, by task id. */
const payloads = new Map<number, (args: unknown[]) => void>();

/** The channel to the pool, set before the first message comes. */
let scope: Scope;

function listen(from: Scope): void {
  scope = from;
  scope.listen((request) => {
    if (request.type === "start") {
      serve(request).catch((error) => {
        // A bug of the loop itself: let the pool see the worker die.
        queueMicrotask(() => {
          throw error;
        });
      });
    } else {
      payloads.get(request.task)?.(request.args);
      payloads.delete(request.task);
    }
  });
}

function argsByMessage(task: number): Promise<unknown[]> {
  const { promise, resolve } = withResolvers<unknown[]>();
  payloads.set(task, resolve);
  scope.postMessage({ type: "need", task });
  return promise;
}

async function serve(start: StartRequest): Promise<void> {
  installRuntime(start.runtime, start.threadId);
  let task: (...args: unknown[]) => unknown;
  try {
    const module = await import(start.moduleUrl);
    if (typeof module.default !== "function") {
      throw new TypeError(
        `Cannot run module "${start.moduleUrl}": its default export is not a function`,
      );
    }
    task = module.default;
  } catch (error) {
    scope.postMessage({ type: "load-failed", error: serializeError(error) });
    scope.close();
    return;
  }
  // The signal exists from the start, so its watcher sees every interrupt
  // and the cleanup after a cancelled task can wait for it to abort.
  interruptSignal();
  const idle = await new Server(start, task).run();
  scope.postMessage({ type: "exited", idle });
  scope.close();
}

class Server {
  readonly #view: Int32Array;
  readonly #units: Uint16Array;
  readonly #block: number;
  /** The worker's thread id, name, ring size and idle timeout. */
  readonly #start: StartRequest;
  readonly #task: (...args: unknown[]) => unknown;
  #lastWake = 0;

  constructor(start: StartRequest, task: (...args: unknown[]) => unknown) {
    this.#view = new Int32Array(start.channel);
    this.#units = new Uint16Array(start.channel);
    this.#block = blockBase(start.cells, start.index);
    this.#start = start;
    this.#task = task;
  }

  #owned(): boolean {
    return Atomics.load(this.#view, this.#block + WorkerBlock.OWNER) ===
      this.#start.threadId;
  }

  /** Serves tasks; returns true when it stopped for being idle, false for the pool's stop. */
  async run(): Promise<boolean> {
    const view = this.#view;
    for (;;) {
      if (!this.#owned()) return false;
      const cell = this.#claim();
      if (cell >= 0) {
        // Results not yet announced would wait for this task's end, however
        // long: a main thread asleep gets them first (one load otherwise).
        if (Atomics.load(view, PoolHeader.MAIN_WAITING) === 1) this.#wakeMain();
        await this.#runTask(cell);
        continue;
      }
      // Out of work: the results written so far go to the main thread now.
      this.#wakeMain();
      if (Atomics.load(view, PoolHeader.STOP) === 1) return false;
      if (!this.#sleep()) return true;
    }
  }

  /**
   * Claims the next task cell: returns its first word, with the task
   * recorded in `CURRENT`, or -1 when the ring holds nothing to run.
   */
  #claim(): number {
    const view = this.#view;
    for (;;) {
      const position = Atomics.load(view, PoolHeader.HEAD);
      const cell = taskCellBase(this.#start.cells, position);
      const sequence = Atomics.load(view, cell + TaskCell.SEQUENCE);
      const difference = (sequence - (position + 1)) | 0;
      if (difference < 0) return -1;
      if (difference > 0) continue; // Another worker moved HEAD on: reload.
      if (
        Atomics.compareExchange(
          view,
          PoolHeader.HEAD,
          position,
          (position + 1) | 0,
        ) !== position
      ) continue;
      const id = Atomics.load(view, cell + TaskCell.TASK);
      // CURRENT before the swap: a cancel that finds the cell taken finds
      // the task here.
      Atomics.store(view, this.#block + WorkerBlock.CURRENT, id);
      if (
        id === CANCELLED ||
        Atomics.compareExchange(view, cell + TaskCell.TASK, id, TAKEN) !== id
      ) {
        Atomics.store(view, this.#block + WorkerBlock.CURRENT, 0);
        Atomics.add(view, PoolHeader.SKIPPED, 1);
        this.#release(cell);
        continue;
      }
      return cell;
    }
  }

  /** Frees a claimed cell for the ring's next lap (Vyukov's `position + cells`). */
  #release(cell: number): void {
    const sequence = cell + TaskCell.SEQUENCE;
    const position = (Atomics.load(this.#view, sequence) - 1) | 0;
    Atomics.store(this.#view, sequence, (position + this.#start.cells) | 0);
  }

  /** Sleeps until tasks come; false when idle for `idleTimeout`. */
  #sleep(): boolean {
    const view = this.#view;
    const wake = this.#block + WorkerBlock.WAKE;
    const since = this.#block + WorkerBlock.IDLE_SINCE;
    Atomics.add(view, PoolHeader.IDLE_WORKERS, 1);
    const tick = ((Atomics.add(view, PoolHeader.IDLE_CLOCK, 1) + 1) | 0) || 1;
    Atomics.store(view, since, tick);
    try {
      const seen = Atomics.load(view, wake);
      if (this.#ready() || Atomics.load(view, PoolHeader.STOP) === 1) {
        return true;
      }
      const outcome = Atomics.wait(view, wake, seen, this.#start.idleTimeout);
      return outcome !== "timed-out" || this.#ready();
    } finally {
      // Only its own tick: a successor in this block may sleep by now.
      Atomics.compareExchange(view, since, tick, 0);
      Atomics.sub(view, PoolHeader.IDLE_WORKERS, 1);
    }
  }

  /** Whether the ring's next cell holds a task. */
  #ready(): boolean {
    const view = this.#view;
    const position = Atomics.load(view, PoolHeader.HEAD);
    const cell = taskCellBase(this.#start.cells, position);
    return Atomics.load(view, cell + TaskCell.SEQUENCE) ===
      ((position + 1) | 0);
  }

  async #runTask(cell: number): Promise<void> {
    const view = this.#view;
    // The pool may have marked the task cancelled (its id negated) since
    // the claim: the result still goes back under its id.
    const id = Math.abs(Atomics.load(view, this.#block + WorkerBlock.CURRENT));
    const length = Atomics.load(view, cell + TaskCell.LENGTH);
    const nameLength = Atomics.load(view, cell + TaskCell.NAME_LENGTH);
    const payload = (cell + TaskCell.PAYLOAD) * 2;
    const taskName = readUnits(this.#units, payload, nameLength);
    const text = readUnits(this.#units, payload + nameLength, length);
    this.#release(cell);
    const { threadId, name } = this.#start;
    if (nameLength > 0) nameThread(threadId, `${name} ${taskName}`);
    recordPoolTask(id, taskName);
    let ok = true;
    let value: unknown;
    try {
      const args = length === VIA_MESSAGE
        ? revive(await argsByMessage(id)) as unknown[]
        : JSON.parse(text) as unknown[];
      value = this.#task(...args);
      if (
        typeof value === "object" && value !== null &&
        typeof (value as { then?: unknown }).then === "function"
      ) value = await value;
    } catch (error) {
      ok = false;
      value = error;
    }
    if (nameLength > 0) nameThread(threadId, name);
    recordPoolTask(0, "");
    await this.#report(id, ok, value);
    await this.#finish(id);
  }

  async #report(id: number, ok: boolean, value: unknown): Promise<void> {
    // The value with its primitives as handles, or the error as a record.
    const reply = ok ? toTransferable(value) : serializeError(value);
    // `undefined` goes as no text at all (see `ResultCell.LENGTH`).
    const text = reply === undefined ? "" : ringText(reply, PAYLOAD_UNITS);
    if (text === undefined) return this.#post(id, ok, reply);
    const view = this.#view;
    const block = this.#block;
    for (;;) {
      // A worker the pool terminated (and replaced) that still runs must not
      // write into its successor's cells.
      if (!this.#owned()) return;
      // The ring is full only when the main thread is slow to read it.
      if (resultsWaiting(view, block) < RESULT_CELLS) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const tail = Atomics.load(view, block + WorkerBlock.RESULT_TAIL);
    const cell = resultCellBase(block, tail);
    const length = ok ? text.length : -text.length;
    Atomics.store(view, cell + ResultCell.TASK, id);
    Atomics.store(view, cell + ResultCell.LENGTH, length);
    writeUnits(this.#units, (cell + ResultCell.PAYLOAD) * 2, text);
    Atomics.store(view, block + WorkerBlock.RESULT_TAIL, (tail + 1) | 0);
    // Results go in batches: the main thread is woken when this worker runs
    // out of work, when half its result cells are full, or when it last
    // woke the main thread more than a millisecond ago (long tasks).
    if (
      resultsWaiting(view, block) >= RESULT_CELLS / 2 ||
      performance.now() - this.#lastWake > 1
    ) this.#wakeMain();
  }

  /** Posts a result the ring cannot carry: `reply` as `#report` made it. */
  #post(id: number, ok: boolean, reply: unknown): void {
    try {
      scope.postMessage(resultReply(id, ok, reply));
    } catch (error) {
      const failure = new TypeError(
        `Cannot send the result of a task of worker "${this.#start.name}" back: it cannot be cloned`,
        { cause: error },
      );
      scope.postMessage(resultReply(id, false, serializeError(failure)));
    }
  }

  #wakeMain(): void {
    this.#lastWake = performance.now();
    const view = this.#view;
    if (resultsWaiting(view, this.#block) === 0) return;
    Atomics.add(view, PoolHeader.RESULT_SEQUENCE, 1);
    // Only the main thread lowers the flag, once awake: a worker that took
    // it down itself could do so for results the main thread had already
    // read, just before that thread went to sleep, and no later result
    // would wake it. Two workers may both notify; the second finds no one.
    if (Atomics.load(view, PoolHeader.MAIN_WAITING) === 1) {
      Atomics.notify(view, PoolHeader.RESULT_SEQUENCE, 1);
    }
  }

  /**
   * Ends a task: when the pool interrupted it, waits until the interrupt has
   * been sent and clears it, so the next task starts uninterrupted.
   */
  async #finish(id: number): Promise<void> {
    const view = this.#view;
    const current = this.#block + WorkerBlock.CURRENT;
    if (Atomics.compareExchange(view, current, id, 0) === id) {
      if (isInterrupted()) await clearInterrupt();
      return;
    }
    // The pool is interrupting this task: the interrupt is on its way.
    const sent = this.#block + WorkerBlock.INTERRUPT_SENT;
    for (let i = 0; i < 1000 && Atomics.load(view, sent) !== id; i++) {
      Atomics.wait(view, sent, Atomics.load(view, sent), 1);
    }
    await clearInterrupt();
    Atomics.store(view, current, 0);
  }
}

/** The message that carries task `id`'s result: its value, or its error's record. */
function resultReply(id: number, ok: boolean, reply: unknown): PoolReply {
  return ok
    ? { type: "result", task: id, ok, value: reply }
    : { type: "result", task: id, ok, error: reply as SerializedError };
}

/**
 * Clears this thread's interrupt flag, and lets its interrupt signal abort
 * (for the task that was interrupted) so the next task gets a fresh one.
 */
async function clearInterrupt(): Promise<void> {
  const signal = interruptSignal();
  if (!signal.aborted) {
    // Its watcher runs on the next turn of the event loop; bounded.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 50);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
  try {
    throwIfInterrupted();
  } catch {
    // Seen: that is all clearing takes.
  }
  interruptSignal();
}

// On Node.js before 20.16, node:worker_threads comes by import(): its port
// holds messages until it is listened to.
const bootstrap = workerScope<PoolRequest, PoolReply>();
if (bootstrap instanceof Promise) bootstrap.then(listen);
else listen(bootstrap);
