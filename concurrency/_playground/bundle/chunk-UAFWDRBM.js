import {
  InterruptedError,
  SLOT_NAME_BYTES,
  Slot,
  currentSlotBase,
  currentThreadId,
  isInterrupted,
  slotBase,
  watchWord,
  words
} from "./chunk-X45FABSL.js";

// concurrency/interrupt_signal.ts
var current;
function watch(controller, index, seen) {
  watchWord(index, seen).then(() => {
    if (Atomics.load(words(), index) === seen) {
      watch(controller, index, seen);
      return;
    }
    controller.abort(new InterruptedError(`Thread ${currentThreadId()} was interrupted`, {
      threadId: currentThreadId()
    }));
  });
}
function interruptSignal() {
  if (current !== void 0) {
    if (!current.signal.aborted || isInterrupted()) return current.signal;
  }
  const controller = new AbortController();
  current = controller;
  const index = currentSlotBase() + Slot.INTERRUPT_COUNT;
  if (isInterrupted()) {
    controller.abort(new InterruptedError(`Thread ${currentThreadId()} was interrupted`, {
      threadId: currentThreadId()
    }));
  } else {
    watch(controller, index, Atomics.load(words(), index));
  }
  return controller.signal;
}

// concurrency/_pool_channel.ts
var PoolHeader = {
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
  SKIPPED: 6
};
var HEADER_WORDS = 8;
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
var ResultCell = {
  /** The task's id. */
  TASK: 0,
  /** A `ResultStatus`. */
  STATUS: 1,
  /** UTF-16 units of JSON in the payload. */
  LENGTH: 2,
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
  /** Bumped by the main thread to wake the worker; a sleeping worker waits on it. */
  WAKE: 5,
  /**
   * While the worker sleeps, the `IDLE_CLOCK` tick when it began (never 0);
   * 0 otherwise. The main thread wakes the worker that went to sleep last:
   * its thread is the likeliest still warm on a core.
   */
  IDLE_SINCE: 6,
  /** The first result cell. */
  RESULTS: 8
};
var ResultStatus = {
  /** The task returned the JSON value in the payload. */
  VALUE: 1,
  /** The task returned `undefined`. */
  UNDEFINED: 2,
  /** The task threw; the payload is a `SerializedError` as JSON. */
  ERROR: 3
};
var TAKEN = -1;
var CANCELLED = 0;
var VIA_MESSAGE = -1;
var PAYLOAD_WORDS = 510;
var PAYLOAD_UNITS = PAYLOAD_WORDS * 2;
var CELL_WORDS = TaskCell.PAYLOAD + PAYLOAD_WORDS;
var RESULT_CELLS = 32;
var BLOCK_WORDS = WorkerBlock.RESULTS + RESULT_CELLS * CELL_WORDS;
function taskCellBase(cells, position) {
  return HEADER_WORDS + (position >>> 0) % cells * CELL_WORDS;
}
function blockBase(cells, index) {
  return HEADER_WORDS + cells * CELL_WORDS + index * BLOCK_WORDS;
}
function resultCellBase(block, position) {
  return block + WorkerBlock.RESULTS + (position >>> 0) % RESULT_CELLS * CELL_WORDS;
}
function isJsonSafe(value, depth = 0) {
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
      if (!(i in value) || !isJsonSafe(value[i], depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    if (!isJsonSafe(value[key], depth + 1)) {
      return false;
    }
  }
  return true;
}
function writeUnits(units, unit, text) {
  for (let i = 0; i < text.length; i++) units[unit + i] = text.charCodeAt(i);
}
function readUnits(units, unit, length) {
  if (length === 0) return "";
  return String.fromCharCode.apply(null, units.subarray(unit, unit + length));
}
var encoder = new TextEncoder();
var nameBytes = new Uint8Array(SLOT_NAME_BYTES);
var nameWords = new Int32Array(nameBytes.buffer);
function nameThread(threadId, name) {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return;
  nameBytes.fill(0);
  const { written } = encoder.encodeInto(name, nameBytes);
  for (let i = 0; i < nameWords.length; i++) {
    Atomics.store(view, base + Slot.NAME + i, nameWords[i]);
  }
  Atomics.store(view, base + Slot.NAME_LENGTH, written);
}

export {
  interruptSignal,
  PoolHeader,
  TaskCell,
  ResultCell,
  WorkerBlock,
  ResultStatus,
  TAKEN,
  CANCELLED,
  VIA_MESSAGE,
  PAYLOAD_UNITS,
  RESULT_CELLS,
  taskCellBase,
  blockBase,
  resultCellBase,
  isJsonSafe,
  writeUnits,
  readUnits,
  nameThread
};
