// This module is browser compatible.

/**
 * Blocks of shared words kept per thread slot for thread dumps, beside the
 * thread table: a table of one word per slot, found through a header word
 * and made on first use, points at each slot's block, made on the first
 * record of a thread of that slot and kept for the later ones. A block's
 * first word names the thread it belongs to now, so a reader never pairs a
 * thread with the record of an earlier thread of its slot. What a thread
 * holds (`_thread_holds.ts`) and where it parked (`_thread_dump_stacks.ts`)
 * each keep such a table.
 *
 * @module
 */

import { allocateWords, freeWords, THREAD_SLOTS, words } from "./_runtime.ts";

/**
 * The table the header word `header` points at, made when there is none.
 *
 * @throws {RangeError} When the runtime's memory is at its limit.
 */
export function slotTable(header: number, what: string): number {
  const existing = Atomics.load(words(), header);
  if (existing !== 0) return existing;
  const made = allocateWords(THREAD_SLOTS, what);
  // Another thread may have made one first: then its table is used.
  const raced = Atomics.compareExchange(words(), header, 0, made);
  if (raced === 0) return made;
  freeWords(made);
  return raced;
}

/**
 * The block of `threadId`'s slot in `table`, made with `size` words when
 * there is none (its first word then still names no thread).
 *
 * @throws {RangeError} When the runtime's memory is at its limit.
 */
export function slotBlock(
  table: number,
  threadId: number,
  size: number,
  what: string,
): number {
  const at = table + (threadId & (THREAD_SLOTS - 1));
  const block = Atomics.load(words(), at);
  if (block !== 0) return block;
  const made = allocateWords(size, what);
  Atomics.store(words(), at, made);
  return made;
}

/** The block `threadId` owns now in the table at header word `header`; 0 for none. */
export function threadBlock(
  view: Int32Array,
  header: number,
  threadId: number,
): number {
  const table = Atomics.load(view, header);
  if (table === 0) return 0;
  const block = Atomics.load(view, table + (threadId & (THREAD_SLOTS - 1)));
  return block !== 0 && Atomics.load(view, block) === threadId ? block : 0;
}
