// This module is browser compatible.

/**
 * The runtime: ONE process-wide growable `SharedArrayBuffer` that every
 * thread of the process (the main thread and every worker) shares, and the only mutable
 * module-level state of `concurrency/`. It holds a header, a thread table
 * and an arena where every primitive keeps its state words, so the parking
 * core can wake any thread from whatever it is parked on (interruption) and
 * the deadlock detector can read any lock's owner straight from memory.
 *
 * Layout, as an `Int32Array` (word indices):
 *
 * ```
 * [0, HEADER_WORDS)                      header (see Header)
 * [TABLE_START, TABLE_START + SLOTS*SLOT_WORDS)  thread table (see Slot)
 * [ARENA_START, …)                       arena: the allocator's words, then
 *                                        pages of primitive and extra blocks
 * ```
 *
 * The buffer grows as the arena needs (see `_arena.ts`). Each thread reads it
 * through a fixed-length view (`words()`), re-made when the length published
 * in `Header.RUNTIME_WORDS` changes: fixed-length views keep `Atomics` on the
 * lock fast path as fast as over a plain buffer, where a length-tracking
 * view costs about twice as much.
 *
 * Word 0 is the header's magic, so a word index of 0 never names a
 * primitive word and can mean "not parked".
 *
 * @module
 */

import {
  allocateBlock,
  BlockType,
  freeBlock,
  releaseThreadReferences,
  tryRetainPrimitive,
} from "./_arena.ts";

/** Words of the header. */
export const Header = {
  /** A magic number and layout version. */
  MAGIC: 0,
  /** A random id of this runtime, to tell two runtimes apart after cloning. */
  RUNTIME_ID: 1,
  /** The first arena word not yet handed out as a page (bump pointer). */
  ARENA_NEXT: 2,
  /** The last primitive id handed out (ids start at 1). */
  PRIMITIVE_ID: 3,
  /** Where the slot search for the next thread starts (round robin). */
  SLOT_HINT: 4,
  /** Config: 1 when run-time deadlock detection is on (the default). */
  DEADLOCK_DETECTION: 5,
  /** Config: lock-order validation, 0 = off, 1 = warn, 2 = throw. */
  LOCK_ORDER: 6,
  /** Config: 1 when timed waits count as deadlocks. */
  TIMED_WAITS_DEADLOCK: 7,
  /** Words 8 to 31 are free for runtime-wide state (document what you take). */
  FIRST_FREE: 8,
  /** Deadlock detection and lock-order validation take words 8 to 15. Word 8: the arena index of the lock-order graph (0 until lock-order validation first runs). */
  LOCK_ORDER_GRAPH: 8,
  /** Thread dumps, word 9: 1 when parks record their stack (`configure({ captureStacks: true })`). */
  CAPTURE_STACKS: 9,
  /** Thread dumps, word 10: the arena index of the table of parked stacks (one word per thread slot), 0 until stacks are first captured. */
  STACK_TABLE: 10,
  /** Thread dumps, word 11: the arena index of the table of what threads hold beyond lock words (semaphore permits, a pool task; one word per thread slot), 0 until first needed. */
  HOLDS_TABLE: 11,
  /** The arena's spin lock: 0 when free, else the holder's thread id. */
  ARENA_LOCK: 16,
  /** The buffer's length in words, published after every growth. */
  RUNTIME_WORDS: 17,
  /** The most words the arena may grow to; 0 for the built-in limit. */
  ARENA_LIMIT: 18,
} as const;

/** The number of header words. */
export const HEADER_WORDS = 32;
/** The number of thread slots; a thread id keeps its slot in its low 12 bits. */
export const THREAD_SLOTS = 4096;
/** The number of bits of a thread id that hold the slot. */
export const SLOT_BITS = 12;
/** Words per thread slot. */
export const SLOT_WORDS = 32;
/** The first word of the thread table. */
export const TABLE_START = HEADER_WORDS;
/** The first word of the arena. */
export const ARENA_START = TABLE_START + THREAD_SLOTS * SLOT_WORDS;
/** Words of the arena when the runtime is created; it grows from there. */
export const ARENA_WORDS = 262_144;
/** One past the last word of the arena when the runtime is created. */
export const ARENA_END = ARENA_START + ARENA_WORDS;

