// This module is browser compatible.

/**
 * Reads a thread dump from the thread table and the arena: each slot's
 * park record (read as one park: its sequence number before and after),
 * the owner words of every lock some thread holds a reference to, and the
 * stacks parks recorded. Takes no lock and writes nothing.
 *
 * @module
 */

import { referencedPrimitives } from "./_arena.ts";
import { WaitKind } from "./_park.ts";
import { RLOCK_COUNT } from "./_raw_lock.ts";
import {
  kindName,
  Primitive,
  PrimitiveKind,
  primitiveName,
  Slot,
  SLOT_WORDS,
  slotBase,
  TABLE_START,
  THREAD_SLOTS,
  threadName,
  ThreadState,
  words,
} from "./_runtime.ts";
import { readParkStack } from "./_thread_dump_stacks.ts";
import type {
  DumpedHold,
  DumpedPrimitive,
  DumpedThread,
  DumpedThreadState,
  DumpedWait,
  DumpedWaitKind,
  ThreadDump,
} from "./thread_dump.ts";

const WAIT_KINDS: Readonly<Record<number, DumpedWaitKind>> = {
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
  [WaitKind.JOIN]: "join",
};

function isLockKind(kind: number): boolean {
  return kind === PrimitiveKind.Lock || kind === PrimitiveKind.RLock;
}

function describePrimitive(view: Int32Array, index: number): DumpedPrimitive {
  return {
    kind: kindName(Atomics.load(view, index + Primitive.KIND)),
    id: Atomics.load(view, index + Primitive.ID),
    name: primitiveName(index),
  };
}

/** The owner a lock word names, 0 for none (or a word in a hand-off). */
function ownerOf(view: Int32Array, lock: number): number {
  if (!isLockKind(Atomics.load(view, lock + Primitive.KIND))) return 0;
  return Atomics.load(view, lock + Primitive.STATE) >>> 1;
}

/** The thread an id names now, when its slot still holds it. */
function threadRef(
  view: Int32Array,
  id: number,
): { id: number; name: string } | undefined {
  if (id === 0) return undefined;
  if (Atomics.load(view, slotBase(id) + Slot.ID) !== id) return undefined;
  return { id, name: threadName(id) };
}

/** The locks each thread holds, from every primitive some thread references. */
function readHolds(view: Int32Array): Map<number, DumpedHold[]> {
  const holds = new Map<number, DumpedHold[]>();
  for (const index of referencedPrimitives()) {
    const kind = Atomics.load(view, index + Primitive.KIND);
    if (!isLockKind(kind)) continue;
    if (Atomics.load(view, index + Primitive.REFERENCES) <= 0) continue;
    const owner = ownerOf(view, index);
    if (owner === 0) continue;
    const count = kind === PrimitiveKind.RLock
      ? Math.max(1, Atomics.load(view, index + Primitive.STATE + RLOCK_COUNT))
      : 1;
    const list = holds.get(owner) ?? [];
    list.push({ ...describePrimitive(view, index), count });
    holds.set(owner, list);
  }
  for (const list of holds.values()) list.sort((a, b) => a.id - b.id);
  return holds;
}

function stateOf(view: Int32Array, slot: number): DumpedThreadState {
  switch (Atomics.load(view, slot + Slot.STATE)) {
    case ThreadState.RUNNING:
      return Atomics.load(view, slot + Slot.PARK_INDEX) === 0
        ? "running"
        : "parked";
    case ThreadState.TERMINATED:
      return "terminated";
    default:
      return "ended";
  }
}

/** What a parked thread waits on; undefined when its park changed while read. */
function readWait(
  view: Int32Array,
  slot: number,
):
  | { wait: DumpedWait; start: number; sequence: number; blocking: boolean }
  | undefined {
  const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  if (index === 0) return undefined;
  const kind = Atomics.load(view, slot + Slot.PARK_KIND);
  const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
  const timed = Atomics.load(view, slot + Slot.PARK_TIMED) !== 0;
  const start = Atomics.load(view, slot + Slot.PARK_START);
  const wait: DumpedWait = { kind: WAIT_KINDS[kind] ?? "unknown", timed };
  if (primitive !== 0) {
    wait.primitive = describePrimitive(view, primitive);
    const owner = threadRef(view, ownerOf(view, primitive));
    if (owner) wait.owner = owner;
  }
  if (kind === WaitKind.JOIN) {
    // Recorded on the joined thread's live word: its slot names it.
    const joined = threadRef(
      view,
      Atomics.load(view, index - Slot.LIVE + Slot.ID),
    );
    if (joined) wait.thread = joined;
  }
  // Only a blocking park reaches the deadlock check, which marks it.
  const blocking =
    Atomics.load(view, slot + Slot.DEADLOCK_CHECKED) === sequence;
  if (Atomics.load(view, slot + Slot.PARK_SEQUENCE) !== sequence) {
    return undefined;
  }
  return { wait, start, sequence, blocking };
}

/** The thread each parked thread waits for (a lock's owner, a joined thread). */
function waitsFor(thread: DumpedThread): number {
  return thread.waitsOn?.owner?.id ?? thread.waitsOn?.thread?.id ?? 0;
}

/** The cycles of the wait-for graph, each from its lowest id, each once. */
export function findCycles(threads: readonly DumpedThread[]): number[][] {
  const next = new Map<number, number>();
  for (const thread of threads) {
    const target = waitsFor(thread);
    if (thread.state === "parked" && target !== 0) next.set(thread.id, target);
  }
  const seen = new Set<number>();
  const cycles: number[][] = [];
  for (const start of next.keys()) {
    if (seen.has(start)) continue;
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let at: number | undefined = start;
    while (at !== undefined && !seen.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = next.get(at);
    }
    if (at !== undefined && onPath.has(at)) {
      const cycle = path.slice(onPath.get(at)!);
      const low = cycle.indexOf(Math.min(...cycle));
      cycles.push([...cycle.slice(low), ...cycle.slice(0, low)]);
    }
    for (const id of path) seen.add(id);
  }
  return cycles.sort((a, b) => a[0]! - b[0]!);
}

/** Reads the dump (see `threadDump`). */
export function readThreadDump(includeEnded: boolean): ThreadDump {
  const view = words();
  const takenAt = Date.now();
  const holds = readHolds(view);
  const threads: DumpedThread[] = [];
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
    const thread: DumpedThread = {
      id,
      name: threadName(id),
      state,
      parent: Atomics.load(view, slot + Slot.PARENT),
      holds: holds.get(id) ?? [],
    };
    if (state === "parked") {
      const read = readWait(view, slot);
      if (read === undefined) {
        // It woke while read: it runs.
        thread.state = "running";
      } else {
        const parkedFor = Math.max(0, ((takenAt | 0) - read.start) | 0);
        thread.parkedForMs = parkedFor;
        thread.parkedSince = takenAt - parkedFor;
        thread.waitsOn = read.wait;
        if (!read.wait.timed) {
          untimed++;
          if (read.blocking) blocked++;
        }
        const stack = readParkStack(id, read.sequence);
        if (stack !== undefined) thread.stack = stack;
      }
    }
    if (state === "running" || state === "parked") live++;
    threads.push(thread);
  }
  const stall = live === 0 || untimed < live
    ? "none"
    : blocked === live
    ? "proven"
    : "possible";
  return { takenAt, threads, cycles: findCycles(threads), stall };
}
