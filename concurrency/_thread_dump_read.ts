// This module is browser compatible.

/**
 * Reads a thread dump from the thread table and the arena: each slot's
 * park record (read by the wait-for graph's reader, `_wait_graph.ts`, the
 * one the deadlock detector uses: the dump shows every link, the detector
 * counts those that cannot end by themselves), the owner words of every
 * lock some thread holds a reference to, what threads hold beyond locks
 * (`_thread_holds.ts`), and the stacks parks recorded. Takes no lock and writes nothing.
 *
 * @module
 */

import { referencedPrimitives } from "./_arena.ts";
import { RLOCK_COUNT } from "./_raw_lock.ts";
import {
  Primitive,
  PrimitiveKind,
  Slot,
  slotBase,
  threadIds,
  threadName,
  ThreadState,
  words,
} from "./_runtime.ts";
import { readParkStack } from "./_thread_dump_stacks.ts";
import { readThreadHolds } from "./_thread_holds.ts";
import {
  countsTimedWaits,
  describePrimitive,
  findCycles,
  judgeStall,
  lockOwner,
  type ParkRecord,
  readPark,
  waitKindName,
} from "./_wait_graph.ts";
import type {
  DumpedHold,
  DumpedThread,
  DumpedThreadState,
  DumpedWait,
  ThreadDump,
} from "./thread_dump.ts";

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
    if (Atomics.load(view, index + Primitive.REFERENCES) <= 0) continue;
    // 0 too for a primitive with no owner word: not a lock.
    const owner = lockOwner(view, index);
    if (owner === 0) continue;
    const kind = Atomics.load(view, index + Primitive.KIND);
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
      return "running";
    case ThreadState.TERMINATED:
      return "terminated";
    default:
      return "ended";
  }
}

/** What a parked thread waits on, from its park record. */
function describeWait(view: Int32Array, park: ParkRecord): DumpedWait {
  const wait: DumpedWait = { kind: waitKindName(park.kind), timed: park.timed };
  if (park.primitive !== 0) {
    wait.primitive = describePrimitive(view, park.primitive);
  }
  const target = threadRef(view, park.target);
  if (target) {
    if (park.primitive !== 0) wait.owner = target;
    else wait.thread = target;
  }
  return wait;
}

/** Reads the dump (see `threadDump`). */
export function readThreadDump(includeEnded: boolean): ThreadDump {
  const view = words();
  const takenAt = Date.now();
  const holds = readHolds(view);
  const threads: DumpedThread[] = [];
  // Every live thread's park (undefined: it runs), for the stall.
  const live: (ParkRecord | undefined)[] = [];
  const links = new Map<number, ParkRecord>();
  for (const id of threadIds(view)) {
    const slot = slotBase(id);
    const state = stateOf(view, slot);
    if (!includeEnded && state !== "running") continue;
    // A running thread is parked while it has a park to read.
    const park = state === "running" ? readPark(view, id) : undefined;
    const thread: DumpedThread = {
      id,
      name: threadName(id),
      state: park === undefined ? state : "parked",
      parent: Atomics.load(view, slot + Slot.PARENT),
      holds: [...holds.get(id) ?? [], ...readThreadHolds(id)],
    };
    if (park !== undefined) {
      const parkedFor = Math.max(0, ((takenAt | 0) - park.start) | 0);
      thread.parkedForMs = parkedFor;
      thread.parkedSince = takenAt - parkedFor;
      thread.waitsOn = describeWait(view, park);
      if (park.target !== 0) links.set(id, park);
      const stack = readParkStack(id, park.sequence);
      if (stack !== undefined) thread.stack = stack;
    }
    if (state === "running") live.push(park);
    threads.push(thread);
  }
  const cycles = findCycles(links).map((cycle) =>
    cycle.map((link) => link.thread)
  );
  const stall = judgeStall(live, countsTimedWaits(view));
  return { takenAt, threads, cycles, stall };
}
