// This module is browser compatible.

/**
 * Lock-order validation, Linux lockdep's idea on the shared
 * runtime: every "took B while holding A" ever seen, by any thread, is an edge
 * A→B of one graph in shared memory; a new edge that closes a cycle is an
 * inversion that could deadlock, reported even when the timing did not.
 *
 * `Lock` and `RLock` call {@linkcode enterClosedGate} at the top of
 * `acquire` and `acquireAsync` when their thread's lock gate is closed, which
 * checks the order when the `LOCK_ORDER` config word is not 0 (one shared
 * load is all the check costs when validation is off). It runs before the
 * lock is taken, so "throw" leaves the lock untouched and an inversion is
 * caught before it can block.
 *
 * What a thread holds is read from the lock words, which record their owner:
 * each thread keeps a short list of the locks it took while validation was
 * on (thread-local, never shared) and drops the ones it no longer owns when
 * it next scans the list, so releasing needs no hook at all.
 *
 * Timed and non-blocking acquires (`timeout`, `blocking: false`) cannot
 * deadlock for ever, so, as lockdep's trylock, they add no edge (and
 * `acquireWithBackoff` may take locks in any order); nor do async acquires
 * (see {@linkcode enterClosedGateAsync}). Those locks still count as held for
 * the blocking acquisitions made under them.
 *
 * The graph lives in the arena, allocated when validation first runs
 * ({@linkcode GRAPH_WORDS} words), with room for {@linkcode MAX_EDGES} edges;
 * past that, new edges are no longer recorded (one warning). Validation is a
 * diagnostic and never throws anything but `LockOrderError` into an acquire:
 * when the arena has no room for the graph, or a check fails, it warns once
 * and lets the acquire go on unchecked. Each edge keeps
 * the thread that made it first and that acquisition's stack (the first
 * {@linkcode STACK_BYTES} bytes, while the stack area has room), so a report
 * made in any thread shows where the earlier order came from. New edges are
 * added under a small spin lock in the graph; looking up a known edge takes
 * no lock.
 *
 * @module
 */

import { type LockOrderEdge, LockOrderError } from "./lock_order_error.ts";
import {
  allocateWords,
  currentThreadId,
  Header,
  loadText,
  Primitive,
  threadName,
} from "./_runtime.ts";
import { keepFreedBlockWhen, releaseSpinLock, takeSpinLock } from "./_arena.ts";
import { checkLive } from "./_park.ts";
import { lockInfo } from "./_wait_graph.ts";

/** Edge slots of the graph's hash table (a power of two). */
const EDGE_CAPACITY = 2048;
/** The most edges recorded, to keep probes short. */
export const MAX_EDGES = 1536;
/** Node slots of the adjacency heads table (a power of two). */
const NODE_CAPACITY = 2048;
/** The most bytes of one stack kept. */
export const STACK_BYTES = 768;
/** Words of the shared stack area. */
const STACK_WORDS = 8192;

/** Words of the graph's header. */
const Graph = {
  /** 0 when free, else the id of the thread adding an edge. */
  MUTEX: 0,
  /** Edges recorded. */
  EDGES: 1,
  /** Words of the stack area in use. */
  STACK_NEXT: 2,
  /** 1 once the "graph full" warning was printed. */
  FULL_WARNED: 3,
  /** The first edge slot. */
  EDGE_TABLE: 4,
} as const;

/** Words of an edge slot. */
const Edge = {
  /** The arena index of the held lock; 0 = empty slot. Written last. */
  FROM: 0,
  /** The arena index of the lock taken. */
  TO: 1,
  /** The thread that took it first. */
  THREAD: 2,
  /** The stack's first word in the stack area, -1 for none. */
  STACK: 3,
  /** The stack's byte length. */
  STACK_LENGTH: 4,
  /** 1 + the slot of the next edge with the same FROM, 0 for none. */
  NEXT: 5,
  /** Words per slot. */
  WORDS: 6,
} as const;

const NODE_TABLE = Graph.EDGE_TABLE + EDGE_CAPACITY * Edge.WORDS;
const STACK_AREA = NODE_TABLE + NODE_CAPACITY * 2;
/** Words the graph takes in the arena. */
export const GRAPH_WORDS = STACK_AREA + STACK_WORDS;

const encoder = new TextEncoder();

/**
 * The locks this thread took while validation was on and may still hold
 * (thread-local: only this thread reads or writes it; stale entries are
 * dropped when a scan finds this thread no longer owns them).
 */
const held: number[] = [];

