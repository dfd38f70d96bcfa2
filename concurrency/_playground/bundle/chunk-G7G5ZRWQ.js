// concurrency/_arena.ts
var PAGE_WORDS = 16384;
var PAGE_SHIFT = 14;
var MAX_RUNTIME_WORDS = 1 << 28;
var SPAN_CLASS = 12;
var CLASSES = 27;
var BlockType = {
  /** Extra words: wait-queue nodes, tables, the lock-order graph. */
  RAW: 0,
  /** A primitive: the header of `Primitive`, its state words, its name. */
  PRIMITIVE: 1
};
var TYPES = 2;
var FREE_HEADS = 0;
var CURSORS = FREE_HEADS + TYPES * CLASSES;
var HELD_TABLES = CURSORS + TYPES * SPAN_CLASS * 2;
var TABLE_POINTERS = 4096;
var PAGE_TABLE = HELD_TABLES + TABLE_POINTERS;
var MAX_PAGES = MAX_RUNTIME_WORDS >>> PAGE_SHIFT;
var ARENA_META_WORDS = PAGE_TABLE + MAX_PAGES;
var NEXT_FREE = 2;
var PAGE_USED = 1 << 8;
var PAGE_PRIMITIVE = 1 << 9;
var PAGE_SPAN_START = 1 << 10;
var PAGE_SPAN_REST = 1 << 11;
function pagesStart() {
  return ARENA_START + ARENA_META_WORDS;
}
function classFor(count) {
  let size = 4;
  let sizeClass = 0;
  while (size < count) {
    size *= 2;
    sizeClass++;
  }
  return sizeClass;
}
function classWords(sizeClass) {
  return 4 * 2 ** sizeClass;
}
function lockArena(view) {
  const me = currentThreadId() || -1;
  let spins = 0;
  while (Atomics.compareExchange(view, Header.ARENA_LOCK, 0, me) !== 0) {
    if (++spins % 64 === 0) {
      if (spins % 4096 === 0 && stealFromEndedHolder(view, me)) return;
      try {
        Atomics.wait(view, Header.ARENA_LOCK, Atomics.load(view, Header.ARENA_LOCK), 0.05);
      } catch {
      }
    }
  }
}
function stealFromEndedHolder(view, me) {
  const holder = Atomics.load(view, Header.ARENA_LOCK);
  if (holder <= 0) return false;
  const slot = slotBase(holder);
  if (Atomics.load(view, slot + Slot.ID) === holder && Atomics.load(view, slot + Slot.STATE) === ThreadState.RUNNING) return false;
  return Atomics.compareExchange(view, Header.ARENA_LOCK, holder, me) === holder;
}
function unlockArena(view) {
  Atomics.store(view, Header.ARENA_LOCK, 0);
}
function ensureLength(view, end) {
  if (end > arenaLimit(view)) return false;
  if (end <= Atomics.load(view, Header.RUNTIME_WORDS)) return true;
  const buffer = view.buffer;
  if (typeof buffer.grow !== "function" || !buffer.growable) return false;
  const current = buffer.byteLength / 4;
  const target = Math.min(MAX_RUNTIME_WORDS, Math.max(end, current + (current >>> 1), current + 16 * PAGE_WORDS));
  try {
    if (target > current) buffer.grow(target * 4);
  } catch {
    try {
      if (end > buffer.byteLength / 4) buffer.grow(end * 4);
    } catch {
      return false;
    }
  }
  Atomics.store(view, Header.RUNTIME_WORDS, buffer.byteLength / 4);
  return true;
}
function takePages(view, pages) {
  const next = Atomics.load(view, Header.ARENA_NEXT) || pagesStart();
  const end = next + pages * PAGE_WORDS;
  if (!ensureLength(view, end)) return -1;
  Atomics.store(view, Header.ARENA_NEXT, end);
  return next - pagesStart() >>> PAGE_SHIFT;
}
function arenaLimit(view) {
  return Atomics.load(view, Header.ARENA_LIMIT) || MAX_RUNTIME_WORDS;
}
function exhausted(count, what) {
  const limit = arenaLimit(words());
  return new RangeError(`Cannot allocate ${count} words for ${what}: the runtime's memory is at its limit of ${limit} words (${Math.floor(limit / 262144)} MiB) and no freed block fits; dispose of primitives no longer used`);
}
function allocateBlock(count, type, what) {
  if (!(Number.isInteger(count) && count >= 1)) {
    throw new RangeError(`Cannot allocate "${count}" words for ${what}`);
  }
  const sizeClass = classFor(count);
  if (sizeClass >= CLASSES) throw exhausted(count, what);
  let view = words();
  let block = -1;
  lockArena(view);
  try {
    block = takeBlock(view, type, sizeClass);
  } finally {
    unlockArena(view);
  }
  if (block < 0) throw exhausted(count, what);
  view = words();
  view.fill(0, block, block + classWords(sizeClass));
  return block;
}
function takeBlock(view, type, sizeClass) {
  const head = ARENA_START + FREE_HEADS + type * CLASSES + sizeClass;
  const free = Atomics.load(view, head);
  if (free !== 0) {
    view = words();
    Atomics.store(view, head, Atomics.load(view, free + NEXT_FREE));
    return free;
  }
  const flags = PAGE_USED | (type === BlockType.PRIMITIVE ? PAGE_PRIMITIVE : 0);
  if (sizeClass >= SPAN_CLASS) {
    const pages = 2 ** (sizeClass - SPAN_CLASS);
    const page = takePages(view, pages);
    if (page < 0) return -1;
    view = words();
    Atomics.store(view, ARENA_START + PAGE_TABLE + page, flags | PAGE_SPAN_START | sizeClass);
    for (let rest = 1; rest < pages; rest++) {
      Atomics.store(view, ARENA_START + PAGE_TABLE + page + rest, PAGE_SPAN_REST);
    }
    return pagesStart() + page * PAGE_WORDS;
  }
  const cursor = ARENA_START + CURSORS + (type * SPAN_CLASS + sizeClass) * 2;
  let at = Atomics.load(view, cursor);
  const size = classWords(sizeClass);
  if (at === 0 || at + size > Atomics.load(view, cursor + 1)) {
    const page = takePages(view, 1);
    if (page < 0) return -1;
    view = words();
    Atomics.store(view, ARENA_START + PAGE_TABLE + page, flags | sizeClass);
    at = pagesStart() + page * PAGE_WORDS;
    Atomics.store(view, cursor + 1, at + PAGE_WORDS);
  }
  Atomics.store(view, cursor, at + size);
  return at;
}
function pageEntry(view, index) {
  const offset = index - pagesStart();
  if (offset < 0 || index >= Atomics.load(view, Header.ARENA_NEXT)) return 0;
  return Atomics.load(view, ARENA_START + PAGE_TABLE + (offset >>> PAGE_SHIFT));
}
function isPrimitiveBlock(index) {
  if (!Number.isInteger(index)) return false;
  const view = words();
  const entry = pageEntry(view, index);
  if ((entry & PAGE_PRIMITIVE) === 0) return false;
  const offset = index - pagesStart() & PAGE_WORDS - 1;
  if ((entry & PAGE_SPAN_START) !== 0) return offset === 0;
  return offset % classWords(entry & 255) === 0;
}
function freeBlock(index) {
  const view = words();
  const entry = pageEntry(view, index);
  if ((entry & PAGE_USED) === 0) {
    throw new RangeError(`Cannot free arena word ${index}: not a block`);
  }
  const type = (entry & PAGE_PRIMITIVE) !== 0 ? BlockType.PRIMITIVE : BlockType.RAW;
  const head = ARENA_START + FREE_HEADS + type * CLASSES + (entry & 255);
  lockArena(view);
  try {
    Atomics.store(view, index + NEXT_FREE, Atomics.load(view, head));
    Atomics.store(view, head, index);
  } finally {
    unlockArena(view);
  }
}
var Table = {
  /** The id of the thread that owns the table. */
  OWNER: 0,
  /** How many entries the table has room for. */
  CAPACITY: 1,
  /** The first entry: the arena index of a held primitive, 0 when empty. */
  ENTRIES: 2
};
var heldTable = 0;
var heldNext = 0;
var heldFree = [];
var freeHooks = /* @__PURE__ */ new Map();
var keepHooks = [];
function keepFreedBlockWhen(keep) {
  keepHooks.push(keep);
}
function onPrimitiveFreed(kind, hook) {
  freeHooks.set(kind, hook);
}
function tableSlotWord(threadId) {
  return ARENA_START + HELD_TABLES + (threadId & THREAD_SLOTS - 1);
}
function ensureTable() {
  const me = currentThreadId();
  let view = words();
  const slotWord = tableSlotWord(me);
  if (heldTable !== 0) {
    if (Atomics.load(view, slotWord) !== heldTable) {
      throw new TypeError(`Cannot hold a primitive in thread ${me}: the thread has ended`);
    }
    const capacity2 = Atomics.load(view, heldTable + Table.CAPACITY);
    if (heldFree.length > 0 || heldNext < capacity2) return heldTable;
    const bigger = allocateBlock(Table.ENTRIES + capacity2 * 2, BlockType.RAW, `the references of thread ${me}`);
    view = words();
    Atomics.store(view, bigger + Table.OWNER, me);
    Atomics.store(view, bigger + Table.CAPACITY, capacity2 * 2);
    for (let entry = 0; entry < capacity2; entry++) {
      const at = Table.ENTRIES + entry;
      Atomics.store(view, bigger + at, Atomics.load(view, heldTable + at));
    }
    Atomics.store(view, slotWord, bigger);
    freeBlock(heldTable);
    heldTable = bigger;
    return heldTable;
  }
  const left = Atomics.load(view, slotWord);
  if (left !== 0) {
    releaseTable(left);
    Atomics.store(view, slotWord, 0);
    freeBlock(left);
  }
  const capacity = 254;
  const table2 = allocateBlock(Table.ENTRIES + capacity, BlockType.RAW, `the references of thread ${me}`);
  view = words();
  Atomics.store(view, table2 + Table.OWNER, me);
  Atomics.store(view, table2 + Table.CAPACITY, capacity);
  Atomics.store(view, slotWord, table2);
  heldTable = table2;
  heldNext = 0;
  heldFree.length = 0;
  return table2;
}
function recordReference(index) {
  const table2 = ensureTable();
  const entry = heldFree.pop() ?? heldNext++;
  Atomics.store(words(), table2 + Table.ENTRIES + entry, index);
  return entry;
}
function dropReference(entry, index) {
  if (heldTable === 0) return;
  const view = words();
  const at = heldTable + Table.ENTRIES + entry;
  if (Atomics.compareExchange(view, at, index, 0) !== index) return;
  heldFree.push(entry);
  releasePrimitive(index);
}
function tryRetainPrimitive(index, kind, id) {
  if (!isPrimitiveBlock(index)) return false;
  const view = words();
  const references = index + Primitive.REFERENCES;
  for (; ; ) {
    const count = Atomics.load(view, references);
    if (count <= 0) return false;
    if (Atomics.load(view, index + Primitive.ID) !== id || Atomics.load(view, index + Primitive.KIND) !== kind) return false;
    if (Atomics.compareExchange(view, references, count, count + 1) === count) {
      break;
    }
  }
  if (Atomics.load(view, index + Primitive.ID) !== id) {
    releasePrimitive(index);
    return false;
  }
  return true;
}
function releasePrimitive(index) {
  const view = words();
  const left = Atomics.sub(view, index + Primitive.REFERENCES, 1) - 1;
  if (left > 0) return;
  if (left < 0) {
    throw new RangeError(`Cannot release primitive at arena word ${index}: it has no references left`);
  }
  const kind = Atomics.load(view, index + Primitive.KIND);
  freeHooks.get(kind)?.(view, index);
  Atomics.store(view, index + Primitive.ID, 0);
  Atomics.store(view, index + Primitive.KIND, 0);
  if (keepHooks.some((keep) => keep(view, index))) return;
  freeBlock(index);
}
function releaseTable(table2) {
  const view = words();
  const capacity = Atomics.load(view, table2 + Table.CAPACITY);
  for (let entry = 0; entry < capacity; entry++) {
    const at = table2 + Table.ENTRIES + entry;
    const index = Atomics.load(view, at);
    if (index !== 0 && Atomics.compareExchange(view, at, index, 0) === index) {
      releasePrimitive(index);
    }
  }
}
function releaseThreadReferences(threadId) {
  const view = words();
  const table2 = Atomics.load(view, tableSlotWord(threadId));
  if (table2 === 0 || Atomics.load(view, table2 + Table.OWNER) !== threadId) {
    return;
  }
  releaseTable(table2);
}
function referencedPrimitives() {
  const view = words();
  const found = /* @__PURE__ */ new Set();
  for (let slot = 0; slot < THREAD_SLOTS; slot++) {
    const table2 = Atomics.load(view, ARENA_START + HELD_TABLES + slot);
    if (table2 === 0) continue;
    const capacity = Atomics.load(view, table2 + Table.CAPACITY);
    if (capacity <= 0 || table2 + Table.ENTRIES + capacity > view.length) {
      continue;
    }
    for (let entry = 0; entry < capacity; entry++) {
      const index = Atomics.load(view, table2 + Table.ENTRIES + entry);
      if (index !== 0 && isPrimitiveBlock(index)) found.add(index);
    }
  }
  return found;
}

// concurrency/_runtime.ts
var Header = {
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
  ARENA_LIMIT: 18
};
var HEADER_WORDS = 32;
var THREAD_SLOTS = 4096;
var SLOT_BITS = 12;
var SLOT_WORDS = 32;
var TABLE_START = HEADER_WORDS;
var ARENA_START = TABLE_START + THREAD_SLOTS * SLOT_WORDS;
var ARENA_WORDS = 262144;
var ARENA_END = ARENA_START + ARENA_WORDS;
var MAGIC = 2004287489;
var MAX_GENERATION = (1 << 30 - SLOT_BITS) - 1;
var Slot = {
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
  /** Bumped on every park and every unpark of this thread. */
  PARK_SEQUENCE: 7,
  /** The byte length of the thread's name (the bytes are at NAME). */
  NAME_LENGTH: 8,
  /** Words 9 to 15 belong to deadlock detection, interruption and thread ends. */
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
  /** The first of 16 words (64 bytes) holding the thread's name as UTF-8. */
  NAME: 16
};
var SLOT_NAME_BYTES = (SLOT_WORDS - Slot.NAME) * 4;
var ThreadState = {
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
  TERMINATED: 4
};
var PrimitiveKind = {
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
  StopFlag: 16
};
var Primitive = {
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
  STATE: 5
};
var runtimeBuffer;
var memory;
var currentThread = 0;
var encoder = new TextEncoder();
var EMPTY = new Uint8Array(0);
var decoder = new TextDecoder();
function words() {
  const view = memory;
  if (view === void 0) return createRuntime();
  if (view[Header.RUNTIME_WORDS] === view.length) return view;
  return refreshWords();
}
function refreshWords() {
  const buffer = runtimeBuffer;
  memory = new Int32Array(buffer, 0, buffer.byteLength / 4);
  return memory;
}
var MAX_RUNTIME_BYTES = 1 << 30;
function newRuntimeBuffer() {
  try {
    const buffer = new SharedArrayBuffer(ARENA_END * 4, {
      maxByteLength: MAX_RUNTIME_BYTES
    });
    if (buffer.growable) return buffer;
  } catch {
  }
  return new SharedArrayBuffer(ARENA_END * 4);
}
function runtime() {
  words();
  return runtimeBuffer;
}
function hasRuntime() {
  return memory !== void 0;
}
function createRuntime() {
  const buffer = newRuntimeBuffer();
  const view = new Int32Array(buffer, 0, buffer.byteLength / 4);
  view[Header.MAGIC] = MAGIC;
  view[Header.RUNTIME_WORDS] = view.length;
  view[Header.RUNTIME_ID] = Math.random() * 2147483647 | 1;
  view[Header.DEADLOCK_DETECTION] = 1;
  view[Header.SLOT_HINT] = 1;
  runtimeBuffer = buffer;
  memory = view;
  currentThread = claimSlotAt(view, 0, "main", 0, false);
  return view;
}
function checkRuntime(buffer) {
  if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < ARENA_END * 4 || buffer.byteLength % 4 !== 0) {
    throw new TypeError("Cannot use the handle: its runtime is not a wirework runtime buffer");
  }
  const view = new Int32Array(buffer, 0, buffer.byteLength / 4);
  if (Atomics.load(view, Header.MAGIC) !== MAGIC) {
    throw new TypeError("Cannot use the handle: its runtime has an unknown layout version");
  }
  return view;
}
function installRuntime(buffer, threadId) {
  const view = checkRuntime(buffer);
  if (memory !== void 0) {
    if (memory[Header.RUNTIME_ID] !== view[Header.RUNTIME_ID]) {
      throw new TypeError(`Cannot use a handle from runtime ${view[Header.RUNTIME_ID]} in a thread that uses runtime ${memory[Header.RUNTIME_ID]}: spawn workers with spawn(), or pass a handle to a thread before it creates primitives`);
    }
    return;
  }
  runtimeBuffer = buffer;
  memory = view;
  currentThread = threadId ?? claimThreadSlot();
}
function currentThreadId() {
  if (currentThread === 0) words();
  return currentThread;
}
function slotBase(threadId) {
  return TABLE_START + (threadId & THREAD_SLOTS - 1) * SLOT_WORDS;
}
function currentSlotBase() {
  return slotBase(currentThreadId());
}
function claimSlotAt(view, slot, name, parent, reclaim) {
  const base = TABLE_START + slot * SLOT_WORDS;
  const state = Atomics.load(view, base + Slot.STATE);
  if (state === ThreadState.RUNNING) return void 0;
  if (state === ThreadState.TERMINATED && !reclaim) return void 0;
  if (Atomics.compareExchange(view, base + Slot.STATE, state, ThreadState.RUNNING) !== state) {
    return void 0;
  }
  const previous = Atomics.load(view, base + Slot.ID);
  const generation = previous === 0 ? 1 : (previous >>> SLOT_BITS) % MAX_GENERATION + 1;
  const id = generation << SLOT_BITS | slot;
  Atomics.store(view, base + Slot.INTERRUPT, 0);
  Atomics.store(view, base + Slot.PARK_INDEX, 0);
  Atomics.store(view, base + Slot.PARK_KIND, 0);
  Atomics.store(view, base + Slot.PARK_PRIMITIVE, 0);
  Atomics.store(view, base + Slot.PARK_TIMED, 0);
  for (let word = Slot.FIRST_FREE; word < Slot.NAME; word++) {
    Atomics.store(view, base + word, 0);
  }
  writeSlotName(view, base, name ?? `thread-${id}`);
  Atomics.store(view, base + Slot.PARENT, parent);
  Atomics.store(view, base + Slot.ID, id);
  Atomics.store(view, base + Slot.LIVE, id);
  return id;
}
function writeSlotName(view, base, name) {
  const bytes = new Uint8Array(SLOT_NAME_BYTES);
  const { written } = encoder.encodeInto(name, bytes);
  const nameWords = new Int32Array(bytes.buffer);
  for (let i = 0; i < nameWords.length; i++) {
    Atomics.store(view, base + Slot.NAME + i, nameWords[i]);
  }
  Atomics.store(view, base + Slot.NAME_LENGTH, written);
}
function claimThreadSlot(name, parent = 0) {
  const view = words();
  const start = Atomics.add(view, Header.SLOT_HINT, 1);
  for (const reclaim of [
    false,
    true
  ]) {
    for (let i = 0; i < THREAD_SLOTS; i++) {
      const slot = (start + i) % THREAD_SLOTS;
      if (slot === 0 && Atomics.load(view, TABLE_START + Slot.ID) === 0) {
        continue;
      }
      const id = claimSlotAt(view, slot, name, parent, reclaim);
      if (id !== void 0) return id;
    }
  }
  throw new RangeError(`Cannot start thread "${name ?? ""}": all ${THREAD_SLOTS} thread slots are in use`);
}
function markThreadEnded(threadId, state) {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return false;
  Atomics.compareExchange(view, base + Slot.LIVE, threadId, 0);
  return Atomics.compareExchange(view, base + Slot.STATE, ThreadState.RUNNING, state) === ThreadState.RUNNING;
}
function releaseEndedThread(threadId, state, parked) {
  if (state === ThreadState.TERMINATED && parked) return;
  queueMicrotask(() => releaseThreadReferences(threadId));
}
function releaseTerminatedSlot(threadId) {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return;
  Atomics.compareExchange(view, base + Slot.STATE, ThreadState.TERMINATED, ThreadState.DIED);
  releaseThreadReferences(threadId);
}
function liveChildrenOf(threadId) {
  const view = words();
  const children = [];
  for (let base = TABLE_START; base < ARENA_START; base += SLOT_WORDS) {
    if (Atomics.load(view, base + Slot.PARENT) !== threadId) continue;
    const id = Atomics.load(view, base + Slot.LIVE);
    if (id !== 0) children.push(id);
  }
  return children;
}
function threadLive(view, threadId) {
  return Atomics.load(view, slotBase(threadId) + Slot.LIVE) === threadId;
}
function threadName(threadId) {
  const view = words();
  const base = slotBase(threadId);
  if (Atomics.load(view, base + Slot.ID) !== threadId) return "";
  const length = Atomics.load(view, base + Slot.NAME_LENGTH);
  const nameWords = new Int32Array(SLOT_WORDS - Slot.NAME);
  for (let i = 0; i < nameWords.length; i++) {
    nameWords[i] = Atomics.load(view, base + Slot.NAME + i);
  }
  return decoder.decode(new Uint8Array(nameWords.buffer, 0, length));
}
function allocateWords(count, what) {
  return allocateBlock(count, BlockType.RAW, what);
}
function freeWords(index) {
  freeBlock(index);
}
function allocatePrimitive(kind, stateWords, name) {
  const nameBytes = name === "" ? EMPTY : encoder.encode(name);
  const nameWords = Math.ceil(nameBytes.length / 4);
  const total = Primitive.STATE + stateWords + nameWords;
  const base = allocateBlock(total, BlockType.PRIMITIVE, `primitive "${name}"`);
  const view = words();
  const nameIndex = base + Primitive.STATE + stateWords;
  if (nameWords > 0) {
    const padded = new Uint8Array(nameWords * 4);
    padded.set(nameBytes);
    const asWords = new Int32Array(padded.buffer);
    for (let i = 0; i < nameWords; i++) {
      Atomics.store(view, nameIndex + i, asWords[i]);
    }
  }
  Atomics.store(view, base + Primitive.NAME_INDEX, nameIndex);
  Atomics.store(view, base + Primitive.NAME_LENGTH, nameBytes.length);
  Atomics.store(view, base + Primitive.ID, Atomics.add(view, Header.PRIMITIVE_ID, 1) + 1);
  Atomics.store(view, base + Primitive.KIND, kind);
  Atomics.store(view, base + Primitive.REFERENCES, 1);
  return base;
}
function primitiveIndex(options, kind, stateWords) {
  return adoptedIndex(options) ?? allocatePrimitive(kind, stateWords, options.name ?? "");
}
function primitiveName(base) {
  const view = words();
  const nameIndex = Atomics.load(view, base + Primitive.NAME_INDEX);
  const length = Atomics.load(view, base + Primitive.NAME_LENGTH);
  const nameWords = new Int32Array(Math.ceil(length / 4));
  for (let i = 0; i < nameWords.length; i++) {
    nameWords[i] = Atomics.load(view, nameIndex + i);
  }
  return decoder.decode(new Uint8Array(nameWords.buffer, 0, length));
}
function kindName(kind) {
  return KIND_NAMES[kind] ?? "primitive";
}
var KIND_NAMES = {};
for (const [name, value] of Object.entries(PrimitiveKind)) {
  if (name !== "FIRST_FREE") KIND_NAMES[value] = name;
}
function revival(handle, kind) {
  return adopt(openHandle(handle, kindName(kind), kind));
}
function handleFields(kind, index) {
  const view = words();
  return {
    kind,
    runtime: runtimeBuffer,
    index,
    id: view[index + Primitive.ID]
  };
}
function openHandle(handle, kind, primitiveKind) {
  if (typeof handle !== "object" || handle === null || handle.kind !== kind) {
    throw new TypeError(`Cannot revive a ${kind} from ${JSON.stringify(handle?.kind ?? null)}: not a ${kind} handle`);
  }
  installRuntime(handle.runtime);
  const index = handle.index;
  if (!tryRetainPrimitive(index, primitiveKind, handle.id)) {
    throw new TypeError(`Cannot revive ${kind} ${handle.id} from its handle: it was freed (every object holding it was disposed or collected before this revival; keep one alive until the receiver has revived it)`);
  }
  return index;
}
function timeoutOption(timeout) {
  if (timeout === void 0) return Infinity;
  if (typeof timeout !== "number" || Number.isNaN(timeout) || timeout < 0) {
    throw new RangeError(`Cannot wait with timeout "${timeout}": it must be a number of milliseconds >= 0`);
  }
  return timeout;
}
var ADOPT = Symbol("wirework.adopt");
function adoptedIndex(options) {
  return options[ADOPT];
}
function adopt(index) {
  return {
    [ADOPT]: index
  };
}
function guard(release) {
  let released = false;
  const dispose = () => {
    if (released) return;
    released = true;
    release();
  };
  return {
    [Symbol.dispose]: dispose,
    [Symbol.asyncDispose]: () => Promise.resolve(dispose())
  };
}
function holdTimeoutError(what, timeout) {
  return new DOMException(`Cannot take ${what}: timed out after ${timeout} ms`, "TimeoutError");
}
function blockingTimeout(options) {
  if (options.blocking === false) {
    if (options.timeout !== void 0) {
      throw new RangeError(`Cannot acquire with timeout "${options.timeout}" and blocking false: a non-blocking acquire does not wait`);
    }
    return 0;
  }
  return timeoutOption(options.timeout);
}
var BOUND = Symbol("wirework.bound");

