// This module is browser compatible.
/// <reference lib="dom" />

/**
 * The playground page: buttons that start the scenarios of the
 * concurrency demos in module workers, and an SVG wait-for graph redrawn ten times a
 * second from the runtime's shared memory (the thread table and the lock
 * words the deadlock detector reads). Bundled by `server.ts`; runs on the
 * page's main thread, so it only ever waits with the async API.
 *
 * For tests and the curious, `globalThis.playground` exposes the scenarios,
 * the outcomes of every worker and the current snapshot.
 *
 * @module
 */

import {
  Barrier,
  configure,
  DeadlockError,
  detectDeadlocks,
  Event,
  formatThreadDump,
  InterruptedError,
  Lock,
  Semaphore,
  SharedQueue,
  spawn,
  threadDump,
  type WorkerHandle,
} from "../mod.ts";
import type { DeadlockCycleEntry } from "../mod.ts";
import { type GraphSnapshot, readGraph } from "./graph.ts";
import type { Scenario } from "./worker.ts";

/** How one worker ended. */
export interface Outcome {
  /** The worker's name. */
  readonly worker: string;
  /** Whether it returned. */
  readonly ok: boolean;
  /** What it returned, in words. */
  readonly value?: string;
  /** The class name of what it threw. */
  readonly errorName?: string;
  /** Whether what it threw is an `InterruptedError` (revived as that class). */
  readonly interrupted?: boolean;
  /** The message of what it threw. */
  readonly message?: string;
}

const WORKER_URL = new URL("./worker.ts", import.meta.url);
const BOUND_MS = 30_000;

const shown = new Set<number>();
const live = new Set<WorkerHandle>();
const outcomes: Outcome[] = [];
let parkedEvent: Event | undefined;
let cycles: DeadlockCycleEntry[][] = [];

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new TypeError(`Cannot find element "#${id}"`);
  return found as T;
}

function report(
  scenario: string,
  state: "running" | "done",
  text: string,
  isError = false,
): void {
  const pre = element("report");
  pre.textContent = text;
  pre.dataset.scenario = scenario;
  pre.dataset.state = state;
  pre.classList.toggle("error", isError);
}

function show(...primitives: { handle: { index: number } }[]): void {
  for (const primitive of primitives) shown.add(primitive.handle.index);
}

function start(name: string, ...args: Scenario): WorkerHandle<string | number> {
  const worker = spawn<string | number>(WORKER_URL, { name, args });
  live.add(worker);
  refreshTargets();
  worker.result.then(
    (value) => outcomes.push({ worker: name, ok: true, value: String(value) }),
    (error: unknown) =>
      outcomes.push({
        worker: name,
        ok: false,
        errorName: error instanceof Error ? error.name : typeof error,
        interrupted: error instanceof InterruptedError,
        message: error instanceof Error ? error.message : String(error),
      }),
  ).finally(() => {
    live.delete(worker);
    refreshTargets();
  });
  return worker;
}

/** Stops what the last scenario left running, so each starts clean. */
async function reset(): Promise<void> {
  await Promise.all([...live].map((worker) => worker.stop({ grace: 500 })));
  shown.clear();
  parkedEvent = undefined;
  configure({ deadlockDetection: true, lockOrder: "off" });
}

/** Describes how a worker ended, for the report. */
async function settle(worker: WorkerHandle<unknown>): Promise<string> {
  try {
    return `${worker.name}: ${await worker.result}`;
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    const message = error instanceof Error ? error.message : String(error);
    return `${worker.name}: ${name}: ${message}`;
  }
}

async function settleAll(workers: WorkerHandle<unknown>[]): Promise<string> {
  return (await Promise.all(workers.map(settle))).join("\n");
}

function crossedLocks(): [Lock, Lock, Barrier] {
  const first = new Lock({ name: "lock 1" });
  const second = new Lock({ name: "lock 2" });
  const both = new Barrier(2, { name: "both hold one" });
  show(first, second);
  return [first, second, both];
}

