// This module is browser compatible.

/**
 * Reads the playground's wait-for graph straight from the runtime's shared
 * memory: the thread table (who runs, who is parked on what) and the arena
 * (each lock word records its owner). These are the same records the
 * deadlock detector walks, so the picture needs no cooperation from the
 * workers and is exact at the moment of the read.
 *
 * @module
 */

import { WaitKind } from "../_park.ts";
import {
  Primitive,
  PrimitiveKind,
  primitiveName,
  threadIds,
  threadName,
  words,
} from "../_runtime.ts";
import { readPark, waitKindName } from "../_wait_graph.ts";

/** A thread of the graph. */
export interface GraphThread {
  /** Its thread id. */
  readonly id: number;
  /** Its name (`"main"` for the page). */
  readonly name: string;
  /** The arena index of the primitive it is parked on, or 0. */
  readonly waitsFor: number;
  /** What kind of wait (`"acquire"`, `"event"`, `"join"`…), or `""` when it runs. */
  readonly waitKind: string;
  /** The thread it waits for in `join()`, or 0. */
  readonly joins: number;
}

/** A primitive of the graph. */
export interface GraphPrimitive {
  /** Its arena index. */
  readonly index: number;
  /** Its stable id. */
  readonly id: number;
  /** Its class name. */
  readonly kind: string;
  /** Its name, or `"<Kind> <id>"`. */
  readonly name: string;
  /** The thread id that holds it (locks only), or 0. */
  readonly owner: number;
}

/** A snapshot of who holds what and who waits for what. */
export interface GraphSnapshot {
  /** The running threads, by id. */
  readonly threads: readonly GraphThread[];
  /** The primitives asked for, and every one some thread waits on. */
  readonly primitives: readonly GraphPrimitive[];
}

const KIND_NAMES: Readonly<Record<number, string>> = {
  [PrimitiveKind.Lock]: "Lock",
  [PrimitiveKind.RLock]: "RLock",
  [PrimitiveKind.Condition]: "Condition",
  [PrimitiveKind.Semaphore]: "Semaphore",
  [PrimitiveKind.BoundedSemaphore]: "BoundedSemaphore",
  [PrimitiveKind.Event]: "Event",
  [PrimitiveKind.Barrier]: "Barrier",
  [PrimitiveKind.SharedQueue]: "SharedQueue",
};

/** A wait kind's name; a `Condition` taking its lock back waits for the lock's owner like any acquire (only the deadlock detector tells the two apart). */
function waitName(kind: number): string {
  return kind === WaitKind.CONDITION_REACQUIRE ? "acquire" : waitKindName(kind);
}

function readPrimitive(view: Int32Array, index: number): GraphPrimitive {
  const kindCode = Atomics.load(view, index + Primitive.KIND);
  const kind = KIND_NAMES[kindCode] ?? `kind ${kindCode}`;
  const id = Atomics.load(view, index + Primitive.ID);
  const isLock = kindCode === PrimitiveKind.Lock ||
    kindCode === PrimitiveKind.RLock;
  return {
    index,
    id,
    kind,
    name: primitiveName(index) || `${kind} ${id}`,
    owner: isLock ? Atomics.load(view, index + Primitive.STATE) >>> 1 : 0,
  };
}

/**
 * Reads the running threads and the given primitives (plus every primitive
 * a thread is parked on).
 *
 * @param primitives The arena indexes (`handle.index`) of the primitives to show.
 * @returns The snapshot.
 */
export function readGraph(primitives: Iterable<number>): GraphSnapshot {
  const view = words();
  const threads: GraphThread[] = [];
  const wanted = new Set(primitives);
  for (const id of threadIds(view, true)) {
    // Read as one park, by the reader the detector and the dump share.
    const park = readPark(view, id);
    const waitsFor = park?.primitive ?? 0;
    if (waitsFor !== 0) wanted.add(waitsFor);
    threads.push({
      id,
      name: threadName(id),
      waitsFor,
      waitKind: park === undefined ? "" : waitName(park.kind),
      joins: park?.kind === WaitKind.JOIN ? park.target : 0,
    });
  }
  threads.sort((a, b) => a.id - b.id);
  const read = [...wanted].map((index) => readPrimitive(view, index));
  read.sort((a, b) => a.id - b.id);
  return { threads, primitives: read };
}