/** `Header.LOCK_ORDER_GRAPH` while one thread allocates the graph. */
const GRAPH_ALLOCATING = -1;
/** `Header.LOCK_ORDER_GRAPH` once the arena had no room for the graph: nothing is checked. */
const GRAPH_UNAVAILABLE = -2;

/**
 * Returns the graph's arena index, allocating it on first use (any thread may
 * race), or 0 when the arena has no room for it: validation is a diagnostic
 * and must never break locking, so the thread that fails to allocate warns
 * once and every acquire from then on goes unchecked.
 */
function graph(view: Int32Array): number {
  for (;;) {
    const base = Atomics.load(view, Header.LOCK_ORDER_GRAPH);
    if (base > 0) return base;
    if (base === GRAPH_UNAVAILABLE) return 0;
    if (
      base === 0 &&
      Atomics.compareExchange(
          view,
          Header.LOCK_ORDER_GRAPH,
          0,
          GRAPH_ALLOCATING,
        ) === 0
    ) {
      let allocated = GRAPH_UNAVAILABLE;
      try {
        allocated = allocateWords(GRAPH_WORDS, "the lock-order graph");
      } catch (error) {
        console.warn(
          `Lock-order validation is unavailable: ${
            (error as Error).message
          }; lock orders are not checked`,
        );
      }
      Atomics.store(view, Header.LOCK_ORDER_GRAPH, allocated);
      return Math.max(allocated, 0);
    }
  }
}

function edgeHash(from: number, to: number): number {
  return (Math.imul(from, 0x9e3779b1) ^ Math.imul(to, 0x85ebca77)) >>> 0;
}

/**
 * Returns the slot of the edge from→to, or, when it is not recorded, the
 * bitwise complement of the empty slot where it would go. Plain reads:
 * every edge word is written under the graph's spin lock, so a caller that
 * holds it reads them exactly, and one that does not (see
 * {@linkcode scanHeld}) can at worst miss a new edge.
 */
function edgeSlot(
  view: Int32Array,
  base: number,
  from: number,
  to: number,
): number {
  for (
    let i = edgeHash(from, to) & (EDGE_CAPACITY - 1);;
    i = (i + 1) & (EDGE_CAPACITY - 1)
  ) {
    const slot = base + Graph.EDGE_TABLE + i * Edge.WORDS;
    const stored = view[slot + Edge.FROM];
    if (stored === 0) return ~i;
    if (stored === from && view[slot + Edge.TO] === to) return i;
  }
}

/**
 * Returns the node-table word holding `lock`'s first edge (1 + slot), claiming
 * the node when `claim` is set (under the mutex), else -1 when it has none.
 */
function headWord(
  view: Int32Array,
  base: number,
  lock: number,
  claim: boolean,
): number {
  for (
    let i = Math.imul(lock, 0x9e3779b1) >>> 0 & (NODE_CAPACITY - 1);;
    i = (i + 1) & (NODE_CAPACITY - 1)
  ) {
    const entry = base + NODE_TABLE + i * 2;
    const stored = Atomics.load(view, entry);
    if (stored === lock) return entry + 1;
    if (stored === 0) {
      if (!claim) return -1;
      Atomics.store(view, entry, lock);
      return entry + 1;
    }
  }
}

/** Finds a recorded path of edges from `start` to `goal` (depth-first), as edge slots. */
function findPath(
  view: Int32Array,
  base: number,
  start: number,
  goal: number,
): number[] | undefined {
  const visited = new Set<number>([start]);
  const path: number[] = [];
  const visit = (node: number): boolean => {
    const head = headWord(view, base, node, false);
    let next = head < 0 ? 0 : Atomics.load(view, head);
    while (next !== 0) {
      const slot = next - 1;
      const edge = base + Graph.EDGE_TABLE + slot * Edge.WORDS;
      const to = Atomics.load(view, edge + Edge.TO);
      path.push(slot);
      if (to === goal) return true;
      if (!visited.has(to)) {
        visited.add(to);
        if (visit(to)) return true;
      }
      path.pop();
      next = Atomics.load(view, edge + Edge.NEXT);
    }
    return false;
  };
  return visit(start) ? path : undefined;
}

const HERE = new URL(".", import.meta.url).href;
/** The files whose frames lead from a caller's acquire to here: left out of recorded stacks. */
const INTERNAL_FRAMES = [
  "_lock_order.ts",
  "lock.ts",
  "rlock.ts",
  "condition.ts",
  "acquire_all.ts",
  "acquire_with_backoff.ts",
].map((file) => `${HERE}${file}:`);

function currentStack(): string {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  let first = 0;
  while (
    first < lines.length &&
    INTERNAL_FRAMES.some((frame) => lines[first]!.includes(frame))
  ) first++;
  return lines.slice(first).join("\n");
}

