import {
  Header,
  InterruptedError,
  SLOT_NAME_BYTES,
  Slot,
  ThreadState,
  WaitKind,
  bootstrapUrl,
  claimThreadSlot,
  currentSlotBase,
  currentThreadId,
  deserializeError,
  endThread,
  findDeadlocks,
  interruptThread,
  isNode,
  nodeProcess,
  nodeWorkerThreads,
  park,
  releaseTerminatedSlot,
  revive,
  runtime,
  timeoutOption,
  toTransferable,
  withResolvers,
  words
} from "./chunk-4YIXR3W5.js";

// concurrency/sleep.ts
var SLEEP = {
  kind: WaitKind.SLEEP,
  primitive: 0
};
function sleep(ms) {
  const duration = timeoutOption(ms);
  const index = currentSlotBase() + Slot.INTERRUPT;
  const deadline = performance.now() + duration;
  for (; ; ) {
    const remaining = deadline - performance.now();
    park(index, 0, Math.max(remaining, 0), SLEEP);
    if (remaining <= 0) return;
  }
}

// concurrency/configure.ts
var LOCK_ORDER_MODES = [
  "off",
  "warn",
  "throw"
];
function readConfig(view) {
  return {
    deadlockDetection: Atomics.load(view, Header.DEADLOCK_DETECTION) !== 0,
    lockOrder: LOCK_ORDER_MODES[Atomics.load(view, Header.LOCK_ORDER)] ?? "off",
    countTimedWaits: Atomics.load(view, Header.TIMED_WAITS_DEADLOCK) !== 0
  };
}
function checkBoolean(name, value) {
  if (value !== void 0 && typeof value !== "boolean") {
    throw new TypeError(`Cannot configure ${name} "${String(value)}": it must be true or false`);
  }
}
function configure(settings = {}) {
  checkBoolean("deadlockDetection", settings.deadlockDetection);
  checkBoolean("countTimedWaits", settings.countTimedWaits);
  const mode = settings.lockOrder === void 0 ? -1 : LOCK_ORDER_MODES.indexOf(settings.lockOrder);
  if (settings.lockOrder !== void 0 && mode < 0) {
    throw new RangeError(`Cannot configure lockOrder "${String(settings.lockOrder)}": it must be "off", "warn" or "throw"`);
  }
  const view = words();
  const previous = readConfig(view);
  if (settings.deadlockDetection !== void 0) {
    Atomics.store(view, Header.DEADLOCK_DETECTION, settings.deadlockDetection ? 1 : 0);
  }
  if (settings.countTimedWaits !== void 0) {
    Atomics.store(view, Header.TIMED_WAITS_DEADLOCK, settings.countTimedWaits ? 1 : 0);
  }
  if (mode >= 0) Atomics.store(view, Header.LOCK_ORDER, mode);
  return previous;
}

// concurrency/detect_deadlocks.ts
function detectDeadlocks() {
  return findDeadlocks();
}

// concurrency/_worker_ref.ts
function findRefSwitch() {
  if (typeof Worker === "undefined") return void 0;
  for (const key of Object.getOwnPropertySymbols(Worker.prototype)) {
    if (key.description !== void 0 && key.description !== "") continue;
    const value = Worker.prototype[key];
    if (typeof value === "function" && value.length === 1) return key;
  }
  return void 0;
}
var refSwitch = findRefSwitch();
var unrefed = /* @__PURE__ */ new WeakSet();
function unrefWorker(worker) {
  if (refSwitch === void 0) return false;
  if (unrefed.has(worker)) return true;
  unrefed.add(worker);
  worker[refSwitch].call(worker, false);
  return true;
}