const MAGIC = 0x77770001;
const MAX_GENERATION = (1 << (30 - SLOT_BITS)) - 1;

/** Words of one thread slot, relative to the slot's first word. */
export const Slot = {
  /** A `ThreadState`. */
  STATE: 0,
  /** The slot's current thread id (`generation << 12 | slot`), 0 when never used. */
  ID: 1,
  /** 1 when the thread has been interrupted and has not yet seen it. */
  INTERRUPT: 2,
  /** The word index the thread is parked on; 0 when it is not parked. Written last. */
  PARK_INDEX: 3,
  /** The `WaitKind` of the current park. */
  PARK_KIND: 4,
  /** The arena index of the primitive the thread waits on (its header), 0 for none. */
  PARK_PRIMITIVE: 5,
  /** 1 when the current park has a timeout. */
  PARK_TIMED: 6,
  /** Bumped on every park and every unpark of this thread; odd while in a blocking park, even in an async one. */
  PARK_SEQUENCE: 7,
  /** The byte length of the thread's name (the bytes are at NAME). */
  NAME_LENGTH: 8,
  /** Words 9 to 16 belong to deadlock detection, interruption, thread ends and the lock gate. */
  FIRST_FREE: 9,
  /** Deadlock detection, word 9: the `PARK_SEQUENCE` of the blocking park that last reached the deadlock check, so the detector counts only blocking waits past the threshold. */
  DEADLOCK_CHECKED: 9,
  /** Deadlock detection, word 10: the `PARK_SEQUENCE` of a park that another thread found to be a deadlock's victim; that park runs the check as soon as it wakes, not in its next slice. */
  DEADLOCK_CHECK_NOW: 10,
  /** Thread dumps, word 11: when the current park began, the low 32 bits of `Date.now()` (a clock every thread shares). */
  PARK_START: 11,
  /** Interruption, word 12: bumped on every interrupt, so `interruptSignal` sees each one. */
  INTERRUPT_COUNT: 12,
  /**
   * The thread's id while it runs, 0 once the runtime has marked it ended
   * (any way, termination included). A thread checks this word of its own
   * slot on entry to every operation and after every wake: one load, and a
   * reused slot holds another id, so an old thread never reads itself live.
   */
  LIVE: 13,
  /** The id of the thread that started this one (`spawn`, `registerWorker`), 0 for none: its end ends this thread too. */
  PARENT: 14,
  /**
   * The `PARK_SEQUENCE` of a park that must return to its caller to re-check
   * its word (its lock's owner ended): the park checks it before and after
   * every slice, so the request holds even when the wake that goes with it
   * lands between two slices.
   */
  RECHECK: 15,
  /**
   * The thread's id while it runs and lock-order validation has stayed off
   * since it started; 0 once it has ended or validation was turned on. The
   * one word `Lock.acquire` reads before its compare-and-swap: any other
   * value sends it to the checks of {@linkcode Slot.LIVE} and of the
   * `LOCK_ORDER` header word. Validation turned off again leaves it 0.
   */
  GATE: 16,
  /** The first of 15 words (60 bytes) holding the thread's name as UTF-8. */
  NAME: 17,
} as const;

/** The most bytes of a thread name the table keeps. */
export const SLOT_NAME_BYTES = (SLOT_WORDS - Slot.NAME) * 4;

/** The states of a thread slot. */
export const ThreadState = {
  /** Never used. */
  FREE: 0,
  /** Claimed, the thread runs (or is starting). */
  RUNNING: 1,
  /** The thread returned normally. */
  FINISHED: 2,
  /** The thread threw, or was terminated and has since seen it. */
  DIED: 3,
  /**
   * The thread was terminated while it might still run (`Worker.terminate()`
   * does not stop a thread blocked in `Atomics.wait`): its slot is not
   * reused until the thread has seen its end (it then moves the slot to
   * `DIED`), unless every other slot is taken.
   */
  TERMINATED: 4,
} as const;

