/**
 * Type-safe generic building blocks — a {@linkcode Stack}, a double-ended
 * {@linkcode Queue}, a {@linkcode PriorityQueue}, {@linkcode Codec}s and
 * length-prefixed framing — whose type guarantees are tested as hard as their
 * behaviour. `net/` and `concurrency/` build on them.
 *
 * @example Usage
 * ```ts
 * import { PriorityQueue, Queue, Stack } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const stack = Stack.from([1, 2, 3]);
 * assert.equal(stack.pop(), 3);
 *
 * const queue = Queue.from(["a", "b"]);
 * assert.equal(queue.shift(), "a");
 *
 * const heap = PriorityQueue.from([5, 1, 3]);
 * assert.deepEqual([...heap.drain()], [1, 3, 5]);
 * ```
 *
 * @module
 */
export * from "./codec.ts";
export * from "./comparable.ts";
export * from "./frame_error.ts";
export * from "./max_by.ts";
export * from "./priority_queue.ts";
export * from "./queue.ts";
export * from "./read_frames.ts";
export * from "./readonly_stack.ts";
export * from "./sink.ts";
export * from "./stack.ts";
export * from "./write_frame.ts";
