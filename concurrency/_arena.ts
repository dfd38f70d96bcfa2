// This module is browser compatible.

/**
 * The arena allocator: where primitives and their extra words live in the
 * runtime buffer, and how they are freed.
 *
 * The runtime buffer is a growable `SharedArrayBuffer`; the arena is its
 * tail, cut into pages of `PAGE_WORDS` words. Every page serves one size
 * class (blocks of 4, 8, … words) of one block type, for ever: a page of
 * primitive blocks only ever holds primitive blocks of that size, so a stale
 * handle's index always lands on a primitive header (live, or free with a
 * reference count of 0), never inside other data. Blocks bigger than a page
 * take a run of pages ("span"). Freed blocks go on a free list per type and
 * class and are reused first; new pages come from a bump pointer, and the
 * buffer grows (all threads see it: views are re-made when the published
 * length changes) up to `MAX_RUNTIME_WORDS`, the one limit left.
 *
 * Every change to the free lists, carve cursors, bump pointer and page table
 * happens under a spin lock in shared memory (a few loads and stores, no
 * allocation, no waiting inside), so concurrent allocation from many
 * threads never hands out overlapping blocks and never reports "full" while
 * space is left.
 *
 * Reference counting: a primitive's header holds a count of the objects
 * (in any thread) that hold it. Each object records its reference in its
 * thread's table of held references (one per thread slot, in the arena), so
 * a thread that ends without running its finalizers is cleaned up by
 * {@linkcode releaseThreadReferences}. A reference is dropped by clearing
 * its table entry with a compare-and-swap and only then decrementing the
 * count, so the thread itself (dispose, a finalizer) and a cleaner acting
 * for an ended thread can never both drop it. The count reaching 0 frees
 * the block, after the primitive kind's free hook (a `Condition` frees its
 * waiter nodes).
 *
 * @module
 */

import {
  ARENA_START,
  currentThreadId,
  Header,
  Primitive,
  THREAD_SLOTS,
  threadLive,
  words,
} from "./_runtime.ts";

/** Words per page: 64 KiB. */
export const PAGE_WORDS = 16_384;
const PAGE_SHIFT = 14;
/** The most words the runtime buffer grows to: 1 GiB. */
const MAX_RUNTIME_WORDS = 1 << 28;
/** Size classes below this are carved from shared pages; from it on, spans. */
const SPAN_CLASS = 12;
/** Class c holds blocks of 4 << c words (spans: 4 << c words as whole pages). */
const CLASSES = 27;
/** The block types; a page keeps its type for ever. */
export const BlockType = {
  /** Extra words: wait-queue nodes, tables, the lock-order graph. */
  RAW: 0,
  /** A primitive: the header of `Primitive`, its state words, its name. */
  PRIMITIVE: 1,
} as const;
const TYPES = 2;

// The allocator's own words, at the start of the arena: free-list heads,
// carve cursors, each thread slot's table of held references, page table.
const FREE_HEADS = 0;
const CURSORS = FREE_HEADS + TYPES * CLASSES;
const HELD_TABLES = CURSORS + TYPES * SPAN_CLASS * 2;
/** One table pointer per thread slot (the runtime's `THREAD_SLOTS`). */
const TABLE_POINTERS = 4096;
const PAGE_TABLE = HELD_TABLES + TABLE_POINTERS;
const MAX_PAGES = MAX_RUNTIME_WORDS >>> PAGE_SHIFT;
/** Words the allocator keeps for itself at the start of the arena. */
const ARENA_META_WORDS = PAGE_TABLE + MAX_PAGES;

/** The word of a free block that links it to the next free one. */
const NEXT_FREE = 2;

/** Page table entries: the class in the low bits, then flags. */
const PAGE_USED = 1 << 8;
const PAGE_PRIMITIVE = 1 << 9;
const PAGE_SPAN_START = 1 << 10;
const PAGE_SPAN_REST = 1 << 11;

/** The first arena word handed out as a page. */
function pagesStart(): number {
  return ARENA_START + ARENA_META_WORDS;
}

/** Words in a block of class `sizeClass`. */
function classWords(sizeClass: number): number {
  return 4 * 2 ** sizeClass;
}

/**
 * The size class for `count` words: the smallest class whose blocks hold
 * them (`4 << c >= count`), or `CLASSES` when none does.
 */
