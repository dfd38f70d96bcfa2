// This module is browser compatible.

/**
 * `enterThread`: the worker's side of {@linkcode registerWorker}.
 *
 * @module
 */

import { endThread } from "./_park.ts";
import {
  currentThreadId,
  hasRuntime,
  installRuntime,
  ThreadState,
} from "./_runtime.ts";
import type { ThreadHandle } from "./register_worker.ts";

/**
 * Joins the runtime as the thread that `registerWorker` claimed for this
 * worker: call it first, before reviving or creating any primitive. From
 * then on `threadId()` is `ticket.threadId`, and `close()` marks the thread
 * finished before the worker closes (a lock it still holds is poisoned).
 *
 * @param ticket The `ThreadHandle` that `registerWorker` returned, posted to
 *   this worker.
 * @throws {TypeError} When `ticket` is not a thread handle, or this thread
 *   already uses the runtime under another id (it revived a primitive first).
 *
 * @example Usage
 * ```ts
 * import { enterThread } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => enterThread({} as never), TypeError);
 * ```
 */
export function enterThread(ticket: ThreadHandle): void {
  if (
    typeof ticket !== "object" || ticket === null || ticket.kind !== "Thread" ||
    !Number.isInteger(ticket.threadId)
  ) {
    throw new TypeError(
      `Cannot enter a thread from ${
        JSON.stringify((ticket as { kind?: unknown } | null)?.kind ?? null)
      }: not a thread handle from registerWorker()`,
    );
  }
  const installed = hasRuntime();
  installRuntime(ticket.runtime, ticket.threadId);
  if (installed && currentThreadId() !== ticket.threadId) {
    throw new TypeError(
      `Cannot enter thread ${ticket.threadId}: this worker already runs as thread ${currentThreadId()} (call enterThread before using any primitive)`,
    );
  }
  const scope = globalThis as { close?: () => void };
  const close = scope.close;
  if (typeof close === "function") {
    scope.close = (): void => {
      endThread(ticket.threadId, ThreadState.FINISHED);
      close.call(globalThis);
    };
  }
}
