// This module is browser compatible.

/**
 * Stacks for thread dumps: with `configure({ captureStacks: true })`, every
 * park writes the parking thread's stack into a block of its own in the
 * shared arena, so a dump taken by any other thread can print where each
 * thread stopped. The table of blocks (one word per thread slot) is made
 * when stacks are first turned on; each thread makes its block on its
 * first park with stacks on and keeps it for its slot (later threads of the
 * slot reuse it). When stacks are off a park pays one load of the header.
 *
 * @module
 */

import { Header, Slot, words } from "./_runtime.ts";
import { slotBlock, slotTable, threadBlock } from "./_thread_blocks.ts";

/** Words of a stack block: owner id, park sequence, byte length, then the bytes. */
const STACK_WORDS = 1024;
const OWNER = 0;
const SEQUENCE = 1;
const LENGTH = 2;
const BYTES = 3;
const MAX_BYTES = (STACK_WORDS - BYTES) * 4;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** This thread's scratch buffer for a stack's bytes (one park at a time per thread). */
const scratch = new Uint8Array(MAX_BYTES);

/** Turns stack capture on or off; makes the table the first time it is turned on. */
export function setCaptureStacks(on: boolean): void {
  if (on) slotTable(Header.STACK_TABLE, "the table of parked stacks");
  Atomics.store(words(), Header.CAPTURE_STACKS, on ? 1 : 0);
}

/** Returns whether parks record their stack now. */
export function capturesStacks(): boolean {
  return Atomics.load(words(), Header.CAPTURE_STACKS) !== 0;
}

/** Drops the frames of the parking core itself, and the `Error` line. */
function trimStack(stack: string): string {
  return stack.split("\n").slice(1).filter((line) =>
    !line.includes("_park.ts") && !line.includes("_thread_dump_stacks.ts")
  ).map((line) => line.trim()).join("\n");
}

/**
 * Writes this thread's stack for the park numbered `sequence` (called by
 * `recordPark` when stacks are on). A failure to find room leaves no stack,
 * never a failed park.
 */
export function recordParkStack(
  view: Int32Array,
  slot: number,
  sequence: number,
): void {
  const table = Atomics.load(view, Header.STACK_TABLE);
  if (table === 0) return;
  const owner = Atomics.load(view, slot + Slot.ID);
  let block: number;
  try {
    block = slotBlock(table, owner, STACK_WORDS, "a parked stack");
  } catch {
    return;
  }
  const now = words();
  // Deno formats (and source-maps) a stack in tens of microseconds: the
  // cost of stacks, paid only when they are on.
  const { written } = encoder.encodeInto(
    trimStack(new Error().stack ?? ""),
    scratch,
  );
  const asWords = new Int32Array(scratch.buffer, 0, Math.ceil(written / 4));
  // The owner first, so a reader never pairs another thread's bytes with this park.
  Atomics.store(now, block + SEQUENCE, 0);
  Atomics.store(now, block + OWNER, owner);
  for (let i = 0; i < asWords.length; i++) {
    Atomics.store(now, block + BYTES + i, asWords[i]!);
  }
  Atomics.store(now, block + LENGTH, written);
  Atomics.store(now, block + SEQUENCE, sequence);
}

/**
 * Reads the stack a thread recorded for its park numbered `sequence`, or
 * undefined when none was (stacks off, or the park came before they were on).
 */
export function readParkStack(
  threadId: number,
  sequence: number,
): string | undefined {
  const view = words();
  const block = threadBlock(view, Header.STACK_TABLE, threadId);
  if (block === 0) return undefined;
  if (Atomics.load(view, block + SEQUENCE) !== sequence) return undefined;
  const length = Math.min(Atomics.load(view, block + LENGTH), MAX_BYTES);
  const asWords = new Int32Array(Math.ceil(length / 4));
  for (let i = 0; i < asWords.length; i++) {
    asWords[i] = Atomics.load(view, block + BYTES + i);
  }
  const text = decoder.decode(new Uint8Array(asWords.buffer, 0, length));
  // A park that ended while this was read has overwritten nothing yet, or
  // everything: check its number again.
  if (Atomics.load(view, block + SEQUENCE) !== sequence) return undefined;
  return text;
}
