// This module is browser compatible.

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
export * from "./acquire_all.ts";
export * from "./acquire_with_backoff.ts";
export * from "./barrier.ts";
export * from "./bounded_semaphore.ts";
export * from "./broken_barrier_error.ts";
export * from "./condition.ts";
export * from "./configure.ts";
export * from "./deadlock_error.ts";
export * from "./enter_thread.ts";
export * from "./detect_deadlocks.ts";
export * from "./event.ts";
export * from "./interrupted_error.ts";
export * from "./check_interrupt.ts";
export * from "./interrupt_signal.ts";
export * from "./interrupted.ts";
export * from "./sleep.ts";
export * from "./sleep_async.ts";
export * from "./poisoned_error.ts";
export * from "./register_error_class.ts";
export * from "./stop_flag.ts";
export * from "./lock.ts";
export * from "./lock_order_error.ts";
export * from "./queue_empty_error.ts";
export * from "./queue_full_error.ts";
export * from "./register_worker.ts";
export * from "./rlock.ts";
export * from "./semaphore.ts";
export * from "./shared_primitive.ts";
export * from "./shared_queue.ts";
export * from "./spawn.ts";
export * from "./thread_dump.ts";
export * from "./format_thread_dump.ts";
export * from "./install_thread_dump.ts";
export * from "./thread_ended_error.ts";
export * from "./thread_id.ts";
export * from "./worker_pool.ts";
// SharedQueue's options name it; it lives in generics/.
export type { Codec } from "../generics/codec.ts";
