// This module is browser compatible.

/**
 * The wait-for graph, read once for everyone who reads it: the run-time
 * deadlock detector, `detectDeadlocks()` and `threadDump()`. Each thread's
 * park record (its slot's `PARK_*` words) is read as one park, its
 * sequence number before and after; a park waits for a thread when it is an
 * acquire of a lock that thread owns (the lock word names its owner) or a
 * `join()` of that thread. The readers differ only in which parks they
 * count as links: a dump shows every one; the detector only those that
 * cannot end by themselves.
 *
 * On top of the links, two findings: cycles (each thread waits for the
 * next), and a stall (Go's "all goroutines are asleep"): every live thread
 * parked in a wait without a timeout, so only another parked thread could
 * end it. A stall is `proven` when every one of those parks is a blocking
 * wait (`Atomics.wait`) that reached the deadlock check, `possible` when
 * some wait is async: its thread's event loop still runs and may wake
 * someone (a timer, a message).
 *
 * @module
 */

import { DEADLOCK_CHECK_AFTER_MS, WaitKind } from "./_park.ts";
import {
  Header,
  kindName,
  Primitive,
  PrimitiveKind,
  primitiveName,
  Slot,
  slotBase,
  THREAD_SLOTS,
  ThreadState,
} from "./_runtime.ts";
import type { DumpedPrimitive, DumpedWaitKind } from "./thread_dump.ts";

/** One thread's park, read as one. */
export interface ParkRecord {
  /** The parked thread. */
  readonly thread: number;
  /** Its park's sequence number. */
  readonly sequence: number;
  /** The word it is parked on. */
  readonly index: number;
  /** The `WaitKind`. */
  readonly kind: number;
  /** The arena index of the primitive it waits on, 0 for none. */
  readonly primitive: number;
  /** Whether the wait has a timeout. */
  readonly timed: boolean;
  /** When the park began: the low 32 bits of `Date.now()`. */
  readonly start: number;
  /** Whether it is a blocking park that reached the deadlock check (async waits never do). */
  readonly blocking: boolean;
  /** The thread it waits for (a lock's owner, a joined thread), 0 for none. */
  readonly target: number;
}

/**
 * The name of a wait kind, as dumps and reports print it: its `WaitKind`
 * name in lower case with dashes (`QUEUE_GET` is `"queue-get"`), as
 * `kindName` names a primitive kind; `"unknown"` for one this version does
 * not know. `WaitKind` is read at call time: the parking core imports this
 * module, so it is not read while the modules load.
 */
export function waitKindName(kind: number): DumpedWaitKind {
  for (const [name, value] of Object.entries(WaitKind)) {
    // FIRST_FREE is where the kinds of no primitive begin: SLEEP's number.
    if (value === kind && name !== "FIRST_FREE") {
      return name.toLowerCase().replaceAll("_", "-") as DumpedWaitKind;
    }
  }
  return "unknown";
}

/** Whether a wait kind is an acquire of a lock (a `Condition`'s re-acquire included). */
export function isAcquire(kind: number): boolean {
  return kind === WaitKind.ACQUIRE || kind === WaitKind.CONDITION_REACQUIRE;
}

/**
 * The owner a lock word names, 0 for none (or for a primitive with no owner
 * word: one that is not a `Lock` or an `RLock`).
 */
export function lockOwner(view: Int32Array, lock: number): number {
  const kind = Atomics.load(view, lock + Primitive.KIND);
  if (kind !== PrimitiveKind.Lock && kind !== PrimitiveKind.RLock) return 0;
  return Atomics.load(view, lock + Primitive.STATE) >>> 1;
}

/** Whether timed waits count for cycles and stalls (`configure({ countTimedWaits })`). */
export function countsTimedWaits(view: Int32Array): boolean {
  return Atomics.load(view, Header.TIMED_WAITS_DEADLOCK) !== 0;
}

/** A primitive as dumps and stall reports name it: its class name, id and name (empty for none). */
export function describePrimitive(
  view: Int32Array,
  index: number,
): DumpedPrimitive {
  return {
    kind: kindName(Atomics.load(view, index + Primitive.KIND)),
    id: Atomics.load(view, index + Primitive.ID),
    name: primitiveName(index),
  };
}

/** A lock as reports name it: its id, and its name or `"<Kind> <id>"`. */
export function lockInfo(
  view: Int32Array,
  lock: number,
): { id: number; name: string } {
  const id = Atomics.load(view, lock + Primitive.ID);
  const kind = Atomics.load(view, lock + Primitive.KIND) === PrimitiveKind.RLock
    ? "RLock"
    : "Lock";
  return { id, name: primitiveName(lock) || `${kind} ${id}` };
}

/**
 * Reads what `thread` is parked on, as one park; undefined when its slot
 * holds another thread, it has ended, it is not parked, or its park changed
 * while read.
 */