// concurrency/deadlock_error.ts
function describeThread(entry) {
  return entry.threadName === "main" ? "thread 'main'" : `worker '${entry.threadName}'`;
}
function describeCycle(cycle) {
  return cycle.map((entry) => entry.joins !== void 0 ? `${describeThread(entry)} holds '${entry.holds.name}' and joins ${describeThread(entry.joins)}` : entry.holds.id === 0 ? `${describeThread(entry)} waits for '${entry.waitsFor.name}'` : entry.holds.id === entry.waitsFor.id ? `${describeThread(entry)} holds non-reentrant lock '${entry.holds.name}' and waits for it again` : `${describeThread(entry)} holds '${entry.holds.name}' and waits for '${entry.waitsFor.name}'`).join("; ");
}
function describeStall(stall) {
  return `every thread is asleep: ${stall.threads.map((thread) => `${describeThread(thread)} waits in ${thread.wait}${thread.waitsOn ? ` on ${thread.waitsOn.kind} '${thread.waitsOn.name}'` : ""}${thread.joins ? ` for ${describeThread(thread.joins)}` : ""}`).join("; ")}`;
}
var DeadlockError = class extends Error {
  /**
   * The threads of the cycle in wait-for order, starting with the lowest
   * thread id: each waits for the lock the next one holds, the last waits
   * for the first one's.
   */
  cycle;
  /** The stall, when the error reports one (then `cycle` is empty); undefined otherwise. */
  stall;
  /**
   * Creates the error.
   *
   * @param message What deadlocked. Defaults to `Deadlock: ` and the cycle's description.
   * @param options The `cycle` (or the `stall`) and a `cause`.
   */
  constructor(message, options = {}) {
    const cycle = options.cycle ?? [];
    const stall = options.stall;
    super(message ?? `Deadlock: ${stall !== void 0 && cycle.length === 0 ? describeStall(stall) : describeCycle(cycle)}`, options);
    this.name = "DeadlockError";
    this.cycle = cycle;
    this.stall = stall;
  }
};

// concurrency/interrupted_error.ts
var InterruptedError = class extends Error {
  /** The id of the interrupted thread (0 when unknown). */
  threadId;
  /**
   * Creates the error.
   *
   * @param message What was interrupted. Defaults to a generic sentence.
   * @param options The `cause` and the interrupted `threadId`.
   */
  constructor(message, options = {}) {
    const threadId = options.threadId ?? 0;
    super(message ?? `Thread ${threadId} was interrupted while it waited`, options);
    this.name = "InterruptedError";
    this.threadId = threadId;
  }
};

// generics/_with_resolvers.ts
function resolversByHand() {
  let resolve;
  let reject;
  const promise = new Promise((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return {
    promise,
    resolve,
    reject
  };
}
var withResolvers = typeof Promise.withResolvers === "function" ? () => Promise.withResolvers() : resolversByHand;

// concurrency/_wait_graph.ts
function waitKindName(kind) {
  switch (kind) {
    case WaitKind.ACQUIRE:
      return "acquire";
    case WaitKind.CONDITION:
      return "condition";
    case WaitKind.SEMAPHORE:
      return "semaphore";
    case WaitKind.EVENT:
      return "event";
    case WaitKind.BARRIER:
      return "barrier";
    case WaitKind.QUEUE_GET:
      return "queue-get";
    case WaitKind.QUEUE_PUT:
      return "queue-put";
    case WaitKind.QUEUE_JOIN:
      return "queue-join";
    case WaitKind.SLEEP:
      return "sleep";
    case WaitKind.STOP_FLAG:
      return "stop-flag";
    case WaitKind.CONDITION_REACQUIRE:
      return "condition-reacquire";
    case WaitKind.BARRIER_ENTER:
      return "barrier-enter";
    case WaitKind.JOIN:
      return "join";
    default:
      return "unknown";
  }
}
function isAcquire(kind) {
  return kind === WaitKind.ACQUIRE || kind === WaitKind.CONDITION_REACQUIRE;
}
function isLockKind(kind) {
  return kind === PrimitiveKind.Lock || kind === PrimitiveKind.RLock;
}
function lockOwner(view, lock) {
  if (!isLockKind(Atomics.load(view, lock + Primitive.KIND))) return 0;
  return Atomics.load(view, lock + Primitive.STATE) >>> 1;
}
function lockInfo(view, lock) {
  const id = Atomics.load(view, lock + Primitive.ID);
  const kind = Atomics.load(view, lock + Primitive.KIND) === PrimitiveKind.RLock ? "RLock" : "Lock";
  return {
    id,
    name: primitiveName(lock) || `${kind} ${id}`
  };
}
function readPark(view, thread) {
  const slot = slotBase(thread);
  if (Atomics.load(view, slot + Slot.ID) !== thread) return void 0;
  if (Atomics.load(view, slot + Slot.STATE) !== ThreadState.RUNNING) {
    return void 0;
  }
  const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  if (index === 0) return void 0;
  const kind = Atomics.load(view, slot + Slot.PARK_KIND);
  const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
  const timed = Atomics.load(view, slot + Slot.PARK_TIMED) !== 0;
  const start = Atomics.load(view, slot + Slot.PARK_START);
  const blocking = Atomics.load(view, slot + Slot.DEADLOCK_CHECKED) === sequence;
  let target = 0;
  if (kind === WaitKind.JOIN) {
    target = Atomics.load(view, index - Slot.LIVE + Slot.ID);
  } else if (primitive !== 0) {
    target = lockOwner(view, primitive);
  }
  if (Atomics.load(view, slot + Slot.PARK_SEQUENCE) !== sequence) {
    return void 0;
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
    target
  };
}
function threadIds(view) {
  const ids = [];
  for (let i = 0; i < THREAD_SLOTS; i++) {
    const id = Atomics.load(view, TABLE_START + i * SLOT_WORDS + Slot.ID);
    if (id !== 0) ids.push(id);
  }
  return ids;
}
function isDeadlockLink(park2, countTimed, now) {
  if (park2.target === 0) return false;
  if (park2.timed && !countTimed) return false;
  if (isAcquire(park2.kind)) return park2.blocking;
  return park2.kind === WaitKind.JOIN && ((now | 0) - park2.start | 0) >= DEADLOCK_CHECK_AFTER_MS;
}
function cycleThrough(start, linkOf) {
  const chain = [
    start
  ];
  let next = start.target;
  while (next !== start.thread) {
    if (chain.some((link2) => link2.thread === next)) return void 0;
    if (chain.length > THREAD_SLOTS) return void 0;
    const link = linkOf(next);
    if (link === void 0) return void 0;
    chain.push(link);
    next = link.target;
  }
  return chain;
}
function fromLowest(cycle) {
  let first = 0;
  for (let i = 1; i < cycle.length; i++) {
    if (cycle[i].thread < cycle[first].thread) first = i;
  }
  return [
    ...cycle.slice(first),
    ...cycle.slice(0, first)
  ];
}
function findCycles(links) {
  const seen = /* @__PURE__ */ new Set();
  const cycles = [];
  for (const start of links.values()) {
    if (seen.has(start.thread)) continue;
    const path = [];
    const onPath = /* @__PURE__ */ new Map();
    let at = start;
    while (at !== void 0 && !seen.has(at.thread) && !onPath.has(at.thread)) {
      onPath.set(at.thread, path.length);
      path.push(at);
      at = links.get(at.target);
    }
    if (at !== void 0 && onPath.has(at.thread)) {
      cycles.push(fromLowest(path.slice(onPath.get(at.thread))));
    }
    for (const link of path) seen.add(link.thread);
  }
  return cycles.sort((a, b) => a[0].thread - b[0].thread);
}
function judgeStall(parks, countTimed) {
  if (parks.length === 0) return "none";
  let blocking = true;
  for (const park2 of parks) {
    if (park2 === void 0 || park2.timed && !countTimed) return "none";
    if (!park2.blocking) blocking = false;
  }
  return blocking ? "proven" : "possible";
}
function sameWait(a, b) {
  return a.kind === b.kind && a.primitive === b.primitive && a.index === b.index && a.target === b.target;
}
function stillParked(view, parks) {
  return parks.every((park2) => {
    const again = readPark(view, park2.thread);
    return again !== void 0 && sameWait(again, park2);
  });
}
function readLiveParks(view, untilRunning, countTimed) {
  const parks = [];
  for (let i = 0; i < THREAD_SLOTS; i++) {
    const slot = TABLE_START + i * SLOT_WORDS;
    const id = Atomics.load(view, slot + Slot.ID);
    if (id === 0) continue;
    if (Atomics.load(view, slot + Slot.STATE) !== ThreadState.RUNNING) {
      continue;
    }
    const park2 = readPark(view, id);
    parks.push(park2);
    if (untilRunning && (park2 === void 0 || park2.timed && !countTimed)) {
      break;
    }
  }
  return parks;
}

// concurrency/_deadlock.ts
var STALL_CONFIRM_MS = 100;
function countsTimedWaits(view) {
  return Atomics.load(view, Header.TIMED_WAITS_DEADLOCK) !== 0;
}
function linkReader(view, countTimed, now) {
  return (thread) => {
    const park2 = readPark(view, thread);
    return park2 !== void 0 && isDeadlockLink(park2, countTimed, now) ? park2 : void 0;
  };
}
function isStable(chain, linkOf) {
  return chain.every((link) => {
    const again = linkOf(link.thread);
    return again !== void 0 && again.sequence === link.sequence && again.primitive === link.primitive && again.target === link.target && again.kind === link.kind;
  });
}
function describeThread2(thread) {
  const name = threadName(thread);
  return name === "main" ? `thread '${name}'` : `worker '${name}'`;
}
function endOf(thread) {
  return {
    id: 0,
    name: `end of ${describeThread2(thread)}`
  };
}
function describe(view, chain) {
  const count = chain.length;
  const entries = chain.map((link, i) => {
    const previous = chain[(i + count - 1) % count];
    const entry = {
      thread: link.thread,
      threadId: link.thread,
      threadName: threadName(link.thread),
      holds: previous.kind === WaitKind.JOIN ? endOf(link.thread) : lockInfo(view, previous.primitive),
      waitsFor: link.kind === WaitKind.JOIN ? endOf(link.target) : lockInfo(view, link.primitive)
    };
    if (link.kind === WaitKind.JOIN) {
      entry.joins = {
        threadId: link.target,
        threadName: threadName(link.target)
      };
    }
    return entry;
  });
  return fromLowest(entries).map(({ thread: _, ...entry }) => entry);
}
function chooseVictim(chain) {
  let victim = 0;
  let fallback = 0;
  for (const link of chain) {
    if (!isAcquire(link.kind)) continue;
    fallback = Math.max(fallback, link.thread);
    if (link.kind === WaitKind.ACQUIRE) victim = Math.max(victim, link.thread);
  }
  return victim !== 0 ? victim : fallback;
}
function stallVictim(parks) {
  let victim = 0;
  let fallback = 0;
  for (const park2 of parks) {
    if (fallback === 0 || park2.thread < fallback) fallback = park2.thread;
    if (park2.kind !== WaitKind.CONDITION_REACQUIRE && (victim === 0 || park2.thread < victim)) victim = park2.thread;
  }
  return victim !== 0 ? victim : fallback;
}
function describeStalled(view, park2) {
  const thread = {
    threadId: park2.thread,
    threadName: threadName(park2.thread),
    wait: waitKindName(park2.kind),
    blocking: park2.blocking
  };
  if (park2.primitive !== 0) {
    const kind = kindName(Atomics.load(view, park2.primitive + Primitive.KIND));
    const id = Atomics.load(view, park2.primitive + Primitive.ID);
    thread.waitsOn = {
      kind,
      id,
      name: primitiveName(park2.primitive) || `${kind} ${id}`
    };
  }
  if (park2.kind === WaitKind.JOIN && park2.target !== 0) {
    thread.joins = {
      threadId: park2.target,
      threadName: threadName(park2.target)
    };
  }
  return thread;
}
function describeStall2(view, parks, certainty) {
  return {
    certainty,
    threads: [
      ...parks
    ].sort((a, b) => a.thread - b.thread).map((park2) => describeStalled(view, park2))
  };
}
var stallSeen;
function checkStall(view, me, countTimed) {
  const all = [];
  for (let i = 0; i < THREAD_SLOTS; i++) {
    const slot = TABLE_START + i * SLOT_WORDS;
    const id = Atomics.load(view, slot + Slot.ID);
    if (id === 0) continue;
    if (Atomics.load(view, slot + Slot.STATE) !== ThreadState.RUNNING) {
      continue;
    }
    const park2 = readPark(view, id);
    if (park2 === void 0 || park2.timed && !countTimed || park2.kind === WaitKind.JOIN) {
      stallSeen = void 0;
      return;
    }
    if (id < me && park2.kind !== WaitKind.CONDITION_REACQUIRE) return;
    all.push(park2);
  }
  if (all.length === 0 || stallVictim(all) !== me) return;
  const now = performance.now();
  const key = all.map((park2) => `${park2.thread}:${park2.kind}:${park2.primitive}:${park2.index}`).join(",");
  if (stallSeen?.key !== key) {
    stallSeen = {
      key,
      at: now,
      blocking: /* @__PURE__ */ new Set()
    };
  }
  for (const park2 of all) {
    if (park2.blocking) stallSeen.blocking.add(park2.thread);
  }
  if (stallSeen.blocking.size < all.length) return;
  if (now - stallSeen.at < STALL_CONFIRM_MS) return;
  const links = /* @__PURE__ */ new Map();
  const wall = Date.now();
  for (const park2 of all) {
    if (isDeadlockLink(park2, countTimed, wall)) links.set(park2.thread, park2);
  }
  if (findCycles(links).length > 0) return;
  if (!stillParked(view, all)) return;
  stallSeen = void 0;
  throw new DeadlockError(void 0, {
    stall: describeStall2(view, all.map((park2) => ({
      ...park2,
      blocking: true
    })), "proven")
  });
}
function checkDeadlock(record, timed) {
  const view = words();
  const slot = currentSlotBase();
  Atomics.store(view, slot + Slot.DEADLOCK_CHECKED, Atomics.load(view, slot + Slot.PARK_SEQUENCE));
  if (Atomics.load(view, Header.DEADLOCK_DETECTION) === 0) return;
  const countTimed = countsTimedWaits(view);
  if (timed && !countTimed) return;
  const me = currentThreadId();
  if (isAcquire(record.kind)) {
    const linkOf = linkReader(view, countTimed, Date.now());
    const start = linkOf(me);
    const chain = start && cycleThrough(start, linkOf);
    if (chain !== void 0 && isStable(chain, linkOf)) {
      const victim = chooseVictim(chain);
      if (victim === me) {
        throw new DeadlockError(void 0, {
          cycle: describe(view, chain)
        });
      }
      const link = chain.find((link2) => link2.thread === victim);
      if (link !== void 0) requestDeadlockCheck(victim, link.sequence);
      return;
    }
  }
  checkStall(view, me, countTimed);
}
function throwIfSelfDeadlock(lock, timeoutMs) {
  const view = words();
  if (Atomics.load(view, Header.DEADLOCK_DETECTION) === 0) return;
  if (timeoutMs !== Infinity && !countsTimedWaits(view)) return;
  const me = currentThreadId();
  const info = lockInfo(view, lock);
  throw new DeadlockError(void 0, {
    cycle: [
      {
        threadId: me,
        threadName: threadName(me),
        holds: info,
        waitsFor: info
      }
    ]
  });
}
function findDeadlocks() {
  const view = words();
  const countTimed = countsTimedWaits(view);
  const now = Date.now();
  const linkOf = linkReader(view, countTimed, now);
  const links = /* @__PURE__ */ new Map();
  for (const id of threadIds(view)) {
    const link = linkOf(id);
    if (link !== void 0) links.set(id, link);
  }
  const cycles = findCycles(links).filter((chain) => isStable(chain, linkOf)).map((chain) => describe(view, chain));
  const parks = readLiveParks(view, true, countTimed);
  const certainty = judgeStall(parks, countTimed);
  const stall = certainty !== "none" && stillParked(view, parks) ? describeStall2(view, parks, certainty) : void 0;
  return {
    cycles,
    stall
  };
}

// concurrency/_thread_dump_stacks.ts
var STACK_WORDS = 1024;
var OWNER = 0;
var SEQUENCE = 1;
var LENGTH = 2;
var BYTES = 3;
var MAX_BYTES = (STACK_WORDS - BYTES) * 4;
var encoder2 = new TextEncoder();
var decoder2 = new TextDecoder();
var scratch = new Uint8Array(MAX_BYTES);
function setCaptureStacks(on) {
  const view = words();
  if (on && Atomics.load(view, Header.STACK_TABLE) === 0) {
    const table2 = allocateWords(THREAD_SLOTS, "the table of parked stacks");
    const now = words();
    if (Atomics.compareExchange(now, Header.STACK_TABLE, 0, table2) !== 0) {
      freeWords(table2);
    }
  }
  Atomics.store(words(), Header.CAPTURE_STACKS, on ? 1 : 0);
}
function capturesStacks() {
  return Atomics.load(words(), Header.CAPTURE_STACKS) !== 0;
}
function slotIndex(slot) {
  return (slot - TABLE_START) / SLOT_WORDS;
}
function trimStack(stack) {
  return stack.split("\n").slice(1).filter((line) => !line.includes("_park.ts") && !line.includes("_thread_dump_stacks.ts")).map((line) => line.trim()).join("\n");
}
function recordParkStack(view, slot, sequence) {
  const table2 = Atomics.load(view, Header.STACK_TABLE);
  if (table2 === 0) return;
  const at = table2 + slotIndex(slot);
  let block = Atomics.load(view, at);
  if (block === 0) {
    try {
      block = allocateWords(STACK_WORDS, "a parked stack");
    } catch {
      return;
    }
    Atomics.store(words(), at, block);
  }
  const now = words();
  const { written } = encoder2.encodeInto(trimStack(new Error().stack ?? ""), scratch);
  const asWords = new Int32Array(scratch.buffer, 0, Math.ceil(written / 4));
  Atomics.store(now, block + SEQUENCE, 0);
  Atomics.store(now, block + OWNER, Atomics.load(now, slot + Slot.ID));
  for (let i = 0; i < asWords.length; i++) {
    Atomics.store(now, block + BYTES + i, asWords[i]);
  }
  Atomics.store(now, block + LENGTH, written);
  Atomics.store(now, block + SEQUENCE, sequence);
}
function readParkStack(threadId, sequence) {
  const view = words();
  const table2 = Atomics.load(view, Header.STACK_TABLE);
  if (table2 === 0) return void 0;
  const block = Atomics.load(view, table2 + (threadId & THREAD_SLOTS - 1));
  if (block === 0) return void 0;
  if (Atomics.load(view, block + OWNER) !== threadId) return void 0;
  if (Atomics.load(view, block + SEQUENCE) !== sequence) return void 0;
  const length = Math.min(Atomics.load(view, block + LENGTH), MAX_BYTES);
  const asWords = new Int32Array(Math.ceil(length / 4));
  for (let i = 0; i < asWords.length; i++) {
    asWords[i] = Atomics.load(view, block + BYTES + i);
  }
  const text = decoder2.decode(new Uint8Array(asWords.buffer, 0, length));
  if (Atomics.load(view, block + SEQUENCE) !== sequence) return void 0;
  return text;
}

// concurrency/thread_ended_error.ts
var ThreadEndedError = class extends Error {
  /** The id of the ended thread (0 when unknown). */
  threadId;
  /**
   * Creates the error.
   *
   * @param message What was refused. Defaults to a generic sentence.
   * @param options The `cause` and the ended `threadId`.
   */
  constructor(message, options = {}) {
    const threadId = options.threadId ?? 0;
    super(message ?? `Cannot continue thread ${threadId}: it was terminated or has ended`, options);
    this.name = "ThreadEndedError";
    this.threadId = threadId;
  }
};

// concurrency/_park.ts
var WaitKind = {
  /** Waiting to own a lock-like primitive (`Lock`, `RLock`, a `Condition`'s lock). */
  ACQUIRE: 1,
  /** Waiting in `Condition.wait` for a notify. */
  CONDITION: 2,
  /** Waiting for a `Semaphore` or `BoundedSemaphore` permit. */
  SEMAPHORE: 3,
  /** Waiting for an `Event` to be set. */
  EVENT: 4,
  /** Waiting at a `Barrier`. */
  BARRIER: 5,
  /** Waiting in `SharedQueue.get` for an item. */
  QUEUE_GET: 6,
  /** Waiting in `SharedQueue.put` for room. */
  QUEUE_PUT: 7,
  /** Waiting in `SharedQueue.join` for every task to be done. */
  QUEUE_JOIN: 8,
  /** Kinds from 16 on: waits that belong to no primitive, or a second wait of one. */
  FIRST_FREE: 16,
  /** In `sleep`/`sleepAsync`, parked on the thread's own interrupt word (primitive 0: waits for no one). */
  SLEEP: 16,
  /** Waiting for a `StopFlag` to be set. */
  STOP_FLAG: 17,
  /**
   * A `Condition` taking its lock back after a wait: an acquire like
   * `ACQUIRE`, told apart so the deadlock detector picks another victim
   * when it can (a thrown re-acquire would leave the caller without the
   * condition's lock).
   */
  CONDITION_REACQUIRE: 18,
  /** Waiting to enter a `Barrier` that is draining or resetting (not yet counted as a party). */
  BARRIER_ENTER: 19,
  /**
   * Waiting in a worker handle's `join()` for the thread to end: recorded on
   * the joined thread's live word (`Slot.LIVE`), primitive 0.
   */
  JOIN: 20
};
var SLICE_MS = 20;
var DEADLOCK_CHECK_AFTER_MS = 5;
function recordPark(view, slot, index, record, timed) {
  Atomics.store(view, slot + Slot.PARK_KIND, record.kind);
  Atomics.store(view, slot + Slot.PARK_PRIMITIVE, record.primitive);
  Atomics.store(view, slot + Slot.PARK_TIMED, timed ? 1 : 0);
  Atomics.store(view, slot + Slot.PARK_START, Date.now() | 0);
  const sequence = Atomics.add(view, slot + Slot.PARK_SEQUENCE, 1) + 1;
  if (Atomics.load(view, Header.CAPTURE_STACKS) !== 0) {
    recordParkStack(view, slot, sequence);
  }
  Atomics.store(view, slot + Slot.PARK_INDEX, index);
  return sequence;
}
function clearPark(view, slot) {
  Atomics.store(view, slot + Slot.PARK_INDEX, 0);
  Atomics.add(view, slot + Slot.PARK_SEQUENCE, 1);
}
function recordAsyncWait(index, record, timed) {
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  if (Atomics.load(view, slot + Slot.PARK_INDEX) !== 0) return -1;
  return recordPark(view, slot, index, record, timed);
}
function clearAsyncWait(sequence) {
  if (sequence < 0) return;
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  if (Atomics.load(view, slot + Slot.LIVE) !== me) return;
  if (Atomics.load(view, slot + Slot.PARK_SEQUENCE) !== sequence) return;
  clearPark(view, slot);
}
function threadEndedError(threadId) {
  return new ThreadEndedError(void 0, {
    threadId
  });
}
function liveWord(threadId) {
  return slotBase(threadId) + Slot.LIVE;
}
function checkLive(view, me) {
  if (Atomics.load(view, slotBase(me) + Slot.LIVE) !== me) {
    throw threadEndedError(me);
  }
}
function hasEnded(view, me) {
  return Atomics.load(view, slotBase(me) + Slot.LIVE) !== me;
}
function throwEnded(threadId) {
  throw threadEndedError(threadId);
}
function throwIfEnded() {
  const me = currentThreadId();
  if (Atomics.load(words(), slotBase(me) + Slot.LIVE) !== me) {
    throw threadEndedError(me);
  }
}
function endThread(threadId, state) {
  const view = words();
  const slot = slotBase(threadId);
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  const kind = Atomics.load(view, slot + Slot.PARK_KIND);
  const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
  const hook = index === 0 ? void 0 : abandonHooks.get(kind);
  const self = threadId === currentThreadId();
  if (self && hook && threadLive(view, threadId)) {
    hook(primitive, index, threadId);
  }
  const ended = markThreadEnded(threadId, state);
  if (!self) releaseEndedThread(threadId, state, index !== 0);
  if (!ended) return;
  if (index !== 0) {
    if (!self) hook?.(primitive, index, threadId);
    Atomics.notify(view, index, Infinity);
  }
  wakeWaitersOf(threadId);
  for (const child of liveChildrenOf(threadId)) {
    endThread(child, ThreadState.TERMINATED);
  }
}
var abandonHooks = /* @__PURE__ */ new Map();
function onAbandonedWait(kind, hook) {
  abandonHooks.set(kind, hook);
}
function throwIfInterruptedAt(view, slot) {
  if (Atomics.load(view, slot + Slot.INTERRUPT) !== 0) {
    Atomics.store(view, slot + Slot.INTERRUPT, 0);
    throw new InterruptedError(void 0, {
      threadId: currentThreadId()
    });
  }
}
function interruptThread(threadId) {
  const view = words();
  const slot = slotBase(threadId);
  if (Atomics.load(view, slot + Slot.ID) !== threadId) return false;
  Atomics.store(view, slot + Slot.INTERRUPT, 1);
  Atomics.add(view, slot + Slot.INTERRUPT_COUNT, 1);
  Atomics.notify(view, slot + Slot.INTERRUPT_COUNT, Infinity);
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  if (index !== 0) Atomics.notify(view, index, Infinity);
  return true;
}
async function watchWord(index, expected) {
  const view = words();
  const waiting = Atomics.waitAsync(view, index, expected);
  if (waiting.async) await waiting.value;
}
function wakeWaitersOf(threadId) {
  const view = words();
  const owned = threadId << 1;
  for (let slot = TABLE_START; slot < ARENA_START; slot += SLOT_WORDS) {
    const index = Atomics.load(view, slot + Slot.PARK_INDEX);
    if (index === 0) continue;
    const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
    if ((Atomics.load(view, index) & ~1) === owned || primitive !== 0 && (Atomics.load(view, primitive + Primitive.STATE) & ~1) === owned) {
      const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
      Atomics.store(view, slot + Slot.RECHECK, sequence);
      Atomics.notify(view, index, Infinity);
    }
  }
}
function wakeThread(threadId) {
  const view = words();
  const slot = slotBase(threadId);
  if (Atomics.load(view, slot + Slot.ID) !== threadId) return;
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  if (index !== 0) Atomics.notify(view, index, Infinity);
}
function requestDeadlockCheck(threadId, sequence) {
  const view = words();
  const slot = slotBase(threadId);
  if (Atomics.load(view, slot + Slot.ID) !== threadId) return;
  Atomics.store(view, slot + Slot.DEADLOCK_CHECK_NOW, sequence);
  wakeThread(threadId);
}
function takeRecheckRequest(view, slot, sequence) {
  return Atomics.compareExchange(view, slot + Slot.RECHECK, sequence, 0) === sequence;
}
function takeDeadlockCheckRequest(view, slot, sequence) {
  return Atomics.compareExchange(view, slot + Slot.DEADLOCK_CHECK_NOW, sequence, 0) === sequence;
}
var ASYNC_METHODS = {
  [WaitKind.ACQUIRE]: "acquireAsync()",
  [WaitKind.CONDITION]: "waitAsync()",
  [WaitKind.SEMAPHORE]: "acquireAsync()",
  [WaitKind.EVENT]: "waitAsync()",
  [WaitKind.BARRIER]: "waitAsync()",
  [WaitKind.QUEUE_GET]: "getAsync()",
  [WaitKind.QUEUE_PUT]: "putAsync()",
  [WaitKind.QUEUE_JOIN]: "joinAsync()",
  [WaitKind.SLEEP]: "sleepAsync()",
  [WaitKind.STOP_FLAG]: "waitAsync()",
  [WaitKind.CONDITION_REACQUIRE]: "waitAsync()",
  [WaitKind.BARRIER_ENTER]: "waitAsync()",
  [WaitKind.JOIN]: "join()"
};
function waitSlice(view, index, expected, ms, record) {
  try {
    return Atomics.wait(view, index, expected, ms);
  } catch (error) {
    if (error instanceof TypeError) {
      const method = ASYNC_METHODS[record.kind] ?? "\u2026Async()";
      throw new TypeError(`Cannot block this thread with Atomics.wait (a browser's main thread may not): use ${method} instead`, {
        cause: error
      });
    }
    throw error;
  }
}
function park(index, expected, timeoutMs, record, timed = timeoutMs !== Infinity) {
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  throwIfEndedAt(view, slot, me);
  const sequence = recordPark(view, slot, index, record, timed);
  let owedWake = false;
  try {
    throwIfInterruptedAt(view, slot);
    const start = performance.now();
    const deadline = start + timeoutMs;
    let next = DEADLOCK_CHECK_AFTER_MS;
    for (; ; ) {
      const now = performance.now();
      const remaining = deadline - now;
      if (remaining <= 0) return "timed-out";
      const slice = Atomics.load(view, slot + Slot.DEADLOCK_CHECK_NOW) === sequence || Atomics.load(view, slot + Slot.RECHECK) === sequence ? 0 : Math.min(remaining, next);
      next = SLICE_MS;
      const result = waitSlice(view, index, expected, slice, record);
      owedWake = result === "ok";
      throwIfEndedAt(view, slot, me);
      throwIfInterruptedAt(view, slot);
      if (result === "not-equal") return "not-equal";
      if (takeRecheckRequest(view, slot, sequence)) {
        owedWake = false;
        return "woken";
      }
      const checkNow = takeDeadlockCheckRequest(view, slot, sequence);
      if (checkNow || result !== "ok" && performance.now() - start >= DEADLOCK_CHECK_AFTER_MS) {
        checkDeadlock(record, timed);
      }
      owedWake = false;
      if (result === "ok") return "woken";
    }
  } finally {
    if (owedWake) Atomics.notify(view, index, 1);
    leavePark(view, slot, me, true);
  }
}
function throwIfEndedAt(view, slot, me) {
  if (Atomics.load(view, slot + Slot.LIVE) !== me) throw threadEndedError(me);
}
function leavePark(view, slot, me, recorded) {
  if (Atomics.load(view, slot + Slot.LIVE) !== me) releaseTerminatedSlot(me);
  else if (recorded) clearPark(view, slot);
}
async function parkAsync(index, expected, timeoutMs, signal, record, timed = timeoutMs !== Infinity) {
  signal?.throwIfAborted();
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  throwIfEndedAt(view, slot, me);
  const recorded = Atomics.load(view, slot + Slot.PARK_INDEX) === 0;
  const sequence = recorded ? recordPark(view, slot, index, record, timed) : -1;
  let consumedWake = false;
  try {
    throwIfInterruptedAt(view, slot);
    const deadline = performance.now() + timeoutMs;
    for (; ; ) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) return "timed-out";
      const slice = Math.min(remaining, SLICE_MS);
      const result = await waitAsyncSlice(view, index, expected, slice, signal);
      consumedWake = result === "ok";
      throwIfEndedAt(view, slot, me);
      throwIfInterruptedAt(view, slot);
      signal?.throwIfAborted();
      if (result === "ok") return "woken";
      if (takeRecheckRequest(view, slot, sequence)) return "woken";
      if (result === "not-equal") return "not-equal";
    }
  } catch (error) {
    if (consumedWake) Atomics.notify(view, index, 1);
    throw error;
  } finally {
    leavePark(view, slot, me, recorded);
  }
}
function waitAsyncSlice(view, index, expected, ms, signal) {
  const waiting = Atomics.waitAsync(view, index, expected, ms);
  if (!waiting.async) return Promise.resolve(waiting.value);
  const { promise, resolve } = withResolvers();
  const timer = setTimeout(() => resolve("timed-out"), ms + 1);
  const onAbort = () => resolve("aborted");
  signal?.addEventListener("abort", onAbort, {
    once: true
  });
  waiting.value.then(resolve);
  return promise.finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  });
}
var NOT_YET = Symbol("wirework.notYet");
function drive(step, timeoutMs, record, timedOut6) {
  throwIfEnded();
  const target = {
    index: 0,
    expected: 0,
    limit: Infinity
  };
  const deadline = performance.now() + timeoutMs;
  for (; ; ) {
    const result = step(target);
    if (result !== NOT_YET) return result;
    const remaining = deadline - performance.now();
    if (remaining <= 0) return timedOut6();
    const limit = target.limit;
    target.limit = Infinity;
    park(target.index, target.expected, Math.min(remaining, limit), record, remaining !== Infinity);
  }
}
async function driveAsync(step, timeoutMs, signal, record, timedOut6) {
  throwIfEnded();
  const target = {
    index: 0,
    expected: 0,
    limit: Infinity
  };
  const deadline = performance.now() + timeoutMs;
  for (; ; ) {
    const result = step(target);
    if (result !== NOT_YET) return result;
    const remaining = deadline - performance.now();
    if (remaining <= 0) return timedOut6();
    const limit = target.limit;
    target.limit = Infinity;
    await parkAsync(target.index, target.expected, Math.min(remaining, limit), signal, record, remaining !== Infinity);
  }
}
function unpark(index, count) {
  return Atomics.notify(words(), index, count);
}