function storeStack(view: Int32Array, base: number, stack: string): number[] {
  const bytes = new Uint8Array(STACK_BYTES);
  const { written } = encoder.encodeInto(stack, bytes);
  const count = Math.ceil(written / 4);
  const start = Atomics.load(view, base + Graph.STACK_NEXT);
  if (start + count > STACK_WORDS) return [-1, 0];
  Atomics.store(view, base + Graph.STACK_NEXT, start + count);
  const asWords = new Int32Array(bytes.buffer, 0, count);
  for (let i = 0; i < count; i++) {
    Atomics.store(view, base + STACK_AREA + start + i, asWords[i]!);
  }
  return [start, written];
}

/** Adds an edge at empty slot `i`; the caller holds the spin lock and checked that it is new. */
function insertEdge(
  view: Int32Array,
  base: number,
  i: number,
  from: number,
  to: number,
  stack: string,
): void {
  if (Atomics.load(view, base + Graph.EDGES) >= MAX_EDGES) {
    if (Atomics.exchange(view, base + Graph.FULL_WARNED, 1) === 0) {
      console.warn(
        `Lock-order validation has recorded ${MAX_EDGES} lock orders, its limit: new orders are no longer checked`,
      );
    }
    return;
  }
  const edge = base + Graph.EDGE_TABLE + i * Edge.WORDS;
  const head = headWord(view, base, from, true);
  const [stackStart, stackLength] = storeStack(view, base, stack);
  Atomics.store(view, edge + Edge.TO, to);
  Atomics.store(view, edge + Edge.THREAD, currentThreadId());
  Atomics.store(view, edge + Edge.STACK, stackStart!);
  Atomics.store(view, edge + Edge.STACK_LENGTH, stackLength!);
  Atomics.store(view, edge + Edge.NEXT, Atomics.load(view, head));
  // FROM last: a lock-free reader that sees it sees the whole edge.
  Atomics.store(view, edge + Edge.FROM, from);
  Atomics.store(view, head, i + 1);
  Atomics.add(view, base + Graph.EDGES, 1);
}

/** An edge as a `LockOrderError` reports it. */
function reportedEdge(
  view: Int32Array,
  from: number,
  to: number,
  thread: number,
  stack: string | undefined,
): LockOrderEdge {
  return {
    from: lockInfo(view, from),
    to: lockInfo(view, to),
    threadId: thread,
    threadName: threadName(thread),
    ...(stack === undefined ? {} : { stack }),
  };
}

/** The recorded edge at `slot`, as a `LockOrderError` reports it. */
function recordedEdge(
  view: Int32Array,
  base: number,
  slot: number,
): LockOrderEdge {
  const edge = base + Graph.EDGE_TABLE + slot * Edge.WORDS;
  const stackStart = Atomics.load(view, edge + Edge.STACK);
  const stackLength = Atomics.load(view, edge + Edge.STACK_LENGTH);
  return reportedEdge(
    view,
    Atomics.load(view, edge + Edge.FROM),
    Atomics.load(view, edge + Edge.TO),
    Atomics.load(view, edge + Edge.THREAD),
    stackStart < 0
      ? undefined
      : loadText(view, base + STACK_AREA + stackStart, stackLength),
  );
}

/** Records held→lock, or reports the cycle it would close. */
function addEdge(
  view: Int32Array,
  base: number,
  from: number,
  to: number,
  mode: number,
): void {
  const stack = currentStack();
  let inversion: LockOrderError | undefined;
  takeSpinLock(view, base + Graph.MUTEX);
  try {
    const slot = edgeSlot(view, base, from, to);
    if (slot >= 0) return;
    const path = findPath(view, base, to, from);
    if (path !== undefined) {
      inversion = new LockOrderError(undefined, {
        cycle: [
          reportedEdge(view, from, to, currentThreadId(), stack),
          ...path.map((edge) => recordedEdge(view, base, edge)),
        ],
      });
    }
    // "throw" refuses the order, so every later attempt is refused too.
    if (inversion === undefined || mode === 1) {
      insertEdge(view, base, ~slot, from, to, stack);
    }
  } finally {
    releaseSpinLock(view, base + Graph.MUTEX);
  }
  if (inversion === undefined) return;
  if (mode === 2) throw inversion;
  console.warn(formatWarning(inversion));
}

function formatWarning(error: LockOrderError): string {
  const stacks = error.cycle.map((edge) =>
    `'${edge.from.name}' → '${edge.to.name}' first taken by ${
      edge.threadName || `thread ${edge.threadId}`
    }:\n${edge.stack ?? "    (stack not recorded)"}`
  );
  return `LockOrderError: ${error.message}\n${stacks.join("\n")}`;
}