/** The kinds of primitives, stored in the first word of each primitive. */
export const PrimitiveKind = {
  Lock: 1,
  RLock: 2,
  Condition: 3,
  Semaphore: 4,
  BoundedSemaphore: 5,
  Event: 6,
  Barrier: 7,
  SharedQueue: 8,
  /** Kinds from 16 on: what is not a primitive of the public API. */
  FIRST_FREE: 16,
  /** Kinds 24 to 31 belong to deadlock detection. 24: the lock-order graph (one per runtime). */
  LockOrderGraph: 24,
  /** A `StopFlag`. */
  StopFlag: 16,
} as const;

/** Words of a primitive's header in the arena, relative to its base index. */
export const Primitive = {
  /** A `PrimitiveKind`. */
  KIND: 0,
  /** A stable id, unique in the runtime, increasing in creation order. */
  ID: 1,
  /** The arena index of the name's UTF-8 bytes. */
  NAME_INDEX: 2,
  /** The byte length of the name. */
  NAME_LENGTH: 3,
  /** How many objects, in all threads, hold the primitive; 0 frees it. */
  REFERENCES: 4,
  /** The first of the primitive's own state words. */
  STATE: 5,
} as const;

/** What every primitive handle carries. */
export interface PrimitiveHandle {
  /** The class name of the primitive, e.g. `"Lock"`. */
  readonly kind: string;
  /** The runtime the primitive lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the primitive's header. */
  readonly index: number;
  /** The primitive's stable id. */
  readonly id: number;
}

let runtimeBuffer: SharedArrayBuffer | undefined;
let memory: Int32Array | undefined;
let currentThread = 0;

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);
const decoder = new TextDecoder();

/**
 * Returns the runtime's words, creating the runtime (and claiming this
 * thread's slot) on first use, and a new view when the buffer has grown.
 */
export function words(): Int32Array {
  const view = memory;
  if (view === undefined) return createRuntime();
  // A plain read: a growth another thread made is seen here or at a later
  // call, always before this thread is handed a block past the old length.
  if (view[Header.RUNTIME_WORDS] === view.length) return view;
  return refreshWords();
}

function refreshWords(): Int32Array {
  const buffer = runtimeBuffer!;
  memory = new Int32Array(buffer, 0, buffer.byteLength / 4);
  return memory;
}

/** The most bytes the runtime buffer may grow to (1 GiB). */
const MAX_RUNTIME_BYTES = 1 << 30;

function newRuntimeBuffer(): SharedArrayBuffer {
  try {
    const buffer = new SharedArrayBuffer(ARENA_END * 4, {
      maxByteLength: MAX_RUNTIME_BYTES,
    });
    if (buffer.growable) return buffer;
  } catch {
    // No growable buffers here (or no room to reserve): a fixed arena.
  }
  return new SharedArrayBuffer(ARENA_END * 4);
}

/** Returns the runtime's buffer, creating it on first use. */
export function runtime(): SharedArrayBuffer {
  words();
  return runtimeBuffer!;
}

/** Returns true when this thread already has a runtime. */
export function hasRuntime(): boolean {
  return memory !== undefined;
}

function createRuntime(): Int32Array {
  const buffer = newRuntimeBuffer();
  const view = new Int32Array(buffer, 0, buffer.byteLength / 4);
  view[Header.MAGIC] = MAGIC;
  view[Header.RUNTIME_WORDS] = view.length;
  view[Header.RUNTIME_ID] = (Math.random() * 0x7fffffff) | 1;
  view[Header.DEADLOCK_DETECTION] = 1;
  view[Header.SLOT_HINT] = 1;
  runtimeBuffer = buffer;
  memory = view;
  // The creating thread (normally the main thread) takes slot 0: the first id.
  currentThread = claimSlotAt(view, 0, "main", 0, false)!;
  return view;
}

function checkRuntime(buffer: unknown): Int32Array {
  if (
    !(buffer instanceof SharedArrayBuffer) ||
    buffer.byteLength < ARENA_END * 4 || buffer.byteLength % 4 !== 0
  ) {
    throw new TypeError(
      "Cannot use the handle: its runtime is not a wirework runtime buffer",
    );
  }
  const view = new Int32Array(buffer, 0, buffer.byteLength / 4);
  if (Atomics.load(view, Header.MAGIC) !== MAGIC) {
    throw new TypeError(
      "Cannot use the handle: its runtime has an unknown layout version",
    );
  }
  return view;
}

