/**
 * Python-`threading`-style primitives that work across Web Workers through `SharedArrayBuffer` and `Atomics`, with deadlock detection and interruption.
 *
 * @example Usage
 * ```ts
 * import * as concurrency from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof concurrency, "object");
 * ```
 *
 * @module
 */
export {};