function classFor(count: number): number {
  if (count > classWords(CLASSES - 1)) return CLASSES;
  return count <= 4 ? 0 : 30 - Math.clz32(count - 1);
}

/**
 * Takes the spin lock at `word` (0 when free, else the holder's thread id),
 * for short sections that never wait inside: the arena's, and the
 * lock-order graph's.
 */
export function takeSpinLock(view: Int32Array, word: number): void {
  const me = currentThreadId() || -1;
  let spins = 0;
  while (Atomics.compareExchange(view, word, 0, me) !== 0) {
    // The holder does a few loads and stores; yield the core now and then
    // where the platform allows it.
    if (++spins % 64 === 0) {
      // A holder that ended inside the section (terminated) gives the lock
      // up: each step there is one store, so what it left half done is at
      // worst a page, block or edge never handed out, never one handed twice.
      if (spins % 4096 === 0 && stealFromEndedHolder(view, word, me)) return;
      try {
        Atomics.wait(view, word, Atomics.load(view, word), 0.05);
      } catch {
        // A browser main thread may not wait: keep spinning.
      }
    }
  }
}

/** Takes the spin lock at `word` from a holder that has ended; true when taken. */
function stealFromEndedHolder(
  view: Int32Array,
  word: number,
  me: number,
): boolean {
  const holder = Atomics.load(view, word);
  if (holder <= 0 || threadLive(view, holder)) return false;
  return Atomics.compareExchange(view, word, holder, me) === holder;
}

/** Releases a lock taken with {@linkcode takeSpinLock}. */
export function releaseSpinLock(view: Int32Array, word: number): void {
  Atomics.store(view, word, 0);
}