/**
 * Makes `buffer` this thread's runtime, when the thread has none, or checks
 * that it is the one already installed.
 *
 * @param buffer The runtime buffer from a handle or a start message.
 * @param threadId The id a parent claimed for this thread (spawn), or
 *   undefined to claim a free slot now (a worker started by other means).
 * @throws {TypeError} When a different runtime is already installed.
 */
export function installRuntime(
  buffer: SharedArrayBuffer,
  threadId?: number,
): void {
  const view = checkRuntime(buffer);
  if (memory !== undefined) {
    if (memory[Header.RUNTIME_ID] !== view[Header.RUNTIME_ID]) {
      throw new TypeError(
        `Cannot use a handle from runtime ${
          view[Header.RUNTIME_ID]
        } in a thread that uses runtime ${
          memory[Header.RUNTIME_ID]
        }: spawn workers with spawn(), or pass a handle to a thread before it creates primitives`,
      );
    }
    return;
  }
  runtimeBuffer = buffer;
  memory = view;
  currentThread = threadId ?? claimThreadSlot();
}

/** Returns this thread's id, claiming a slot (and creating the runtime) on first use. */
export function currentThreadId(): number {
  if (currentThread === 0) words();
  return currentThread;
}

/** Returns the first word of a thread's slot, from its id. */
export function slotBase(threadId: number): number {
  return TABLE_START + (threadId & (THREAD_SLOTS - 1)) * SLOT_WORDS;
}

/**
 * Calls `visit` with the id of each thread in the table now, in slot order:
 * every one, or only the running ones (not ended, not terminated). Stops
 * as soon as `visit` returns false, so a walk that learns what it needs
 * from the first threads reads no further.
 */
export function forEachThread(
  view: Int32Array,
  runningOnly: boolean,
  visit: (id: number) => boolean | void,
): void {
  for (let i = 0; i < THREAD_SLOTS; i++) {
    const slot = TABLE_START + i * SLOT_WORDS;
    const id = Atomics.load(view, slot + Slot.ID);
    if (id === 0) continue;
    if (
      runningOnly &&
      Atomics.load(view, slot + Slot.STATE) !== ThreadState.RUNNING
    ) continue;
    if (visit(id) === false) return;
  }
}

/** The ids of the threads in the table now, in slot order (see {@linkcode forEachThread}). */
export function threadIds(view: Int32Array, runningOnly = false): number[] {
  const ids: number[] = [];
  forEachThread(view, runningOnly, (id) => {
    ids.push(id);
  });
  return ids;
}

/** Returns the first word of this thread's slot. */
export function currentSlotBase(): number {
  return slotBase(currentThreadId());
}

function claimSlotAt(
  view: Int32Array,
  slot: number,
  name: string | undefined,
  parent: number,
  reclaim: boolean,
): number | undefined {
  const base = TABLE_START + slot * SLOT_WORDS;
  const state = Atomics.load(view, base + Slot.STATE);
  if (state === ThreadState.RUNNING) return undefined;
  if (state === ThreadState.TERMINATED && !reclaim) return undefined;
  if (
    Atomics.compareExchange(
      view,
      base + Slot.STATE,
      state,
      ThreadState.RUNNING,
    ) !== state
  ) {
    return undefined;
  }
  const previous = Atomics.load(view, base + Slot.ID);
  const generation = previous === 0
    ? 1
    : (previous >>> SLOT_BITS) % MAX_GENERATION + 1;
  const id = (generation << SLOT_BITS) | slot;
  // No interrupt and no park (the park sequence goes on), nor anything of
  // the words from FIRST_FREE on, is left of the slot's last thread.
  for (let word = Slot.INTERRUPT; word <= Slot.PARK_TIMED; word++) {
    Atomics.store(view, base + word, 0);
  }
  for (let word = Slot.FIRST_FREE; word < Slot.NAME; word++) {
    Atomics.store(view, base + word, 0);
  }
  writeSlotName(view, base, name ?? `thread-${id}`);
  Atomics.store(view, base + Slot.PARENT, parent);
  Atomics.store(view, base + Slot.ID, id);
  Atomics.store(view, base + Slot.LIVE, id);
  // Opened after the store, then checked: a `configure()` that turns
  // validation on either sees this gate open and closes it, or is seen here.
  Atomics.store(view, base + Slot.GATE, id);
  if (Atomics.load(view, Header.LOCK_ORDER) !== 0) {
    Atomics.store(view, base + Slot.GATE, 0);
  }
  return id;
}

