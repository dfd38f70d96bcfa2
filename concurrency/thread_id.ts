// This module is browser compatible.

/**
 * This thread's small integer id.
 *
 * @module
 */

import { currentThreadId } from "./_runtime.ts";

/**
 * Returns this thread's id: a small positive integer, unique among the live
 * threads of the process (the main thread and every worker), used for lock
 * ownership. The first call creates the shared runtime when this thread has
 * none. A worker started with `spawn` has its id before its code runs; the
 * low 12 bits are a slot in the thread table and the rest a generation, so an
 * id is never reused by a later thread in the same slot.
 *
 * @returns This thread's id.
 *
 * @example Usage
 * ```ts
 * import { threadId } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const id = threadId();
 * assert.ok(Number.isInteger(id) && id > 0);
 * assert.equal(threadId(), id);
 * ```
 */
export function threadId(): number {
  return currentThreadId();
}