/** Makes sure the buffer holds `end` words, growing it; false past the limit. */
function ensureLength(view: Int32Array, end: number): boolean {
  if (end > arenaLimit(view)) return false;
  if (end <= Atomics.load(view, Header.RUNTIME_WORDS)) return true;
  const buffer = view.buffer as SharedArrayBuffer;
  if (typeof buffer.grow !== "function" || !buffer.growable) return false;
  const current = buffer.byteLength / 4;
  const target = Math.min(
    MAX_RUNTIME_WORDS,
    Math.max(end, current + (current >>> 1), current + 16 * PAGE_WORDS),
  );
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

/**
 * Takes `pages` pages from the bump pointer and enters them in the page
 * table, the first as `entry` and the rest as its span's (arena lock held).
 * Returns the first page's first word, or -1 past the limit.
 */
function takePages(view: Int32Array, pages: number, entry: number): number {
  const next = Atomics.load(view, Header.ARENA_NEXT) || pagesStart();
  const end = next + pages * PAGE_WORDS;
  if (!ensureLength(view, end)) return -1;
  Atomics.store(view, Header.ARENA_NEXT, end);
  const first = ARENA_START + PAGE_TABLE +
    ((next - pagesStart()) >>> PAGE_SHIFT);
  Atomics.store(view, first, entry);
  for (let rest = 1; rest < pages; rest++) {
    Atomics.store(view, first + rest, PAGE_SPAN_REST);
  }
  return next;
}

function arenaLimit(view: Int32Array): number {
  return Atomics.load(view, Header.ARENA_LIMIT) || MAX_RUNTIME_WORDS;
}

/**
 * Lowers the most words the runtime may grow to (for tests of exhaustion;
 * never below what is handed out already).
 *
 * @param limit Words, at most `MAX_RUNTIME_WORDS`; 0 restores the default.
 */
export function setArenaLimit(limit: number): void {
  Atomics.store(words(), Header.ARENA_LIMIT, limit);
}

function exhausted(count: number, what: string): RangeError {
  const limit = arenaLimit(words());
  return new RangeError(
    `Cannot allocate ${count} words for ${what}: the runtime's memory is at its limit of ${limit} words (${
      Math.floor(limit / 262_144)
    } MiB) and no freed block fits; dispose of primitives no longer used`,
  );
}

/**
 * Allocates a zeroed block of at least `count` words.
 *
 * @param count How many words.
 * @param type A `BlockType`.
 * @param what What the words are for, for the error message.
 * @returns The arena index of the block's first word.
 * @throws {RangeError} When the runtime's memory is at its limit.
 */
export function allocateBlock(
  count: number,
  type: number,
  what: string,
): number {
  if (!(Number.isInteger(count) && count >= 1)) {
    throw new RangeError(`Cannot allocate "${count}" words for ${what}`);
  }
  const sizeClass = classFor(count);
  if (sizeClass >= CLASSES) throw exhausted(count, what);
  let view = words();
  let block = -1;
  takeSpinLock(view, Header.ARENA_LOCK);
  try {
    block = takeBlock(view, type, sizeClass);
  } finally {
    releaseSpinLock(view, Header.ARENA_LOCK);
  }
  if (block < 0) throw exhausted(count, what);
  view = words();
  // A reused block holds its old words; a fresh one is zero already.
  view.fill(0, block, block + classWords(sizeClass));
  return block;
}

/** Pops or carves a block (arena lock held); -1 past the limit. */
function takeBlock(view: Int32Array, type: number, sizeClass: number): number {
  const head = ARENA_START + FREE_HEADS + type * CLASSES + sizeClass;
  const free = Atomics.load(view, head);
  if (free !== 0) {
    view = words();
    Atomics.store(view, head, Atomics.load(view, free + NEXT_FREE));
    return free;
  }
  const entry = PAGE_USED | sizeClass |
    (type === BlockType.PRIMITIVE ? PAGE_PRIMITIVE : 0);
  if (sizeClass >= SPAN_CLASS) {
    const pages = 2 ** (sizeClass - SPAN_CLASS);
    return takePages(view, pages, entry | PAGE_SPAN_START);
  }
  // The allocator's words sit below the buffer's first length: this view
  // reaches them however far the buffer grew.
  const cursor = ARENA_START + CURSORS + (type * SPAN_CLASS + sizeClass) * 2;
  let at = Atomics.load(view, cursor);
  const size = classWords(sizeClass);
  if (at === 0 || at + size > Atomics.load(view, cursor + 1)) {
    at = takePages(view, 1, entry);
    if (at < 0) return -1;
    Atomics.store(view, cursor + 1, at + PAGE_WORDS);
  }
  Atomics.store(view, cursor, at + size);
  return at;
}

/** The page table entry of the page holding `index`, 0 outside the arena's pages. */
function pageEntry(view: Int32Array, index: number): number {
  const offset = index - pagesStart();
  if (offset < 0 || index >= Atomics.load(view, Header.ARENA_NEXT)) return 0;
  return Atomics.load(view, ARENA_START + PAGE_TABLE + (offset >>> PAGE_SHIFT));
}

/**
 * Returns true when `index` is where a primitive block starts (live or
 * free): the only indices a handle may name.
 */
function isPrimitiveBlock(index: number): boolean {
  if (!Number.isInteger(index)) return false;
  const view = words();
  const entry = pageEntry(view, index);
  if ((entry & PAGE_PRIMITIVE) === 0) return false;
  const offset = (index - pagesStart()) & (PAGE_WORDS - 1);
  if ((entry & PAGE_SPAN_START) !== 0) return offset === 0;
  return offset % classWords(entry & 0xff) === 0;
}

/**
 * Frees a block from {@linkcode allocateBlock}, for reuse by a block of the
 * same type and size.
 *
 * @param index The block's first word.
 */
export function freeBlock(index: number): void {
  const view = words();
  const entry = pageEntry(view, index);
  if ((entry & PAGE_USED) === 0) {
    throw new RangeError(`Cannot free arena word ${index}: not a block`);
  }
  const type = (entry & PAGE_PRIMITIVE) !== 0
    ? BlockType.PRIMITIVE
    : BlockType.RAW;
  const head = ARENA_START + FREE_HEADS + type * CLASSES + (entry & 0xff);
  takeSpinLock(view, Header.ARENA_LOCK);
  try {
    Atomics.store(view, index + NEXT_FREE, Atomics.load(view, head));
    Atomics.store(view, head, index);
  } finally {
    releaseSpinLock(view, Header.ARENA_LOCK);
  }
}

/** What the arena holds, for tests and reports. */
export interface ArenaUsage {
  /** Words of the runtime buffer now. */
  bufferWords: number;
  /** The first word not handed out as a page. */
  next: number;
  /** The most words the buffer may grow to. */
  limit: number;
}

/** Reads how far the arena has grown (for tests and reports). */
export function arenaUsage(): ArenaUsage {
  const view = words();
  return {
    bufferWords: Atomics.load(view, Header.RUNTIME_WORDS),
    next: Atomics.load(view, Header.ARENA_NEXT) || pagesStart(),
    limit: arenaLimit(view),
  };
}

// ---------------------------------------------------------------------------
// References

/** Words of a thread's table of held references. */
const Table = {
  /** The id of the thread that owns the table. */
  OWNER: 0,
  /** How many entries the table has room for. */
  CAPACITY: 1,
  /** The first entry: the arena index of a held primitive, 0 when empty. */
  ENTRIES: 2,
} as const;

/** This thread's table: its arena index, and which entries are free. */
let heldTable = 0;
let heldNext = 0;
const heldFree: number[] = [];

const freeHooks = new Map<number, (view: Int32Array, index: number) => void>();
const keepHooks: ((view: Int32Array, index: number) => boolean)[] = [];

/**
 * Registers a test that keeps a released primitive's block out of reuse
 * (its id and kind are still cleared, so no handle revives it): for a
 * record elsewhere that names blocks by index and cannot forget one, such
 * as the lock-order graph.
 *
 * @param keep Returns true to keep the block at `index` out of reuse.
 */
export function keepFreedBlockWhen(
  keep: (view: Int32Array, index: number) => boolean,
): void {
  keepHooks.push(keep);
}

/**
 * Registers what to free with a primitive of `kind` besides its block (the
 * extra words it allocated), run by whichever thread drops the last
 * reference.
 *
 * @param kind A `PrimitiveKind`.
 * @param hook Frees the primitive's extra words.
 */
export function onPrimitiveFreed(
  kind: number,
  hook: (view: Int32Array, index: number) => void,
): void {
  freeHooks.set(kind, hook);
}

function tableSlotWord(threadId: number): number {
  return ARENA_START + HELD_TABLES + (threadId & (THREAD_SLOTS - 1));
}

/** Allocates a table of thread `me`'s held references with room for `capacity`. */
function allocateTable(me: number, capacity: number): number {
  const table = allocateBlock(
    Table.ENTRIES + capacity,
    BlockType.RAW,
    `the references of thread ${me}`,
  );
  const view = words();
  Atomics.store(view, table + Table.OWNER, me);
  Atomics.store(view, table + Table.CAPACITY, capacity);
  return table;
}

/** Returns this thread's table, creating or growing it so an entry is free. */
function ensureTable(): number {
  const me = currentThreadId();
  let view = words();
  const slotWord = tableSlotWord(me);
  if (heldTable !== 0) {
    if (Atomics.load(view, slotWord) !== heldTable) {
      throw new TypeError(
        `Cannot hold a primitive in thread ${me}: the thread has ended`,
      );
    }
    const capacity = Atomics.load(view, heldTable + Table.CAPACITY);
    if (heldFree.length > 0 || heldNext < capacity) return heldTable;
    const bigger = allocateTable(me, capacity * 2);
    view = words();
    for (let entry = 0; entry < capacity; entry++) {
      const at = Table.ENTRIES + entry;
      Atomics.store(view, bigger + at, Atomics.load(view, heldTable + at));
    }
    Atomics.store(view, slotWord, bigger);
    freeBlock(heldTable);
    heldTable = bigger;
    return heldTable;
  }
  // A table left by an earlier thread of this slot: drop what it held.
  const left = Atomics.load(view, slotWord);
  if (left !== 0) {
    releaseTable(left);
    Atomics.store(view, slotWord, 0);
    freeBlock(left);
  }
  const table = allocateTable(me, 254);
  Atomics.store(words(), slotWord, table);
  heldTable = table;
  heldNext = 0;
  heldFree.length = 0;
  return table;
}

/**
 * Records a reference of this thread to the primitive at `index` (whose
 * count already includes it).
 *
 * @returns The reference's entry in this thread's table.
 */
export function recordReference(index: number): number {
  const table = ensureTable();
  const entry = heldFree.pop() ?? heldNext++;
  Atomics.store(words(), table + Table.ENTRIES + entry, index);
  return entry;
}

/**
 * Drops the reference at `entry` of this thread's table to the primitive at
 * `index`, freeing the primitive when it was the last. Does nothing when the
 * entry was dropped already (by a cleaner after this thread was seen ended).
 */
export function dropReference(entry: number, index: number): void {
  if (heldTable === 0) return;
  const view = words();
  const at = heldTable + Table.ENTRIES + entry;
  if (Atomics.compareExchange(view, at, index, 0) !== index) return;
  heldFree.push(entry);
  releasePrimitive(index);
}

/**
 * Takes a reference on the primitive at `index` when it still holds the
 * primitive `id` of `kind`: the revival of a handle.
 *
 * @returns false when the primitive was freed (its last holder dropped it).
 */
export function tryRetainPrimitive(
  index: number,
  kind: number,
  id: number,
): boolean {
  if (!isPrimitiveBlock(index)) return false;
  const view = words();
  const references = index + Primitive.REFERENCES;
  for (;;) {
    const count = Atomics.load(view, references);
    if (count <= 0) return false;
    if (
      Atomics.load(view, index + Primitive.ID) !== id ||
      Atomics.load(view, index + Primitive.KIND) !== kind
    ) return false;
    if (Atomics.compareExchange(view, references, count, count + 1) === count) {
      break;
    }
  }
  // The block may have been freed and reused between the checks and the
  // increment: then the count taken belongs to another primitive.
  if (Atomics.load(view, index + Primitive.ID) !== id) {
    releasePrimitive(index);
    return false;
  }
  return true;
}

/** Drops one reference of the primitive at `index`; the last one frees it. */
export function releasePrimitive(index: number): void {
  const view = words();
  const left = Atomics.sub(view, index + Primitive.REFERENCES, 1) - 1;
  if (left > 0) return;
  if (left < 0) {
    throw new RangeError(
      `Cannot release primitive at arena word ${index}: it has no references left`,
    );
  }
  const kind = Atomics.load(view, index + Primitive.KIND);
  freeHooks.get(kind)?.(view, index);
  // A stale handle checks the count first, then the id and kind: clear them
  // before the block can be handed out again.
  Atomics.store(view, index + Primitive.ID, 0);
  Atomics.store(view, index + Primitive.KIND, 0);
  if (keepHooks.some((keep) => keep(view, index))) return;
  freeBlock(index);
}

function releaseTable(table: number): void {
  const view = words();
  const capacity = Atomics.load(view, table + Table.CAPACITY);
  for (let entry = 0; entry < capacity; entry++) {
    const at = table + Table.ENTRIES + entry;
    const index = Atomics.load(view, at);
    if (index !== 0 && Atomics.compareExchange(view, at, index, 0) === index) {
      releasePrimitive(index);
    }
  }
}

/**
 * Drops every reference an ended thread still held (its finalizers never
 * ran). Safe to call more than once, and for a thread whose slot was reused
 * (the table then belongs to the newer thread and is left alone).
 *
 * @param threadId The ended thread's id.
 */
export function releaseThreadReferences(threadId: number): void {
  const view = words();
  const table = Atomics.load(view, tableSlotWord(threadId));
  if (table === 0 || Atomics.load(view, table + Table.OWNER) !== threadId) {
    return;
  }
  releaseTable(table);
}

/**
 * Returns the arena index of every primitive some thread holds a reference
 * to now (the union of the threads' tables), for thread dumps: a read-only
 * pass that takes no lock, so an entry may be stale; callers check the
 * primitive's kind and id before they use it.
 */
export function referencedPrimitives(): Set<number> {
  const view = words();
  const found = new Set<number>();
  for (let slot = 0; slot < THREAD_SLOTS; slot++) {
    const table = Atomics.load(view, ARENA_START + HELD_TABLES + slot);
    if (table === 0) continue;
    const capacity = Atomics.load(view, table + Table.CAPACITY);
    if (capacity <= 0 || table + Table.ENTRIES + capacity > view.length) {
      continue;
    }
    for (let entry = 0; entry < capacity; entry++) {
      const index = Atomics.load(view, table + Table.ENTRIES + entry);
      if (index !== 0 && isPrimitiveBlock(index)) found.add(index);
    }
  }
  return found;
}