/** Writes a thread's name into its slot (the first 60 UTF-8 bytes); `base` is the slot's first word. */
export function writeSlotName(
  view: Int32Array,
  base: number,
  name: string,
): void {
  storeText(
    view,
    base + Slot.NAME,
    base + Slot.NAME_LENGTH,
    name,
    SLOT_NAME_BYTES,
  );
}

/** Scratch for {@linkcode storeText}: names are written often (a pool names its worker per task). */
let textBytes = new Uint8Array(SLOT_NAME_BYTES);

/**
 * Stores `text` as UTF-8 in the words from `at` on, cut at `maxBytes` (a
 * multiple of 4; every one of those words is written, so nothing of a
 * longer earlier text stays), and its byte length in `words()[lengthAt]`:
 * how names live in shared memory. Read back with {@linkcode loadText}.
 */
export function storeText(
  view: Int32Array,
  at: number,
  lengthAt: number,
  text: string,
  maxBytes: number,
): void {
  if (textBytes.length < maxBytes) textBytes = new Uint8Array(maxBytes);
  const bytes = textBytes.subarray(0, maxBytes);
  bytes.fill(0);
  const { written } = encoder.encodeInto(text, bytes);
  const asWords = new Int32Array(textBytes.buffer, 0, maxBytes / 4);
  for (let i = 0; i < asWords.length; i++) {
    Atomics.store(view, at + i, asWords[i]!);
  }
  Atomics.store(view, lengthAt, written);
}

/** Reads `length` bytes of text that {@linkcode storeText} stored from word `at` on. */
export function loadText(view: Int32Array, at: number, length: number): string {
  const asWords = new Int32Array(Math.ceil(length / 4));
  for (let i = 0; i < asWords.length; i++) {
    asWords[i] = Atomics.load(view, at + i);
  }
  return decoder.decode(new Uint8Array(asWords.buffer, 0, length));
}

/**
 * Claims a slot for a new thread (spawn does this for the worker it starts),
 * reusing finished or dead slots under a new generation so an old owner id
 * never aliases the new thread. Slots of terminated threads that may still
 * run are taken only when no other slot is left.
 *
 * @param name The thread's name (the first 60 UTF-8 bytes are kept);
 *   defaults to `thread-<id>`.
 * @param parent The thread that starts it (its end ends this one), 0 for none.
 * @returns The new thread id.
 * @throws {RangeError} When every slot holds a running thread.
 */
export function claimThreadSlot(name?: string, parent = 0): number {
  const view = words();
  const start = Atomics.add(view, Header.SLOT_HINT, 1);
  for (const reclaim of [false, true]) {
    for (let i = 0; i < THREAD_SLOTS; i++) {
      const slot = (start + i) % THREAD_SLOTS;
      if (slot === 0 && Atomics.load(view, TABLE_START + Slot.ID) === 0) {
        continue;
      }
      const id = claimSlotAt(view, slot, name, parent, reclaim);
      if (id !== undefined) return id;
    }
  }
  throw new RangeError(
    `Cannot start thread "${
      name ?? ""
    }": all ${THREAD_SLOTS} thread slots are in use`,
  );
}

/**
 * Marks a thread's slot as ended, unless the slot has been reused since:
 * its live word first (so the thread itself stops at its next check), then
 * its state (so a lock it holds reads as poisoned).
 *
 * @param threadId The thread's id.
 * @param state `ThreadState.FINISHED`, `DIED` or `TERMINATED`.
 * @returns true when this call ended a running thread.
 */