// concurrency/broken_barrier_error.ts
var BrokenBarrierError = class extends Error {
  /**
   * Creates the error.
   *
   * @param message What broke the barrier. Defaults to a generic sentence.
   * @param options The `cause`, when the action threw.
   */
  constructor(message = "The barrier is broken", options) {
    super(message, options);
    this.name = "BrokenBarrierError";
  }
};

// concurrency/poisoned_error.ts
var RECOVER = Symbol.for("wirework.poisoned.recover");
var PoisonedError = class extends Error {
  /** The id of the thread that ended while it owned the lock (0 when unknown). */
  ownerThreadId;
  /** The lock's name. */
  lockName;
  /**
   * Creates the error.
   *
   * @param message What was poisoned. Defaults to a sentence naming the lock and the owner.
   * @param options The dead `ownerThreadId`, the `lockName` and a `cause`.
   */
  constructor(message, options = {}) {
    const ownerThreadId = options.ownerThreadId ?? 0;
    const lockName = options.lockName ?? "";
    super(message ?? `Cannot acquire lock "${lockName}": thread ${ownerThreadId} ended while it held it (the lock is poisoned; recover() it)`, options);
    this.name = "PoisonedError";
    this.ownerThreadId = ownerThreadId;
    this.lockName = lockName;
  }
  /**
   * Takes the poisoned lock over from the dead owner, for the thread that
   * will repair the data it guards; releasing the returned guard (or the
   * lock, the usual way) makes the lock healthy again. Call it in the thread
   * that caught the error.
   *
   * @returns A guard that releases the lock, or undefined when another
   *   thread recovered the lock first (acquire it normally then).
   * @throws {TypeError} When the error was not thrown by an acquire in this
   *   thread (it was built by hand, or crossed from another thread).
   */
  recover() {
    const recover2 = this[RECOVER];
    if (recover2 === void 0) {
      throw new TypeError(`Cannot recover lock "${this.lockName}": only the thread whose acquire threw this error can`);
    }
    return recover2();
  }
};

// concurrency/_barrier_action.ts
function checkRevivedAction(view, actionWord, name, action) {
  const hasAction = Atomics.load(view, actionWord) === 1;
  if (!hasAction && action !== void 0) {
    throw new TypeError(`Cannot give barrier "${name}" an action when reviving it: it was created without one, so the threads without it would skip it; create the barrier with the action and give the same action to Barrier.from in every thread`);
  }
  return hasAction && action === void 0;
}
function missingActionError(name) {
  return new TypeError(`Cannot wait at barrier "${name}": it has an action, which this thread would have to run if it arrived last, but it was revived without one; revive it with Barrier.from(handle, { action })`);
}

// concurrency/_owner_death.ts
var RECOVER2 = Symbol.for("wirework.poisoned.recover");
function ownerEnded(view, owner) {
  const slot = slotBase(owner);
  return Atomics.load(view, slot + Slot.ID) !== owner || Atomics.load(view, slot + Slot.STATE) >= ThreadState.FINISHED;
}
function throwIfOwnerEnded(view, word, value, record, unlock) {
  const owner = value >>> 1;
  if (!ownerEnded(view, owner)) return;
  if (Atomics.load(view, word) >>> 1 !== owner) return;
  const base = record.primitive;
  const name = base === 0 ? "" : primitiveName(base);
  const error = new PoisonedError(void 0, {
    ownerThreadId: owner,
    lockName: name
  });
  const countWord = base !== 0 && word === base + Primitive.STATE && Atomics.load(view, base + Primitive.KIND) === PrimitiveKind.RLock ? word + 1 : -1;
  Object.defineProperty(error, RECOVER2, {
    value: () => recover(view, word, owner, countWord, unlock),
    enumerable: false
  });
  throw error;
}
function recover(view, word, owner, countWord, unlockWord2) {
  const me = currentThreadId();
  for (; ; ) {
    const value = Atomics.load(view, word);
    if (value >>> 1 !== owner) return void 0;
    if (Atomics.compareExchange(view, word, value, me << 1 | 1) === value) {
      break;
    }
  }
  if (countWord >= 0) Atomics.store(view, countWord, 1);
  return guard(() => {
    if (Atomics.load(view, word) >>> 1 !== me) return;
    if (countWord >= 0) Atomics.store(view, countWord, 0);
    unlockWord2(view, word, me);
  });
}

// concurrency/_lock_handoff.ts
var HANDED_OFF = 1;
var FAIR_INTERVAL_MS = 0.5;
var HANDOFF_PATIENCE_MS = 5 * SLICE_MS;
var nextFairRelease = 0;
var handedOffWord = -1;
function releaseContended(view, word) {
  const now = performance.now();
  if (now >= nextFairRelease) {
    handedOffWord = word;
    Atomics.store(view, word, HANDED_OFF);
    if (unpark(word, 1) > 0 || Atomics.compareExchange(view, word, HANDED_OFF, 0) !== HANDED_OFF) {
      nextFairRelease = now + FAIR_INTERVAL_MS;
    }
    return;
  }
  Atomics.store(view, word, 0);
  unpark(word, 1);
}
function handoffPatience(word, value, remaining) {
  return value === HANDED_OFF && word === handedOffWord ? Math.min(remaining, HANDOFF_PATIENCE_MS) : remaining;
}
function takeHandoff(view, word, mine, parked) {
  if (word !== handedOffWord) {
    return Atomics.compareExchange(view, word, HANDED_OFF, mine | 1) === HANDED_OFF;
  }
  if (!parked) return false;
  if (Atomics.compareExchange(view, word, HANDED_OFF, mine | 1) !== HANDED_OFF) return false;
  handedOffWord = -1;
  return true;
}
function tryTakeHandoff(view, word, mine) {
  if (word === handedOffWord && someoneParkedOn(view, word)) return false;
  if (Atomics.compareExchange(view, word, HANDED_OFF, mine) !== HANDED_OFF) {
    return false;
  }
  if (word === handedOffWord) handedOffWord = -1;
  Atomics.or(view, word, 1);
  return true;
}
function passHandoff(view, word) {
  if (Atomics.compareExchange(view, word, HANDED_OFF, 0) === HANDED_OFF) {
    unpark(word, 1);
  }
}
function someoneParkedOn(view, word) {
  for (let slot = TABLE_START; slot < ARENA_START; slot += SLOT_WORDS) {
    if (Atomics.load(view, slot + Slot.PARK_INDEX) === word && Atomics.load(view, slot + Slot.STATE) === ThreadState.RUNNING) return true;
  }
  return false;
}

// concurrency/_raw_lock.ts
var RLOCK_COUNT = 1;
var SPIN_LIMIT = 100;
function tryLockFailed(view, word, record) {
  const value = Atomics.load(view, word);
  if (value === HANDED_OFF) {
    return tryTakeHandoff(view, word, currentThreadId() << 1);
  }
  if (value !== 0) throwIfOwnerEnded(view, word, value, record, unlockWord);
  return false;
}
function lockStep(view, word, mine, record) {
  let runs = 0;
  return (target) => {
    const parked = runs++ > 0;
    for (; ; ) {
      let value = Atomics.load(view, word);
      if (value === 0) {
        if (Atomics.compareExchange(view, word, 0, mine | 1) === 0) return true;
        continue;
      }
      if (value === HANDED_OFF) {
        if (takeHandoff(view, word, mine, parked)) return true;
      } else {
        throwIfOwnerEnded(view, word, value, record, unlockWord);
      }
      if ((value & 1) === 0) {
        if (Atomics.compareExchange(view, word, value, value | 1) !== value) {
          continue;
        }
        value |= 1;
      }
      target.index = word;
      target.expected = value;
      target.limit = handoffPatience(word, value, Infinity);
      return NOT_YET;
    }
  };
}
var timedOut = () => false;
function lockSlow(view, word, me, timeoutMs, record) {
  checkLive(view, me);
  const mine = me << 1;
  if (Atomics.load(view, word) >>> 1 === me) {
    throwIfSelfDeadlock(record.primitive, timeoutMs);
  }
  for (let spin = 0; spin < SPIN_LIMIT; spin++) {
    const value = Atomics.load(view, word);
    if (value === 0) {
      if (Atomics.compareExchange(view, word, 0, mine) === 0) return true;
    } else if ((value & 1) !== 0) break;
  }
  const step = lockStep(view, word, mine, record);
  let returned = false;
  try {
    const taken = drive(step, timeoutMs, record, timedOut);
    returned = true;
    return taken;
  } finally {
    if (!returned) passHandoff(view, word);
  }
}
function lockSlowAsync(view, word, me, timeoutMs, signal, record) {
  const step = lockStep(view, word, me << 1, record);
  return driveAsync(step, timeoutMs, signal, record, timedOut).catch((error) => {
    passHandoff(view, word);
    throw error;
  });
}
function unlockWord(view, word, me) {
  const mine = me << 1;
  const previous = Atomics.compareExchange(view, word, mine, 0);
  if (previous === mine) return 0;
  if (previous >>> 1 !== me) return previous === 0 ? -1 : previous;
  releaseContended(view, word);
  return 0;
}

