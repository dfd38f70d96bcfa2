import {
  Header,
  InterruptedError,
  Primitive,
  PrimitiveKind,
  RLOCK_COUNT,
  SLOT_NAME_BYTES,
  SLOT_WORDS,
  Slot,
  TABLE_START,
  THREAD_SLOTS,
  ThreadState,
  WaitKind,
  bootstrapUrl,
  capturesStacks,
  claimThreadSlot,
  clearAsyncWait,
  currentSlotBase,
  currentThreadId,
  deserializeError,
  endThread,
  findCycles,
  findDeadlocks,
  interruptThread,
  isLockKind,
  isNode,
  judgeStall,
  kindName,
  liveWord,
  lockOwner,
  nodeProcess,
  nodeWorkerThreads,
  park,
  primitiveName,
  readPark,
  readParkStack,
  readThreadHolds,
  recordAsyncWait,
  referencedPrimitives,
  releaseTerminatedSlot,
  revive,
  runtime,
  setCaptureStacks,
  slotBase,
  threadName,
  timeoutOption,
  toTransferable,
  waitKindName,
  withResolvers,
  words
} from "./chunk-G7G5ZRWQ.js";

// concurrency/sleep.ts
var SLEEP = {
  kind: WaitKind.SLEEP,
  primitive: 0
};
function sleep(ms) {
  const duration2 = timeoutOption(ms);
  const index = currentSlotBase() + Slot.INTERRUPT;
  const deadline = performance.now() + duration2;
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
    countTimedWaits: Atomics.load(view, Header.TIMED_WAITS_DEADLOCK) !== 0,
    captureStacks: capturesStacks()
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
  checkBoolean("captureStacks", settings.captureStacks);
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
  if (settings.captureStacks !== void 0) {
    setCaptureStacks(settings.captureStacks);
  }
  return previous;
}