export function markThreadEnded(threadId: number, state: number): boolean {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return false;
  Atomics.compareExchange(view, base + Slot.LIVE, threadId, 0);
  Atomics.compareExchange(view, base + Slot.GATE, threadId, 0);
  return Atomics.compareExchange(
    view,
    base + Slot.STATE,
    ThreadState.RUNNING,
    state,
  ) === ThreadState.RUNNING;
}

/**
 * Drops what an ended thread still held, seen from another thread (its
 * finalizers will never run), after the current step: that step may be
 * reviving the thread's result first. A terminated thread that was parked
 * wakes into its end and may touch a primitive until then: its references
 * go when it has seen its end ({@linkcode releaseTerminatedSlot}), so no
 * block it might touch is reused before. Releasing twice is harmless.
 *
 * @param threadId The thread that ended.
 * @param state How it ended.
 * @param parked Whether it was parked when it ended.
 */
export function releaseEndedThread(
  threadId: number,
  state: number,
  parked: boolean,
): void {
  if (state === ThreadState.TERMINATED && parked) return;
  queueMicrotask(() => releaseThreadReferences(threadId));
}

/**
 * Called by a terminated thread once it has seen its end and left every
 * wait: its slot may be reused from now on (`TERMINATED` becomes `DIED`).
 *
 * @param threadId The thread's own id.
 */
export function releaseTerminatedSlot(threadId: number): void {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return;
  Atomics.compareExchange(
    view,
    base + Slot.STATE,
    ThreadState.TERMINATED,
    ThreadState.DIED,
  );
  // Deferred from markThreadEnded: a thread parked when it was terminated
  // may still touch a primitive until it has seen its end.
  releaseThreadReferences(threadId);
}

/**
 * Closes every thread's lock gate ({@linkcode Slot.GATE}), after lock-order
 * validation was turned on: from their next `Lock` acquire on, the threads
 * check the `LOCK_ORDER` word. Gates stay closed when validation goes off
 * again (the check then finds it off); a thread started later opens its own.
 */
export function closeLockGates(): void {
  const view = words();
  for (let base = TABLE_START; base < ARENA_START; base += SLOT_WORDS) {
    Atomics.store(view, base + Slot.GATE, 0);
  }
}

/**
 * Returns the ids of the threads still marked live whose parent is
 * `threadId` (threads it started with `spawn` or `registerWorker`).
 */
export function liveChildrenOf(threadId: number): number[] {
  const view = words();
  const children: number[] = [];
  for (let base = TABLE_START; base < ARENA_START; base += SLOT_WORDS) {
    if (Atomics.load(view, base + Slot.PARENT) !== threadId) continue;
    const id = Atomics.load(view, base + Slot.LIVE);
    if (id !== 0) children.push(id);
  }
  return children;
}

/** Returns whether `threadId` is still marked live (running, not ended nor terminated). */
export function threadLive(view: Int32Array, threadId: number): boolean {
  return Atomics.load(view, slotBase(threadId) + Slot.LIVE) === threadId;
}

/** Returns the state of a thread (`ThreadState.DIED` for an id whose slot was reused). */
export function threadState(threadId: number): number {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return ThreadState.DIED;
  return Atomics.load(view, base + Slot.STATE);
}

/** Returns a thread's name as recorded in its slot (empty for an id whose slot was reused). */
export function threadName(threadId: number): string {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return "";
  const length = Atomics.load(view, base + Slot.NAME_LENGTH);
  return loadText(view, base + Slot.NAME, Math.min(length, SLOT_NAME_BYTES));
}

/**
 * Allocates `count` zeroed words in the arena, for a primitive's extra
 * storage (a `Condition`'s wait-queue nodes). Free them with `freeWords`
 * (a primitive's free hook does, see `onPrimitiveFreed`).
 *
 * @param count How many words.
 * @param what What they are for, for the error message.
 * @returns The arena index of the first word.
 * @throws {RangeError} When the runtime's memory is at its limit.
 */
export function allocateWords(count: number, what: string): number {
  return allocateBlock(count, BlockType.RAW, what);
}