/** How long slow motion holds a closed cycle on screen before detection. */
const SLOW_MOTION_MS = 1000;

/**
 * The two-worker deadlock, with the run-time detector on: one worker throws
 * DeadlockError. In slow motion the detector is held off until the cycle
 * has been on screen for a second.
 */
async function runDeadlock(slowMotion = isSlowMotion()): Promise<string> {
  await reset();
  if (slowMotion) configure({ deadlockDetection: false });
  report(
    "deadlock",
    "running",
    "Worker A takes lock 1, worker B lock 2, then each wants the other's…",
  );
  const [first, second, both] = crossedLocks();
  const a = start("A", "deadlock", first, second, both);
  const b = start("B", "deadlock", second, first, both);
  if (slowMotion) {
    await untilCycle();
    report(
      "deadlock",
      "running",
      `The cycle closed; slow motion: the detector looks in ${SLOW_MOTION_MS} ms…`,
      true,
    );
    await new Promise((resolve) => setTimeout(resolve, SLOW_MOTION_MS));
    // Parked acquires check after every 20 ms slice: one throws at once.
    configure({ deadlockDetection: true });
  }
  const text = await settleAll([a, b]);
  report(
    "deadlock",
    "done",
    `The run-time detector broke the cycle:\n${text}`,
    true,
  );
  return text;
}

function isSlowMotion(): boolean {
  const box = document.getElementById("slow-motion") as HTMLInputElement | null;
  return box?.checked ?? false;
}

