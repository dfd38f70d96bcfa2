import {
  Header,
  InterruptedError,
  Primitive,
  PrimitiveKind,
  RLOCK_COUNT,
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
  findDeadlocks,
  interruptThread,
  isNode,
  kindName,
  liveWord,
  nodeProcess,
  nodeWorkerThreads,
  park,
  primitiveName,
  readParkStack,
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
  withResolvers,
  words
} from "./chunk-X45FABSL.js";

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
var WAIT_KINDS = {
  [WaitKind.ACQUIRE]: "acquire",
  [WaitKind.CONDITION]: "condition",
  [WaitKind.SEMAPHORE]: "semaphore",
  [WaitKind.EVENT]: "event",
  [WaitKind.BARRIER]: "barrier",
  [WaitKind.QUEUE_GET]: "queue-get",
  [WaitKind.QUEUE_PUT]: "queue-put",
  [WaitKind.QUEUE_JOIN]: "queue-join",
  [WaitKind.SLEEP]: "sleep",
  [WaitKind.STOP_FLAG]: "stop-flag",
  [WaitKind.CONDITION_REACQUIRE]: "condition-reacquire",
  [WaitKind.BARRIER_ENTER]: "barrier-enter",
  [WaitKind.JOIN]: "join"
};
function isLockKind(kind) {
  return kind === PrimitiveKind.Lock || kind === PrimitiveKind.RLock;
}
function describePrimitive(view, index) {
  return {
    kind: kindName(Atomics.load(view, index + Primitive.KIND)),
    id: Atomics.load(view, index + Primitive.ID),
    name: primitiveName(index)
  };
}
function ownerOf(view, lock) {
  if (!isLockKind(Atomics.load(view, lock + Primitive.KIND))) return 0;
  return Atomics.load(view, lock + Primitive.STATE) >>> 1;
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
    const owner = ownerOf(view, index);
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
function readWait(view, slot) {
  const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  if (index === 0) return void 0;
  const kind = Atomics.load(view, slot + Slot.PARK_KIND);
  const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
  const timed = Atomics.load(view, slot + Slot.PARK_TIMED) !== 0;
  const start = Atomics.load(view, slot + Slot.PARK_START);
  const wait = {
    kind: WAIT_KINDS[kind] ?? "unknown",
    timed
  };
  if (primitive !== 0) {
    wait.primitive = describePrimitive(view, primitive);
    const owner = threadRef(view, ownerOf(view, primitive));
    if (owner) wait.owner = owner;
  }
  if (kind === WaitKind.JOIN) {
    const joined = threadRef(view, Atomics.load(view, index - Slot.LIVE + Slot.ID));
    if (joined) wait.thread = joined;
  }
  const blocking = Atomics.load(view, slot + Slot.DEADLOCK_CHECKED) === sequence;
  if (Atomics.load(view, slot + Slot.PARK_SEQUENCE) !== sequence) {
    return void 0;
  }
  return {
    wait,
    start,
    sequence,
    blocking
  };
}
function waitsFor(thread) {
  return thread.waitsOn?.owner?.id ?? thread.waitsOn?.thread?.id ?? 0;
}
function findCycles(threads) {
  const next = /* @__PURE__ */ new Map();
  for (const thread of threads) {
    const target2 = waitsFor(thread);
    if (thread.state === "parked" && target2 !== 0) next.set(thread.id, target2);
  }
  const seen = /* @__PURE__ */ new Set();
  const cycles = [];
  for (const start of next.keys()) {
    if (seen.has(start)) continue;
    const path = [];
    const onPath = /* @__PURE__ */ new Map();
    let at = start;
    while (at !== void 0 && !seen.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = next.get(at);
    }
    if (at !== void 0 && onPath.has(at)) {
      const cycle = path.slice(onPath.get(at));
      const low = cycle.indexOf(Math.min(...cycle));
      cycles.push([
        ...cycle.slice(low),
        ...cycle.slice(0, low)
      ]);
    }
    for (const id of path) seen.add(id);
  }
  return cycles.sort((a, b) => a[0] - b[0]);
}
function readThreadDump(includeEnded) {
  const view = words();
  const takenAt = Date.now();
  const holds = readHolds(view);
  const threads = [];
  let live = 0;
  let untimed = 0;
  let blocked = 0;
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
      holds: holds.get(id) ?? []
    };
    if (state === "parked") {
      const read = readWait(view, slot);
      if (read === void 0) {
        thread.state = "running";
      } else {
        const parkedFor = Math.max(0, (takenAt | 0) - read.start | 0);
        thread.parkedForMs = parkedFor;
        thread.parkedSince = takenAt - parkedFor;
        thread.waitsOn = read.wait;
        if (!read.wait.timed) {
          untimed++;
          if (read.blocking) blocked++;
        }
        const stack = readParkStack(id, read.sequence);
        if (stack !== void 0) thread.stack = stack;
      }
    }
    if (state === "running" || state === "parked") live++;
    threads.push(thread);
  }
  const stall = live === 0 || untimed < live ? "none" : blocked === live ? "proven" : "possible";
  return {
    takenAt,
    threads,
    cycles: findCycles(threads),
    stall
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
function describeWait(wait) {
  const parts = [
    `waiting (${wait.kind}`
  ];
  parts[0] += wait.timed ? ", timed)" : ")";
  if (wait.primitive) parts.push(`on ${quotePrimitive(wait.primitive)}`);
  if (wait.owner) parts.push(`owned by ${quoteThread(wait.owner)}`);
  if (wait.thread) parts.push(`for ${quoteThread(wait.thread)} to end`);
  return parts.join(" ");
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
    lines.push(`    - ${describeWait(thread.waitsOn)}${mark}`);
  }
  for (const held of thread.holds) {
    const times = held.count > 1 ? ` (${held.count} times)` : "";
    lines.push(`    - holds ${quotePrimitive(held)}${times}`);
  }
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

export {
  sleep,
  configure,
  detectDeadlocks,
  spawn,
  threadDump,
  formatThreadDump
};
