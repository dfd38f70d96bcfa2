// This module is browser compatible.

/**
 * The shared memory between a `WorkerPool` and its workers: one
 * `SharedArrayBuffer` per pool holding a ring of task cells (the main thread
 * the only producer, every worker a consumer, as Dmitry Vyukov's bounded
 * MPMC queue) and, per worker, a ring of result cells (that worker the
 * producer, the main thread the consumer). Tasks and results whose values
 * JSON carries exactly (strings, finite numbers, booleans, null, plain
 * arrays and objects of those) travel here as UTF-16 text, so a task costs
 * no `postMessage` either way and wake-ups are batched: a sleeping worker is
 * woken once per batch of submits, the main thread once per batch of
 * results. Anything else (primitives, `Map`, `Uint8Array`, big payloads)
 * takes the `postMessage` path, with the same structured-clone semantics as
 * `spawn`.
 *
 * Layout, as an `Int32Array` (word indices):
 *
 * ```
 * [0, HEADER_WORDS)                 header (see PoolHeader)
 * [HEADER_WORDS, + cells*CELL_WORDS)  task cells (see TaskCell)
 * then one block per worker index   (see WorkerBlock), each with RESULT_CELLS result cells
 * ```
 *
 * @module
 */

import { Slot, slotBase, words, writeSlotName } from "./_runtime.ts";
import type { SerializedError } from "./_transfer.ts";
import type { StartMessage, WorkerReply } from "./_messages.ts";

/** Words of the pool's header. */
export const PoolHeader = {
  /** Ticks once each time a worker goes to sleep: its `IDLE_SINCE` is that tick. */
  IDLE_CLOCK: 0,
  /** How many workers sleep, each on its own `WAKE`. */
  IDLE_WORKERS: 1,
  /** Bumped by a worker after it writes a result; the main thread waits on it. */
  RESULT_SEQUENCE: 2,
  /** 1 while the main thread waits on `RESULT_SEQUENCE` (a worker then notifies). */
  MAIN_WAITING: 3,
  /** 1 when the pool shuts down: idle workers exit. */
  STOP: 4,
  /** The ring position the next worker claims. */
  HEAD: 5,
  /** How many cancelled cells workers have skipped (the main thread counts what it cancelled). */
  SKIPPED: 6,
} as const;

/** The number of header words. */
const HEADER_WORDS = 8;

/** Words of a task cell, relative to its first word. */
export const TaskCell = {
  /** Vyukov's sequence: `position + 1` when full, `position + cells` when free again. */
  SEQUENCE: 0,
  /** The task's id; a worker swaps it for `TAKEN`, a cancel for `CANCELLED`. */
  TASK: 1,
  /** UTF-16 units of JSON args in the payload, or `VIA_MESSAGE`. */
  LENGTH: 2,
  /** UTF-16 units of the task's name, at the payload's start (0: unnamed). */
  NAME_LENGTH: 3,
  /** The first payload word. */
  PAYLOAD: 4,
} as const;

/** Words of a result cell, relative to its first word. */
export const ResultCell = {
  /** The task's id. */
  TASK: 0,
  /**
   * UTF-16 units of JSON in the payload, negated when the task threw (the
   * payload then its `SerializedError`); 0 when it returned `undefined`,
   * which JSON has no text for. No JSON text is empty, so neither the sign
   * nor 0 can mean anything else.
   */
  LENGTH: 1,
  /** The first payload word. */
  PAYLOAD: 4,
} as const;

/** Words of a worker's block, relative to its first word. */
export const WorkerBlock = {
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
  /** Bumped by the main thread to wake the worker; a sleeping worker waits on it. */
  WAKE: 5,
  /**
   * While the worker sleeps, the `IDLE_CLOCK` tick when it began (never 0);
   * 0 otherwise. The main thread wakes the worker that went to sleep last:
   * its thread is the likeliest still warm on a core.
   */
  IDLE_SINCE: 6,
  /** The first result cell. */
  RESULTS: 8,
} as const;

/** A task cell's `TASK` once a worker has taken it. */
export const TAKEN = -1;
/** A task cell's `TASK` once the main thread has cancelled it. */
export const CANCELLED = 0;
/**
 * A task cell's `LENGTH` when the args come by `postMessage`: no text, as
 * no JSON text of args is empty (the shortest is `[]`).
 */
export const VIA_MESSAGE = 0;

/** Payload words per cell. */
const PAYLOAD_WORDS = 510;
/** Payload UTF-16 units per cell. */
export const PAYLOAD_UNITS = PAYLOAD_WORDS * 2;
/** Words per task cell. */
const CELL_WORDS = TaskCell.PAYLOAD + PAYLOAD_WORDS;
/** Result cells per worker: the main thread is woken when half are full. */
export const RESULT_CELLS = 32;
/** Words per worker block. */
const BLOCK_WORDS = WorkerBlock.RESULTS + RESULT_CELLS * CELL_WORDS;