/** Waits (bounded) until detectDeadlocks() sees a cycle. */
async function untilCycle(): Promise<void> {
  const deadline = performance.now() + BOUND_MS;
  while (detectDeadlocks().length === 0) {
    if (performance.now() > deadline) {
      throw new Error("No cycle closed within 30 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  redraw();
}

/** The two-worker deadlock with the detector off: it stays, and detectDeadlocks() reports it. */
async function watchDeadlock(): Promise<string> {
  await reset();
  configure({ deadlockDetection: false });
  report(
    "deadlock-watch",
    "running",
    "Run-time detection off: waiting for the cycle to close…",
  );
  const [first, second, both] = crossedLocks();
  start("A", "deadlock", first, second, both);
  start("B", "deadlock", second, first, both);
  const deadline = performance.now() + BOUND_MS;
  for (;;) {
    const found = detectDeadlocks();
    if (found.length > 0) {
      const text = `detectDeadlocks() found a cycle:\n${
        found.map((cycle) => new DeadlockError(undefined, { cycle }).message)
          .join("\n")
      }\nInterrupt or stop a worker to break it.`;
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

async function runFix(scenario: "ordered" | "back-off"): Promise<string> {
  await reset();
  const [first, second, both] = crossedLocks();
  const a = start("A", scenario, first, second, both);
  const b = scenario === "ordered"
    ? start("B", scenario, first, second, both)
    : start("B", scenario, second, first, both);
  report(scenario, "running", "Running…");
  const text = await settleAll([a, b]);
  const how = scenario === "ordered"
    ? "Fix: both take the locks in one order (lock 1, then lock 2)"
    : "Fix: take the second lock with a timeout; on failure let go and retry";
  report(scenario, "done", `${how}:\n${text}`);
  return text;
}

/** A worker parked on an Event, to interrupt, stop or release. */
async function runPark(): Promise<number> {
  await reset();
  parkedEvent = new Event({ name: "go" });
  show(parkedEvent);
  const worker = start("sleeper", "park", parkedEvent);
  report(
    "park",
    "running",
    "Worker 'sleeper' waits for event 'go'. Interrupt it, stop it or set the event.",
  );
  return worker.threadId;
}

/** Resolves once every given worker is parked (bounded). */
async function untilParked(workers: WorkerHandle[]): Promise<void> {
  const deadline = performance.now() + BOUND_MS;
  const ids = new Set(workers.map((worker) => worker.threadId));
  while (
    readGraph([]).threads.filter((t) => ids.has(t.id) && t.waitKind !== "")
      .length < ids.size
  ) {
    if (performance.now() > deadline) {
      throw new Error("The workers did not all park within 30 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * One worker in each kind of wait (a Semaphore, an Event, a SharedQueue, a
 * Barrier) and the page joining one of them: every kind of edge the graph
 * draws. With no thread left to end a wait, detectDeadlocks() reports a
 * possible stall (the page's event loop still runs: it may yet).
 */
async function runWaits(): Promise<string> {
  await reset();
  const permits = new Semaphore(0, { name: "permits" });
  parkedEvent = new Event({ name: "go" });
  const jobs = new SharedQueue<string>({ name: "jobs" });
  const meet = new Barrier(2, { name: "meet" });
  show(permits, parkedEvent, jobs, meet);
  report("waits", "running", "Four workers start, each into its own wait…");
  const workers = [
    start("taker", "acquire-permit", permits),
    start("sleeper", "park", parkedEvent),
    start("getter", "get", jobs),
    start("arriver", "arrive", meet),
  ];
  await untilParked(workers);
  // The page joins 'sleeper': a wait for a thread, not a primitive.
  workers[1]!.join().catch(() => {});
  const deadline = performance.now() + BOUND_MS;
  let stall = detectDeadlocks().stall;
  while (stall === undefined && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    stall = detectDeadlocks().stall;
  }
  redraw();
  const text = `Every worker waits, and the page joins 'sleeper'.
${
    stall === undefined
      ? "detectDeadlocks(): no stall"
      : `detectDeadlocks(): a ${stall.certainty} stall: ${
        stall.threads.map((t) =>
          `${t.threadName} (${t.wait}${
            t.waitsOn ? ` '${t.waitsOn.name}'` : ""
          }${t.joins ? ` '${t.joins.threadName}'` : ""})`
        ).join(", ")
      }`
  }
Set the event, stop a worker, or start another scenario to end it.`;
  report("waits", "done", text, stall !== undefined);
  return text;
}

function target(): WorkerHandle | undefined {
  const select = element<HTMLSelectElement>("target");
  return [...live].find((worker) => String(worker.threadId) === select.value) ??
    [...live].at(-1);
}

function noTarget(action: string): string {
  const text = `No worker to ${action}: park one first.`;
  report(action, "done", text, true);
  return "";
}

async function interruptTarget(): Promise<string> {
  const worker = target();
  if (worker === undefined) return noTarget("interrupt");
  worker.interrupt();
  const text = await settle(worker);
  report("interrupt", "done", `interrupt() → ${text}`, true);
  return text;
}

async function stopTarget(): Promise<string> {
  const worker = target();
  if (worker === undefined) return noTarget("stop");
  const outcome = await worker.stop({ grace: 1000 });
  const text = `stop() → ${outcome}; ${await settle(worker)}`;
  report("stop", "done", text);
  return text;
}

/** Sets the parked worker's event and reports how the worker ended. */
async function setEvent(): Promise<string> {
  if (parkedEvent === undefined) return noTarget("set the event for");
  const event = parkedEvent;
  event.set();
  const sleepers = [...live].filter((worker) => worker.name === "sleeper");
  report("set-event", "running", `event '${event.name}' set…`);
  const text = `set() → ${await settleAll(sleepers)}`;
  report("set-event", "done", text);
  return text;
}

/** Lock-order validation on, then an inversion: the second worker's acquire throws LockOrderError. */
async function runLockOrder(): Promise<string> {
  await reset();
  configure({ lockOrder: "throw" });
  try {
    const first = new Lock({ name: "lock 1" });
    const second = new Lock({ name: "lock 2" });
    show(first, second);
    report(
      "lock-order",
      "running",
      'lockOrder: "throw"; worker C nests lock 1 → lock 2, then worker D lock 2 → lock 1…',
    );
    const c = await settle(start("C", "nested", first, second));
    const d = await settle(start("D", "nested", second, first));
    const text = `configure({ lockOrder: "throw" }):\n${c}\n${d}`;
    report("lock-order", "done", text, true);
    return text;
  } finally {
    configure({ lockOrder: "off" });
  }
}

/** N workers add 1 to one shared counter `times` times each. */
async function runCounter(
  workers: number,
  times: number,
  locked: boolean,
): Promise<{ count: number; expected: number; ms: number }> {
  await reset();
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const lock = locked ? new Lock({ name: "counter" }) : null;
  const begin = new Barrier(workers, { name: "start" });
  if (lock !== null) show(lock);
  const scenario = locked ? "count-locked" : "count-unlocked";
  report(scenario, "running", `${workers} workers × ${times} increments…`);
  const began = performance.now();
  const started = Array.from(
    { length: workers },
    (_, i) => start(`counter ${i + 1}`, "count", counter, lock, times, begin),
  );
  await Promise.all(started.map((worker) => worker.result));
  const ms = Math.round(performance.now() - began);
  const count = Atomics.load(counter, 0);
  const expected = workers * times;
  report(
    scenario,
    "done",
    `${locked ? "With" : "Without"} the lock: ${count} of ${expected} (${
      expected - count
    } lost updates) in ${ms} ms`,
    count !== expected,
  );
  return { count, expected, ms };
}

function refreshTargets(): void {
  const select = element<HTMLSelectElement>("target");
  const before = select.value;
  select.replaceChildren(
    ...[...live].map((worker) => {
      const option = document.createElement("option");
      option.value = String(worker.threadId);
      option.textContent = `${worker.name} (${worker.threadId})`;
      return option;
    }),
  );
  if ([...select.options].some((option) => option.value === before)) {
    select.value = before;
  } else if (select.options.length > 0) {
    select.value = select.options[select.options.length - 1]!.value;
  }
}

// ---- drawing ----

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function edgeKey(kind: string, thread: number, other: number): string {
  return `${kind}:${thread}:${other}`;
}

function cycleEdges(found: DeadlockCycleEntry[][]): Set<string> {
  const keys = new Set<string>();
  for (const cycle of found) {
    for (const entry of cycle) {
      if (entry.joins !== undefined) {
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

/** Draws one snapshot: threads on the left, primitives on the right. */
export function draw(
  svg: SVGSVGElement,
  snapshot: GraphSnapshot,
  found: DeadlockCycleEntry[][],
): void {
  const width = 760;
  const rows = Math.max(snapshot.threads.length, snapshot.primitives.length, 1);
  const height = Math.max(200, 60 + rows * 70);
  // The viewBox alone sizes the picture: the page's CSS scales it to the
  // window's width, and the height follows.
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const threadX = 220;
  const primitiveX = 590;
  const yOf = (i: number, n: number): number =>
    (height * (i + 0.5)) / Math.max(n, 1);
  const threadY = new Map<number, number>();
  snapshot.threads.forEach((t, i) =>
    threadY.set(t.id, yOf(i, snapshot.threads.length))
  );
  const primitiveY = new Map<number, number>();
  snapshot.primitives.forEach((p, i) =>
    primitiveY.set(p.index, yOf(i, snapshot.primitives.length))
  );
  const inCycle = cycleEdges(found);
  const parts: string[] = [
    `<defs>${
      ["hold", "wait", "cycle"].map((name) =>
        `<marker id="arrow-${name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-${name}"/></marker>`
      ).join("")
    }</defs>`,
    `<style>
      .head-hold { fill: #2e7d32; } .head-wait { fill: #ef6c00; } .head-cycle { fill: #c62828; }
      .hold { stroke: #2e7d32; stroke-width: 2.5; fill: none; }
      .wait { stroke: #ef6c00; stroke-width: 2.5; fill: none; stroke-dasharray: 7 4; }
      .cycle { stroke: #c62828 !important; stroke-width: 4 !important; }
      text { font: 13px system-ui, sans-serif; fill: #222; } .small { font-size: 11px; fill: #666; }
    </style>`,
    `<text x="${threadX}" y="18" text-anchor="middle" class="small">threads</text>`,
    `<text x="${primitiveX}" y="18" text-anchor="middle" class="small">primitives</text>`,
  ];
  const threadName = new Map(snapshot.threads.map((t) => [t.id, t.name]));
  for (const p of snapshot.primitives) {
    const py = primitiveY.get(p.index)!;
    if (p.owner !== 0 && threadY.has(p.owner)) {
      const ty = threadY.get(p.owner)!;
      const cycle = inCycle.has(edgeKey("holds", p.owner, p.id))
        ? " cycle"
        : "";
      const marker = cycle ? "cycle" : "hold";
      parts.push(
        `<path data-edge="holds" data-thread="${p.owner}" data-thread-name="${
          escapeXml(threadName.get(p.owner) ?? "")
        }" data-primitive="${
          escapeXml(p.name)
        }" class="hold${cycle}" marker-end="url(#arrow-${marker})" d="M${
          primitiveX - BOX_WIDTH / 2
        },${py - 6} Q${(threadX + primitiveX) / 2},${(py + ty) / 2 - 40} ${
          threadX + THREAD_RADIUS + 2
        },${ty - 6}"/>`,
      );
    }
  }
  for (const t of snapshot.threads) {
    if (t.waitsFor === 0 || !primitiveY.has(t.waitsFor)) continue;
    const p = snapshot.primitives.find((q) => q.index === t.waitsFor)!;
    const ty = threadY.get(t.id)!;
    const py = primitiveY.get(t.waitsFor)!;
    const cycle = inCycle.has(edgeKey("waits", t.id, p.id)) ? " cycle" : "";
    const marker = cycle ? "cycle" : "wait";
    parts.push(
      `<path data-edge="waits" data-thread="${t.id}" data-thread-name="${
        escapeXml(t.name)
      }" data-primitive="${
        escapeXml(p.name)
      }" data-wait="${t.waitKind}" class="wait${cycle}" marker-end="url(#arrow-${marker})" d="M${
        threadX + THREAD_RADIUS + 2
      },${ty + 6} Q${(threadX + primitiveX) / 2},${(py + ty) / 2 + 40} ${
        primitiveX - BOX_WIDTH / 2
      },${py + 6}"/>`,
    );
  }
  for (const t of snapshot.threads) {
    // A join waits for a thread: a dashed arc to it, beside the column.
    if (t.joins === 0 || !threadY.has(t.joins)) continue;
    const from = threadY.get(t.id)!;
    const to = threadY.get(t.joins)!;
    const cycle = inCycle.has(edgeKey("joins", t.id, t.joins)) ? " cycle" : "";
    const marker = cycle ? "cycle" : "wait";
    const bend = threadX + THREAD_RADIUS + 90;
    parts.push(
      `<path data-edge="joins" data-thread="${t.id}" data-thread-name="${
        escapeXml(t.name)
      }" data-joins="${t.joins}" data-joins-name="${
        escapeXml(threadName.get(t.joins) ?? "")
      }" data-wait="join" class="wait${cycle}" marker-end="url(#arrow-${marker})" d="M${
        threadX + THREAD_RADIUS
      },${from} C${bend},${from} ${bend},${to} ${
        threadX + THREAD_RADIUS + 2
      },${to}"/>`,
    );
  }
  for (const t of snapshot.threads) {
    const y = threadY.get(t.id)!;
    const state = t.waitsFor !== 0
      ? `waits (${t.waitKind})`
      : t.joins !== 0
      ? `joins ${threadName.get(t.joins) ?? t.joins}`
      : t.waitKind === ""
      ? "runs"
      : t.waitKind;
    const detail = `id ${t.id} · ${state}`;
    parts.push(
      `<g data-thread="${t.id}"><title>${
        escapeXml(`${t.name} (${detail})`)
      }</title><circle cx="${threadX}" cy="${y}" r="${THREAD_RADIUS}" fill="${
        t.waitKind !== "" ? "#fff3e0" : "#e3f2fd"
      }" stroke="#1565c0" stroke-width="2"/>`,
      `<text x="${threadX}" y="${y + 4}" text-anchor="middle" data-fit="${
        2 * THREAD_RADIUS - 8
      }" data-full="${escapeXml(t.name)}">${escapeXml(t.name)}</text>`,
      `<text x="${threadX - 36}" y="${
        y + 4
      }" text-anchor="end" class="small" data-fit="${
        threadX - 36 - 4
      }" data-full="${escapeXml(detail)}">${escapeXml(detail)}</text></g>`,
    );
  }
  for (const p of snapshot.primitives) {
    const y = primitiveY.get(p.index)!;
    const owner = p.owner === 0
      ? (p.kind.endsWith("Lock") ? "free" : "")
      : `held by ${threadName.get(p.owner) ?? p.owner}`;
    const detail = `${p.kind} ${p.id}${owner ? " · " + owner : ""}`;
    parts.push(
      `<g data-primitive="${escapeXml(p.name)}"><title>${
        escapeXml(`${p.name} (${detail})`)
      }</title><rect x="${primitiveX - BOX_WIDTH / 2}" y="${
        y - 22
      }" width="${BOX_WIDTH}" height="44" rx="6" fill="${
        p.owner !== 0 ? "#e8f5e9" : "#f5f5f5"
      }" stroke="#555" stroke-width="1.5"/>`,
      `<text x="${primitiveX}" y="${y - 3}" text-anchor="middle" data-fit="${
        BOX_WIDTH - 12
      }" data-full="${escapeXml(p.name)}">${escapeXml(p.name)}</text>`,
      `<text x="${primitiveX}" y="${
        y + 13
      }" text-anchor="middle" class="small" data-fit="${
        BOX_WIDTH - 12
      }" data-full="${escapeXml(detail)}">${escapeXml(detail)}</text></g>`,
    );
  }
  if (found.length > 0) {
    parts.push(
      `<text x="${width / 2}" y="${
        height - 10
      }" text-anchor="middle" fill="#c62828" style="fill:#c62828;font-weight:600">Deadlock: ${found.length} cycle${
        found.length === 1 ? "" : "s"
      }</text>`,
    );
  }
  svg.innerHTML = parts.join("");
  for (const text of svg.querySelectorAll<SVGTextElement>("text[data-fit]")) {
    fitText(text, Number(text.dataset.fit));
  }
}

/** A thread's circle radius, in the graph's units. */
const THREAD_RADIUS = 28;
/** A primitive's box width, in the graph's units. */
const BOX_WIDTH = 150;

/**
 * Shortens a label until it fits `maxWidth` (the full text stays in the
 * shape's tooltip), ending it with an ellipsis.
 */
function fitText(text: SVGTextElement, maxWidth: number): void {
  const full = text.dataset.full ?? text.textContent ?? "";
  if (text.getComputedTextLength() <= maxWidth) return;
  let keep = full.length - 1;
  while (keep > 0) {
    text.textContent = `${full.slice(0, keep)}…`;
    if (text.getComputedTextLength() <= maxWidth) return;
    keep--;
  }
  text.textContent = "…";
}

function snapshot(): GraphSnapshot {
  return readGraph(shown);
}

function redraw(): void {
  cycles = detectDeadlocks();
  draw(element("graph") as unknown as SVGSVGElement, snapshot(), cycles);
}

// ---- controls ----

function button(
  group: HTMLElement,
  id: string,
  label: string,
  action: () => Promise<unknown>,
): void {
  const b = document.createElement("button");
  b.id = id;
  b.textContent = label;
  b.addEventListener("click", () => {
    action().catch((error: unknown) => {
      report(
        id,
        "done",
        `Failed: ${
          error instanceof Error
            ? `${error.name}: ${error.message}`
            : String(error)
        }`,
        true,
      );
    });
  });
  group.append(b);
}

function group(legend: string): HTMLFieldSetElement {
  const fieldset = document.createElement("fieldset");
  const title = document.createElement("legend");
  title.textContent = legend;
  fieldset.append(title);
  element("controls").append(fieldset);
  return fieldset;
}

function numberInput(
  id: string,
  value: number,
  label: string,
): HTMLInputElement {
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

function setUp(): void {
  const status = element("status");
  if (!globalThis.crossOriginIsolated) {
    status.textContent =
      "This page is not cross-origin isolated, so SharedArrayBuffer is unavailable: serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp.";
    return;
  }
  status.textContent =
    "Cross-origin isolated: SharedArrayBuffer and Atomics are available. The graph is read from shared memory 10 times a second.";
  const deadlock = group("Deadlock");
  button(
    deadlock,
    "deadlock",
    "Run the deadlock (detector on)",
    () => runDeadlock(),
  );
  const slow = document.createElement("label");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = "slow-motion";
  slow.append(box, " slow motion");
  slow.title =
    `Hold the closed cycle on screen for ${SLOW_MOTION_MS} ms before the detector breaks it`;
  deadlock.append(slow);
  button(
    deadlock,
    "deadlock-watch",
    "Run it with the detector off",
    watchDeadlock,
  );
  button(deadlock, "ordered", "Fix: one lock order", () => runFix("ordered"));
  button(
    deadlock,
    "back-off",
    "Fix: timeout and back off",
    () => runFix("back-off"),
  );
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
  const times = numberInput("count-times", 100_000, "Increments per worker");
  counter.append(count, times);
  const read = (): [
    number,
    number,
  ] => [
    Math.max(1, Number(count.value) | 0),
    Math.max(1, Number(times.value) | 0),
  ];
  button(
    counter,
    "count-locked",
    "With the lock",
    () => runCounter(...read(), true),
  );
  button(
    counter,
    "count-unlocked",
    "Without",
    () => runCounter(...read(), false),
  );
  redraw();
  setInterval(redraw, 100);
}

/**
 * Tries a blocking wait on this page's main thread, where browsers forbid
 * `Atomics.wait`: the library refuses with a TypeError that names the async
 * method to use instead.
 */
function tryBlockingWait(): { name: string; message: string } {
  try {
    new Event({ name: "never set" }).wait({ timeout: 10 });
    return { name: "", message: "the wait did not throw" };
  } catch (error) {
    return error instanceof Error
      ? { name: error.name, message: error.message }
      : { name: typeof error, message: String(error) };
  }
}

/** What tests (and the console) can reach. */
export interface PlaygroundApi {
  readonly outcomes: readonly Outcome[];
  snapshot(): GraphSnapshot;
  cycles(): DeadlockCycleEntry[][];
  runCounter(
    workers: number,
    times: number,
    locked: boolean,
  ): Promise<{ count: number; expected: number; ms: number }>;
  runPark(): Promise<number>;
  runWaits(): Promise<string>;
  runDeadlock(slowMotion?: boolean): Promise<string>;
  reset(): Promise<void>;
  tryBlockingWait(): { name: string; message: string };
}

const api: PlaygroundApi = {
  outcomes,
  snapshot,
  cycles: () => cycles,
  runCounter,
  runPark,
  runWaits,
  runDeadlock,
  reset,
  tryBlockingWait,
};
(globalThis as unknown as { playground: PlaygroundApi }).playground = api;

setUp();