// concurrency/shared_primitive.ts
var INDEX_RANGE = 2 ** 28;
var finalizers = new FinalizationRegistry((packed) => {
  dropReference(Math.floor(packed / INDEX_RANGE), packed % INDEX_RANGE);
});
var disposedPrototypes = /* @__PURE__ */ new WeakMap();
function disposedPrototype(prototype, kindNumber) {
  let disposed = disposedPrototypes.get(prototype);
  if (disposed !== void 0) return disposed;
  const kind = kindName(kindNumber);
  disposed = Object.create(prototype);
  for (let source = prototype; source !== Object.prototype && source !== null; source = Object.getPrototypeOf(source)) {
    for (const key of Reflect.ownKeys(source)) {
      if (key === "constructor" || Object.hasOwn(disposed, key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(source, key);
      const label = typeof key === "symbol" ? key.toString() : key;
      const fail = () => {
        throw new TypeError(`Cannot use ${label} of a ${kind} that was disposed: its shared memory is freed`);
      };
      const inert = key === "dispose" || key === Symbol.dispose;
      if (descriptor.get !== void 0 || descriptor.set !== void 0) {
        Object.defineProperty(disposed, key, {
          get: fail,
          set: fail
        });
      } else if (typeof descriptor.value === "function") {
        Object.defineProperty(disposed, key, {
          value: inert ? () => {
          } : fail,
          writable: true,
          configurable: true
        });
      }
    }
  }
  disposedPrototypes.set(prototype, disposed);
  return disposed;
}
var SharedPrimitive = class {
  #index;
  #entry;
  /**
   * Takes over the reference the subclass allocated or revived (see
   * `Lock`'s constructor and `Lock.from`).
   *
   * @param index The arena index of the primitive's header.
   */
  constructor(index) {
    this.#index = index;
    this.#entry = recordReference(index);
    finalizers.register(this, this.#entry * INDEX_RANGE + index, this);
  }
  /**
   * The primitive's stable id, unique in the process (lower ids were created
   * first).
   *
   * @example Usage
   * ```ts
   * import { Event, Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const first = new Lock();
   * const second = new Event();
   * assert.ok(second.id > first.id);
   * assert.equal(Lock.from(first.handle).id, first.id);
   * ```
   */
  get id() {
    return words()[this.#index + Primitive.ID];
  }
  /**
   * The primitive's name, or `"<Class> <id>"` when it was given none.
   *
   * @example Usage
   * ```ts
   * import { Lock, Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Lock({ name: "cache" }).name, "cache");
   * const pool = new Semaphore(2);
   * assert.equal(pool.name, `Semaphore ${pool.id}`);
   * ```
   */
  get name() {
    const view = words();
    return primitiveName(this.#index) || `${kindName(view[this.#index + Primitive.KIND])} ${view[this.#index + Primitive.ID]}`;
  }
  /**
   * Releases this object's reference: the primitive is freed when no object
   * in any thread holds it any more. Later calls on this object throw a
   * `TypeError`; calling `dispose()` again does nothing. Other objects over
   * the same primitive (revived in this or another thread) keep working.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * const same = Lock.from(lock.handle);
   * lock.dispose();
   * assert.throws(() => lock.acquire(), /disposed/);
   * assert.equal(same.acquire(), true);
   * same.release();
   * same.dispose();
   * ```
   */
  dispose() {
    if (this.#entry < 0) return;
    const entry = this.#entry;
    this.#entry = -1;
    finalizers.unregister(this);
    Object.setPrototypeOf(this, disposedPrototype(Object.getPrototypeOf(this), words()[this.#index + Primitive.KIND]));
    dropReference(entry, this.#index);
  }
  /**
   * Calls {@linkcode SharedPrimitive.dispose}, for `using`.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * let kept: Semaphore;
   * {
   *   using pool = new Semaphore(1);
   *   kept = pool;
   * }
   * assert.throws(() => kept.acquire(), /disposed/);
   * ```
   */
  [Symbol.dispose]() {
    this.dispose();
  }
};

// concurrency/barrier.ts
var Word = {
  /** An internal lock word (the `Lock` layout) guarding the others. */
  LOCK: 0,
  /** Bumped on every change waiters wait for; they park on it. */
  SEQUENCE: 1,
  /** A `State`. */
  STATE: 2,
  /** Threads inside `wait` now. */
  COUNT: 3,
  /** The number of parties. */
  PARTIES: 4,
  /** The default timeout in ms, or -1 for none. */
  TIMEOUT: 5,
  /** 1 when the barrier was created with an action: every thread's object must have one. */
  ACTION: 6
};
var State = {
  FILLING: 0,
  DRAINING: 1,
  RESETTING: -1,
  BROKEN: -2
};
onAbandonedWait(WaitKind.BARRIER, (primitive) => {
  const view = words();
  const state = primitive + Primitive.STATE;
  const word = state + Word.LOCK;
  const me = currentThreadId();
  const record = {
    kind: WaitKind.BARRIER_ENTER,
    primitive
  };
  try {
    if (Atomics.compareExchange(view, word, 0, me << 1) !== 0 && !lockSlow(view, word, me, Infinity, record)) return;
  } catch {
    return;
  }
  if (Atomics.load(view, state + Word.STATE) === State.FILLING) {
    Atomics.store(view, state + Word.STATE, State.BROKEN);
  }
  const count = Atomics.sub(view, state + Word.COUNT, 1) - 1;
  const now = Atomics.load(view, state + Word.STATE);
  if (count === 0 && (now === State.DRAINING || now === State.RESETTING)) {
    Atomics.store(view, state + Word.STATE, State.FILLING);
  }
  Atomics.add(view, state + Word.SEQUENCE, 1);
  unpark(state + Word.SEQUENCE, Infinity);
  unlockWord(view, word, me);
});
var Barrier = class _Barrier extends SharedPrimitive {
  #view;
  #index;
  #state;
  #me;
  #action;
  #missingAction;
  #record;
  #enterRecord;
  #handle;
  /**
   * Creates a barrier for `parties` threads.
   *
   * @param parties How many threads must call `wait` before all are released.
   * @param options The action, default timeout and name.
   * @throws {RangeError} When `parties` is not a whole number >= 1, for a
   *   negative timeout, or when the runtime's memory is at its limit.
   * @throws {TypeError} When `action` is not a function.
   */
  constructor(parties, options = {}) {
    const adopted = adoptedIndex(options);
    if (adopted === void 0 && !(Number.isInteger(parties) && parties >= 1 && parties <= 2147483647)) {
      throw new RangeError(`Cannot create a barrier for "${parties}" parties: it must be a whole number >= 1`);
    }
    const timeout = timeoutOption(options.timeout);
    if (options.action !== void 0 && typeof options.action !== "function") {
      throw new TypeError(`Cannot use "${String(options.action)}" as a barrier's action: it is not a function`);
    }
    const index = primitiveIndex(options, PrimitiveKind.Barrier, 7);
    super(index);
    this.#index = index;
    this.#view = words();
    this.#state = this.#index + Primitive.STATE;
    if (adopted === void 0) {
      Atomics.store(this.#view, this.#state + Word.PARTIES, parties);
      Atomics.store(this.#view, this.#state + Word.TIMEOUT, timeout === Infinity ? -1 : Math.ceil(timeout));
      if (options.action) {
        Atomics.store(this.#view, this.#state + Word.ACTION, 1);
      }
    }
    this.#missingAction = adopted !== void 0 && checkRevivedAction(this.#view, this.#state + Word.ACTION, this.name, options.action);
    this.#me = currentThreadId();
    this.#action = options.action;
    this.#record = {
      kind: WaitKind.BARRIER,
      primitive: this.#index
    };
    this.#enterRecord = {
      kind: WaitKind.BARRIER_ENTER,
      primitive: this.#index
    };
  }
  /**
   * Revives a barrier from its handle, in any thread.
   *
   * @param handle A `barrier.handle` that crossed `postMessage`.
   * @param options This thread's `action` (functions do not cross threads):
   *   required to `wait` when the barrier was created with one.
   * @returns A `Barrier` over the same shared words.
   * @throws {TypeError} When `handle` is not a `Barrier` handle of this
   *   process's runtime, or its primitive was freed, or `action` is given
   *   for a barrier created without one.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(3);
   * assert.equal(Barrier.from(structuredClone(barrier.handle)).parties, 3);
   * ```
   */
  static from(handle, options = {}) {
    return new _Barrier(0, {
      action: options.action,
      ...revival(handle, PrimitiveKind.Barrier)
    });
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= handleFields("Barrier", this.#index);
  }
  /** How many threads must arrive to pass the barrier. */
  get parties() {
    return Atomics.load(this.#view, this.#state + Word.PARTIES);
  }
  /** How many threads wait at the barrier now (Python's `n_waiting`). */
  get waiting() {
    return Atomics.load(this.#view, this.#state + Word.STATE) === State.FILLING ? Atomics.load(this.#view, this.#state + Word.COUNT) : 0;
  }
  /** Whether the barrier is broken. */
  get broken() {
    return Atomics.load(this.#view, this.#state + Word.STATE) === State.BROKEN;
  }
  #get(word) {
    return Atomics.load(this.#view, this.#state + word);
  }
  #put(word, value) {
    Atomics.store(this.#view, this.#state + word, value);
  }
  /**
   * Takes the internal lock, parked as `record` says: `BARRIER` once this
   * thread counts as a party (so its end breaks the barrier), else
   * `BARRIER_ENTER`. A terminated thread that runs on takes nothing.
   */
  #lock(record = this.#enterRecord) {
    checkLive(this.#view, this.#me);
    const word = this.#state + Word.LOCK;
    if (Atomics.compareExchange(this.#view, word, 0, this.#me << 1) === 0) {
      return;
    }
    for (; ; ) {
      try {
        lockSlow(this.#view, word, this.#me, Infinity, record);
        return;
      } catch (error) {
        if (this.#tookOverFromEnded(error)) return;
      }
    }
  }
  /**
   * The internal lock's holder ended holding it (terminated while it ran the
   * action, or between two steps of `wait`, `reset` or `abort`): the words
   * may be half-updated and the parties parked behind it would wait for
   * ever, so take the lock over and break the barrier. A last party that
   * ended in its action gives its place back, so `reset()` refills the
   * barrier.
   *
   * @returns true when this thread now holds the lock; false to try again
   *   (another thread took it over first).
   * @throws {unknown} `error` when it is not the holder's end.
   */
  #tookOverFromEnded(error) {
    if (!(error instanceof PoisonedError)) throw error;
    if (error.recover() === void 0) return false;
    if (this.#get(Word.STATE) === State.FILLING && this.#get(Word.COUNT) >= this.parties) {
      Atomics.sub(this.#view, this.#state + Word.COUNT, 1);
    }
    this.#put(Word.STATE, State.BROKEN);
    this.#notifyAll();
    return true;
  }
  async #lockAsync(record = this.#enterRecord) {
    checkLive(this.#view, this.#me);
    const word = this.#state + Word.LOCK;
    if (Atomics.compareExchange(this.#view, word, 0, this.#me << 1) === 0) {
      return;
    }
    for (; ; ) {
      try {
        await lockSlowAsync(this.#view, word, this.#me, Infinity, void 0, record);
        return;
      } catch (error) {
        if (this.#tookOverFromEnded(error)) return;
      }
    }
  }
  /** Whether this thread has ended: its clean-up is then the ender's (see `onAbandonedWait`). */
  #ended() {
    return hasEnded(this.#view, this.#me);
  }
  #unlock() {
    if (this.#ended()) return;
    unlockWord(this.#view, this.#state + Word.LOCK, this.#me);
  }
  #notifyAll() {
    Atomics.add(this.#view, this.#state + Word.SEQUENCE, 1);
    unpark(this.#state + Word.SEQUENCE, Infinity);
  }
  /** Waits (internal lock held) for the next change; holds the lock again on every way out. */
  #waitChange(deadline, record) {
    const sequence = this.#state + Word.SEQUENCE;
    const seen = Atomics.load(this.#view, sequence);
    this.#unlock();
    try {
      const remaining = deadline - performance.now();
      if (remaining > 0) park(sequence, seen, remaining, record);
    } finally {
      this.#lock(record);
    }
  }
  async #waitChangeAsync(deadline, signal, record) {
    const sequence = this.#state + Word.SEQUENCE;
    const seen = Atomics.load(this.#view, sequence);
    this.#unlock();
    try {
      const remaining = deadline - performance.now();
      if (remaining > 0) {
        await parkAsync(sequence, seen, remaining, signal, record);
      }
    } finally {
      await this.#lockAsync(record);
    }
  }
  #timeout(timeout) {
    if (timeout !== void 0) return timeoutOption(timeout);
    const stored = this.#get(Word.TIMEOUT);
    return stored < 0 ? Infinity : stored;
  }
  #break() {
    if (this.#ended()) return;
    this.#put(Word.STATE, State.BROKEN);
    this.#notifyAll();
  }
  /** Python's `_enter` check, after waiting out a drain or a reset. */
  #checkEnter() {
    if (this.#get(Word.STATE) < 0) {
      throw new BrokenBarrierError(`Cannot pass barrier "${this.name}": it is broken`);
    }
  }
  /** The last arrival: run the action, then release the others. */
  #release() {
    try {
      this.#action?.();
      checkLive(this.#view, this.#me);
      this.#put(Word.STATE, State.DRAINING);
      this.#notifyAll();
    } catch (error) {
      this.#break();
      throw error;
    }
  }
  /** Python's `_wait` outcome, once the state left FILLING or the time ran out. */
  #settle() {
    const state = this.#get(Word.STATE);
    if (state === State.FILLING) {
      this.#break();
      throw new BrokenBarrierError(`Cannot pass barrier "${this.name}": the wait timed out, which broke it`);
    }
    if (state < 0) {
      throw new BrokenBarrierError(`Cannot pass barrier "${this.name}": it was broken while waiting`);
    }
  }
  /** Python's `_exit`: the last thread out of a drain or reset refills the barrier. */
  #exit() {
    if (this.#ended()) return;
    const count = Atomics.sub(this.#view, this.#state + Word.COUNT, 1) - 1;
    const state = this.#get(Word.STATE);
    if (count === 0 && (state === State.DRAINING || state === State.RESETTING)) {
      this.#put(Word.STATE, State.FILLING);
      this.#notifyAll();
    }
  }
  /**
   * Waits until all parties have called `wait`, blocking the thread; see
   * {@linkcode Barrier.waitAsync}.
   *
   * @param options `timeout` in ms (default: the barrier's own, else no limit).
   * @returns This thread's arrival index, from 0 to `parties - 1`.
   * @throws {TypeError} When the barrier has an action and this thread's
   *   `Barrier` has none (revive it with `Barrier.from(handle, { action })`);
   *   the thread does not arrive.
   * @throws {BrokenBarrierError} When the barrier is or becomes broken, or the timeout passes (which breaks it).
   * @throws {InterruptedError} When this thread is interrupted while it waits (which breaks it).
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Barrier(1).wait(), 0);
   * ```
   */
  wait(options = {}) {
    if (this.#missingAction) throw missingActionError(this.name);
    const deadline = performance.now() + this.#timeout(options.timeout);
    this.#lock();
    try {
      while (this.#get(Word.STATE) === State.DRAINING || this.#get(Word.STATE) === State.RESETTING) {
        this.#waitChange(Infinity, this.#enterRecord);
      }
      this.#checkEnter();
      const index = Atomics.add(this.#view, this.#state + Word.COUNT, 1);
      try {
        if (index + 1 === this.parties) {
          this.#release();
        } else {
          try {
            while (this.#get(Word.STATE) === State.FILLING && performance.now() < deadline) {
              this.#waitChange(deadline, this.#record);
            }
          } catch (error) {
            this.#break();
            throw error;
          }
          this.#settle();
        }
        return index;
      } finally {
        this.#exit();
      }
    } finally {
      this.#unlock();
    }
  }
  /**
   * Waits until all parties have called `wait`, without blocking the thread.
   *
   * @param options `timeout` in ms (default: the barrier's own, else no limit)
   *   and an abort `signal` (an abort breaks the barrier, as a timeout does).
   * @returns This thread's arrival index, from 0 to `parties - 1`.
   * @throws {TypeError} When the barrier has an action and this thread's
   *   `Barrier` has none; the thread does not arrive.
   * @throws {BrokenBarrierError} When the barrier is or becomes broken, or the timeout passes.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * const indices = await Promise.all([barrier.waitAsync(), barrier.waitAsync()]);
   * assert.deepEqual(indices.sort(), [0, 1]);
   * ```
   */
  async waitAsync(options = {}) {
    options.signal?.throwIfAborted();
    if (this.#missingAction) throw missingActionError(this.name);
    const deadline = performance.now() + this.#timeout(options.timeout);
    await this.#lockAsync();
    try {
      while (this.#get(Word.STATE) === State.DRAINING || this.#get(Word.STATE) === State.RESETTING) {
        await this.#waitChangeAsync(Infinity, options.signal, this.#enterRecord);
      }
      this.#checkEnter();
      const index = Atomics.add(this.#view, this.#state + Word.COUNT, 1);
      try {
        if (index + 1 === this.parties) {
          this.#release();
        } else {
          try {
            while (this.#get(Word.STATE) === State.FILLING && performance.now() < deadline) {
              await this.#waitChangeAsync(deadline, options.signal, this.#record);
            }
          } catch (error) {
            this.#break();
            throw error;
          }
          this.#settle();
        }
        return index;
      } finally {
        this.#exit();
      }
    } finally {
      this.#unlock();
    }
  }
  /**
   * Returns the barrier to its empty state; threads waiting at it get
   * `BrokenBarrierError`, as in Python.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * barrier.abort();
   * barrier.reset();
   * assert.equal(barrier.broken, false);
   * ```
   */
  reset() {
    this.#lock();
    try {
      if (this.#get(Word.COUNT) > 0) {
        const state = this.#get(Word.STATE);
        if (state === State.FILLING || state === State.BROKEN) {
          this.#put(Word.STATE, State.RESETTING);
        }
      } else {
        this.#put(Word.STATE, State.FILLING);
      }
      this.#notifyAll();
    } finally {
      this.#unlock();
    }
  }
  /**
   * Breaks the barrier: threads waiting and arriving get `BrokenBarrierError`
   * until `reset`.
   *
   * @example Usage
   * ```ts
   * import { Barrier } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const barrier = new Barrier(2);
   * barrier.abort();
   * assert.equal(barrier.broken, true);
   * ```
   */
  abort() {
    this.#lock();
    try {
      this.#break();
    } finally {
      this.#unlock();
    }
  }
};

// concurrency/_thread_holds.ts
var Block = {
  /** The thread id the block belongs to now. */
  OWNER: 0,
  /** The id of the pool task the thread runs, 0 for none. */
  TASK: 1,
  /** The byte length of the task's name. */
  TASK_NAME_LENGTH: 2,
  /** The first of 16 words of the task's name, as UTF-8. */
  TASK_NAME: 3,
  /** The first permit entry: arena index, id, count. */
  PERMITS: 19
};
var TASK_NAME_BYTES = (Block.PERMITS - Block.TASK_NAME) * 4;
var PERMIT_ENTRIES = 8;
var ENTRY_WORDS = 3;
var BLOCK_WORDS = Block.PERMITS + PERMIT_ENTRIES * ENTRY_WORDS;
var encoder3 = new TextEncoder();
var decoder3 = new TextDecoder();
function table(view) {
  const existing = Atomics.load(view, Header.HOLDS_TABLE);
  if (existing !== 0) return existing;
  const made = allocateWords(THREAD_SLOTS, "the table of thread holdings");
  const raced = Atomics.compareExchange(words(), Header.HOLDS_TABLE, 0, made);
  if (raced === 0) return made;
  freeWords(made);
  return raced;
}
function ownBlock() {
  let view = words();
  const me = currentThreadId();
  const at = table(view) + (me & THREAD_SLOTS - 1);
  view = words();
  let block = Atomics.load(view, at);
  if (block === 0) {
    block = allocateWords(BLOCK_WORDS, "a thread's holdings");
    view = words();
    Atomics.store(view, at, block);
  }
  if (Atomics.load(view, block + Block.OWNER) !== me) {
    for (let word = 1; word < BLOCK_WORDS; word++) {
      Atomics.store(view, block + word, 0);
    }
    Atomics.store(view, block + Block.OWNER, me);
  }
  return block;
}
function recordPermits(index, delta) {
  try {
    const block = ownBlock();
    const view = words();
    const id = Atomics.load(view, index + Primitive.ID);
    let free = -1;
    for (let i = 0; i < PERMIT_ENTRIES; i++) {
      const entry = block + Block.PERMITS + i * ENTRY_WORDS;
      const count = Atomics.load(view, entry + 2);
      if (count === 0) {
        if (free < 0) free = entry;
        continue;
      }
      if (Atomics.load(view, entry) === index && Atomics.load(view, entry + 1) === id) {
        const left = Math.max(0, count + delta);
        Atomics.store(view, entry + 2, left);
        if (left === 0) Atomics.store(view, entry, 0);
        return;
      }
    }
    if (delta <= 0 || free < 0) return;
    Atomics.store(view, free, index);
    Atomics.store(view, free + 1, id);
    Atomics.store(view, free + 2, delta);
  } catch {
  }
}
function readThreadHolds(threadId) {
  const view = words();
  const holdsTable = Atomics.load(view, Header.HOLDS_TABLE);
  if (holdsTable === 0) return [];
  const block = Atomics.load(view, holdsTable + (threadId & THREAD_SLOTS - 1));
  if (block === 0 || Atomics.load(view, block + Block.OWNER) !== threadId) {
    return [];
  }
  const holds = [];
  for (let i = 0; i < PERMIT_ENTRIES; i++) {
    const entry = block + Block.PERMITS + i * ENTRY_WORDS;
    const index = Atomics.load(view, entry);
    const id = Atomics.load(view, entry + 1);
    const count = Atomics.load(view, entry + 2);
    if (index === 0 || count <= 0) continue;
    const kind = Atomics.load(view, index + Primitive.KIND);
    if (kind !== PrimitiveKind.Semaphore && kind !== PrimitiveKind.BoundedSemaphore || Atomics.load(view, index + Primitive.ID) !== id) continue;
    holds.push({
      kind: kindName(kind),
      id,
      name: primitiveName(index),
      count
    });
  }
  holds.sort((a, b) => a.id - b.id);
  const task = Atomics.load(view, block + Block.TASK);
  if (task !== 0) {
    const length = Math.min(Atomics.load(view, block + Block.TASK_NAME_LENGTH), TASK_NAME_BYTES);
    const nameWords = new Int32Array(Math.ceil(length / 4));
    for (let i = 0; i < nameWords.length; i++) {
      nameWords[i] = Atomics.load(view, block + Block.TASK_NAME + i);
    }
    const name = decoder3.decode(new Uint8Array(nameWords.buffer, 0, length));
    if (Atomics.load(view, block + Block.TASK) === task) {
      holds.push({
        kind: "task",
        id: task,
        name,
        count: 1
      });
    }
  }
  return holds;
}

// concurrency/semaphore.ts
var timedOut2 = () => false;
var Word2 = {
  /** The counter. */
  VALUE: 0,
  /** Threads about to park or parked, so a release without waiters never notifies. */
  WAITERS: 1,
  /** The upper bound of a `BoundedSemaphore`; 0 for none. */
  BOUND: 2
};
var Semaphore = class _Semaphore extends SharedPrimitive {
  #view;
  #index;
  #value;
  #waiters;
  #record;
  #handle;
  /**
   * Creates a semaphore with the counter at `value`.
   *
   * @param value The initial counter. Defaults to 1.
   * @param options The semaphore's name.
   * @throws {RangeError} When `value` is negative or not an integer, or the runtime's memory is at its limit.
   */
  constructor(value = 1, options = {}) {
    const bound = options[BOUND] === true;
    const adopted = adoptedIndex(options);
    if (adopted === void 0 && !(Number.isInteger(value) && value >= 0 && value <= 2147483647)) {
      throw new RangeError(`Cannot create a semaphore with value "${value}": it must be a whole number >= 0`);
    }
    const index = primitiveIndex(options, bound ? PrimitiveKind.BoundedSemaphore : PrimitiveKind.Semaphore, 3);
    super(index);
    this.#index = index;
    this.#view = words();
    this.#value = this.#index + Primitive.STATE + Word2.VALUE;
    this.#waiters = this.#index + Primitive.STATE + Word2.WAITERS;
    if (adopted === void 0) {
      Atomics.store(this.#view, this.#value, value);
      if (bound) {
        Atomics.store(this.#view, this.#index + Primitive.STATE + Word2.BOUND, value);
      }
    }
    this.#record = {
      kind: WaitKind.SEMAPHORE,
      primitive: this.#index
    };
  }
  /**
   * Revives a semaphore from its handle, in any thread.
   *
   * @param handle A `semaphore.handle` that crossed `postMessage`.
   * @returns A `Semaphore` over the same shared counter.
   * @throws {TypeError} When `handle` is not a `Semaphore` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(3);
   * assert.equal(Semaphore.from(structuredClone(semaphore.handle)).value, 3);
   * ```
   */
  static from(handle) {
    return new _Semaphore(0, revival(handle, PrimitiveKind.Semaphore));
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= handleFields(this.#view[this.#index + Primitive.KIND] === PrimitiveKind.BoundedSemaphore ? "BoundedSemaphore" : "Semaphore", this.#index);
  }
  /** The counter now (a snapshot: other threads may change it at once). */
  get value() {
    return Atomics.load(this.#view, this.#value);
  }
  /** The wait for a unit, for both drivers: take one, or park while the counter is 0. */
  #step = (target) => {
    if (this.#tryAcquire()) return true;
    target.index = this.#value;
    target.expected = 0;
    return NOT_YET;
  };
  #tryAcquire() {
    const view = this.#view;
    for (; ; ) {
      const value = Atomics.load(view, this.#value);
      if (value <= 0) return false;
      if (Atomics.compareExchange(view, this.#value, value, value - 1) === value) return true;
    }
  }
  /**
   * Takes one unit, waiting while the counter is 0. Blocks the thread; see
   * {@linkcode Semaphore.acquireAsync}.
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when a unit was taken, false when none was free
   *   (`blocking: false`) or the timeout passed.
   * @throws {RangeError} For a negative timeout, or a timeout with `blocking: false`.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(0);
   * assert.equal(semaphore.acquire({ timeout: 5 }), false);
   * ```
   */
  acquire(options) {
    throwIfEnded();
    if (this.#tryAcquire()) return true;
    const timeout = options === void 0 ? Infinity : blockingTimeout(options);
    if (timeout === 0) return false;
    Atomics.add(this.#view, this.#waiters, 1);
    try {
      return drive(this.#step, timeout, this.#record, timedOut2);
    } finally {
      Atomics.sub(this.#view, this.#waiters, 1);
    }
  }
  /**
   * Takes one unit without blocking the thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when a unit was taken, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(1);
   * assert.equal(await semaphore.acquireAsync(), true);
   * assert.equal(await semaphore.acquireAsync({ timeout: 5 }), false);
   * ```
   */
  async acquireAsync(options = {}) {
    options.signal?.throwIfAborted();
    throwIfEnded();
    if (this.#tryAcquire()) return true;
    const timeout = timeoutOption(options.timeout);
    if (timeout === 0) return false;
    Atomics.add(this.#view, this.#waiters, 1);
    try {
      return await driveAsync(this.#step, timeout, options.signal, this.#record, timedOut2);
    } finally {
      Atomics.sub(this.#view, this.#waiters, 1);
    }
  }
  /**
   * Gives `n` units back and wakes up to `n` waiters.
   *
   * @param n How many units. Defaults to 1.
   * @throws {RangeError} When `n` is not a whole number >= 1, or (for a
   *   `BoundedSemaphore`) the counter would pass its initial value.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(0);
   * semaphore.release(3);
   * assert.equal(semaphore.value, 3);
   * ```
   */
  release(n = 1) {
    if (!(Number.isInteger(n) && n >= 1)) {
      throw new RangeError(`Cannot release "${n}" units: the count must be a whole number >= 1`);
    }
    const view = this.#view;
    throwIfEnded();
    const bound = Atomics.load(view, this.#index + Primitive.STATE + Word2.BOUND);
    if (bound === 0) {
      Atomics.add(view, this.#value, n);
    } else {
      for (; ; ) {
        const value = Atomics.load(view, this.#value);
        if (value + n > bound) {
          throw new RangeError(`Cannot release bounded semaphore "${this.name}" ${n} time(s): its value ${value} would pass its bound ${bound}`);
        }
        if (Atomics.compareExchange(view, this.#value, value, value + n) === value) break;
      }
    }
    if (Atomics.load(view, this.#waiters) > 0) unpark(this.#value, n);
  }
  /**
   * The guard of a unit taken by `hold()`: a guard's unit is given back by
   * the thread that took it, so thread dumps list it as this thread's.
   */
  #heldGuard() {
    recordPermits(this.#index, 1);
    return guard(() => {
      recordPermits(this.#index, -1);
      this.release();
    });
  }
  /**
   * Takes one unit and returns a guard that gives it back: `using _ = semaphore.hold();`.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases one unit once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(1);
   * {
   *   using _ = semaphore.hold();
   *   assert.equal(semaphore.value, 0);
   * }
   * assert.equal(semaphore.value, 1);
   * ```
   */
  hold(options = {}) {
    if (!this.acquire({
      timeout: options.timeout
    })) {
      throw holdTimeoutError(`semaphore "${this.name}"`, options.timeout);
    }
    return this.#heldGuard();
  }
  /**
   * Takes one unit without blocking the thread and returns a guard that
   * gives it back: `await using _ = await semaphore.holdAsync();`.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A guard whose disposal releases one unit once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const semaphore = new Semaphore(1);
   * {
   *   await using _ = await semaphore.holdAsync();
   *   assert.equal(semaphore.value, 0);
   * }
   * assert.equal(semaphore.value, 1);
   * ```
   */
  async holdAsync(options = {}) {
    if (!await this.acquireAsync(options)) {
      throw holdTimeoutError(`semaphore "${this.name}"`, options.timeout);
    }
    return this.#heldGuard();
  }
};

// concurrency/lock_order_error.ts
function describeThread3(id, name) {
  if (name === "main") return "thread 'main'";
  return name === "" ? `thread ${id}` : `worker '${name}'`;
}
function describeEdge(edge, tense) {
  return `${describeThread3(edge.threadId, edge.threadName)} ${tense} '${edge.to.name}' while holding '${edge.from.name}'`;
}
function describeOrders(cycle) {
  const [now, ...earlier] = cycle;
  if (now === void 0) return "Lock order inversion";
  return `Lock order inversion: ${describeEdge(now, "takes")}, but ${earlier.map((edge) => describeEdge(edge, "took")).join(", then ")}`;
}
var LockOrderError = class extends Error {
  /**
   * The cycle of orders: first the acquisition being made now (holding
   * `from`, taking `to`), then the orders seen before that lead from its
   * `to` back to its `from`.
   */
  cycle;
  /**
   * Creates the error.
   *
   * @param message What was inverted. Defaults to a sentence naming every order and thread of the cycle.
   * @param options The `cycle` and a `cause`.
   */
  constructor(message, options = {}) {
    const cycle = options.cycle ?? [];
    super(message ?? describeOrders(cycle), options);
    this.name = "LockOrderError";
    this.cycle = cycle;
  }
};

// concurrency/_lock_order.ts
var EDGE_CAPACITY = 2048;
var MAX_EDGES = 1536;
var NODE_CAPACITY = 2048;
var STACK_BYTES = 768;
var STACK_WORDS2 = 8192;
var Graph = {
  /** 0 when free, else the id of the thread adding an edge. */
  MUTEX: 0,
  /** Edges recorded. */
  EDGES: 1,
  /** Words of the stack area in use. */
  STACK_NEXT: 2,
  /** 1 once the "graph full" warning was printed. */
  FULL_WARNED: 3,
  /** The first edge slot. */
  EDGE_TABLE: 4
};
var Edge = {
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
  WORDS: 6
};
var NODE_TABLE = Graph.EDGE_TABLE + EDGE_CAPACITY * Edge.WORDS;
var STACK_AREA = NODE_TABLE + NODE_CAPACITY * 2;
var GRAPH_WORDS = STACK_AREA + STACK_WORDS2;
var encoder4 = new TextEncoder();
var decoder4 = new TextDecoder();
var held = [];
var GRAPH_ALLOCATING = -1;
var GRAPH_UNAVAILABLE = -2;
function graph(view) {
  for (; ; ) {
    const base = Atomics.load(view, Header.LOCK_ORDER_GRAPH);
    if (base > 0) return base;
    if (base === GRAPH_UNAVAILABLE) return 0;
    if (base === 0 && Atomics.compareExchange(view, Header.LOCK_ORDER_GRAPH, 0, GRAPH_ALLOCATING) === 0) {
      let allocated = GRAPH_UNAVAILABLE;
      try {
        allocated = allocateWords(GRAPH_WORDS, "the lock-order graph");
      } catch (error) {
        console.warn(`Lock-order validation is unavailable: ${error.message}; lock orders are not checked`);
      }
      Atomics.store(view, Header.LOCK_ORDER_GRAPH, allocated);
      return Math.max(allocated, 0);
    }
  }
}
function edgeHash(from, to) {
  return (Math.imul(from, 2654435761) ^ Math.imul(to, 2246822519)) >>> 0;
}
function findEdge(view, base, from, to) {
  for (let i = edgeHash(from, to) & EDGE_CAPACITY - 1; ; i = i + 1 & EDGE_CAPACITY - 1) {
    const slot = base + Graph.EDGE_TABLE + i * Edge.WORDS;
    const stored = Atomics.load(view, slot + Edge.FROM);
    if (stored === 0) return -1;
    if (stored === from && Atomics.load(view, slot + Edge.TO) === to) {
      return i;
    }
  }
}
function headWord(view, base, lock, claim) {
  for (let i = Math.imul(lock, 2654435761) >>> 0 & NODE_CAPACITY - 1; ; i = i + 1 & NODE_CAPACITY - 1) {
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
function lockMutex(view, base) {
  const word = base + Graph.MUTEX;
  const me = currentThreadId();
  for (; ; ) {
    const holder = Atomics.compareExchange(view, word, 0, me);
    if (holder === 0) return;
    const slot = slotBase(holder);
    if (Atomics.load(view, slot + Slot.ID) !== holder || Atomics.load(view, slot + Slot.STATE) !== ThreadState.RUNNING) {
      Atomics.compareExchange(view, word, holder, 0);
    }
  }
}
function unlockMutex(view, base) {
  Atomics.store(view, base + Graph.MUTEX, 0);
}
function findPath(view, base, start, goal) {
  const visited = /* @__PURE__ */ new Set([
    start
  ]);
  const path = [];
  const visit = (node) => {
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
  return visit(start) ? path : void 0;
}
var HERE = new URL(".", import.meta.url).href;
var INTERNAL_FRAMES = [
  "_lock_order.ts",
  "lock.ts",
  "rlock.ts",
  "condition.ts",
  "acquire_all.ts",
  "acquire_with_backoff.ts"
].map((file) => `${HERE}${file}:`);
function currentStack() {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  let first = 0;
  while (first < lines.length && INTERNAL_FRAMES.some((frame) => lines[first].includes(frame))) first++;
  return lines.slice(first).join("\n");
}
function storeStack(view, base, stack) {
  const bytes = new Uint8Array(STACK_BYTES);
  const { written } = encoder4.encodeInto(stack, bytes);
  const count = Math.ceil(written / 4);
  const start = Atomics.load(view, base + Graph.STACK_NEXT);
  if (start + count > STACK_WORDS2) return [
    -1,
    0
  ];
  Atomics.store(view, base + Graph.STACK_NEXT, start + count);
  const asWords = new Int32Array(bytes.buffer, 0, count);
  for (let i = 0; i < count; i++) {
    Atomics.store(view, base + STACK_AREA + start + i, asWords[i]);
  }
  return [
    start,
    written
  ];
}
function readStack(view, base, edge) {
  const start = Atomics.load(view, edge + Edge.STACK);
  if (start < 0) return void 0;
  const length = Atomics.load(view, edge + Edge.STACK_LENGTH);
  const asWords = new Int32Array(Math.ceil(length / 4));
  for (let i = 0; i < asWords.length; i++) {
    asWords[i] = Atomics.load(view, base + STACK_AREA + start + i);
  }
  return decoder4.decode(new Uint8Array(asWords.buffer, 0, length));
}
function insertEdge(view, base, from, to, stack) {
  if (Atomics.load(view, base + Graph.EDGES) >= MAX_EDGES) {
    if (Atomics.exchange(view, base + Graph.FULL_WARNED, 1) === 0) {
      console.warn(`Lock-order validation has recorded ${MAX_EDGES} lock orders, its limit: new orders are no longer checked`);
    }
    return;
  }
  let i = edgeHash(from, to) & EDGE_CAPACITY - 1;
  while (Atomics.load(view, base + Graph.EDGE_TABLE + i * Edge.WORDS + Edge.FROM) !== 0) {
    i = i + 1 & EDGE_CAPACITY - 1;
  }
  const edge = base + Graph.EDGE_TABLE + i * Edge.WORDS;
  const head = headWord(view, base, from, true);
  const [stackStart, stackLength] = storeStack(view, base, stack);
  Atomics.store(view, edge + Edge.TO, to);
  Atomics.store(view, edge + Edge.THREAD, currentThreadId());
  Atomics.store(view, edge + Edge.STACK, stackStart);
  Atomics.store(view, edge + Edge.STACK_LENGTH, stackLength);
  Atomics.store(view, edge + Edge.NEXT, Atomics.load(view, head));
  Atomics.store(view, edge + Edge.FROM, from);
  Atomics.store(view, head, i + 1);
  Atomics.add(view, base + Graph.EDGES, 1);
}
function recordedEdge(view, base, slot) {
  const edge = base + Graph.EDGE_TABLE + slot * Edge.WORDS;
  const thread = Atomics.load(view, edge + Edge.THREAD);
  const stack = readStack(view, base, edge);
  return {
    from: lockInfo(view, Atomics.load(view, edge + Edge.FROM)),
    to: lockInfo(view, Atomics.load(view, edge + Edge.TO)),
    threadId: thread,
    threadName: threadName(thread),
    ...stack === void 0 ? {} : {
      stack
    }
  };
}
function addEdge(view, base, from, to, mode) {
  const stack = currentStack();
  let inversion;
  lockMutex(view, base);
  try {
    if (findEdge(view, base, from, to) >= 0) return;
    const path = findPath(view, base, to, from);
    if (path !== void 0) {
      const me = currentThreadId();
      inversion = new LockOrderError(void 0, {
        cycle: [
          {
            from: lockInfo(view, from),
            to: lockInfo(view, to),
            threadId: me,
            threadName: threadName(me),
            stack
          },
          ...path.map((slot) => recordedEdge(view, base, slot))
        ]
      });
    }
    if (inversion === void 0 || mode === 1) {
      insertEdge(view, base, from, to, stack);
    }
  } finally {
    unlockMutex(view, base);
  }
  if (inversion === void 0) return;
  if (mode === 2) throw inversion;
  console.warn(formatWarning(inversion));
}
function formatWarning(error) {
  const stacks = error.cycle.map((edge) => `'${edge.from.name}' \u2192 '${edge.to.name}' first taken by ${edge.threadName || `thread ${edge.threadId}`}:
${edge.stack ?? "    (stack not recorded)"}`);
  return `LockOrderError: ${error.message}
${stacks.join("\n")}`;
}
function knownEdge(view, base, from, to) {
  for (let i = edgeHash(from, to) & EDGE_CAPACITY - 1; ; i = i + 1 & EDGE_CAPACITY - 1) {
    const slot = base + Graph.EDGE_TABLE + i * Edge.WORDS;
    const stored = view[slot + Edge.FROM];
    if (stored === 0) return false;
    if (stored === from && view[slot + Edge.TO] === to) return true;
  }
}
function checkLockOrder(view, me, lock, options) {
  scanHeld(view, me, lock, options === void 0 || options.blocking !== false && (options.timeout === void 0 || options.timeout === Infinity));
}
function checkLockOrderAsync(view, me, lock) {
  scanHeld(view, me, lock, false);
}
function scanHeld(view, me, lock, ordered) {
  if (view[lock + Primitive.STATE] >>> 1 === me) return;
  let base = 0;
  for (let i = 0; i < held.length; ) {
    const other = held[i];
    if (other === lock || view[other + Primitive.STATE] >>> 1 !== me) {
      held[i] = held[held.length - 1];
      held.pop();
      continue;
    }
    i++;
    if (!ordered) continue;
    if (base === 0) base = graph(view);
    if (base === 0) continue;
    if (!knownEdge(view, base, other, lock)) {
      try {
        addEdge(view, base, other, lock, Atomics.load(view, Header.LOCK_ORDER));
      } catch (error) {
        if (error instanceof LockOrderError) throw error;
        warnCheckFailedOnce(error);
      }
    }
  }
  held.push(lock);
}
var checkFailedWarned = false;
function warnCheckFailedOnce(error) {
  if (checkFailedWarned) return;
  checkFailedWarned = true;
  console.warn(`Lock-order validation could not check an acquire, which goes on unchecked: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
}
var LOCK_ORDER_WORD = Header.LOCK_ORDER;
keepFreedBlockWhen((view, index) => {
  const base = Atomics.load(view, Header.LOCK_ORDER_GRAPH);
  if (base <= 0) return false;
  for (let slot = 0; slot < EDGE_CAPACITY; slot++) {
    const edge = base + Graph.EDGE_TABLE + slot * Edge.WORDS;
    if (Atomics.load(view, edge + Edge.FROM) === index || Atomics.load(view, edge + Edge.TO) === index) return true;
  }
  return false;
});

// concurrency/lock.ts
var Lock = class _Lock extends SharedPrimitive {
  #view;
  #index;
  #word;
  #me;
  #mine;
  #record;
  #live;
  #handle;
  /**
   * Creates an unlocked lock in the shared runtime (creating the runtime on
   * first use).
   *
   * @param options The lock's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options = {}) {
    const index = primitiveIndex(options, PrimitiveKind.Lock, 1);
    super(index);
    this.#index = index;
    this.#view = words();
    this.#word = this.#index + Primitive.STATE;
    this.#me = currentThreadId();
    this.#mine = this.#me << 1;
    this.#record = {
      kind: WaitKind.ACQUIRE,
      primitive: this.#index
    };
    this.#live = liveWord(this.#me);
  }
  /**
   * Revives a lock from its handle, in any thread.
   *
   * @param handle A `lock.handle` that crossed `postMessage`.
   * @returns A `Lock` over the same shared word.
   * @throws {TypeError} When `handle` is not a `Lock` handle of this
   *   process's runtime, or its lock was freed.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * const same = Lock.from(structuredClone(lock.handle));
   * lock.acquire();
   * assert.equal(same.locked(), true);
   * same.release();
   * ```
   */
  static from(handle) {
    return new _Lock(revival(handle, PrimitiveKind.Lock));
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= handleFields("Lock", this.#index);
  }
  /**
   * Takes the lock, blocking this thread until it is free (use
   * {@linkcode Lock.acquireAsync} on a thread that must not block).
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when the lock was taken, false when it was not free
   *   (`blocking: false`) or the timeout passed.
   * @throws {RangeError} For a negative timeout, or a timeout with `blocking: false`.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   * @throws {TypeError} Where the thread may not block (a browser main thread).
   * @throws {ThreadEndedError} When this thread was terminated and runs on.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.equal(lock.acquire(), true);
   * assert.equal(lock.acquire({ timeout: 5 }), false);
   * lock.release();
   * ```
   */
  acquire(options) {
    if (this.#view[this.#live] !== this.#me) throwEnded(this.#me);
    if (this.#view[LOCK_ORDER_WORD] !== 0) {
      checkLockOrder(words(), this.#me, this.#index, options);
    }
    if (Atomics.compareExchange(this.#view, this.#word, 0, this.#mine) === 0) {
      return true;
    }
    const timeout = options === void 0 ? Infinity : blockingTimeout(options);
    if (timeout === 0) {
      return tryLockFailed(this.#view, this.#word, this.#record);
    }
    return lockSlow(this.#view, this.#word, this.#me, timeout, this.#record);
  }
  /**
   * Takes the lock without blocking the thread: tries the atomic fast path,
   * then waits with `Atomics.waitAsync`. Works on every thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the lock was taken, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   * @throws {ThreadEndedError} When this thread was terminated and runs on.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.equal(await lock.acquireAsync(), true);
   * assert.equal(await lock.acquireAsync({ timeout: 5 }), false);
   * lock.release();
   * ```
   */
  async acquireAsync(options = {}) {
    options.signal?.throwIfAborted();
    if (this.#view[this.#live] !== this.#me) throwEnded(this.#me);
    if (this.#view[LOCK_ORDER_WORD] !== 0) {
      checkLockOrderAsync(words(), this.#me, this.#index);
    }
    if (Atomics.compareExchange(this.#view, this.#word, 0, this.#mine) === 0) {
      return true;
    }
    const timeout = timeoutOption(options.timeout);
    if (timeout === 0) {
      return tryLockFailed(this.#view, this.#word, this.#record);
    }
    return await lockSlowAsync(this.#view, this.#word, this.#me, timeout, options.signal, this.#record);
  }
  /**
   * Releases the lock, waking one waiter if there is one.
   *
   * @throws {Error} When the lock is not locked, or another thread holds it.
   * @throws {ThreadEndedError} When this thread was terminated and runs on
   *   (the lock stays poisoned).
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.throws(() => lock.release(), /not locked/);
   * ```
   */
  release() {
    if (this.#view[this.#live] !== this.#me) throwEnded(this.#me);
    if (Atomics.compareExchange(this.#view, this.#word, this.#mine, 0) === this.#mine) return;
    const previous = unlockWord(this.#view, this.#word, this.#me);
    if (previous === -1) {
      throw new Error(`Cannot release lock "${this.name}": it is not locked`);
    }
    if (previous !== 0) {
      throw new Error(`Cannot release lock "${this.name}": thread ${previous >>> 1} holds it, not thread ${this.#me}`);
    }
  }
  /**
   * Returns whether some thread holds the lock.
   *
   * @returns true while the lock is held.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.equal(lock.locked(), false);
   * ```
   */
  locked() {
    return Atomics.load(this.#view, this.#word) !== 0;
  }
  /**
   * Takes the lock and returns a guard that releases it when disposed, for
   * `using _ = lock.hold();` (Python's `with lock:`).
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * assert.throws(() => {
   *   using _ = lock.hold();
   *   throw new Error("boom");
   * }, /boom/);
   * assert.equal(lock.locked(), false);
   * ```
   */
  hold(options = {}) {
    if (!this.acquire({
      timeout: options.timeout
    })) {
      throw holdTimeoutError(`lock "${this.name}"`, options.timeout);
    }
    return guard(() => this.release());
  }
  /**
   * Takes the lock without blocking the thread and returns a guard that
   * releases it, for `await using _ = await lock.holdAsync();`.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * {
   *   await using _ = await lock.holdAsync({ timeout: 100 });
   *   assert.equal(lock.locked(), true);
   * }
   * assert.equal(lock.locked(), false);
   * ```
   */
  async holdAsync(options = {}) {
    if (!await this.acquireAsync(options)) {
      throw holdTimeoutError(`lock "${this.name}"`, options.timeout);
    }
    return guard(() => this.release());
  }
};

// concurrency/_raw_flag.ts
var FLAG_WORDS = 2;
var SEQUENCE2 = 1;
function sequenceWord(state) {
  return state + SEQUENCE2;
}
function isFlagSet(view, state) {
  return Atomics.load(view, state) !== 0;
}
function setFlag(view, state) {
  throwIfEnded();
  if (Atomics.compareExchange(view, state, 0, 1) !== 0) return;
  Atomics.add(view, state + SEQUENCE2, 1);
  unpark(state + SEQUENCE2, Infinity);
}
function clearFlag(view, state) {
  throwIfEnded();
  Atomics.store(view, state, 0);
}
function flagStep(view, state, seen) {
  const sequence = state + SEQUENCE2;
  return (target) => {
    if (Atomics.load(view, sequence) !== seen) return true;
    target.index = sequence;
    target.expected = seen;
    return NOT_YET;
  };
}
var timedOut3 = () => false;
function waitFlag(view, state, timeout, record) {
  throwIfEnded();
  const seen = Atomics.load(view, state + SEQUENCE2);
  if (Atomics.load(view, state) !== 0) return true;
  return drive(flagStep(view, state, seen), timeoutOption(timeout), record, timedOut3);
}
async function waitFlagAsync(view, state, timeout, signal, record) {
  signal?.throwIfAborted();
  throwIfEnded();
  const seen = Atomics.load(view, state + SEQUENCE2);
  if (Atomics.load(view, state) !== 0) return true;
  return await driveAsync(flagStep(view, state, seen), timeoutOption(timeout), signal, record, timedOut3);
}

// concurrency/event.ts
var Event = class _Event extends SharedPrimitive {
  #view;
  #index;
  /** The flag word, followed by its sequence word (see `_raw_flag.ts`). */
  #state;
  #record;
  #handle;
  /**
   * Creates a cleared event.
   *
   * @param options The event's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options = {}) {
    const index = primitiveIndex(options, PrimitiveKind.Event, FLAG_WORDS);
    super(index);
    this.#index = index;
    this.#view = words();
    this.#state = this.#index + Primitive.STATE;
    this.#record = {
      kind: WaitKind.EVENT,
      primitive: this.#index
    };
  }
  /**
   * Revives an event from its handle, in any thread.
   *
   * @param handle An `event.handle` that crossed `postMessage`.
   * @returns An `Event` over the same shared words.
   * @throws {TypeError} When `handle` is not an `Event` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * event.set();
   * assert.equal(Event.from(structuredClone(event.handle)).isSet(), true);
   * ```
   */
  static from(handle) {
    return new _Event(revival(handle, PrimitiveKind.Event));
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= handleFields("Event", this.#index);
  }
  /**
   * Returns whether the flag is set.
   *
   * @returns true while set.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Event().isSet(), false);
   * ```
   */
  isSet() {
    return isFlagSet(this.#view, this.#state);
  }
  /**
   * Sets the flag and wakes every thread waiting for it.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * event.set();
   * assert.equal(event.isSet(), true);
   * ```
   */
  set() {
    setFlag(this.#view, this.#state);
  }
  /**
   * Clears the flag; later waits wait again.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * event.set();
   * event.clear();
   * assert.equal(event.isSet(), false);
   * ```
   */
  clear() {
    clearFlag(this.#view, this.#state);
  }
  /**
   * Waits until the flag is set, blocking the thread; see {@linkcode Event.waitAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Event().wait({ timeout: 5 }), false);
   * ```
   */
  wait(options = {}) {
    return waitFlag(this.#view, this.#state, options.timeout, this.#record);
  }
  /**
   * Waits until the flag is set without blocking the thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * setTimeout(() => event.set(), 1);
   * assert.equal(await event.waitAsync({ timeout: 5000 }), true);
   * ```
   */
  async waitAsync(options = {}) {
    return await waitFlagAsync(this.#view, this.#state, options.timeout, options.signal, this.#record);
  }
};

// generics/codec.ts
var encoder5 = new TextEncoder();
var strictDecoder = new TextDecoder("utf-8", {
  fatal: true
});
function jsonCodec() {
  return {
    encode(value) {
      const text = JSON.stringify(value);
      if (text === void 0) {
        throw new TypeError(`Cannot encode ${typeof value} as JSON: it has no JSON form`);
      }
      return encoder5.encode(text);
    },
    decode(bytes) {
      return JSON.parse(strictDecoder.decode(bytes));
    }
  };
}

// concurrency/queue_empty_error.ts
var QueueEmptyError = class extends Error {
  /**
   * Creates the error.
   *
   * @param message Why there was no item. Defaults to a generic sentence.
   * @param options The `cause`, if any.
   */
  constructor(message = "The queue is empty", options) {
    super(message, options);
    this.name = "QueueEmptyError";
  }
};

// concurrency/queue_full_error.ts
var QueueFullError = class extends Error {
  /**
   * Creates the error.
   *
   * @param message Why there was no room. Defaults to a generic sentence.
   * @param options The `cause`, if any.
   */
  constructor(message = "The queue is full", options) {
    super(message, options);
    this.name = "QueueFullError";
  }
};

// concurrency/shared_queue.ts
var Word3 = {
  /** An internal lock word (the `Lock` layout) guarding the ring and the counts. */
  LOCK: 0,
  /** The byte offset of the oldest item in the ring. */
  HEAD: 1,
  /** The byte offset where the next item goes. */
  TAIL: 2,
  /** Bytes in use (length prefixes included). */
  USED: 3,
  /** Items in the queue. */
  COUNT: 4,
  /** Items put and not yet marked done (`taskDone`). */
  UNFINISHED: 5,
  /** Bumped when an item arrives and a getter waits; getters park on it. */
  NOT_EMPTY: 6,
  /** Bumped when room frees up and a putter waits; putters park on it. */
  NOT_FULL: 7,
  /** Bumped when the last unfinished task is done; `join` parks on it. */
  ALL_DONE: 8,
  /** Getters waiting. */
  GET_WAITERS: 9,
  /** Putters waiting. */
  PUT_WAITERS: 10,
  /** The most items at once, 0 for no limit but the bytes. */
  MAX_SIZE: 11
};
var PREFIX_BYTES = 4;
var timedOut4 = () => false;
var SPIN_LIMIT2 = 200;
var SharedQueue = class _SharedQueue extends SharedPrimitive {
  #view;
  #index;
  #state;
  #ringBuffer;
  #ring;
  #capacity;
  #codec;
  #me;
  /** This thread's live word: its id while it runs, 0 once it has ended. */
  #live;
  /** Where `get` copies an item's bytes for the codec; grown on demand, never shrunk. */
  #scratch = new Uint8Array(256);
  #getRecord;
  #putRecord;
  #joinRecord;
  #handle;
  /**
   * Creates an empty queue.
   *
   * @param options The ring's `capacity` in bytes, `maxSize`, `codec` and `name`.
   * @throws {RangeError} When `capacity` or `maxSize` is not a whole number in
   *   range, or the runtime's memory is at its limit.
   */
  constructor(options = {}) {
    const adopted = adoptedIndex(options);
    const ring = options.ring;
    const capacity = options.capacity ?? 65536;
    const maxSize = options.maxSize ?? 0;
    if (!(Number.isInteger(capacity) && capacity >= 8 && capacity <= 1073741824)) {
      throw new RangeError(`Cannot create a queue of capacity "${capacity}": it must be a whole number of bytes >= 8`);
    }
    if (!(Number.isInteger(maxSize) && maxSize >= 0 && maxSize <= 2147483647)) {
      throw new RangeError(`Cannot create a queue of maxSize "${maxSize}": it must be a whole number >= 0`);
    }
    const index = primitiveIndex(options, PrimitiveKind.SharedQueue, 12);
    super(index);
    this.#index = index;
    this.#view = words();
    this.#state = this.#index + Primitive.STATE;
    this.#ringBuffer = adopted !== void 0 && ring ? ring : new SharedArrayBuffer(capacity);
    this.#ring = new Uint8Array(this.#ringBuffer);
    this.#capacity = this.#ringBuffer.byteLength;
    if (adopted === void 0) {
      Atomics.store(this.#view, this.#state + Word3.MAX_SIZE, maxSize);
    }
    this.#codec = options.codec ?? jsonCodec();
    this.#me = currentThreadId();
    this.#live = slotBase(this.#me) + Slot.LIVE;
    this.#getRecord = {
      kind: WaitKind.QUEUE_GET,
      primitive: this.#index
    };
    this.#putRecord = {
      kind: WaitKind.QUEUE_PUT,
      primitive: this.#index
    };
    this.#joinRecord = {
      kind: WaitKind.QUEUE_JOIN,
      primitive: this.#index
    };
  }
  /**
   * Revives a queue from its handle, in any thread.
   *
   * @typeParam T The type of the items.
   * @param handle A `queue.handle` that crossed `postMessage`.
   * @param options The `codec`: functions do not cross threads, so give the same one on every side.
   * @returns A `SharedQueue` over the same shared words and ring.
   * @throws {TypeError} When `handle` is not a `SharedQueue` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<string>();
   * queue.put("hello");
   * assert.equal(SharedQueue.from<string>(structuredClone(queue.handle)).get(), "hello");
   * ```
   */
  static from(handle, options = {}) {
    if (!(handle?.ring instanceof SharedArrayBuffer)) {
      throw new TypeError("Cannot revive a SharedQueue from a handle without its ring buffer");
    }
    return new _SharedQueue({
      codec: options.codec,
      capacity: handle.ring.byteLength,
      ring: handle.ring,
      ...revival(handle, PrimitiveKind.SharedQueue)
    });
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= {
      ...handleFields("SharedQueue", this.#index),
      ring: this.#ringBuffer
    };
  }
  /** The ring's size in bytes. */
  get capacity() {
    return this.#capacity;
  }
  /** The most items at once; 0 for no limit but the capacity. */
  get maxSize() {
    return this.#get(Word3.MAX_SIZE);
  }
  /** The number of items now (Python's `qsize()`; a snapshot). */
  get size() {
    return this.#get(Word3.COUNT);
  }
  /**
   * Returns whether the queue holds no item now (a snapshot).
   *
   * @returns true when empty.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new SharedQueue().empty(), true);
   * ```
   */
  empty() {
    return this.#get(Word3.COUNT) === 0;
  }
  /**
   * Returns whether the queue has reached `maxSize` items, or has no room
   * for even a one-byte item (a snapshot).
   *
   * @returns true when full.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number>({ maxSize: 1 });
   * queue.put(1);
   * assert.equal(queue.full(), true);
   * ```
   */
  full() {
    const maxSize = this.#get(Word3.MAX_SIZE);
    return maxSize > 0 && this.#get(Word3.COUNT) >= maxSize || this.#capacity - this.#get(Word3.USED) < PREFIX_BYTES + 1;
  }
  #get(word) {
    return Atomics.load(this.#view, this.#state + word);
  }
  /** Takes the internal lock; a terminated thread that runs on takes nothing. */
  #lock(record) {
    if (Atomics.load(this.#view, this.#live) !== this.#me) {
      throwEnded(this.#me);
    }
    const word = this.#state + Word3.LOCK;
    if (Atomics.compareExchange(this.#view, word, 0, this.#me << 1) === 0) {
      return;
    }
    lockSlow(this.#view, word, this.#me, Infinity, record);
  }
  async #lockAsync(record) {
    if (Atomics.load(this.#view, this.#live) !== this.#me) {
      throwEnded(this.#me);
    }
    const word = this.#state + Word3.LOCK;
    if (Atomics.compareExchange(this.#view, word, 0, this.#me << 1) === 0) {
      return;
    }
    await lockSlowAsync(this.#view, word, this.#me, Infinity, void 0, record);
  }
  /**
   * Releases the internal lock. Unlike a `Lock`, it never hands itself over
   * for fairness: it is held only for a copy, and a hand-off would make the
   * releasing side wait for the other to wake on every fair turn (the order
   * of puts and gets is the waits' business, on `NOT_FULL` and `NOT_EMPTY`).
   */
  #unlock() {
    const view = this.#view;
    const word = this.#state + Word3.LOCK;
    const mine = this.#me << 1;
    const previous = Atomics.compareExchange(view, word, mine, 0);
    if (previous === mine || previous >>> 1 !== this.#me) return;
    Atomics.store(view, word, 0);
    Atomics.notify(view, word, 1);
  }
  /**
   * One condition-style wait while holding the queue's lock: counts this
   * thread among `waiters` (so the other side knows to notify), lets go of
   * the lock, parks on `word` from the value it had, and takes the lock back
   * on every way out. The caller re-checks the queue and loops.
   */
  #waitUnlocked(word, waiters, remaining, record) {
    const seen = Atomics.load(this.#view, word);
    Atomics.add(this.#view, waiters, 1);
    this.#unlock();
    try {
      park(word, seen, remaining, record);
    } finally {
      Atomics.sub(this.#view, waiters, 1);
      this.#lock(record);
    }
  }
  /** The async form of `#waitUnlocked`, for any thread. */
  async #waitUnlockedAsync(word, waiters, remaining, signal, record) {
    const seen = Atomics.load(this.#view, word);
    Atomics.add(this.#view, waiters, 1);
    this.#unlock();
    try {
      await parkAsync(word, seen, remaining, signal, record);
    } finally {
      Atomics.sub(this.#view, waiters, 1);
      await this.#lockAsync(record);
    }
  }
  #encode(item) {
    const bytes = this.#codec.encode(item);
    if (bytes.length + PREFIX_BYTES > this.#capacity) {
      throw new RangeError(`Cannot put an item of ${bytes.length} bytes in queue "${this.name}": the ring holds ${this.#capacity} bytes (${PREFIX_BYTES} per item are its length)`);
    }
    return bytes;
  }
  #copyIn(offset, bytes) {
    const first = Math.min(bytes.length, this.#capacity - offset);
    this.#ring.set(first === bytes.length ? bytes : bytes.subarray(0, first), offset);
    if (first < bytes.length) this.#ring.set(bytes.subarray(first), 0);
    return (offset + bytes.length) % this.#capacity;
  }
  /** Copies `length` ring bytes from `offset` into `target`, without creating views for small items. */
  #copyOut(offset, target, length) {
    const ring = this.#ring;
    const capacity = this.#capacity;
    if (length <= 256) {
      for (let i = 0, at = offset; i < length; i++) {
        target[i] = ring[at];
        if (++at === capacity) at = 0;
      }
    } else {
      const first = Math.min(length, capacity - offset);
      target.set(ring.subarray(offset, offset + first));
      if (first < length) target.set(ring.subarray(0, length - first), first);
    }
    return (offset + length) % capacity;
  }
  #spinForItem() {
    const count = this.#state + Word3.COUNT;
    for (let spin = 0; spin < SPIN_LIMIT2; spin++) {
      if (Atomics.load(this.#view, count) > 0) return;
    }
  }
  #spinForRoom(needed) {
    const used = this.#state + Word3.USED;
    for (let spin = 0; spin < SPIN_LIMIT2; spin++) {
      if (this.#capacity - Atomics.load(this.#view, used) >= needed) return;
    }
  }
  /** Puts `bytes` in when there is room (lock held); returns whether it did. */
  #tryPut(bytes) {
    const view = this.#view;
    const state = this.#state;
    const needed = bytes.length + PREFIX_BYTES;
    const maxSize = Atomics.load(view, state + Word3.MAX_SIZE);
    const count = Atomics.load(view, state + Word3.COUNT);
    if (this.#capacity - Atomics.load(view, state + Word3.USED) < needed || maxSize > 0 && count >= maxSize) {
      return false;
    }
    let tail = this.#writePrefix(Atomics.load(view, state + Word3.TAIL), bytes.length);
    tail = this.#copyIn(tail, bytes);
    view[state + Word3.TAIL] = tail;
    view[state + Word3.USED] = view[state + Word3.USED] + needed;
    view[state + Word3.COUNT] = count + 1;
    Atomics.add(view, state + Word3.UNFINISHED, 1);
    if (Atomics.load(view, state + Word3.GET_WAITERS) > 0) {
      Atomics.add(view, state + Word3.NOT_EMPTY, 1);
      Atomics.notify(view, state + Word3.NOT_EMPTY, 1);
    }
    return true;
  }
  #writePrefix(offset, length) {
    const ring = this.#ring;
    const capacity = this.#capacity;
    for (let i = 0; i < PREFIX_BYTES; i++) {
      ring[(offset + i) % capacity] = length >>> 8 * i & 255;
    }
    return (offset + PREFIX_BYTES) % capacity;
  }
  /**
   * Takes the oldest item's bytes out into the scratch buffer when there is
   * one (lock held): no allocation, as typed arrays are costly to create.
   *
   * @returns The item's length, or -1 when the queue is empty.
   */
  #tryGet() {
    const view = this.#view;
    const state = this.#state;
    const count = Atomics.load(view, state + Word3.COUNT);
    if (count === 0) return -1;
    const ring = this.#ring;
    const capacity = this.#capacity;
    let head = Atomics.load(view, state + Word3.HEAD);
    let length = 0;
    for (let i = 0; i < PREFIX_BYTES; i++) {
      length |= ring[(head + i) % capacity] << 8 * i;
    }
    head = (head + PREFIX_BYTES) % capacity;
    if (this.#scratch.length < length) {
      this.#scratch = new Uint8Array(Math.max(length, this.#scratch.length * 2));
    }
    head = this.#copyOut(head, this.#scratch, length);
    view[state + Word3.HEAD] = head;
    view[state + Word3.USED] = view[state + Word3.USED] - length - PREFIX_BYTES;
    view[state + Word3.COUNT] = count - 1;
    if (Atomics.load(view, state + Word3.PUT_WAITERS) > 0) {
      Atomics.add(view, state + Word3.NOT_FULL, 1);
      Atomics.notify(view, state + Word3.NOT_FULL, Infinity);
    }
    return length;
  }
  /**
   * Puts an item at the end, waiting for room. Blocks the thread; see
   * {@linkcode SharedQueue.putAsync}.
   *
   * @param item The item; encoded with the queue's codec.
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @throws {QueueFullError} When there is no room and `blocking` is false or the timeout passed.
   * @throws {RangeError} When the encoded item can never fit in the ring.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { QueueFullError, SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number>({ maxSize: 1 });
   * queue.put(1);
   * assert.throws(() => queue.put(2, { timeout: 5 }), QueueFullError);
   * ```
   */
  put(item, options) {
    const bytes = this.#encode(item);
    const timeout = options === void 0 ? Infinity : blockingTimeout(options);
    this.#lock(this.#putRecord);
    if (this.#tryPut(bytes)) return this.#unlock();
    if (timeout > 0) {
      this.#unlock();
      this.#spinForRoom(bytes.length + PREFIX_BYTES);
      this.#lock(this.#putRecord);
      if (this.#tryPut(bytes)) return this.#unlock();
    }
    const deadline = performance.now() + timeout;
    const waiters = this.#state + Word3.PUT_WAITERS;
    const notFull = this.#state + Word3.NOT_FULL;
    try {
      for (; ; ) {
        const remaining = deadline - performance.now();
        if (remaining <= 0) {
          throw new QueueFullError(`Cannot put in queue "${this.name}": it is full`);
        }
        this.#waitUnlocked(notFull, waiters, remaining, this.#putRecord);
        if (this.#tryPut(bytes)) return;
      }
    } finally {
      this.#unlock();
    }
  }
  /**
   * Puts an item at the end without blocking the thread, waiting for room.
   *
   * @param item The item; encoded with the queue's codec.
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A promise that resolves once the item is in.
   * @throws {QueueFullError} When the timeout passed with no room.
   * @throws {RangeError} When the encoded item can never fit in the ring.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<string>();
   * await queue.putAsync("x");
   * assert.equal(queue.size, 1);
   * ```
   */
  async putAsync(item, options = {}) {
    options.signal?.throwIfAborted();
    const bytes = this.#encode(item);
    const timeout = timeoutOption(options.timeout);
    await this.#lockAsync(this.#putRecord);
    const deadline = performance.now() + timeout;
    const waiters = this.#state + Word3.PUT_WAITERS;
    const notFull = this.#state + Word3.NOT_FULL;
    try {
      for (; ; ) {
        if (this.#tryPut(bytes)) return;
        const remaining = deadline - performance.now();
        if (remaining <= 0) {
          throw new QueueFullError(`Cannot put in queue "${this.name}": it is full`);
        }
        await this.#waitUnlockedAsync(notFull, waiters, remaining, options.signal, this.#putRecord);
      }
    } finally {
      this.#unlock();
    }
  }
  /**
   * Takes the oldest item, waiting for one. Blocks the thread; see
   * {@linkcode SharedQueue.getAsync}.
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns The item, decoded with the queue's codec.
   * @throws {QueueEmptyError} When there is no item and `blocking` is false or the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number[]>();
   * queue.put([1, 2]);
   * assert.deepEqual(queue.get({ timeout: 10 }), [1, 2]);
   * ```
   */
  get(options) {
    const timeout = options === void 0 ? Infinity : blockingTimeout(options);
    this.#lock(this.#getRecord);
    let length = this.#tryGet();
    if (length < 0 && timeout > 0) {
      this.#unlock();
      this.#spinForItem();
      this.#lock(this.#getRecord);
      length = this.#tryGet();
    }
    if (length < 0) {
      const deadline = performance.now() + timeout;
      const waiters = this.#state + Word3.GET_WAITERS;
      const notEmpty = this.#state + Word3.NOT_EMPTY;
      try {
        while (length < 0) {
          const remaining = deadline - performance.now();
          if (remaining <= 0) {
            throw new QueueEmptyError(`Cannot get from queue "${this.name}": it is empty`);
          }
          this.#waitUnlocked(notEmpty, waiters, remaining, this.#getRecord);
          length = this.#tryGet();
        }
      } finally {
        if (length < 0) this.#unlock();
      }
    }
    this.#unlock();
    return this.#codec.decode(this.#scratch.subarray(0, length));
  }
  /**
   * Takes the oldest item without blocking the thread, waiting for one.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns The item, decoded with the queue's codec.
   * @throws {QueueEmptyError} When the timeout passed with no item.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { QueueEmptyError, SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<string>();
   * await assert.rejects(queue.getAsync({ timeout: 5 }), QueueEmptyError);
   * ```
   */
  async getAsync(options = {}) {
    options.signal?.throwIfAborted();
    const timeout = timeoutOption(options.timeout);
    await this.#lockAsync(this.#getRecord);
    const deadline = performance.now() + timeout;
    const waiters = this.#state + Word3.GET_WAITERS;
    const notEmpty = this.#state + Word3.NOT_EMPTY;
    let length = -1;
    try {
      for (; ; ) {
        length = this.#tryGet();
        if (length >= 0) break;
        const remaining = deadline - performance.now();
        if (remaining <= 0) {
          throw new QueueEmptyError(`Cannot get from queue "${this.name}": it is empty`);
        }
        await this.#waitUnlockedAsync(notEmpty, waiters, remaining, options.signal, this.#getRecord);
      }
    } finally {
      this.#unlock();
    }
    return this.#codec.decode(this.#scratch.subarray(0, length));
  }
  /** The wait of `join`, for both drivers: done when no task is unfinished, else park on `ALL_DONE`. */
  #joinStep = (target) => {
    const allDone = this.#state + Word3.ALL_DONE;
    const seen = Atomics.load(this.#view, allDone);
    if (this.#get(Word3.UNFINISHED) === 0) return true;
    target.index = allDone;
    target.expected = seen;
    return NOT_YET;
  };
  /**
   * Marks one item taken with `get` as processed, as Python's
   * `Queue.task_done`; when every item put has been marked, `join` returns.
   *
   * @throws {RangeError} When called more times than items were put.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.throws(() => new SharedQueue().taskDone(), RangeError);
   * ```
   */
  taskDone() {
    const view = this.#view;
    checkLive(view, this.#me);
    const unfinished = this.#state + Word3.UNFINISHED;
    for (; ; ) {
      const value = Atomics.load(view, unfinished);
      if (value <= 0) {
        throw new RangeError(`Cannot mark a task done in queue "${this.name}": taskDone() called too many times`);
      }
      if (Atomics.compareExchange(view, unfinished, value, value - 1) !== value) continue;
      if (value === 1) {
        Atomics.add(view, this.#state + Word3.ALL_DONE, 1);
        unpark(this.#state + Word3.ALL_DONE, Infinity);
      }
      return;
    }
  }
  /**
   * Waits until every item put has been marked done with `taskDone`, as
   * Python's `Queue.join`. Blocks the thread; see {@linkcode SharedQueue.joinAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when all tasks are done, false when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const queue = new SharedQueue<number>();
   * queue.put(1);
   * assert.equal(queue.join({ timeout: 5 }), false);
   * ```
   */
  join(options = {}) {
    return drive(this.#joinStep, timeoutOption(options.timeout), this.#joinRecord, timedOut4);
  }
  /**
   * Waits until every item put has been marked done, without blocking the thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when all tasks are done, false when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { SharedQueue } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(await new SharedQueue().joinAsync(), true);
   * ```
   */
  async joinAsync(options = {}) {
    options.signal?.throwIfAborted();
    return await driveAsync(this.#joinStep, timeoutOption(options.timeout), options.signal, this.#joinRecord, timedOut4);
  }
};

// concurrency/bounded_semaphore.ts
var BoundedSemaphore = class _BoundedSemaphore extends Semaphore {
  /**
   * Creates a bounded semaphore with the counter and its bound at `value`.
   *
   * @param value The initial counter and its upper bound. Defaults to 1.
   * @param options The semaphore's name.
   * @throws {RangeError} When `value` is negative or not an integer, or the arena is full.
   */
  constructor(value = 1, options = {}) {
    super(value, {
      ...options,
      [BOUND]: true
    });
  }
  /**
   * Revives a bounded semaphore from its handle, in any thread.
   *
   * @param handle A `semaphore.handle` that crossed `postMessage`.
   * @returns A `BoundedSemaphore` over the same shared counter.
   * @throws {TypeError} When `handle` is not a `BoundedSemaphore` handle of this process's runtime.
   *
   * @example Usage
   * ```ts
   * import { BoundedSemaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const pool = new BoundedSemaphore(4);
   * assert.equal(BoundedSemaphore.from(structuredClone(pool.handle)).value, 4);
   * ```
   */
  static from(handle) {
    return new _BoundedSemaphore(0, revival(handle, PrimitiveKind.BoundedSemaphore));
  }
};

// concurrency/rlock.ts
var HELD_BY_TASK = -1;
var RLock = class _RLock extends SharedPrimitive {
  #view;
  #index;
  #word;
  #count;
  #me;
  #mine;
  #record;
  #handle;
  /**
   * Creates an unlocked reentrant lock in the shared runtime.
   *
   * @param options The lock's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options = {}) {
    const index = primitiveIndex(options, PrimitiveKind.RLock, 2);
    super(index);
    this.#index = index;
    this.#view = words();
    this.#word = this.#index + Primitive.STATE;
    this.#count = this.#index + Primitive.STATE + RLOCK_COUNT;
    this.#me = currentThreadId();
    this.#mine = this.#me << 1;
    this.#record = {
      kind: WaitKind.ACQUIRE,
      primitive: this.#index
    };
  }
  /**
   * Revives a reentrant lock from its handle, in any thread.
   *
   * @param handle An `rlock.handle` that crossed `postMessage`.
   * @returns An `RLock` over the same shared words.
   * @throws {TypeError} When `handle` is not an `RLock` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock({ name: "tree" });
   * assert.equal(RLock.from(structuredClone(lock.handle)).name, "tree");
   * ```
   */
  static from(handle) {
    return new _RLock(revival(handle, PrimitiveKind.RLock));
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= handleFields("RLock", this.#index);
  }
  /**
   * Takes the lock, or takes it once more when this thread holds it already.
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when the lock was taken, false when it was not free
   *   (`blocking: false`) or the timeout passed.
   * @throws {RangeError} For a negative timeout, or a timeout with `blocking: false`.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {Error} When an async task of this thread holds the lock
   *   (`acquireAsync`) and the acquire would wait: blocking would keep that
   *   task from ever releasing it.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * assert.equal(lock.acquire(), true);
   * assert.equal(lock.acquire({ blocking: false }), true);
   * lock.release();
   * lock.release();
   * ```
   */
  acquire(options) {
    checkLive(this.#view, this.#me);
    if (this.#view[LOCK_ORDER_WORD] !== 0) {
      checkLockOrder(words(), this.#me, this.#index, options);
    }
    if (this.#tryAcquire(options)) return true;
    const timeout = options === void 0 ? Infinity : blockingTimeout(options);
    if (timeout === 0) {
      if (!tryLockFailed(this.#view, this.#word, this.#record)) return false;
      Atomics.store(this.#view, this.#count, 1);
      return true;
    }
    if (!lockSlow(this.#view, this.#word, this.#me, timeout, this.#record)) {
      return false;
    }
    Atomics.store(this.#view, this.#count, 1);
    return true;
  }
  /**
   * Takes the lock for the calling async task without blocking the thread.
   * Not reentrant: while the lock is held, by this thread too (another task,
   * or a blocking `acquire`), it waits, so async tasks of one thread exclude
   * each other as Python's `asyncio.Lock` makes them.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the lock was taken, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * assert.equal(await lock.acquireAsync({ timeout: 10 }), true);
   * // Another task of this thread (or this one again) waits its turn.
   * assert.equal(await lock.acquireAsync({ timeout: 5 }), false);
   * lock.release();
   * ```
   */
  async acquireAsync(options = {}) {
    options.signal?.throwIfAborted();
    checkLive(this.#view, this.#me);
    if (this.#view[LOCK_ORDER_WORD] !== 0) {
      checkLockOrderAsync(words(), this.#me, this.#index);
    }
    if (Atomics.compareExchange(this.#view, this.#word, 0, this.#mine) === 0) {
      Atomics.store(this.#view, this.#count, HELD_BY_TASK);
      return true;
    }
    const timeout = timeoutOption(options.timeout);
    if (timeout === 0) {
      if (!tryLockFailed(this.#view, this.#word, this.#record)) return false;
      Atomics.store(this.#view, this.#count, HELD_BY_TASK);
      return true;
    }
    const got = await lockSlowAsync(this.#view, this.#word, this.#me, timeout, options.signal, this.#record);
    if (got) Atomics.store(this.#view, this.#count, HELD_BY_TASK);
    return got;
  }
  #tryAcquire(options) {
    const value = Atomics.compareExchange(this.#view, this.#word, 0, this.#mine);
    if (value === 0) {
      Atomics.store(this.#view, this.#count, 1);
      return true;
    }
    if (value >>> 1 !== this.#me) return false;
    if (Atomics.load(this.#view, this.#count) !== HELD_BY_TASK) {
      Atomics.add(this.#view, this.#count, 1);
      return true;
    }
    if (options?.blocking === false || options?.timeout === 0) return false;
    throw new Error(`Cannot take reentrant lock "${this.name}" with a blocking acquire: an async task of thread ${this.#me} holds it (acquireAsync), and blocking this thread would keep that task from releasing it`);
  }
  /**
   * Releases the lock once; the last release of the owner frees it. A hold
   * taken by `acquireAsync` is released by one call (any task of the owner
   * thread may make it, as with {@linkcode Lock}).
   *
   * @throws {Error} When this thread does not hold the lock.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.throws(() => new RLock().release(), /does not hold it/);
   * ```
   */
  release() {
    checkLive(this.#view, this.#me);
    const value = Atomics.load(this.#view, this.#word);
    if (value >>> 1 !== this.#me) {
      throw new Error(`Cannot release reentrant lock "${this.name}": thread ${this.#me} does not hold it${value === 0 ? "" : ` (thread ${value >>> 1} does)`}`);
    }
    const count = Atomics.load(this.#view, this.#count);
    if (count === HELD_BY_TASK || count === 1) {
      Atomics.store(this.#view, this.#count, 0);
      unlockWord(this.#view, this.#word, this.#me);
    } else {
      Atomics.store(this.#view, this.#count, count - 1);
    }
  }
  /**
   * Returns whether some thread holds the lock.
   *
   * @returns true while the lock is held.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new RLock().locked(), false);
   * ```
   */
  locked() {
    return Atomics.load(this.#view, this.#word) !== 0;
  }
  /**
   * Returns whether this thread holds the lock.
   *
   * @returns true when this thread is the owner.
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * using _ = lock.hold();
   * assert.equal(lock.owned(), true);
   * ```
   */
  owned() {
    return Atomics.load(this.#view, this.#word) >>> 1 === this.#me;
  }
  /**
   * Takes the lock and returns a guard that releases it once when disposed:
   * `using _ = lock.hold();`.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   * @throws {Error} When an async task of this thread holds the lock.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * {
   *   using _outer = lock.hold();
   *   using _inner = lock.hold();
   * }
   * assert.equal(lock.locked(), false);
   * ```
   */
  hold(options = {}) {
    if (!this.acquire({
      timeout: options.timeout
    })) {
      throw holdTimeoutError(`reentrant lock "${this.name}"`, options.timeout);
    }
    return guard(() => this.release());
  }
  /**
   * Takes the lock without blocking the thread and returns a guard that
   * releases it once: `await using _ = await lock.holdAsync();`.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {PoisonedError} When the lock's owner ended while holding it (a
   *   try that does not wait included).
   *
   * @example Usage
   * ```ts
   * import { RLock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new RLock();
   * {
   *   await using _ = await lock.holdAsync();
   *   assert.equal(lock.owned(), true);
   * }
   * assert.equal(lock.locked(), false);
   * ```
   */
  async holdAsync(options = {}) {
    if (!await this.acquireAsync(options)) {
      throw holdTimeoutError(`reentrant lock "${this.name}"`, options.timeout);
    }
    return guard(() => this.release());
  }
};

// concurrency/condition.ts
var Word4 = {
  /** The arena index of the lock's header (so the deadlock detector can follow it). */
  LOCK: 0,
  /** The first waiting node, 0 for none. */
  HEAD: 1,
  /** The last waiting node, 0 for none. */
  TAIL: 2,
  /** A list of free nodes to reuse, linked through `Node.NEXT`. */
  FREE: 3,
  /** How many nodes are queued. */
  WAITERS: 4,
  /**
   * Nodes notified whose waiter has not yet taken the lock back (and so
   * settled its wait), linked through `Node.NEXT`: a notify reaches a waiter
   * only once it holds the lock again. A node here whose thread has ended
   * holds a notify nobody will take, which a live waiter passes on.
   */
  NOTIFIED: 5,
  /** How many nodes are on the `NOTIFIED` list (read without the lock, as a hint). */
  UNSETTLED: 6
};
var STATE_WORDS = 7;
var STRANDED_CHECK_MS = 2 * SLICE_MS;
var STRANDED = 2;
var Node = {
  /** The next node in the queue (or the free list); 0 for none. */
  NEXT: 0,
  /** 0 while waiting, 1 once notified: the word the waiter parks on. */
  FLAG: 1,
  /** The waiting thread's id, for reports. */
  THREAD: 2,
  /** Words per node. */
  SIZE: 3
};
onPrimitiveFreed(PrimitiveKind.Condition, (view, index) => {
  for (const list of [
    Word4.HEAD,
    Word4.FREE,
    Word4.NOTIFIED
  ]) {
    let node = Atomics.load(view, index + Primitive.STATE + list);
    while (node !== 0) {
      const next = Atomics.load(view, node + Node.NEXT);
      freeWords(node);
      node = next;
    }
  }
});
function notifiedStep(view, state, node) {
  const flag = node + Node.FLAG;
  return (target) => {
    if (Atomics.load(view, flag) !== 0) return 1;
    if (strandedHint(view, state)) return STRANDED;
    target.index = flag;
    target.expected = 0;
    target.limit = STRANDED_CHECK_MS;
    return NOT_YET;
  };
}
function strandedHint(view, state) {
  let left = Atomics.load(view, state + Word4.UNSETTLED);
  let node = Atomics.load(view, state + Word4.NOTIFIED);
  for (; left > 0 && node !== 0; left--) {
    if (hasEnded(view, Atomics.load(view, node + Node.THREAD))) return true;
    node = Atomics.load(view, node + Node.NEXT);
  }
  return false;
}
var timedOut5 = () => 0;
var Condition = class _Condition extends SharedPrimitive {
  #view;
  #index;
  #lock;
  /** True when this object made or revived its lock, so disposes it too. */
  #ownsLock;
  #lockWord;
  #lockCount;
  #state;
  #me;
  #record;
  #lockRecord;
  #handle;
  /**
   * Creates a condition over `lock`, or over a new `RLock` (Python's default).
   *
   * @param lock The lock the condition waits with; shared handles keep the pairing.
   * @param options The condition's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(lock, options = {}) {
    const index = primitiveIndex(options, PrimitiveKind.Condition, STATE_WORDS);
    super(index);
    this.#index = index;
    this.#lock = lock ?? new RLock();
    this.#ownsLock = lock === void 0 || adoptedIndex(options) !== void 0;
    const lockIndex = this.#lock.handle.index;
    this.#view = words();
    this.#state = this.#index + Primitive.STATE;
    Atomics.store(this.#view, this.#state + Word4.LOCK, lockIndex);
    this.#lockWord = lockIndex + Primitive.STATE;
    this.#lockCount = this.#lock instanceof RLock ? lockIndex + Primitive.STATE + RLOCK_COUNT : -1;
    this.#me = currentThreadId();
    this.#record = {
      kind: WaitKind.CONDITION,
      primitive: this.#index
    };
    this.#lockRecord = {
      kind: WaitKind.CONDITION_REACQUIRE,
      primitive: lockIndex
    };
  }
  /**
   * Revives a condition (and its lock) from its handle, in any thread.
   *
   * @param handle A `condition.handle` that crossed `postMessage`.
   * @returns A `Condition` over the same shared words and lock.
   * @throws {TypeError} When `handle` is not a `Condition` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * const same = Condition.from(structuredClone(condition.handle));
   * condition.acquire();
   * assert.equal(same.lock.locked(), true);
   * condition.release();
   * ```
   */
  static from(handle) {
    const lock = handle?.lock?.kind === "RLock" ? RLock.from(handle.lock) : Lock.from(handle?.lock);
    let index;
    try {
      index = openHandle(handle, "Condition", PrimitiveKind.Condition);
    } catch (error) {
      lock.dispose();
      throw error;
    }
    if (Atomics.load(words(), index + Primitive.STATE + Word4.LOCK) !== lock.handle.index) {
      lock.dispose();
      releasePrimitive(index);
      throw new TypeError(`Cannot revive a Condition whose handle names another lock than its own`);
    }
    return new _Condition(lock, adopt(index));
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= {
      ...handleFields("Condition", this.#index),
      lock: this.#lock.handle
    };
  }
  /**
   * Releases this object's reference (see `SharedPrimitive.dispose`), and
   * its lock's when the condition made the lock (no lock was passed) or
   * revived it from a handle.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * const lock = condition.lock;
   * condition.dispose();
   * assert.throws(() => lock.acquire(), /disposed/);
   * ```
   */
  dispose() {
    super.dispose();
    if (this.#ownsLock) this.#lock.dispose();
  }
  /** The condition's lock. */
  get lock() {
    return this.#lock;
  }
  /**
   * Takes the condition's lock (see `Lock.acquire`).
   *
   * @param options `blocking` (default true) and `timeout` in ms (default no limit).
   * @returns true when the lock was taken.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * assert.equal(condition.acquire(), true);
   * condition.release();
   * ```
   */
  acquire(options) {
    return this.#lock.acquire(options);
  }
  /**
   * Takes the condition's lock without blocking the thread (see
   * `Lock.acquireAsync`). Over an `RLock` (the default), the lock is taken
   * for the calling async task and is not reentrant (see `RLock.acquireAsync`),
   * so async tasks of one thread exclude each other.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the lock was taken.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * assert.equal(await condition.acquireAsync(), true);
   * condition.release();
   * ```
   */
  acquireAsync(options) {
    return this.#lock.acquireAsync(options);
  }
  /**
   * Releases the condition's lock once.
   *
   * @throws {Error} When this thread does not hold it.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.throws(() => new Condition().release());
   * ```
   */
  release() {
    this.#lock.release();
  }
  /**
   * Takes the condition's lock and returns a guard releasing it: `using _ = condition.hold();`.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * {
   *   using _ = condition.hold();
   *   assert.equal(condition.lock.locked(), true);
   * }
   * assert.equal(condition.lock.locked(), false);
   * ```
   */
  hold(options = {}) {
    if (!this.#lock.acquire({
      timeout: options.timeout
    })) {
      throw holdTimeoutError(`the lock of condition "${this.name}"`, options.timeout);
    }
    return guard(() => this.#lock.release());
  }
  /**
   * Takes the condition's lock without blocking the thread and returns a
   * guard releasing it: `await using _ = await condition.holdAsync();`.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns A guard whose disposal releases the lock once.
   * @throws {DOMException} A `TimeoutError` when the timeout passed.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * {
   *   await using _ = await condition.holdAsync();
   *   assert.equal(condition.lock.locked(), true);
   * }
   * ```
   */
  async holdAsync(options = {}) {
    if (!await this.#lock.acquireAsync(options)) {
      throw holdTimeoutError(`the lock of condition "${this.name}"`, options.timeout);
    }
    return guard(() => this.#lock.release());
  }
  #checkOwned(what) {
    checkLive(this.#view, this.#me);
    if (Atomics.load(this.#view, this.#lockWord) >>> 1 !== this.#me) {
      throw new Error(`Cannot ${what} on condition "${this.name}": thread ${this.#me} does not hold its lock`);
    }
  }
  #releaseSave() {
    let count = 1;
    if (this.#lockCount >= 0) {
      count = Atomics.load(this.#view, this.#lockCount);
      Atomics.store(this.#view, this.#lockCount, 0);
    }
    unlockWord(this.#view, this.#lockWord, this.#me);
    return count;
  }
  #restored(count) {
    if (this.#lockCount >= 0) Atomics.store(this.#view, this.#lockCount, count);
  }
  /**
   * Takes the lock back after a wait; an interrupt waits until the lock is
   * held, then throws. Parks as `CONDITION_REACQUIRE`, so the deadlock
   * detector picks a thread in a plain acquire as a cycle's victim.
   */
  #acquireRestore(count) {
    checkLive(this.#view, this.#me);
    let interrupted;
    for (; ; ) {
      try {
        if (Atomics.compareExchange(this.#view, this.#lockWord, 0, this.#me << 1) === 0 || lockSlow(this.#view, this.#lockWord, this.#me, Infinity, this.#lockRecord)) break;
      } catch (error) {
        if (!(error instanceof InterruptedError)) throw error;
        interrupted = error;
      }
    }
    this.#restored(count);
    if (interrupted) throw interrupted;
  }
  async #acquireRestoreAsync(count) {
    checkLive(this.#view, this.#me);
    let interrupted;
    for (; ; ) {
      try {
        if (Atomics.compareExchange(this.#view, this.#lockWord, 0, this.#me << 1) === 0 || await lockSlowAsync(this.#view, this.#lockWord, this.#me, Infinity, void 0, this.#lockRecord)) break;
      } catch (error) {
        if (!(error instanceof InterruptedError)) throw error;
        interrupted = error;
      }
    }
    this.#restored(count);
    if (interrupted) throw interrupted;
  }
  #word(word) {
    return Atomics.load(this.#view, this.#state + word);
  }
  #setWord(word, value) {
    Atomics.store(this.#view, this.#state + word, value);
  }
  /** Queues a node for this wait (lock held). */
  #enqueue() {
    const view = this.#view;
    if (this.#word(Word4.UNSETTLED) > 0) this.#passStranded();
    let node = this.#word(Word4.FREE);
    if (node !== 0) {
      this.#setWord(Word4.FREE, Atomics.load(view, node + Node.NEXT));
    } else {
      node = allocateWords(Node.SIZE, `a waiter of condition "${this.name}"`);
    }
    Atomics.store(view, node + Node.NEXT, 0);
    Atomics.store(view, node + Node.FLAG, 0);
    Atomics.store(view, node + Node.THREAD, this.#me);
    const tail = this.#word(Word4.TAIL);
    if (tail === 0) this.#setWord(Word4.HEAD, node);
    else Atomics.store(view, tail + Node.NEXT, node);
    this.#setWord(Word4.TAIL, node);
    this.#setWord(Word4.WAITERS, this.#word(Word4.WAITERS) + 1);
    return node;
  }
  /** Unlinks a node that is still queued (lock held); false when a notify took it already. */
  #unlink(node) {
    const view = this.#view;
    let previous = 0;
    let current = this.#word(Word4.HEAD);
    while (current !== 0 && current !== node) {
      previous = current;
      current = Atomics.load(view, current + Node.NEXT);
    }
    if (current === 0) return false;
    const next = Atomics.load(view, node + Node.NEXT);
    if (previous === 0) this.#setWord(Word4.HEAD, next);
    else Atomics.store(view, previous + Node.NEXT, next);
    if (this.#word(Word4.TAIL) === node) this.#setWord(Word4.TAIL, previous);
    this.#setWord(Word4.WAITERS, this.#word(Word4.WAITERS) - 1);
    return true;
  }
  /** Returns a node to the free list (lock held, node off the queue). */
  #free(node) {
    Atomics.store(this.#view, node + Node.NEXT, this.#word(Word4.FREE));
    this.#setWord(Word4.FREE, node);
  }
  /**
   * Settles a wait with the lock held again: a notified wait returns true;
   * one that timed out unlinks its node; one that failed after a notify
   * reached it passes the notify on, so none is lost.
   */
  #leave(node, failed) {
    const notified = Atomics.load(this.#view, node + Node.FLAG) !== 0 ? this.#settle(node) : !this.#unlink(node);
    this.#free(node);
    if (notified && failed) this.#release(1);
    return notified;
  }
  /**
   * After a wait left its park because a notify looked stranded (lock held
   * again): passes stranded notifies on, and says whether to wait again
   * (this wait's node was not among the released, and time is left).
   */
  #strandedPassed(node, deadline) {
    this.#passStranded();
    return Atomics.load(this.#view, node + Node.FLAG) === 0 && performance.now() < deadline;
  }
  /** Takes a notified node off the `NOTIFIED` list (lock held); true when it was there. */
  #settle(node) {
    const view = this.#view;
    let previous = 0;
    let current = this.#word(Word4.NOTIFIED);
    while (current !== 0 && current !== node) {
      previous = current;
      current = Atomics.load(view, current + Node.NEXT);
    }
    if (current === 0) return true;
    const next = Atomics.load(view, node + Node.NEXT);
    if (previous === 0) this.#setWord(Word4.NOTIFIED, next);
    else Atomics.store(view, previous + Node.NEXT, next);
    this.#setWord(Word4.UNSETTLED, this.#word(Word4.UNSETTLED) - 1);
    return true;
  }
  /**
   * Passes on every notify that went to a thread which ended before it took
   * the lock back (lock held): each such node leaves the `NOTIFIED` list
   * (never reused, as the ended thread may still sleep on it) and one more
   * waiter is released in its place, so no notify is lost and none is added.
   */
  #passStranded() {
    const view = this.#view;
    let stranded = 0;
    let previous = 0;
    let current = this.#word(Word4.NOTIFIED);
    while (current !== 0) {
      const next = Atomics.load(view, current + Node.NEXT);
      if (hasEnded(view, Atomics.load(view, current + Node.THREAD))) {
        if (previous === 0) this.#setWord(Word4.NOTIFIED, next);
        else Atomics.store(view, previous + Node.NEXT, next);
        this.#setWord(Word4.UNSETTLED, this.#word(Word4.UNSETTLED) - 1);
        stranded++;
      } else {
        previous = current;
      }
      current = next;
    }
    if (stranded > 0) this.#release(stranded);
  }
  /**
   * Releases up to `n` queued waiters, oldest first (lock held). A waiter
   * whose thread has ended (terminated in its wait, or gone with an async
   * wait pending) is unlinked and does not count: it would never take the
   * notify. Its node is not reused, as a terminated thread may still sleep
   * on it.
   */
  #release(n) {
    const view = this.#view;
    for (let released = 0; released < n; ) {
      const node = this.#word(Word4.HEAD);
      if (node === 0) return;
      const next = Atomics.load(view, node + Node.NEXT);
      this.#setWord(Word4.HEAD, next);
      if (next === 0) this.#setWord(Word4.TAIL, 0);
      this.#setWord(Word4.WAITERS, this.#word(Word4.WAITERS) - 1);
      if (hasEnded(view, Atomics.load(view, node + Node.THREAD))) continue;
      released++;
      Atomics.store(view, node + Node.NEXT, this.#word(Word4.NOTIFIED));
      this.#setWord(Word4.NOTIFIED, node);
      this.#setWord(Word4.UNSETTLED, this.#word(Word4.UNSETTLED) + 1);
      Atomics.store(view, node + Node.FLAG, 1);
      unpark(node + Node.FLAG, 1);
    }
  }
  /**
   * Releases the lock, waits until notified or until the timeout, and takes
   * the lock back (always, even when the wait throws), as Python's
   * `Condition.wait`. Blocks the thread; see {@linkcode Condition.waitAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when notified, false when the timeout passed.
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits (the lock is held again).
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * condition.acquire();
   * assert.equal(condition.wait({ timeout: 5 }), false);
   * condition.release();
   * ```
   */
  wait(options = {}) {
    const timeout = timeoutOption(options.timeout);
    this.#checkOwned("wait");
    const node = this.#enqueue();
    const deadline = performance.now() + timeout;
    let failure;
    for (; ; ) {
      const count = this.#releaseSave();
      let woke = 0;
      try {
        woke = drive(notifiedStep(this.#view, this.#state, node), deadline - performance.now(), this.#record, timedOut5);
      } catch (error) {
        failure = {
          error
        };
      }
      this.#acquireRestore(count);
      if (woke !== STRANDED || !this.#strandedPassed(node, deadline)) break;
    }
    const notified = this.#leave(node, failure !== void 0);
    if (failure) throw failure.error;
    return notified;
  }
  /**
   * The async form of {@linkcode Condition.wait}, for any thread: releases
   * the lock, waits with `Atomics.waitAsync`, and takes the lock back.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when notified, false when the timeout passed.
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits (the lock is held again).
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * await condition.acquireAsync();
   * assert.equal(await condition.waitAsync({ timeout: 5 }), false);
   * condition.release();
   * ```
   */
  async waitAsync(options = {}) {
    const timeout = timeoutOption(options.timeout);
    this.#checkOwned("wait");
    options.signal?.throwIfAborted();
    const node = this.#enqueue();
    const deadline = performance.now() + timeout;
    let failure;
    for (; ; ) {
      const count = this.#releaseSave();
      let woke = 0;
      try {
        woke = await driveAsync(notifiedStep(this.#view, this.#state, node), deadline - performance.now(), options.signal, this.#record, timedOut5);
      } catch (error) {
        failure = {
          error
        };
      }
      await this.#acquireRestoreAsync(count);
      if (woke !== STRANDED || !this.#strandedPassed(node, deadline)) break;
    }
    const notified = this.#leave(node, failure !== void 0);
    if (failure) throw failure.error;
    return notified;
  }
  /**
   * Waits until `predicate()` is truthy, as Python's `Condition.wait_for`:
   * checks it first, then after each wake, with the lock held.
   *
   * @typeParam T What the predicate returns.
   * @param predicate Checked with the lock held.
   * @param options `timeout` in ms for the whole wait (default no limit).
   * @returns The predicate's last result (falsy when the timeout passed).
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * using _ = condition.hold();
   * assert.equal(condition.waitFor(() => false, { timeout: 5 }), false);
   * ```
   */
  waitFor(predicate, options = {}) {
    const timeout = timeoutOption(options.timeout);
    const deadline = performance.now() + timeout;
    let result = predicate();
    while (!result) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) break;
      this.wait({
        timeout: remaining
      });
      result = predicate();
    }
    return result;
  }
  /**
   * The async form of {@linkcode Condition.waitFor}.
   *
   * @typeParam T What the predicate returns.
   * @param predicate Checked with the lock held.
   * @param options `timeout` in ms for the whole wait (default no limit) and an abort `signal`.
   * @returns The predicate's last result (falsy when the timeout passed).
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When the runtime's arena has no room for this
   *   waiter's queue node (the condition's first waiters allocate one each;
   *   later waits reuse them); the lock is still held and nothing waited.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   * @throws {RangeError} When this wait needs a new waiter node and the runtime's
   *   memory is at its limit (1 GiB; the lock stays held).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * await using _ = await condition.holdAsync();
   * assert.equal(await condition.waitForAsync(() => "ready"), "ready");
   * ```
   */
  async waitForAsync(predicate, options = {}) {
    const timeout = timeoutOption(options.timeout);
    const deadline = performance.now() + timeout;
    let result = predicate();
    while (!result) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) break;
      await this.waitAsync({
        timeout: remaining,
        signal: options.signal
      });
      result = predicate();
    }
    return result;
  }
  /**
   * Releases up to `n` of the threads waiting now. The caller must hold the lock.
   *
   * @param n How many waiters to release. Defaults to 1.
   * @throws {Error} When this thread does not hold the lock.
   * @throws {RangeError} When `n` is negative or not an integer (Infinity is allowed).
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const condition = new Condition();
   * assert.throws(() => condition.notify(), /does not hold its lock/);
   * ```
   */
  notify(n = 1) {
    if (!(n === Infinity || Number.isInteger(n) && n >= 0)) {
      throw new RangeError(`Cannot notify "${n}" waiters: the count must be a whole number >= 0`);
    }
    this.#checkOwned("notify");
    this.#release(n);
  }
  /**
   * Releases every thread waiting now. The caller must hold the lock.
   *
   * @throws {Error} When this thread does not hold the lock.
   *
   * @example Usage
   * ```ts
   * import { Condition } from "@wirework/wirework/concurrency";
   *
   * const condition = new Condition();
   * using _ = condition.hold();
   * condition.notifyAll();
   * ```
   */
  notifyAll() {
    this.notify(Infinity);
  }
};

// concurrency/stop_flag.ts
var StopFlag = class _StopFlag extends SharedPrimitive {
  #view;
  #index;
  /** The flag word, followed by its sequence word (see `_raw_flag.ts`). */
  #state;
  /** The sequence word, which `signal` watches. */
  #sequence;
  #record;
  #handle;
  #controller;
  /**
   * Creates a flag that is not set.
   *
   * @param options The flag's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options = {}) {
    const index = primitiveIndex(options, PrimitiveKind.StopFlag, FLAG_WORDS);
    super(index);
    this.#index = index;
    this.#view = words();
    this.#state = this.#index + Primitive.STATE;
    this.#sequence = sequenceWord(this.#state);
    this.#record = {
      kind: WaitKind.STOP_FLAG,
      primitive: this.#index
    };
  }
  /**
   * Revives a flag from its handle, in any thread.
   *
   * @param handle A `flag.handle` that crossed `postMessage`.
   * @returns A `StopFlag` over the same shared words.
   * @throws {TypeError} When `handle` is not a `StopFlag` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * stop.set();
   * assert.equal(StopFlag.from(structuredClone(stop.handle)).isSet(), true);
   * ```
   */
  static from(handle) {
    return new _StopFlag(revival(handle, PrimitiveKind.StopFlag));
  }
  /** The structured-cloneable handle to post to another thread. */
  get handle() {
    return this.#handle ??= handleFields("StopFlag", this.#index);
  }
  /**
   * An `AbortSignal` that aborts when the flag is set (at once if it is),
   * in this thread. It learns of `set()` from an `Atomics.waitAsync`, so it
   * costs no polling and does not keep the thread alive. After `clear()`,
   * read it again for a fresh signal.
   */
  get signal() {
    if (this.#controller !== void 0 && !this.#controller.signal.aborted) {
      return this.#controller.signal;
    }
    if (this.#controller !== void 0 && this.isSet()) {
      return this.#controller.signal;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const seen = Atomics.load(this.#view, this.#sequence);
    if (this.isSet()) {
      controller.abort(this.#reason());
    } else {
      this.#watch(controller, seen);
    }
    return controller.signal;
  }
  #reason() {
    return new DOMException(`Stop flag "${this.name}" was set`, "AbortError");
  }
  #watch(controller, seen) {
    watchWord(this.#sequence, seen).then(() => {
      if (Atomics.load(this.#view, this.#sequence) === seen) {
        this.#watch(controller, seen);
      } else {
        controller.abort(this.#reason());
      }
    });
  }
  /**
   * Sets the flag and wakes every thread waiting for it.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * stop.set();
   * assert.equal(stop.isSet(), true);
   * ```
   */
  set() {
    setFlag(this.#view, this.#state);
  }
  /**
   * Clears the flag, so the flag can be reused for the next run.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * stop.set();
   * stop.clear();
   * assert.equal(stop.isSet(), false);
   * ```
   */
  clear() {
    clearFlag(this.#view, this.#state);
  }
  /**
   * Returns whether the flag is set: the check a cooperative loop makes.
   *
   * @returns true once `set()` was called (until `clear()`).
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new StopFlag().isSet(), false);
   * ```
   */
  isSet() {
    return isFlagSet(this.#view, this.#state);
  }
  /**
   * Waits until the flag is set, blocking the thread (Python's
   * `stop_event.wait(timeout)`); see {@linkcode StopFlag.waitAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new StopFlag().wait({ timeout: 5 }), false);
   * ```
   */
  wait(options = {}) {
    return waitFlag(this.#view, this.#state, options.timeout, this.#record);
  }
  /**
   * Waits until the flag is set without blocking the thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * setTimeout(() => stop.set(), 1);
   * assert.equal(await stop.waitAsync({ timeout: 5000 }), true);
   * ```
   */
  async waitAsync(options = {}) {
    return await waitFlagAsync(this.#view, this.#state, options.timeout, options.signal, this.#record);
  }
};

// concurrency/_transfer.ts
var PRIMITIVES = {
  Lock: (handle) => Lock.from(handle),
  RLock: (handle) => RLock.from(handle),
  Condition: (handle) => Condition.from(handle),
  Semaphore: (handle) => Semaphore.from(handle),
  BoundedSemaphore: (handle) => BoundedSemaphore.from(handle),
  Event: (handle) => Event.from(handle),
  // Actions do not cross threads; use Barrier.from(handle, { action }) for one.
  Barrier: (handle) => Barrier.from(handle),
  // Arrives with the default JSON codec; use SharedQueue.from(handle, { codec }) for another.
  SharedQueue: (handle) => SharedQueue.from(handle),
  // Interruption
  StopFlag: (handle) => StopFlag.from(handle)
};
var ERROR_CLASSES = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  InterruptedError,
  // Deadlock tools, owner death, barriers, queues
  DeadlockError,
  LockOrderError,
  PoisonedError,
  BrokenBarrierError,
  QueueFullError,
  QueueEmptyError
};
var ERROR_KEYS = new Map(Object.entries(ERROR_CLASSES).map(([key, errorClass]) => [
  errorClass,
  key
]));
function errorClassKey(error) {
  for (let prototype = Object.getPrototypeOf(error); prototype !== null && prototype !== Error.prototype; prototype = Object.getPrototypeOf(prototype)) {
    const key = ERROR_KEYS.get(prototype.constructor);
    if (key !== void 0) return key;
  }
  return error.constructor?.name ?? "Error";
}
function isPlainObject(value) {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
function isHandle(value) {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value;
  return typeof candidate.kind === "string" && candidate.runtime instanceof SharedArrayBuffer && typeof candidate.index === "number" && Object.hasOwn(PRIMITIVES, candidate.kind);
}
function toTransferable(value) {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(toTransferable);
  if (!isPlainObject(value)) {
    const handle = value.handle;
    return isHandle(handle) ? handle : value;
  }
  const copy = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = toTransferable(item);
  }
  return copy;
}
function revive(value) {
  if (typeof value !== "object" || value === null) return value;
  if (isHandle(value)) return PRIMITIVES[value.kind](value);
  if (Array.isArray(value)) return value.map(revive);
  if (!isPlainObject(value)) return value;
  const copy = {};
  for (const [key, item] of Object.entries(value)) copy[key] = revive(item);
  return copy;
}
function cloneable(value) {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
function serializeError(error, depth = 0) {
  if (!(error instanceof Error)) {
    return {
      value: cloneable(error) ? error : String(error)
    };
  }
  const fields = {};
  for (const [key, item] of Object.entries(error)) {
    if (key === "name" || key === "message" || key === "stack" || key === "cause") continue;
    const transferable = toTransferable(item);
    if (cloneable(transferable)) fields[key] = transferable;
  }
  return {
    className: errorClassKey(error),
    name: error.name,
    message: error.message,
    stack: error.stack,
    fields,
    cause: error.cause !== void 0 && depth < 8 ? serializeError(error.cause, depth + 1) : void 0
  };
}
function deserializeError(record) {
  if (record.className === void 0) return revive(record.value);
  let error;
  if (record.className === "DOMException") {
    error = new DOMException(record.message, record.name);
  } else {
    const errorClass = ERROR_CLASSES[record.className] ?? ERROR_CLASSES[record.name ?? ""] ?? Error;
    error = Reflect.construct(Error, [
      record.message
    ], errorClass);
    if (error.name !== record.name) {
      Object.defineProperty(error, "name", {
        value: record.name,
        writable: true,
        configurable: true
      });
    }
  }
  if (record.stack !== void 0) {
    Object.defineProperty(error, "stack", {
      value: record.stack,
      writable: true,
      configurable: true
    });
  }
  for (const [key, item] of Object.entries(record.fields ?? {})) {
    error[key] = revive(item);
  }
  if (record.cause !== void 0) {
    Object.defineProperty(error, "cause", {
      value: deserializeError(record.cause),
      writable: true,
      configurable: true
    });
  }
  return error;
}

// concurrency/_platform.ts
var nodeProcess = (() => {
  const global = globalThis;
  if (global.Deno !== void 0) return void 0;
  return typeof global.process?.versions?.node === "string" ? global.process : void 0;
})();
var isNode = nodeProcess !== void 0;
function nodeWorkerThreads() {
  const specifier = "node:worker_threads";
  const builtin = nodeProcess?.getBuiltinModule?.(specifier);
  if (builtin !== void 0) return builtin;
  return import(specifier);
}
function bootstrapUrl(name, base) {
  if (!isNode) return new URL(`./${name}.ts`, base).href;
  const extension = /\.[cm]?[jt]s$/.exec(new URL(base).pathname)?.[0] ?? ".js";
  return new URL(`./${name}${extension}`, base).href;
}

export {
  referencedPrimitives,
  Header,
  THREAD_SLOTS,
  SLOT_WORDS,
  TABLE_START,
  Slot,
  SLOT_NAME_BYTES,
  ThreadState,
  PrimitiveKind,
  Primitive,
  words,
  runtime,
  hasRuntime,
  installRuntime,
  currentThreadId,
  slotBase,
  currentSlotBase,
  claimThreadSlot,
  releaseTerminatedSlot,
  threadName,
  primitiveName,
  kindName,
  timeoutOption,
  withResolvers,
  DeadlockError,
  waitKindName,
  isLockKind,
  lockOwner,
  readPark,
  findCycles,
  judgeStall,
  findDeadlocks,
  setCaptureStacks,
  capturesStacks,
  readParkStack,
  InterruptedError,
  WaitKind,
  recordAsyncWait,
  clearAsyncWait,
  liveWord,
  endThread,
  interruptThread,
  park,
  RLOCK_COUNT,
  Barrier,
  readThreadHolds,
  Semaphore,
  Lock,
  Event,
  SharedQueue,
  toTransferable,
  revive,
  serializeError,
  deserializeError,
  nodeProcess,
  isNode,
  nodeWorkerThreads,
  bootstrapUrl
};
