import {
  workerScope
} from "./chunk-6FZHZGY5.js";
import {
  CANCELLED,
  PAYLOAD_UNITS,
  PoolHeader,
  RESULT_CELLS,
  ResultCell,
  ResultStatus,
  TAKEN,
  TaskCell,
  VIA_MESSAGE,
  WorkerBlock,
  blockBase,
  interruptSignal,
  isJsonSafe,
  nameThread,
  readUnits,
  resultCellBase,
  taskCellBase,
  writeUnits
} from "./chunk-UAFWDRBM.js";
import {
  installRuntime,
  isInterrupted,
  revive,
  serializeError,
  throwIfInterrupted,
  toTransferable,
  withResolvers
} from "./chunk-X45FABSL.js";

// concurrency/_pool_worker_main.ts
var payloads = /* @__PURE__ */ new Map();
var scope;
function listen(from) {
  scope = from;
  scope.listen((request) => {
    if (request.type === "start") {
      serve(request).catch((error) => {
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
function argsByMessage(task) {
  const { promise, resolve } = withResolvers();
  payloads.set(task, resolve);
  scope.postMessage({
    type: "need",
    task
  });
  return promise;
}
async function serve(start) {
  installRuntime(start.runtime, start.threadId);
  let task;
  try {
    const module = await import(start.moduleUrl);
    if (typeof module.default !== "function") {
      throw new TypeError(`Cannot run module "${start.moduleUrl}": its default export is not a function`);
    }
    task = module.default;
  } catch (error) {
    scope.postMessage({
      type: "load-failed",
      error: errorRecord(error)
    });
    scope.close();
    return;
  }
  interruptSignal();
  const idle = await new Server(start, task).run();
  scope.postMessage({
    type: "exited",
    idle
  });
  scope.close();
}
function errorRecord(error) {
  const record = serializeError(error);
  if (record.cause === void 0) delete record.cause;
  return record;
}
var Server = class {
  #view;
  #units;
  #cells;
  #block;
  #threadId;
  #name;
  #idleTimeout;
  #task;
  #lastWake = 0;
  constructor(start, task) {
    this.#view = new Int32Array(start.channel);
    this.#units = new Uint16Array(start.channel);
    this.#cells = start.cells;
    this.#block = blockBase(start.cells, start.index);
    this.#threadId = start.threadId;
    this.#name = start.name;
    this.#idleTimeout = start.idleTimeout;
    this.#task = task;
  }
  #owned() {
    return Atomics.load(this.#view, this.#block + WorkerBlock.OWNER) === this.#threadId;
  }
  /** Serves tasks; returns true when it stopped for being idle, false for the pool's stop. */
  async run() {
    const view = this.#view;
    for (; ; ) {
      if (!this.#owned()) return false;
      const cell = this.#claim();
      if (cell >= 0) {
        await this.#runTask(cell);
        continue;
      }
      this.#wakeMain();
      if (Atomics.load(view, PoolHeader.STOP) === 1) return false;
      if (!this.#sleep()) return true;
    }
  }
  /**
   * Claims the next task cell: returns its first word, with the task
   * recorded in `CURRENT`, or -1 when the ring holds nothing to run.
   */
  #claim() {
    const view = this.#view;
    for (; ; ) {
      const position = Atomics.load(view, PoolHeader.HEAD);
      const cell = taskCellBase(this.#cells, position);
      const sequence = Atomics.load(view, cell + TaskCell.SEQUENCE);
      const difference = sequence - (position + 1) | 0;
      if (difference < 0) return -1;
      if (difference > 0) continue;
      if (Atomics.compareExchange(view, PoolHeader.HEAD, position, position + 1 | 0) !== position) continue;
      const id = Atomics.load(view, cell + TaskCell.TASK);
      Atomics.store(view, this.#block + WorkerBlock.CURRENT, id);
      if (id === CANCELLED || Atomics.compareExchange(view, cell + TaskCell.TASK, id, TAKEN) !== id) {
        Atomics.store(view, this.#block + WorkerBlock.CURRENT, 0);
        Atomics.add(view, PoolHeader.SKIPPED, 1);
        this.#release(cell, position);
        continue;
      }
      return cell;
    }
  }
  #release(cell, position) {
    Atomics.store(this.#view, cell + TaskCell.SEQUENCE, position + this.#cells | 0);
  }
  /** Sleeps until tasks come; false when idle for `idleTimeout`. */
  #sleep() {
    const view = this.#view;
    const wake = this.#block + WorkerBlock.WAKE;
    const since = this.#block + WorkerBlock.IDLE_SINCE;
    Atomics.add(view, PoolHeader.IDLE_WORKERS, 1);
    const tick = Atomics.add(view, PoolHeader.IDLE_CLOCK, 1) + 1 | 0 || 1;
    Atomics.store(view, since, tick);
    try {
      const seen = Atomics.load(view, wake);
      if (this.#ready() || Atomics.load(view, PoolHeader.STOP) === 1) {
        return true;
      }
      const outcome = Atomics.wait(view, wake, seen, this.#idleTimeout);
      return outcome !== "timed-out" || this.#ready();
    } finally {
      Atomics.compareExchange(view, since, tick, 0);
      Atomics.sub(view, PoolHeader.IDLE_WORKERS, 1);
    }
  }
  /** Whether the ring's next cell holds a task. */
  #ready() {
    const view = this.#view;
    const position = Atomics.load(view, PoolHeader.HEAD);
    const cell = taskCellBase(this.#cells, position);
    return Atomics.load(view, cell + TaskCell.SEQUENCE) === (position + 1 | 0);
  }
  async #runTask(cell) {
    const view = this.#view;
    const id = Atomics.load(view, this.#block + WorkerBlock.CURRENT);
    const length = Atomics.load(view, cell + TaskCell.LENGTH);
    const nameLength = Atomics.load(view, cell + TaskCell.NAME_LENGTH);
    const payload = (cell + TaskCell.PAYLOAD) * 2;
    const taskName = readUnits(this.#units, payload, nameLength);
    const text = length === VIA_MESSAGE ? "" : readUnits(this.#units, payload + nameLength, length);
    const position = Atomics.load(view, cell + TaskCell.SEQUENCE) - 1 | 0;
    this.#release(cell, position);
    if (nameLength > 0) nameThread(this.#threadId, `${this.#name} ${taskName}`);
    let ok = true;
    let value;
    try {
      const args = length === VIA_MESSAGE ? revive(await argsByMessage(id)) : JSON.parse(text);
      value = this.#task(...args);
      if (typeof value === "object" && value !== null && typeof value.then === "function") value = await value;
    } catch (error) {
      ok = false;
      value = error;
    }
    if (nameLength > 0) nameThread(this.#threadId, this.#name);
    await this.#report(id, ok, value);
    await this.#finish(id);
  }
  async #report(id, ok, value) {
    let status;
    let text = "";
    if (ok) {
      value = toTransferable(value);
      if (value === void 0) {
        status = ResultStatus.UNDEFINED;
      } else if (isJsonSafe(value)) {
        status = ResultStatus.VALUE;
        text = JSON.stringify(value);
      } else {
        return this.#post(id, ok, value);
      }
    } else {
      const record = errorRecord(value);
      if (!isJsonSafe(record)) return this.#post(id, ok, value);
      status = ResultStatus.ERROR;
      text = JSON.stringify(record);
    }
    if (text.length > PAYLOAD_UNITS) return this.#post(id, ok, value);
    const view = this.#view;
    const block = this.#block;
    if (!this.#owned()) return;
    const tail = Atomics.load(view, block + WorkerBlock.RESULT_TAIL);
    while ((tail - Atomics.load(view, block + WorkerBlock.RESULT_HEAD) | 0) >= RESULT_CELLS) {
      if (!this.#owned()) return;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const cell = resultCellBase(block, tail);
    Atomics.store(view, cell + ResultCell.TASK, id);
    Atomics.store(view, cell + ResultCell.STATUS, status);
    Atomics.store(view, cell + ResultCell.LENGTH, text.length);
    writeUnits(this.#units, (cell + ResultCell.PAYLOAD) * 2, text);
    Atomics.store(view, block + WorkerBlock.RESULT_TAIL, tail + 1 | 0);
    if ((tail + 1 - Atomics.load(view, block + WorkerBlock.RESULT_HEAD) | 0) >= RESULT_CELLS / 2 || performance.now() - this.#lastWake > 1) this.#wakeMain();
  }
  #post(id, ok, value) {
    try {
      scope.postMessage(ok ? {
        type: "result",
        task: id,
        ok,
        value
      } : {
        type: "result",
        task: id,
        ok,
        error: errorRecord(value)
      });
    } catch (error) {
      scope.postMessage({
        type: "result",
        task: id,
        ok: false,
        error: errorRecord(new TypeError(`Cannot send the result of a task of worker "${this.#name}" back: it cannot be cloned`, {
          cause: error
        }))
      });
    }
  }
  #wakeMain() {
    this.#lastWake = performance.now();
    const view = this.#view;
    const block = this.#block;
    if (Atomics.load(view, block + WorkerBlock.RESULT_HEAD) === Atomics.load(view, block + WorkerBlock.RESULT_TAIL)) return;
    Atomics.add(view, PoolHeader.RESULT_SEQUENCE, 1);
    if (Atomics.load(view, PoolHeader.MAIN_WAITING) === 1 && Atomics.compareExchange(view, PoolHeader.MAIN_WAITING, 1, 0) === 1) {
      Atomics.notify(view, PoolHeader.RESULT_SEQUENCE, 1);
    }
  }
  /**
   * Ends a task: when the pool interrupted it, waits until the interrupt has
   * been sent and clears it, so the next task starts uninterrupted.
   */
  async #finish(id) {
    const view = this.#view;
    const current = this.#block + WorkerBlock.CURRENT;
    if (Atomics.compareExchange(view, current, id, 0) === id) {
      if (isInterrupted()) await clearInterrupt();
      return;
    }
    const sent = this.#block + WorkerBlock.INTERRUPT_SENT;
    for (let i = 0; i < 1e3 && Atomics.load(view, sent) !== id; i++) {
      Atomics.wait(view, sent, Atomics.load(view, sent), 1);
    }
    await clearInterrupt();
    Atomics.store(view, current, 0);
  }
};
async function clearInterrupt() {
  const signal = interruptSignal();
  if (!signal.aborted) {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 50);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      }, {
        once: true
      });
    });
  }
  try {
    throwIfInterrupted();
  } catch {
  }
  interruptSignal();
}
var bootstrap = workerScope();
if (bootstrap instanceof Promise) bootstrap.then(listen);
else listen(bootstrap);
