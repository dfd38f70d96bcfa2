/**
 * Python-`threading`-style primitives that work across Web Workers through
 * `SharedArrayBuffer` and `Atomics`, with deadlock detection and
 * interruption. Every primitive keeps its state in one shared runtime, so it
 * crosses to a worker in one `postMessage` (or in `spawn`'s `args`) and works
 * the same on both sides; every wait comes blocking (`acquire`, for workers)
 * and async (`acquireAsync`, for any thread).
 *
 * @example Usage
 * ```ts
 * import { Lock, spawn } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * // A worker that takes the lock the main thread holds, once it is free.
 * const source = `export default (lock) => {
 *   if (!lock.acquire({ timeout: 5000 })) return "timed out";
 *   lock.release();
 *   return "got it";
 * };`;
 * const lock = new Lock({ name: "shared" });
 * lock.acquire();
 * const worker = spawn<string>(`data:text/javascript,${encodeURIComponent(source)}`, {
 *   args: [lock],
 * });
 * try {
 *   lock.release();
 *   assert.equal(await worker.result, "got it");
 * } finally {
 *   worker.terminate();
 * }
 * ```
 *
 * @module
 */
export * from "./interrupted_error.ts";
export * from "./lock.ts";
export * from "./spawn.ts";
export * from "./thread_id.ts";