export function readPark(
  view: Int32Array,
  thread: number,
): ParkRecord | undefined {
  const slot = slotBase(thread);
  if (Atomics.load(view, slot + Slot.ID) !== thread) return undefined;
  if (Atomics.load(view, slot + Slot.STATE) !== ThreadState.RUNNING) {
    return undefined;
  }
  const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  if (index === 0) return undefined;
  const kind = Atomics.load(view, slot + Slot.PARK_KIND);
  const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
  const timed = Atomics.load(view, slot + Slot.PARK_TIMED) !== 0;
  const start = Atomics.load(view, slot + Slot.PARK_START);
  // Only a blocking park reaches the deadlock check, which marks it.
  const blocking =
    Atomics.load(view, slot + Slot.DEADLOCK_CHECKED) === sequence;
  let target = 0;
  if (kind === WaitKind.JOIN) {
    // Recorded on the joined thread's live word: its slot names it.
    target = Atomics.load(view, index - Slot.LIVE + Slot.ID);
  } else if (primitive !== 0) {
    target = lockOwner(view, primitive);
  }
  if (Atomics.load(view, slot + Slot.PARK_SEQUENCE) !== sequence) {
    return undefined;
  }
  return {
    thread,
    sequence,
    index,
    kind,
    primitive,
    timed,
    start,
    blocking,
    target,
  };
}

/**
 * Whether a park is a link the deadlock detector follows: a blocking
 * acquire that reached the check, or a `join()` that has lasted past the
 * check's threshold (a join is async: it never reaches the check itself),
 * waiting for a thread; timed waits only when they count.
 *
 * A join counts although its thread's event loop still runs: past the join,
 * that thread's code cannot go on, and the lock it holds is released only by
 * code of that thread.
 */
export function isDeadlockLink(
  park: ParkRecord,
  countTimed: boolean,
  now: number,
): boolean {
  if (park.target === 0) return false;
  if (park.timed && !countTimed) return false;
  if (isAcquire(park.kind)) return park.blocking;
  return park.kind === WaitKind.JOIN &&
    (((now | 0) - park.start) | 0) >= DEADLOCK_CHECK_AFTER_MS;
}

/**
 * Follows links from `start` (each to the park of the thread it waits for,
 * as `linkOf` reads it); returns the chain when it comes back to `start`.
 * A chain that runs into a cycle not through `start` returns undefined: that
 * cycle's own threads report it.
 */
export function cycleThrough<L extends { thread: number; target: number }>(
  start: L,
  linkOf: (thread: number) => L | undefined,
): L[] | undefined {
  const chain = [start];
  let next = start.target;
  while (next !== start.thread) {
    if (chain.some((link) => link.thread === next)) return undefined;
    if (chain.length > THREAD_SLOTS) return undefined;
    const link = linkOf(next);
    if (link === undefined) return undefined;
    chain.push(link);
    next = link.target;
  }
  return chain;
}

/** Rotates a cycle so that it starts with its lowest thread id. */
export function fromLowest<L extends { thread: number }>(cycle: L[]): L[] {
  let first = 0;
  for (let i = 1; i < cycle.length; i++) {
    if (cycle[i]!.thread < cycle[first]!.thread) first = i;
  }
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

/** Every cycle among `links` (by thread), each once, from its lowest id, sorted. */
export function findCycles<L extends { thread: number; target: number }>(
  links: ReadonlyMap<number, L>,
): L[][] {
  const seen = new Set<number>();
  const cycles: L[][] = [];
  for (const start of links.values()) {
    if (seen.has(start.thread)) continue;
    const path: L[] = [];
    const onPath = new Map<number, number>();
    let at: L | undefined = start;
    while (at !== undefined && !seen.has(at.thread) && !onPath.has(at.thread)) {
      onPath.set(at.thread, path.length);
      path.push(at);
      at = links.get(at.target);
    }
    if (at !== undefined && onPath.has(at.thread)) {
      cycles.push(fromLowest(path.slice(onPath.get(at.thread)!)));
    }
    for (const link of path) seen.add(link.thread);
  }
  return cycles.sort((a, b) => a[0]!.thread - b[0]!.thread);
}

/** How sure a stall is: see the module's documentation. */
export type StallCertainty = "none" | "possible" | "proven";

/**
 * Judges a stall from the live threads' parks (undefined: the thread runs):
 * `none` while any runs or waits with a timeout (it ends by itself, unless
 * timed waits count: `configure({ countTimedWaits: true })`), `proven`
 * when every park is blocking, `possible` otherwise.
 */
export function judgeStall(
  parks: readonly (ParkRecord | undefined)[],
  countTimed: boolean,
): StallCertainty {
  if (parks.length === 0) return "none";
  let blocking = true;
  for (const park of parks) {
    if (park === undefined || (park.timed && !countTimed)) return "none";
    if (!park.blocking) blocking = false;
  }
  return blocking ? "proven" : "possible";
}

/**
 * Whether every park reads again as the same wait: the same kind, primitive
 * and word, waiting for the same thread; with `samePark`, also in the same
 * park (the same sequence number). Without it, a park may have ended and
 * begun again on the same wait without anything happening (a `Condition`
 * waiter looks for a stranded notify every 40 ms).
 */
export function stillParked(
  view: Int32Array,
  parks: readonly ParkRecord[],
  samePark = false,
): boolean {
  return parks.every((park) => {
    const again = readPark(view, park.thread);
    return again !== undefined && again.kind === park.kind &&
      again.primitive === park.primitive && again.index === park.index &&
      again.target === park.target &&
      (!samePark || again.sequence === park.sequence);
  });
}