// concurrency/detect_deadlocks.ts
function detectDeadlocks() {
  const { cycles, stall } = findDeadlocks();
  const report = cycles;
  if (stall !== void 0) {
    Object.defineProperty(report, "stall", {
      value: stall,
      enumerable: false
    });
  }
  return report;
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
var JOIN_RECORD = {
  kind: WaitKind.JOIN,
  primitive: 0
};
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
    const recorded = recordAsyncWait(liveWord(this.threadId), JOIN_RECORD, timeout !== Infinity);
    try {
      return await promise;
    } finally {
      clearAsyncWait(recorded);
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

// concurrency/_thread_dump_read.ts
function describePrimitive(view, index) {
  return {
    kind: kindName(Atomics.load(view, index + Primitive.KIND)),
    id: Atomics.load(view, index + Primitive.ID),
    name: primitiveName(index)
  };
}
function threadRef(view, id) {
  if (id === 0) return void 0;
  if (Atomics.load(view, slotBase(id) + Slot.ID) !== id) return void 0;
  return {
    id,
    name: threadName(id)
  };
}
function readHolds(view) {
  const holds = /* @__PURE__ */ new Map();
  for (const index of referencedPrimitives()) {
    const kind = Atomics.load(view, index + Primitive.KIND);
    if (!isLockKind(kind)) continue;
    if (Atomics.load(view, index + Primitive.REFERENCES) <= 0) continue;
    const owner = lockOwner(view, index);
    if (owner === 0) continue;
    const count = kind === PrimitiveKind.RLock ? Math.max(1, Atomics.load(view, index + Primitive.STATE + RLOCK_COUNT)) : 1;
    const list = holds.get(owner) ?? [];
    list.push({
      ...describePrimitive(view, index),
      count
    });
    holds.set(owner, list);
  }
  for (const list of holds.values()) list.sort((a, b) => a.id - b.id);
  return holds;
}
function stateOf(view, slot) {
  switch (Atomics.load(view, slot + Slot.STATE)) {
    case ThreadState.RUNNING:
      return Atomics.load(view, slot + Slot.PARK_INDEX) === 0 ? "running" : "parked";
    case ThreadState.TERMINATED:
      return "terminated";
    default:
      return "ended";
  }
}
function describeWait(view, park2) {
  const wait = {
    kind: waitKindName(park2.kind),
    timed: park2.timed
  };
  if (park2.primitive !== 0) {
    wait.primitive = describePrimitive(view, park2.primitive);
  }
  const target2 = threadRef(view, park2.target);
  if (target2) {
    if (park2.primitive !== 0) wait.owner = target2;
    else wait.thread = target2;
  }
  return wait;
}
function readThreadDump(includeEnded) {
  const view = words();
  const takenAt = Date.now();
  const holds = readHolds(view);
  const threads = [];
  const live = [];
  const links = /* @__PURE__ */ new Map();
  for (let i = 0; i < THREAD_SLOTS; i++) {
    const slot = TABLE_START + i * SLOT_WORDS;
    const id = Atomics.load(view, slot + Slot.ID);
    if (id === 0) continue;
    const state = stateOf(view, slot);
    if (!includeEnded && (state === "ended" || state === "terminated")) {
      continue;
    }
    const thread = {
      id,
      name: threadName(id),
      state,
      parent: Atomics.load(view, slot + Slot.PARENT),
      holds: [
        ...holds.get(id) ?? [],
        ...readThreadHolds(id)
      ]
    };
    if (state === "parked") {
      const park2 = readPark(view, id);
      if (park2 === void 0) {
        thread.state = "running";
      } else {
        const parkedFor = Math.max(0, (takenAt | 0) - park2.start | 0);
        thread.parkedForMs = parkedFor;
        thread.parkedSince = takenAt - parkedFor;
        thread.waitsOn = describeWait(view, park2);
        if (park2.target !== 0) links.set(id, park2);
        const stack = readParkStack(id, park2.sequence);
        if (stack !== void 0) thread.stack = stack;
      }
      live.push(park2);
    } else if (state === "running") {
      live.push(void 0);
    }
    threads.push(thread);
  }
  const cycles = findCycles(links).map((cycle) => cycle.map((link2) => link2.thread));
  const countTimed = Atomics.load(view, Header.TIMED_WAITS_DEADLOCK) !== 0;
  return {
    takenAt,
    threads,
    cycles,
    stall: judgeStall(live, countTimed)
  };
}

// concurrency/thread_dump.ts
function threadDump(options = {}) {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Cannot take a thread dump with options "${String(options)}": it must be an object`);
  }
  return readThreadDump(options.includeEnded ?? true);
}

// concurrency/format_thread_dump.ts
var LONG_PARK_MS = 1e3;
function quoteThread(thread) {
  return `"${thread.name}" #${thread.id}`;
}
function quotePrimitive(primitive) {
  return primitive.name === "" ? `${primitive.kind} #${primitive.id}` : `${primitive.kind} "${primitive.name}" #${primitive.id}`;
}
function duration(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}
function describeWait2(wait) {
  const parts = [
    `waiting (${wait.kind}`
  ];
  parts[0] += wait.timed ? ", timed)" : ")";
  if (wait.primitive) parts.push(`on ${quotePrimitive(wait.primitive)}`);
  if (wait.owner) parts.push(`owned by ${quoteThread(wait.owner)}`);
  if (wait.thread) parts.push(`for ${quoteThread(wait.thread)} to end`);
  return parts.join(" ");
}
function describeHold(held) {
  if (held.kind === "task") {
    return held.name === "" ? `runs pool task #${held.id}` : `runs pool task "${held.name}" #${held.id}`;
  }
  if (held.kind === "Semaphore" || held.kind === "BoundedSemaphore") {
    const permits = held.count === 1 ? "1 permit" : `${held.count} permits`;
    return `holds ${permits} of ${quotePrimitive(held)}`;
  }
  const times = held.count > 1 ? ` (${held.count} times)` : "";
  return `holds ${quotePrimitive(held)}${times}`;
}
function threadBlock(thread, cycleOf) {
  const head = [
    `${quoteThread(thread)} ${thread.state}`
  ];
  if (thread.parent !== 0) head.push(`parent #${thread.parent}`);
  if (thread.parkedForMs !== void 0) {
    head.push(`for ${duration(thread.parkedForMs)}`);
  }
  const lines = [
    head.join(", ")
  ];
  if (thread.waitsOn) {
    const mark = cycleOf.has(thread.id) ? "  <- in a deadlock cycle" : "";
    lines.push(`    - ${describeWait2(thread.waitsOn)}${mark}`);
  }
  for (const held of thread.holds) lines.push(`    - ${describeHold(held)}`);
  if (thread.stack) {
    for (const frame of thread.stack.split("\n")) {
      lines.push(`        ${frame}`);
    }
  }
  return lines.join("\n");
}
function link(thread) {
  const wait = thread.waitsOn;
  return wait.primitive ? `--(${wait.kind} ${quotePrimitive(wait.primitive)})-->` : `--(${wait.kind})-->`;
}
function target(thread) {
  return thread.waitsOn?.owner?.id ?? thread.waitsOn?.thread?.id ?? 0;
}
function chains(dump) {
  const byId = new Map(dump.threads.map((thread) => [
    thread.id,
    thread
  ]));
  const waited = /* @__PURE__ */ new Set();
  for (const thread of dump.threads) {
    if (thread.state === "parked" && target(thread) !== 0) {
      waited.add(target(thread));
    }
  }
  const lines = [];
  for (const thread of dump.threads) {
    if (thread.state !== "parked" || target(thread) === 0) continue;
    if (waited.has(thread.id)) continue;
    const parts = [
      quoteThread(thread)
    ];
    const seen = /* @__PURE__ */ new Set([
      thread.id
    ]);
    let at = thread;
    while (at && at.state === "parked" && target(at) !== 0) {
      const next = target(at);
      parts.push(link(at));
      const nextThread = byId.get(next);
      parts.push(nextThread ? quoteThread(nextThread) : `#${next}`);
      if (seen.has(next)) break;
      seen.add(next);
      at = nextThread;
    }
    lines.push(`  ${parts.join(" ")}`);
  }
  for (const cycle of dump.cycles) {
    const parts = [
      quoteThread(byId.get(cycle[0]))
    ];
    cycle.forEach((id, i) => {
      parts.push(link(byId.get(id)));
      parts.push(quoteThread(byId.get(cycle[(i + 1) % cycle.length])));
    });
    lines.push(`  ${parts.join(" ")}  [deadlock cycle]`);
  }
  return lines;
}
function formatThreadDump(dump) {
  if (typeof dump !== "object" || dump === null || !Array.isArray(dump.threads)) {
    throw new TypeError(`Cannot format thread dump "${String(dump)}": it is not a thread dump`);
  }
  const cycleOf = new Set(dump.cycles.flat());
  const lines = [
    `Thread dump at ${new Date(dump.takenAt).toISOString()}`,
    ""
  ];
  for (const thread of dump.threads) {
    lines.push(threadBlock(thread, cycleOf), "");
  }
  const drawn = chains(dump);
  if (drawn.length > 0) lines.push("Wait-for chains:", ...drawn, "");
  const count = dump.threads.length;
  const long = dump.threads.filter((thread) => (thread.parkedForMs ?? 0) > LONG_PARK_MS).length;
  const cycles = dump.cycles.length;
  const stall = dump.stall === "proven" ? ", a stall: every live thread is blocked in a wait without a timeout" : dump.stall === "possible" ? ", a possible stall: every live thread waits without a timeout" : "";
  const threads = count === 1 ? "thread" : "threads";
  const cycleWord = cycles === 1 ? "cycle" : "cycles";
  lines.push(`${count} ${threads}, ${long} parked for over 1 s, ${cycles} deadlock ${cycleWord}${stall}`);
  return lines.join("\n");
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
  spawn,
  threadDump,
  formatThreadDump
};