/** How many task cells a pool of `size` workers gets. */
export function taskCellsFor(size: number): number {
  return Math.min(1024, Math.max(64, size * 32));
}

/** The first word of the task cell at ring position `position`. */
export function taskCellBase(cells: number, position: number): number {
  return HEADER_WORDS + ((position >>> 0) % cells) * CELL_WORDS;
}

/** The first word of worker `index`'s block. */
export function blockBase(cells: number, index: number): number {
  return HEADER_WORDS + cells * CELL_WORDS + index * BLOCK_WORDS;
}

/** The first word of a result cell of the block at `block`. */
export function resultCellBase(block: number, position: number): number {
  return block + WorkerBlock.RESULTS +
    ((position >>> 0) % RESULT_CELLS) * CELL_WORDS;
}

/** How many results the worker whose block starts at `block` has written that the main thread has not read. */
export function resultsWaiting(view: Int32Array, block: number): number {
  return (Atomics.load(view, block + WorkerBlock.RESULT_TAIL) -
    Atomics.load(view, block + WorkerBlock.RESULT_HEAD)) | 0;
}

/** Wakes the worker whose block starts at `block` (and a stale one that shares it). */
export function wakeWorker(view: Int32Array, block: number): void {
  Atomics.add(view, block + WorkerBlock.WAKE, 1);
  Atomics.notify(view, block + WorkerBlock.WAKE);
}

/** Creates the shared memory of a pool of `size` workers. */
export function createChannel(size: number): SharedArrayBuffer {
  const cells = taskCellsFor(size);
  const buffer = new SharedArrayBuffer(blockBase(cells, size) * 4);
  const view = new Int32Array(buffer);
  for (let position = 0; position < cells; position++) {
    view[taskCellBase(cells, position) + TaskCell.SEQUENCE] = position;
  }
  return buffer;
}

/**
 * Whether JSON carries `value` exactly as structured cloning would: strings,
 * finite numbers (not -0), booleans, null, and dense plain arrays (with no
 * named properties beside their items) and plain objects of those, not too
 * deep. `budget.left` counts down one a value: the text of each takes at
 * least one unit, so a value larger than the room left is refused before
 * it is walked whole.
 */
function isJsonSafe(
  value: unknown,
  budget: { left: number },
  depth = 0,
): boolean {
  if (--budget.left < 0) return false;
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > 32) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isJsonSafe(value[i], budget, depth + 1)) {
        return false;
      }
    }
    // A named property beside the items: JSON would drop it.
    return Object.keys(value).length === value.length;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (!isJsonSafe(item, budget, depth + 1)) return false;
  }
  return true;
}

/**
 * `value` as the JSON text a cell carries, when JSON carries it exactly
 * ({@linkcode isJsonSafe}) in at most `room` units; undefined when it must
 * go by message. Task args and results alike take this one test.
 */
export function ringText(value: unknown, room: number): string | undefined {
  if (!isJsonSafe(value, { left: room })) return undefined;
  const text = JSON.stringify(value);
  return text.length <= room ? text : undefined;
}

/** Writes `text` as UTF-16 units from `unit` on. */
export function writeUnits(
  units: Uint16Array,
  unit: number,
  text: string,
): void {
  for (let i = 0; i < text.length; i++) units[unit + i] = text.charCodeAt(i);
}

/** Reads `length` UTF-16 units from `unit` on. */
export function readUnits(
  units: Uint16Array,
  unit: number,
  length: number,
): string {
  if (length === 0) return "";
  return String.fromCharCode.apply(
    null,
    units.subarray(unit, unit + length) as unknown as number[],
  );
}

/**
 * Renames a thread in the runtime's thread table, so `detectDeadlocks()`
 * reports (and anything else that reads thread names) say which pool, worker
 * and task it is.
 */
export function nameThread(threadId: number, name: string): void {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return;
  writeSlotName(view, base, name);
}

/** Messages from the pool to a worker: a `spawn` start with the channel instead of args. */
export type PoolRequest =
  | Omit<StartMessage, "args"> & {
    channel: SharedArrayBuffer;
    cells: number;
    index: number;
    idleTimeout: number;
  }
  | { type: "payload"; task: number; args: unknown[] };

/** Messages from a worker to the pool: a `spawn` reply names its task. */
export type PoolReply =
  | { type: "load-failed"; error: SerializedError }
  | { type: "need"; task: number }
  | WorkerReply & { task: number }
  | { type: "exited"; idle: boolean };