/** Frees words from {@linkcode allocateWords}. */
export function freeWords(index: number): void {
  freeBlock(index);
}

/**
 * Allocates a primitive in the arena: its header (kind, id, name index,
 * name length, one reference: the caller's), `stateWords` zeroed state
 * words, then the name's bytes.
 *
 * @param kind A `PrimitiveKind`.
 * @param stateWords How many state words the primitive needs.
 * @param name The primitive's name; empty for none.
 * @returns The arena index of the primitive's header; its state starts at
 *   `index + Primitive.STATE`.
 * @throws {RangeError} When the runtime's memory is at its limit.
 */
export function allocatePrimitive(
  kind: number,
  stateWords: number,
  name: string,
): number {
  const nameBytes = name === "" ? EMPTY : encoder.encode(name);
  const nameWords = Math.ceil(nameBytes.length / 4);
  const total = Primitive.STATE + stateWords + nameWords;
  const base = allocateBlock(
    total,
    BlockType.PRIMITIVE,
    `primitive "${name}"`,
  );
  const view = words();
  const nameIndex = base + Primitive.STATE + stateWords;
  if (nameWords > 0) {
    const padded = new Uint8Array(nameWords * 4);
    padded.set(nameBytes);
    const asWords = new Int32Array(padded.buffer);
    for (let i = 0; i < nameWords; i++) {
      Atomics.store(view, nameIndex + i, asWords[i]!);
    }
  }
  Atomics.store(view, base + Primitive.NAME_INDEX, nameIndex);
  Atomics.store(view, base + Primitive.NAME_LENGTH, nameBytes.length);
  Atomics.store(
    view,
    base + Primitive.ID,
    Atomics.add(view, Header.PRIMITIVE_ID, 1) + 1,
  );
  Atomics.store(view, base + Primitive.KIND, kind);
  // Last: a stale handle's revival checks the count before the id.
  Atomics.store(view, base + Primitive.REFERENCES, 1);
  return base;
}

/**
 * Returns the arena index a constructor works on: the one `from()` adopted,
 * or a new primitive named `options.name`.
 */
export function primitiveIndex(
  options: { name?: string },
  kind: number,
  stateWords: number,
): number {
  return adoptedIndex(options) ??
    allocatePrimitive(kind, stateWords, options.name ?? "");
}

/** Returns a primitive's name, from its arena index. */
export function primitiveName(base: number): string {
  const view = words();
  const nameIndex = Atomics.load(view, base + Primitive.NAME_INDEX);
  const length = Atomics.load(view, base + Primitive.NAME_LENGTH);
  return loadText(view, nameIndex, length);
}

/** Returns the class name of a `PrimitiveKind` (`"Lock"`), or `"primitive"`. */
export function kindName(kind: number): string {
  return KIND_NAMES[kind] ?? "primitive";
}

const KIND_NAMES: Record<number, string> = {};
for (const [name, value] of Object.entries(PrimitiveKind)) {
  if (name !== "FIRST_FREE") KIND_NAMES[value] = name;
}

/**
 * Opens a handle for `from()` (see {@linkcode openHandle}) and returns the
 * constructor options that adopt its primitive.
 */
export function revival<T>(handle: PrimitiveHandle, kind: number): T {
  return adopt<T>(openHandle(handle, kindName(kind), kind));
}

/** The fields every handle starts with. */
export function handleFields<K extends string>(
  kind: K,
  index: number,
): { kind: K; runtime: SharedArrayBuffer; index: number; id: number } {
  const view = words();
  return {
    kind,
    runtime: runtimeBuffer!,
    index,
    id: view[index + Primitive.ID]!,
  };
}

/**
 * Checks a handle, installs its runtime in this thread and takes a
 * reference on the primitive, for `from()` (the new object records it).
 *
 * @param handle What the caller passed to `from()`.
 * @param kind The class name expected in `handle.kind`.
 * @param primitiveKind The `PrimitiveKind` expected in the arena.
 * @returns The arena index of the primitive's header.
 * @throws {TypeError} When the handle is not a handle of that kind, or its
 *   primitive was freed (every object holding it was disposed or collected
 *   before this revival).
 */
