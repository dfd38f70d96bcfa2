import {
  configure,
  detectDeadlocks,
  formatThreadDump,
  spawn,
  threadDump
} from "../chunk-37OBLCXK.js";
import {
  Barrier,
  DeadlockError,
  Event,
  InterruptedError,
  Lock,
  Primitive,
  PrimitiveKind,
  SLOT_WORDS,
  Semaphore,
  SharedQueue,
  Slot,
  TABLE_START,
  THREAD_SLOTS,
  ThreadState,
  WaitKind,
  primitiveName,
  readPark,
  threadName,
  waitKindName,
  words
} from "../chunk-G7G5ZRWQ.js";

// concurrency/_playground/graph.ts
var KIND_NAMES = {
  [PrimitiveKind.Lock]: "Lock",
  [PrimitiveKind.RLock]: "RLock",
  [PrimitiveKind.Condition]: "Condition",
  [PrimitiveKind.Semaphore]: "Semaphore",
  [PrimitiveKind.BoundedSemaphore]: "BoundedSemaphore",
  [PrimitiveKind.Event]: "Event",
  [PrimitiveKind.Barrier]: "Barrier",
  [PrimitiveKind.SharedQueue]: "SharedQueue"
};
function waitName(kind) {
  return kind === WaitKind.CONDITION_REACQUIRE ? "acquire" : waitKindName(kind);
}
function readPrimitive(view, index) {
  const kindCode = Atomics.load(view, index + Primitive.KIND);
  const kind = KIND_NAMES[kindCode] ?? `kind ${kindCode}`;
  const id = Atomics.load(view, index + Primitive.ID);
  const isLock = kindCode === PrimitiveKind.Lock || kindCode === PrimitiveKind.RLock;
  return {
    index,
    id,
    kind,
    name: primitiveName(index) || `${kind} ${id}`,
    owner: isLock ? Atomics.load(view, index + Primitive.STATE) >>> 1 : 0
  };
}
function readGraph(primitives) {
  const view = words();
  const threads = [];
  const wanted = new Set(primitives);
  for (let slot = 0; slot < THREAD_SLOTS; slot++) {
    const base = TABLE_START + slot * SLOT_WORDS;
    if (Atomics.load(view, base + Slot.STATE) !== ThreadState.RUNNING) continue;
    const id = Atomics.load(view, base + Slot.ID);
    const park = readPark(view, id);
    const waitsFor = park?.primitive ?? 0;
    if (waitsFor !== 0) wanted.add(waitsFor);
    threads.push({
      id,
      name: threadName(id),
      waitsFor,
      waitKind: park === void 0 ? "" : waitName(park.kind),
      joins: park?.kind === WaitKind.JOIN ? park.target : 0
    });
  }
  threads.sort((a, b) => a.id - b.id);
  const read = [
    ...wanted
  ].map((index) => readPrimitive(view, index));
  read.sort((a, b) => a.id - b.id);
  return {
    threads,
    primitives: read
  };
}

