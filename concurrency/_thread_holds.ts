// This module is browser compatible.

/**
 * What a thread holds that no lock word records, for thread dumps: the
 * `Semaphore` permits it took through a guard (`hold()`/`holdAsync()`,
 * whose disposal gives them back in the same thread, so the permits are
 * known to be this thread's until then; a plain `acquire()` may be given
 * back by any thread, so it is not recorded), and the `WorkerPool` task a
 * pool worker runs. Each thread writes only its own block, found through a
 * table of one word per thread slot (`_thread_blocks.ts`, as the table of
 * parked stacks is); dumps read the blocks without a lock and check every
 * primitive's id before they name it.
 *
 * @module
 */

import {
  currentThreadId,
  Header,
  kindName,
  loadText,
  Primitive,
  PrimitiveKind,
  primitiveName,
  storeText,
  words,
} from "./_runtime.ts";
import { slotBlock, slotTable, threadBlock } from "./_thread_blocks.ts";
import type { DumpedHold } from "./thread_dump.ts";

/** Words of a thread's block. */
const Block = {
  /** The thread id the block belongs to now. */
  OWNER: 0,
  /** The id of the pool task the thread runs, 0 for none. */
  TASK: 1,
  /** The byte length of the task's name. */
  TASK_NAME_LENGTH: 2,
  /** The first of 16 words of the task's name, as UTF-8. */
  TASK_NAME: 3,
  /** The first permit entry: arena index, id, count. */
  PERMITS: 19,
} as const;
const TASK_NAME_BYTES = (Block.PERMITS - Block.TASK_NAME) * 4;
const PERMIT_ENTRIES = 8;
const ENTRY_WORDS = 3;
const BLOCK_WORDS = Block.PERMITS + PERMIT_ENTRIES * ENTRY_WORDS;

/** This thread's block, made (or taken over from an earlier thread of the slot) on first use. */
function ownBlock(): number {
  const me = currentThreadId();
  const table = slotTable(Header.HOLDS_TABLE, "the table of thread holdings");
  const block = slotBlock(table, me, BLOCK_WORDS, "a thread's holdings");
  const view = words();
  if (Atomics.load(view, block + Block.OWNER) !== me) {
    for (let word = 1; word < BLOCK_WORDS; word++) {
      Atomics.store(view, block + word, 0);
    }
    Atomics.store(view, block + Block.OWNER, me);
  }
  return block;
}

/**
 * Records that this thread took (`delta` > 0) or gave back (< 0) permits
 * of the semaphore at `index` through a guard. A thread holding permits of
 * more than a few semaphores at once has the rest go unrecorded.
 */
export function recordPermits(index: number, delta: number): void {
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
      if (
        Atomics.load(view, entry) === index &&
        Atomics.load(view, entry + 1) === id
      ) {
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
    // No room for the record: a dump without it, never a failed acquire.
  }
}

/** Records the pool task this thread starts running (`task` 0: it runs none now). */
export function recordPoolTask(task: number, name: string): void {
  try {
    const block = ownBlock();
    const view = words();
    if (task !== 0) {
      const at = block + Block.TASK_NAME;
      const lengthAt = block + Block.TASK_NAME_LENGTH;
      storeText(view, at, lengthAt, name, TASK_NAME_BYTES);
    }
    Atomics.store(view, block + Block.TASK, task);
  } catch {
    // No room for the record: a dump without it, never a failed task.
  }
}

/** What a thread holds beyond lock words, as a dump lists it (permits, then its pool task). */
export function readThreadHolds(threadId: number): DumpedHold[] {
  const view = words();
  const block = threadBlock(view, Header.HOLDS_TABLE, threadId);
  if (block === 0) return [];
  const holds: DumpedHold[] = [];
  for (let i = 0; i < PERMIT_ENTRIES; i++) {
    const entry = block + Block.PERMITS + i * ENTRY_WORDS;
    const index = Atomics.load(view, entry);
    const id = Atomics.load(view, entry + 1);
    const count = Atomics.load(view, entry + 2);
    if (index === 0 || count <= 0) continue;
    const kind = Atomics.load(view, index + Primitive.KIND);
    if (
      (kind !== PrimitiveKind.Semaphore &&
        kind !== PrimitiveKind.BoundedSemaphore) ||
      Atomics.load(view, index + Primitive.ID) !== id
    ) continue;
    holds.push({ kind: kindName(kind), id, name: primitiveName(index), count });
  }
  holds.sort((a, b) => a.id - b.id);
  const task = Atomics.load(view, block + Block.TASK);
  if (task !== 0) {
    const length = Math.min(
      Atomics.load(view, block + Block.TASK_NAME_LENGTH),
      TASK_NAME_BYTES,
    );
    const name = loadText(view, block + Block.TASK_NAME, length);
    // The task may have ended while its name was read.
    if (Atomics.load(view, block + Block.TASK) === task) {
      holds.push({ kind: "task", id: task, name, count: 1 });
    }
  }
  return holds;
}