export function openHandle(
  handle: PrimitiveHandle,
  kind: string,
  primitiveKind: number,
): number {
  if (typeof handle !== "object" || handle === null || handle.kind !== kind) {
    throw new TypeError(
      `Cannot revive a ${kind} from ${
        JSON.stringify((handle as { kind?: unknown } | null)?.kind ?? null)
      }: not a ${kind} handle`,
    );
  }
  installRuntime(handle.runtime);
  const index = handle.index;
  if (!tryRetainPrimitive(index, primitiveKind, handle.id)) {
    throw new TypeError(
      `Cannot revive ${kind} ${handle.id} from its handle: it was freed (every object holding it was disposed or collected before this revival; keep one alive until the receiver has revived it)`,
    );
  }
  return index;
}

/**
 * The `performance.now()` by which `timeoutMs` runs out; `Infinity`, with
 * no clock read, for a wait without limit (most waits): each read costs.
 */
export function deadlineIn(timeoutMs: number): number {
  return timeoutMs === Infinity ? Infinity : performance.now() + timeoutMs;
}

/** The milliseconds left until `deadline` (see {@linkcode deadlineIn}); no clock read for `Infinity`. */
export function msLeft(deadline: number): number {
  return deadline === Infinity ? Infinity : deadline - performance.now();
}

/** Reads a timeout option: undefined or Infinity wait for ever; negative or NaN is an error. */
export function timeoutOption(timeout: number | undefined): number {
  if (timeout === undefined) return Infinity;
  if (typeof timeout !== "number" || Number.isNaN(timeout) || timeout < 0) {
    throw new RangeError(
      `Cannot wait with timeout "${timeout}": it must be a number of milliseconds >= 0`,
    );
  }
  return timeout;
}

/**
 * The key under which `from()` passes an existing primitive's arena index to
 * the constructor, so the public constructor signature stays the options
 * object alone.
 */
export const ADOPT: unique symbol = Symbol("wirework.adopt");

/** An options object that may carry an arena index to adopt. */
export type Adoptable = { [ADOPT]?: number };

/** Reads the arena index that `from()` passed, if any. */
export function adoptedIndex(options: object): number | undefined {
  return (options as Adoptable)[ADOPT];
}

/** Builds the constructor options that make it adopt `index`. */
export function adopt<T>(index: number): T {
  return { [ADOPT]: index } as T;
}

/** A guard that runs `release` once, for `using` and `await using`. */
export function guard(release: () => void): Disposable & AsyncDisposable {
  let released = false;
  const dispose = (): void => {
    if (released) return;
    released = true;
    release();
  };
  return {
    [Symbol.dispose]: dispose,
    [Symbol.asyncDispose]: () => Promise.resolve(dispose()),
  };
}

/**
 * What every `hold()` and `holdAsync()` returns once its acquire answered:
 * the guard that releases `primitive`, or the timeout error naming `what`.
 */
export function held(
  taken: boolean,
  primitive: { release(): void },
  what: string,
  timeout: number | undefined,
): Disposable & AsyncDisposable {
  if (!taken) throw holdTimeoutError(what, timeout!);
  return guard(() => primitive.release());
}

/** The error a `hold()` with a timeout throws when the time ran out. */
export function holdTimeoutError(what: string, timeout: number): DOMException {
  return new DOMException(
    `Cannot take ${what}: timed out after ${timeout} ms`,
    "TimeoutError",
  );
}

/** Reads the timeout of a blocking acquire, as Python's `acquire(blocking, timeout)` does. */
export function blockingTimeout(
  options: { blocking?: boolean; timeout?: number },
): number {
  if (options.blocking === false) {
    if (options.timeout !== undefined) {
      throw new RangeError(
        `Cannot acquire with timeout "${options.timeout}" and blocking false: a non-blocking acquire does not wait`,
      );
    }
    return 0;
  }
  return timeoutOption(options.timeout);
}

/** The key under which `BoundedSemaphore` passes its bound to `Semaphore`'s constructor. */
export const BOUND: unique symbol = Symbol("wirework.bound");
