/**
 * The task module of bench/pool_compare.ts: a no-op, and a task that waits
 * in a wait of concurrency/ and stamps the time its interrupt arrived.
 *
 * @module
 */

import { type Event, InterruptedError } from "../concurrency/mod.ts";

/** Runs one scenario: `noop`, or `wait` (parks on `event` until interrupted). */
export default function task(
  scenario?: string,
  shared?: { event: Event; started: Event; stamp: Float64Array },
): unknown {
  if (scenario !== "wait" || shared === undefined) return undefined;
  shared.started.set();
  try {
    shared.event.wait();
  } catch (error) {
    if (error instanceof InterruptedError) {
      shared.stamp[0] = performance.timeOrigin + performance.now();
    }
    throw error;
  }
  return undefined;
}