// concurrency/_thread_driver.ts
var WebThread = class {
  #worker;
  constructor(url, name, events) {
    const worker = new Worker(url, {
      type: "module",
      name
    });
    this.#worker = worker;
    worker.onmessage = (event) => events.message(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      events.error(event.error ?? new Error(`Worker "${name}" failed: ${event.message}`));
    };
    worker.onmessageerror = () => events.messageerror();
  }
  postMessage(message) {
    this.#worker.postMessage(message);
  }
  terminate() {
    this.#worker.terminate();
  }
  unref() {
    unrefWorker(this.#worker);
  }
};
var NodeThread = class {
  #worker;
  /** Messages posted before `node:worker_threads` was loaded. */
  #queued;
  #terminated = false;
  #unrefed = false;
  constructor(url, name, events) {
    const threads = nodeWorkerThreads();
    if (!(threads instanceof Promise)) {
      this.#start(threads, url, name, events);
      return;
    }
    this.#queued = [];
    threads.then((loaded) => {
      if (this.#terminated) return;
      try {
        this.#start(loaded, url, name, events);
      } catch (error) {
        events.error(error);
        return;
      }
      for (const message of this.#queued ?? []) this.postMessage(message);
      this.#queued = void 0;
      if (this.#unrefed) this.#worker.unref();
    }, (error) => events.error(error));
  }
  #start(threads, url, name, events) {
    const worker = new threads.Worker(new URL(url), {
      name,
      // A worker inherits the process's flags, but --input-type (of
      // `node --input-type=module --eval`) makes Node.js refuse to load a
      // worker's file.
      execArgv: nodeProcess.execArgv.filter((flag) => !flag.startsWith("--input-type"))
    });
    this.#worker = worker;
    worker.on("message", (data) => events.message(data));
    worker.on("messageerror", () => events.messageerror());
    worker.on("error", (error) => events.error(error));
    worker.on("exit", (code) => events.exit(code));
  }
  postMessage(message) {
    if (this.#worker === void 0) this.#queued?.push(message);
    else this.#worker.postMessage(message);
  }
  terminate() {
    if (this.#terminated) return;
    this.#terminated = true;
    this.#worker?.terminate().catch(() => {
    });
  }
  unref() {
    this.#unrefed = true;
    this.#worker?.unref();
  }
};
function startThread(url, name, events) {
  return isNode ? new NodeThread(url, name, events) : new WebThread(url, name, events);
}

// concurrency/spawn.ts
var argsInFlight = /* @__PURE__ */ new WeakMap();
var SpawnedWorker = class {
  name;
  threadId;
  result;
  #worker;
  #ended;
  #resolve;
  #reject;
  daemon;
  #alive = true;
  #interrupted = false;
  constructor(url, name, threadId, daemon = false) {
    this.name = name;
    this.threadId = threadId;
    this.daemon = daemon;
    const { promise, resolve, reject } = withResolvers();
    this.result = promise;
    this.#resolve = resolve;
    this.#reject = reject;
    promise.catch(() => {
    });
    this.#ended = promise.then(() => {
    }, (error) => {
      this.#interrupted = error instanceof InterruptedError;
    });
    this.#worker = startThread(url, name, {
      message: (data) => this.#onReply(data),
      error: (error) => {
        this.#end(ThreadState.DIED);
        this.#reject(error);
      },
      messageerror: () => {
        this.#end(ThreadState.DIED);
        this.#reject(new TypeError(`Cannot read the reply of worker "${name}": it could not be deserialized`));
      },
      // Node.js only. A worker that ended with no reply (process.exit(),
      // its thread killed) is dead to the runtime too; one that was
      // terminated has now surely left every wait, so its slot may be reused.
      exit: (code) => {
        if (!this.#alive) {
          releaseTerminatedSlot(threadId);
          return;
        }
        this.#end(ThreadState.DIED);
        this.#reject(new Error(`Worker "${name}" exited with code ${code} before it returned`));
      }
    });
    if (daemon) this.#worker.unref();
  }
  get alive() {
    return this.#alive;
  }
  /** Sends the worker its start message. */
  post(message) {
    this.#worker.postMessage(message);
  }
  #onReply(reply) {
    if (reply.ok) {
      this.#end(ThreadState.FINISHED);
      this.#resolve(revive(reply.value));
    } else {
      this.#end(ThreadState.DIED);
      this.#reject(deserializeError(reply.error));
    }
  }
  #end(state) {
    if (!this.#alive) return;
    this.#alive = false;
    endThread(this.threadId, state);
    this.#worker.terminate();
    this.#worker.unref();
  }
  async join(options = {}) {
    const timeout = timeoutOption(options.timeout);
    options.signal?.throwIfAborted();
    if (!this.#alive) return true;
    const { promise, resolve, reject } = withResolvers();
    const timer = timeout === Infinity ? void 0 : setTimeout(() => resolve(false), timeout);
    const onAbort = () => reject(options.signal.reason);
    options.signal?.addEventListener("abort", onAbort, {
      once: true
    });
    this.#ended.then(() => resolve(true));
    try {
      return await promise;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    }
  }
  terminate() {
    if (!this.#alive) return;
    this.#end(ThreadState.TERMINATED);
    this.#reject(new Error(`Worker "${this.name}" was terminated`));
  }
  interrupt() {
    if (!this.#alive) return false;
    return interruptThread(this.threadId);
  }
  async stop(options = {}) {
    const grace = timeoutOption(options.grace ?? 1e3);
    if (this.#alive) {
      this.interrupt();
      if (!await this.join({
        timeout: grace
      })) {
        this.terminate();
        return "terminated";
      }
    }
    await this.#ended;
    return this.#interrupted ? "interrupted" : "finished";
  }
};
function spawn(moduleUrl, options = {}) {
  let href;
  try {
    href = new URL(moduleUrl).href;
  } catch (error) {
    throw new TypeError(`Cannot spawn "${moduleUrl}": not an absolute URL (use new URL("./file.ts", import.meta.url))`, {
      cause: error
    });
  }
  const args = toTransferable([
    ...options.args ?? []
  ]);
  const held = revive(args);
  const buffer = runtime();
  const threadId = claimThreadSlot(options.name, currentThreadId());
  const name = options.name ?? `thread-${threadId}`;
  let handle;
  try {
    handle = new SpawnedWorker(bootstrapUrl("_worker_main", import.meta.url), name, threadId, options.daemon === true);
  } catch (error) {
    endThread(threadId, ThreadState.DIED);
    throw error;
  }
  argsInFlight.set(handle, held);
  const start = {
    type: "start",
    runtime: buffer,
    threadId,
    name,
    moduleUrl: href,
    args
  };
  try {
    handle.post(start);
  } catch (error) {
    handle.terminate();
    throw error;
  }
  return handle;
}

// concurrency/sleep_async.ts
var SLEEP2 = {
  kind: WaitKind.SLEEP,
  primitive: 0
};

// concurrency/_pool_channel.ts
var TaskCell = {
  /** Vyukov's sequence: `position + 1` when full, `position + cells` when free again. */
  SEQUENCE: 0,
  /** The task's id; a worker swaps it for `TAKEN`, a cancel for `CANCELLED`. */
  TASK: 1,
  /** UTF-16 units of JSON args in the payload, or `VIA_MESSAGE`. */
  LENGTH: 2,
  /** UTF-16 units of the task's name, at the payload's start (0: unnamed). */
  NAME_LENGTH: 3,
  /** The first payload word. */
  PAYLOAD: 4
};
var WorkerBlock = {
  /** The thread id of the worker that owns the block; a worker that finds another id here stops. */
  OWNER: 0,
  /** The task the worker runs (0 none); the main thread makes it negative to say it interrupts it. */
  CURRENT: 1,
  /** The id of the task the main thread has sent the interrupt for. */
  INTERRUPT_SENT: 2,
  /** The next result cell the main thread reads. */
  RESULT_HEAD: 3,
  /** The next result cell the worker writes. */
  RESULT_TAIL: 4,
  /** The first result cell. */
  RESULTS: 8
};
var PAYLOAD_WORDS = 510;
var PAYLOAD_UNITS = PAYLOAD_WORDS * 2;
var CELL_WORDS = TaskCell.PAYLOAD + PAYLOAD_WORDS;
var RESULT_CELLS = 32;
var BLOCK_WORDS = WorkerBlock.RESULTS + RESULT_CELLS * CELL_WORDS;
var encoder = new TextEncoder();
var nameBytes = new Uint8Array(SLOT_NAME_BYTES);
var nameWords = new Int32Array(nameBytes.buffer);

export {
  sleep,
  configure,
  detectDeadlocks,
  spawn
};