// concurrency/_playground/page.ts
var WORKER_URL = new URL("./worker.ts", import.meta.url);
var BOUND_MS = 3e4;
var shown = /* @__PURE__ */ new Set();
var live = /* @__PURE__ */ new Set();
var outcomes = [];
var parkedEvent;
var cycles = [];
function element(id) {
  const found = document.getElementById(id);
  if (found === null) throw new TypeError(`Cannot find element "#${id}"`);
  return found;
}
function report(scenario, state, text, isError = false) {
  const pre = element("report");
  pre.textContent = text;
  pre.dataset.scenario = scenario;
  pre.dataset.state = state;
  pre.classList.toggle("error", isError);
}
function show(...primitives) {
  for (const primitive of primitives) shown.add(primitive.handle.index);
}
function start(name, ...args) {
  const worker = spawn(WORKER_URL, {
    name,
    args
  });
  live.add(worker);
  refreshTargets();
  worker.result.then((value) => outcomes.push({
    worker: name,
    ok: true,
    value: String(value)
  }), (error) => outcomes.push({
    worker: name,
    ok: false,
    errorName: error instanceof Error ? error.name : typeof error,
    interrupted: error instanceof InterruptedError,
    message: error instanceof Error ? error.message : String(error)
  })).finally(() => {
    live.delete(worker);
    refreshTargets();
  });
  return worker;
}
async function reset() {
  await Promise.all([
    ...live
  ].map((worker) => worker.stop({
    grace: 500
  })));
  shown.clear();
  parkedEvent = void 0;
  configure({
    deadlockDetection: true,
    lockOrder: "off"
  });
}
async function settle(worker) {
  try {
    return `${worker.name}: ${await worker.result}`;
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const message = error instanceof Error ? error.message : String(error);
    return `${worker.name}: ${name}: ${message}`;
  }
}
async function settleAll(workers) {
  return (await Promise.all(workers.map(settle))).join("\n");
}
function crossedLocks() {
  const first = new Lock({
    name: "lock 1"
  });
  const second = new Lock({
    name: "lock 2"
  });
  const both = new Barrier(2, {
    name: "both hold one"
  });
  show(first, second);
  return [
    first,
    second,
    both
  ];
}
var SLOW_MOTION_MS = 1e3;
async function runDeadlock(slowMotion = isSlowMotion()) {
  await reset();
  if (slowMotion) configure({
    deadlockDetection: false
  });
  report("deadlock", "running", "Worker A takes lock 1, worker B lock 2, then each wants the other's\u2026");
  const [first, second, both] = crossedLocks();
  const a = start("A", "deadlock", first, second, both);
  const b = start("B", "deadlock", second, first, both);
  if (slowMotion) {
    await untilCycle();
    report("deadlock", "running", `The cycle closed; slow motion: the detector looks in ${SLOW_MOTION_MS} ms\u2026`, true);
    await new Promise((resolve) => setTimeout(resolve, SLOW_MOTION_MS));
    configure({
      deadlockDetection: true
    });
  }
  const text = await settleAll([
    a,
    b
  ]);
  report("deadlock", "done", `The run-time detector broke the cycle:
${text}`, true);
  return text;
}
function isSlowMotion() {
  const box = document.getElementById("slow-motion");
  return box?.checked ?? false;
}
async function untilCycle() {
  const deadline = performance.now() + BOUND_MS;
  while (detectDeadlocks().length === 0) {
    if (performance.now() > deadline) {
      throw new Error("No cycle closed within 30 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  redraw();
}
async function watchDeadlock() {
  await reset();
  configure({
    deadlockDetection: false
  });
  report("deadlock-watch", "running", "Run-time detection off: waiting for the cycle to close\u2026");
  const [first, second, both] = crossedLocks();
  start("A", "deadlock", first, second, both);
  start("B", "deadlock", second, first, both);
  const deadline = performance.now() + BOUND_MS;
  for (; ; ) {
    const found = detectDeadlocks();
    if (found.length > 0) {
      const text = `detectDeadlocks() found a cycle:
${found.map((cycle) => new DeadlockError(void 0, {
        cycle
      }).message).join("\n")}
Interrupt or stop a worker to break it.`;
      report("deadlock-watch", "done", text, true);
      return text;
    }
    if (performance.now() > deadline) {
      report("deadlock-watch", "done", "No cycle closed within 30 s", true);
      return "";
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
async function runFix(scenario) {
  await reset();
  const [first, second, both] = crossedLocks();
  const a = start("A", scenario, first, second, both);
  const b = scenario === "ordered" ? start("B", scenario, first, second, both) : start("B", scenario, second, first, both);
  report(scenario, "running", "Running\u2026");
  const text = await settleAll([
    a,
    b
  ]);
  const how = scenario === "ordered" ? "Fix: both take the locks in one order (lock 1, then lock 2)" : "Fix: take the second lock with a timeout; on failure let go and retry";
  report(scenario, "done", `${how}:
${text}`);
  return text;
}
async function runPark() {
  await reset();
  parkedEvent = new Event({
    name: "go"
  });
  show(parkedEvent);
  const worker = start("sleeper", "park", parkedEvent);
  report("park", "running", "Worker 'sleeper' waits for event 'go'. Interrupt it, stop it or set the event.");
  return worker.threadId;
}
async function untilParked(workers) {
  const deadline = performance.now() + BOUND_MS;
  const ids = new Set(workers.map((worker) => worker.threadId));
  while (readGraph([]).threads.filter((t) => ids.has(t.id) && t.waitKind !== "").length < ids.size) {
    if (performance.now() > deadline) {
      throw new Error("The workers did not all park within 30 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
async function runWaits() {
  await reset();
  const permits = new Semaphore(0, {
    name: "permits"
  });
  parkedEvent = new Event({
    name: "go"
  });
  const jobs = new SharedQueue({
    name: "jobs"
  });
  const meet = new Barrier(2, {
    name: "meet"
  });
  show(permits, parkedEvent, jobs, meet);
  report("waits", "running", "Four workers start, each into its own wait\u2026");
  const workers = [
    start("taker", "acquire-permit", permits),
    start("sleeper", "park", parkedEvent),
    start("getter", "get", jobs),
    start("arriver", "arrive", meet)
  ];
  await untilParked(workers);
  workers[1].join().catch(() => {
  });
  const deadline = performance.now() + BOUND_MS;
  let stall = detectDeadlocks().stall;
  while (stall === void 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    stall = detectDeadlocks().stall;
  }
  redraw();
  const text = `Every worker waits, and the page joins 'sleeper'.
${stall === void 0 ? "detectDeadlocks(): no stall" : `detectDeadlocks(): a ${stall.certainty} stall: ${stall.threads.map((t) => `${t.threadName} (${t.wait}${t.waitsOn ? ` '${t.waitsOn.name}'` : ""}${t.joins ? ` '${t.joins.threadName}'` : ""})`).join(", ")}`}
Set the event, stop a worker, or start another scenario to end it.`;
  report("waits", "done", text, stall !== void 0);
  return text;
}
function target() {
  const select = element("target");
  return [
    ...live
  ].find((worker) => String(worker.threadId) === select.value) ?? [
    ...live
  ].at(-1);
}
function noTarget(action) {
  const text = `No worker to ${action}: park one first.`;
  report(action, "done", text, true);
  return "";
}
async function interruptTarget() {
  const worker = target();
  if (worker === void 0) return noTarget("interrupt");
  worker.interrupt();
  const text = await settle(worker);
  report("interrupt", "done", `interrupt() \u2192 ${text}`, true);
  return text;
}
async function stopTarget() {
  const worker = target();
  if (worker === void 0) return noTarget("stop");
  const outcome = await worker.stop({
    grace: 1e3
  });
  const text = `stop() \u2192 ${outcome}; ${await settle(worker)}`;
  report("stop", "done", text);
  return text;
}
async function setEvent() {
  if (parkedEvent === void 0) return noTarget("set the event for");
  const event = parkedEvent;
  event.set();
  const sleepers = [
    ...live
  ].filter((worker) => worker.name === "sleeper");
  report("set-event", "running", `event '${event.name}' set\u2026`);
  const text = `set() \u2192 ${await settleAll(sleepers)}`;
  report("set-event", "done", text);
  return text;
}
async function runLockOrder() {
  await reset();
  configure({
    lockOrder: "throw"
  });
  try {
    const first = new Lock({
      name: "lock 1"
    });
    const second = new Lock({
      name: "lock 2"
    });
    show(first, second);
    report("lock-order", "running", 'lockOrder: "throw"; worker C nests lock 1 \u2192 lock 2, then worker D lock 2 \u2192 lock 1\u2026');
    const c = await settle(start("C", "nested", first, second));
    const d = await settle(start("D", "nested", second, first));
    const text = `configure({ lockOrder: "throw" }):
${c}
${d}`;
    report("lock-order", "done", text, true);
    return text;
  } finally {
    configure({
      lockOrder: "off"
    });
  }
}
async function runCounter(workers, times, locked) {
  await reset();
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const lock = locked ? new Lock({
    name: "counter"
  }) : null;
  const begin = new Barrier(workers, {
    name: "start"
  });
  if (lock !== null) show(lock);
  const scenario = locked ? "count-locked" : "count-unlocked";
  report(scenario, "running", `${workers} workers \xD7 ${times} increments\u2026`);
  const began = performance.now();
  const started = Array.from({
    length: workers
  }, (_, i) => start(`counter ${i + 1}`, "count", counter, lock, times, begin));
  await Promise.all(started.map((worker) => worker.result));
  const ms = Math.round(performance.now() - began);
  const count = Atomics.load(counter, 0);
  const expected = workers * times;
  report(scenario, "done", `${locked ? "With" : "Without"} the lock: ${count} of ${expected} (${expected - count} lost updates) in ${ms} ms`, count !== expected);
  return {
    count,
    expected,
    ms
  };
}
function refreshTargets() {
  const select = element("target");
  const before = select.value;
  select.replaceChildren(...[
    ...live
  ].map((worker) => {
    const option = document.createElement("option");
    option.value = String(worker.threadId);
    option.textContent = `${worker.name} (${worker.threadId})`;
    return option;
  }));
  if ([
    ...select.options
  ].some((option) => option.value === before)) {
    select.value = before;
  } else if (select.options.length > 0) {
    select.value = select.options[select.options.length - 1].value;
  }
}
function escapeXml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
function edgeKey(kind, thread, other) {
  return `${kind}:${thread}:${other}`;
}
function cycleEdges(found) {
  const keys = /* @__PURE__ */ new Set();
  for (const cycle of found) {
    for (const entry of cycle) {
      if (entry.joins !== void 0) {
        keys.add(edgeKey("joins", entry.threadId, entry.joins.threadId));
      } else {
        keys.add(edgeKey("waits", entry.threadId, entry.waitsFor.id));
      }
      if (entry.holds.id !== 0) {
        keys.add(edgeKey("holds", entry.threadId, entry.holds.id));
      }
    }
  }
  return keys;
}
function draw(svg, snapshot2, found) {
  const width = 760;
  const rows = Math.max(snapshot2.threads.length, snapshot2.primitives.length, 1);
  const height = Math.max(200, 60 + rows * 70);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const threadX = 220;
  const primitiveX = 590;
  const yOf = (i, n) => height * (i + 0.5) / Math.max(n, 1);
  const threadY = /* @__PURE__ */ new Map();
  snapshot2.threads.forEach((t, i) => threadY.set(t.id, yOf(i, snapshot2.threads.length)));
  const primitiveY = /* @__PURE__ */ new Map();
  snapshot2.primitives.forEach((p, i) => primitiveY.set(p.index, yOf(i, snapshot2.primitives.length)));
  const inCycle = cycleEdges(found);
  const parts = [
    `<defs>${[
      "hold",
      "wait",
      "cycle"
    ].map((name) => `<marker id="arrow-${name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-${name}"/></marker>`).join("")}</defs>`,
    `<style>
      .head-hold { fill: #2e7d32; } .head-wait { fill: #ef6c00; } .head-cycle { fill: #c62828; }
      .hold { stroke: #2e7d32; stroke-width: 2.5; fill: none; }
      .wait { stroke: #ef6c00; stroke-width: 2.5; fill: none; stroke-dasharray: 7 4; }
      .cycle { stroke: #c62828 !important; stroke-width: 4 !important; }
      text { font: 13px system-ui, sans-serif; fill: #222; } .small { font-size: 11px; fill: #666; }
    </style>`,
    `<text x="${threadX}" y="18" text-anchor="middle" class="small">threads</text>`,
    `<text x="${primitiveX}" y="18" text-anchor="middle" class="small">primitives</text>`
  ];
  const threadName2 = new Map(snapshot2.threads.map((t) => [
    t.id,
    t.name
  ]));
  for (const p of snapshot2.primitives) {
    const py = primitiveY.get(p.index);
    if (p.owner !== 0 && threadY.has(p.owner)) {
      const ty = threadY.get(p.owner);
      const cycle = inCycle.has(edgeKey("holds", p.owner, p.id)) ? " cycle" : "";
      const marker = cycle ? "cycle" : "hold";
      parts.push(`<path data-edge="holds" data-thread="${p.owner}" data-thread-name="${escapeXml(threadName2.get(p.owner) ?? "")}" data-primitive="${escapeXml(p.name)}" class="hold${cycle}" marker-end="url(#arrow-${marker})" d="M${primitiveX - BOX_WIDTH / 2},${py - 6} Q${(threadX + primitiveX) / 2},${(py + ty) / 2 - 40} ${threadX + THREAD_RADIUS + 2},${ty - 6}"/>`);
    }
  }
  for (const t of snapshot2.threads) {
    if (t.waitsFor === 0 || !primitiveY.has(t.waitsFor)) continue;
    const p = snapshot2.primitives.find((q) => q.index === t.waitsFor);
    const ty = threadY.get(t.id);
    const py = primitiveY.get(t.waitsFor);
    const cycle = inCycle.has(edgeKey("waits", t.id, p.id)) ? " cycle" : "";
    const marker = cycle ? "cycle" : "wait";
    parts.push(`<path data-edge="waits" data-thread="${t.id}" data-thread-name="${escapeXml(t.name)}" data-primitive="${escapeXml(p.name)}" data-wait="${t.waitKind}" class="wait${cycle}" marker-end="url(#arrow-${marker})" d="M${threadX + THREAD_RADIUS + 2},${ty + 6} Q${(threadX + primitiveX) / 2},${(py + ty) / 2 + 40} ${primitiveX - BOX_WIDTH / 2},${py + 6}"/>`);
  }
  for (const t of snapshot2.threads) {
    if (t.joins === 0 || !threadY.has(t.joins)) continue;
    const from = threadY.get(t.id);
    const to = threadY.get(t.joins);
    const cycle = inCycle.has(edgeKey("joins", t.id, t.joins)) ? " cycle" : "";
    const marker = cycle ? "cycle" : "wait";
    const bend = threadX + THREAD_RADIUS + 90;
    parts.push(`<path data-edge="joins" data-thread="${t.id}" data-thread-name="${escapeXml(t.name)}" data-joins="${t.joins}" data-joins-name="${escapeXml(threadName2.get(t.joins) ?? "")}" data-wait="join" class="wait${cycle}" marker-end="url(#arrow-${marker})" d="M${threadX + THREAD_RADIUS},${from} C${bend},${from} ${bend},${to} ${threadX + THREAD_RADIUS + 2},${to}"/>`);
  }
  for (const t of snapshot2.threads) {
    const y = threadY.get(t.id);
    const state = t.waitsFor !== 0 ? `waits (${t.waitKind})` : t.joins !== 0 ? `joins ${threadName2.get(t.joins) ?? t.joins}` : t.waitKind === "" ? "runs" : t.waitKind;
    const detail = `id ${t.id} \xB7 ${state}`;
    parts.push(`<g data-thread="${t.id}"><title>${escapeXml(`${t.name} (${detail})`)}</title><circle cx="${threadX}" cy="${y}" r="${THREAD_RADIUS}" fill="${t.waitKind !== "" ? "#fff3e0" : "#e3f2fd"}" stroke="#1565c0" stroke-width="2"/>`, `<text x="${threadX}" y="${y + 4}" text-anchor="middle" data-fit="${2 * THREAD_RADIUS - 8}" data-full="${escapeXml(t.name)}">${escapeXml(t.name)}</text>`, `<text x="${threadX - 36}" y="${y + 4}" text-anchor="end" class="small" data-fit="${threadX - 36 - 4}" data-full="${escapeXml(detail)}">${escapeXml(detail)}</text></g>`);
  }
  for (const p of snapshot2.primitives) {
    const y = primitiveY.get(p.index);
    const owner = p.owner === 0 ? p.kind.endsWith("Lock") ? "free" : "" : `held by ${threadName2.get(p.owner) ?? p.owner}`;
    const detail = `${p.kind} ${p.id}${owner ? " \xB7 " + owner : ""}`;
    parts.push(`<g data-primitive="${escapeXml(p.name)}"><title>${escapeXml(`${p.name} (${detail})`)}</title><rect x="${primitiveX - BOX_WIDTH / 2}" y="${y - 22}" width="${BOX_WIDTH}" height="44" rx="6" fill="${p.owner !== 0 ? "#e8f5e9" : "#f5f5f5"}" stroke="#555" stroke-width="1.5"/>`, `<text x="${primitiveX}" y="${y - 3}" text-anchor="middle" data-fit="${BOX_WIDTH - 12}" data-full="${escapeXml(p.name)}">${escapeXml(p.name)}</text>`, `<text x="${primitiveX}" y="${y + 13}" text-anchor="middle" class="small" data-fit="${BOX_WIDTH - 12}" data-full="${escapeXml(detail)}">${escapeXml(detail)}</text></g>`);
  }
  if (found.length > 0) {
    parts.push(`<text x="${width / 2}" y="${height - 10}" text-anchor="middle" fill="#c62828" style="fill:#c62828;font-weight:600">Deadlock: ${found.length} cycle${found.length === 1 ? "" : "s"}</text>`);
  }
  svg.innerHTML = parts.join("");
  for (const text of svg.querySelectorAll("text[data-fit]")) {
    fitText(text, Number(text.dataset.fit));
  }
}
var THREAD_RADIUS = 28;
var BOX_WIDTH = 150;
function fitText(text, maxWidth) {
  const full = text.dataset.full ?? text.textContent ?? "";
  if (text.getComputedTextLength() <= maxWidth) return;
  let keep = full.length - 1;
  while (keep > 0) {
    text.textContent = `${full.slice(0, keep)}\u2026`;
    if (text.getComputedTextLength() <= maxWidth) return;
    keep--;
  }
  text.textContent = "\u2026";
}
function snapshot() {
  return readGraph(shown);
}
function redraw() {
  cycles = detectDeadlocks();
  draw(element("graph"), snapshot(), cycles);
}
function button(group2, id, label, action) {
  const b = document.createElement("button");
  b.id = id;
  b.textContent = label;
  b.addEventListener("click", () => {
    action().catch((error) => {
      report(id, "done", `Failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, true);
    });
  });
  group2.append(b);
}
function group(legend) {
  const fieldset = document.createElement("fieldset");
  const title = document.createElement("legend");
  title.textContent = legend;
  fieldset.append(title);
  element("controls").append(fieldset);
  return fieldset;
}
function numberInput(id, value, label) {
  const input = document.createElement("input");
  input.type = "number";
  input.id = id;
  input.value = String(value);
  input.min = "1";
  input.style.width = "6rem";
  input.title = label;
  input.setAttribute("aria-label", label);
  return input;
}
function setUp() {
  const status = element("status");
  if (!globalThis.crossOriginIsolated) {
    status.textContent = "This page is not cross-origin isolated, so SharedArrayBuffer is unavailable: serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.";
    return;
  }
  status.textContent = "Cross-origin isolated: SharedArrayBuffer and Atomics are available. The graph is read from shared memory 10 times a second.";
  const deadlock = group("Deadlock");
  button(deadlock, "deadlock", "Run the deadlock (detector on)", () => runDeadlock());
  const slow = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = "slow-motion";
  slow.append(box, " slow motion");
  slow.title = `Hold the closed cycle on screen for ${SLOW_MOTION_MS} ms before the detector breaks it`;
  deadlock.append(slow);
  button(deadlock, "deadlock-watch", "Run it with the detector off", watchDeadlock);
  button(deadlock, "ordered", "Fix: one lock order", () => runFix("ordered"));
  button(deadlock, "back-off", "Fix: timeout and back off", () => runFix("back-off"));
  const workers = group("Workers");
  button(workers, "park", "Park a worker on an Event", runPark);
  const select = document.createElement("select");
  select.id = "target";
  select.setAttribute("aria-label", "Worker to interrupt or stop");
  workers.append(select);
  button(workers, "interrupt", "Interrupt", interruptTarget);
  button(workers, "stop", "Stop", stopTarget);
  button(workers, "set-event", "Set the event", setEvent);
  button(workers, "waits", "Every kind of wait", runWaits);
  button(workers, "thread-dump", "Thread dump", () => {
    report("thread-dump", "done", formatThreadDump(threadDump()));
    return Promise.resolve();
  });
  const order = group("Lock order");
  button(order, "lock-order", "Validation on + an inversion", runLockOrder);
  const counter = group("Counter");
  const count = numberInput("count-workers", 4, "Workers");
  const times = numberInput("count-times", 1e5, "Increments per worker");
  counter.append(count, times);
  const read = () => [
    Math.max(1, Number(count.value) | 0),
    Math.max(1, Number(times.value) | 0)
  ];
  button(counter, "count-locked", "With the lock", () => runCounter(...read(), true));
  button(counter, "count-unlocked", "Without", () => runCounter(...read(), false));
  redraw();
  setInterval(redraw, 100);
}
function tryBlockingWait() {
  try {
    new Event({
      name: "never set"
    }).wait({
      timeout: 10
    });
    return {
      name: "",
      message: "the wait did not throw"
    };
  } catch (error) {
    return error instanceof Error ? {
      name: error.name,
      message: error.message
    } : {
      name: typeof error,
      message: String(error)
    };
  }
}
var api = {
  outcomes,
  snapshot,
  cycles: () => cycles,
  runCounter,
  runPark,
  runWaits,
  runDeadlock,
  reset,
  tryBlockingWait
};
globalThis.playground = api;
setUp();
export {
  draw
};