/**
 * Checks the order of an acquire of `lock` against every lock this thread
 * holds, recording new orders when `ordered` (called when the `LOCK_ORDER`
 * word is not 0), and notes `lock` as held.
 *
 * The reads here are plain, not `Atomics.load` (which costs more on this
 * path): whether this thread owns a lock is exact either way, since only the
 * owner sets or clears its own id in the word; and a stale read of an edge
 * can only miss it, which sends the acquire to {@linkcode addEdge}, where the
 * graph's spin lock decides.
 *
 * @param view The runtime words.
 * @param me This thread's id.
 * @param lock The arena index of the lock about to be taken.
 * @param ordered Whether the acquire adds orders (see {@linkcode enterClosedGate}).
 * @throws {LockOrderError} In "throw" mode, when the order closes a cycle.
 */
function scanHeld(
  view: Int32Array,
  me: number,
  lock: number,
  ordered: boolean,
): void {
  // Re-entering an RLock (or a self-deadlock, the detector's case) orders nothing.
  if (view[lock + Primitive.STATE]! >>> 1 === me) return;
  let base = 0;
  for (let i = 0; i < held.length;) {
    const other = held[i]!;
    if (other === lock || view[other + Primitive.STATE]! >>> 1 !== me) {
      held[i] = held[held.length - 1]!;
      held.pop();
      continue;
    }
    i++;
    if (!ordered) continue;
    if (base === 0) base = graph(view);
    if (base === 0) continue;
    if (edgeSlot(view, base, other, lock) < 0) {
      try {
        addEdge(view, base, other, lock, Atomics.load(view, Header.LOCK_ORDER));
      } catch (error) {
        // Only a real inversion reaches the caller: any other failure of the
        // diagnostic (a stack overflow on a huge graph) leaves locking alone.
        if (error instanceof LockOrderError) throw error;
        warnCheckFailedOnce(error);
      }
    }
  }
  held.push(lock);
}

/** Whether this thread already warned that a check failed (thread-local). */
let checkFailedWarned = false;

function warnCheckFailedOnce(error: unknown): void {
  if (checkFailedWarned) return;
  checkFailedWarned = true;
  console.warn(
    `Lock-order validation could not check an acquire, which goes on unchecked: ${
      error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    }`,
  );
}

/**
 * The entry checks of a `Lock` or `RLock` acquire whose thread's gate
 * (`Slot.GATE`) is closed: the thread's end, then, when validation is on,
 * the lock order. An open gate says both pass, in one load.
 *
 * @throws {ThreadEndedError} When the thread has ended.
 * @throws {LockOrderError} When taking `lock` would invert a recorded order (mode "throw").
 */
export function enterClosedGate(
  view: Int32Array,
  me: number,
  lock: number,
  options: { blocking?: boolean; timeout?: number } | undefined,
): void {
  checkLive(view, me);
  if (view[Header.LOCK_ORDER] === 0) return;
  // Timed and non-blocking acquires cannot deadlock for ever: no order.
  const ordered = options === undefined ||
    (options.blocking !== false &&
      (options.timeout === undefined || options.timeout === Infinity));
  scanHeld(view, me, lock, ordered);
}

/**
 * {@linkcode enterClosedGate} for `acquireAsync`: notes the lock as held,
 * but adds no order. An async acquire does not block its thread, and
 * ownership is per thread, so a lock held by one async task of the thread
 * would count as held by every other task: the orders could be false. A
 * blocking acquire does block the whole thread while it holds them, so the
 * orders it adds (including from locks taken asynchronously) are real.
 *
 * @throws {ThreadEndedError} When the thread has ended.
 */
export function enterClosedGateAsync(
  view: Int32Array,
  me: number,
  lock: number,
): void {
  checkLive(view, me);
  if (view[Header.LOCK_ORDER] !== 0) scanHeld(view, me, lock, false);
}

// The graph names locks by arena index and never forgets an edge: a freed
// lock that the graph names keeps its block out of reuse, so a new lock
// never inherits its orders (at most two blocks per recorded edge).
keepFreedBlockWhen((view, index) => {
  const base = Atomics.load(view, Header.LOCK_ORDER_GRAPH);
  if (base <= 0) return false;
  for (let slot = 0; slot < EDGE_CAPACITY; slot++) {
    const edge = base + Graph.EDGE_TABLE + slot * Edge.WORDS;
    if (
      Atomics.load(view, edge + Edge.FROM) === index ||
      Atomics.load(view, edge + Edge.TO) === index
    ) return true;
  }
  return false;
});
