/** Shared setup for the interruption tests. */

import { sharedInts, until } from "./concurrency_workers.ts";

/** A shared word the interrupt fixture sets to 1 when its scenario starts (word 1 is a spare gate). */
export function readyWord(): Int32Array {
  return sharedInts(2);
}

/** Resolves once the fixture has signalled it started, at most `timeout` ms. */
export function untilReady(ready: Int32Array, timeout = 30_000): Promise<void> {
  return until(
    () => Atomics.load(ready, 0) === 1,
    "the worker to start",
    timeout,
  );
}

/** The interrupt fixture's file name. */
export const INTERRUPT_WORKER = "interrupt_worker.ts";
