/** Shared setup for tests/concurrency/: worker fixtures, bounded waits, cleanup. */

import {
  spawn,
  type SpawnOptions,
  type WorkerHandle,
} from "../../concurrency/mod.ts";
import { Slot, slotBase, words } from "../../concurrency/_runtime.ts";

/** The URL of a worker fixture in tests/concurrency/workers/. */
export function fixture(file: string): URL {
  return new URL(`../concurrency/workers/${file}`, import.meta.url);
}

/**
 * Runs `body` with a `start` function that spawns workers and ends every one
 * of them afterwards, on every path, so no test leaves a worker behind.
 */
export async function withWorkers<T>(
  body: (
    start: <R>(file: string, options?: SpawnOptions) => WorkerHandle<R>,
  ) => Promise<T>,
): Promise<T> {
  const started: WorkerHandle<unknown>[] = [];
  try {
    return await body(<R>(file: string, options?: SpawnOptions) => {
      const handle = spawn<R>(fixture(file), options);
      started.push(handle);
      return handle;
    });
  } finally {
    for (const handle of started) handle.terminate();
  }
}

/** Resolves once `condition()` holds, polling every ms; throws after `timeout` ms. */
export async function until(
  condition: () => boolean,
  what: string,
  timeout = 20_000,
): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Whether a thread is parked in a wait of concurrency/ (read from the thread table). */
export function isParked(threadId: number): boolean {
  return Atomics.load(words(), slotBase(threadId) + Slot.PARK_INDEX) !== 0;
}

/** Resolves once the thread is parked, at most `timeout` ms. */
export function untilParked(threadId: number, timeout = 20_000): Promise<void> {
  return until(() => isParked(threadId), `thread ${threadId} to park`, timeout);
}

/** Resolves with the result, or rejects after `timeout` ms, so a broken test fails rather than hangs. */
export async function within<T>(
  promise: Promise<T>,
  timeout = 45_000,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Timed out after ${timeout} ms`)),
          timeout,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The `WaitKind` a thread is parked in now, or 0 when it is not parked. */
export function parkedKind(threadId: number): number {
  const view = words();
  const slot = slotBase(threadId);
  return Atomics.load(view, slot + Slot.PARK_INDEX) === 0
    ? 0
    : Atomics.load(view, slot + Slot.PARK_KIND);
}

/** Resolves once every thread is parked in a wait of `kind`, at most `timeout` ms. */
export function untilAllParkedIn(
  threadIds: number[],
  kind: number,
  timeout = 20_000,
): Promise<void> {
  return until(
    () => threadIds.every((id) => parkedKind(id) === kind),
    `threads ${threadIds.join(", ")} to park in wait kind ${kind}`,
    timeout,
  );
}

/** A shared Int32Array of `length` zeroed words, for counters and flags. */
export function sharedInts(length = 1): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * 4));
}
