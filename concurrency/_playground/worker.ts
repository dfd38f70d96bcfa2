// This module is browser compatible.

/**
 * The playground's worker: every scenario a button of the page starts runs
 * here, in a module worker that `spawn` starts, with its primitives passed
 * in `args`. The first argument names the scenario.
 *
 * @module
 */

import type { Barrier, Event, Lock, Semaphore, SharedQueue } from "../mod.ts";
import { sleep } from "../mod.ts";

/** What each scenario takes after its name. */
export type Scenario =
  | ["count", Int32Array, Lock | null, number, Barrier]
  | ["deadlock", Lock, Lock, Barrier]
  | ["ordered", Lock, Lock, Barrier]
  | ["back-off", Lock, Lock, Barrier]
  | ["park", Event]
  | ["acquire-permit", Semaphore]
  | ["get", SharedQueue<string>]
  | ["arrive", Barrier]
  | ["nested", Lock, Lock];

/** Adds 1 to `counter[0]` `times` times, as a read then a write: lost updates show without the lock. */
function count(
  counter: Int32Array,
  lock: Lock | null,
  times: number,
  start: Barrier,
): number {
  // Every worker starts at once, so their increments overlap.
  start.wait({ timeout: 30_000 });
  for (let i = 0; i < times; i++) {
    if (lock === null) {
      counter[0] = counter[0]! + 1;
      continue;
    }
    lock.acquire();
    try {
      counter[0] = counter[0]! + 1;
    } finally {
      lock.release();
    }
  }
  return times;
}

/**
 * Takes `first`, waits until the partner holds its own first lock, takes
 * `second`: with the partner's locks crossed, this is the classic two-worker
 * deadlock.
 */
function crossed(first: Lock, second: Lock, both: Barrier): string {
  using _first = first.hold();
  both.wait({ timeout: 30_000 });
  using _second = second.hold();
  return `took '${first.name}' then '${second.name}'`;
}

/** The first fix: both workers take the locks in one order. */
function ordered(first: Lock, second: Lock, both: Barrier): string {
  both.wait({ timeout: 30_000 });
  using _first = first.hold();
  using _second = second.hold();
  return `took '${first.name}' then '${second.name}'`;
}

/**
 * The second fix: take the second lock with a timeout, and when it does
 * not come, let go of the first and try again after a pause that differs
 * per worker, so one of the two gets both.
 */
function backOff(first: Lock, second: Lock, both: Barrier): string {
  for (let tries = 1;; tries++) {
    first.acquire();
    try {
      if (tries === 1) both.wait({ timeout: 30_000 });
      if (second.acquire({ timeout: 50 })) {
        second.release();
        return `took '${first.name}' then '${second.name}' after ${tries} ${
          tries === 1 ? "try" : "tries"
        }`;
      }
    } finally {
      first.release();
    }
    sleep(first.id < second.id ? 10 : 60);
  }
}

/** Takes `outer` then `inner`, for lock-order validation. */
function nested(outer: Lock, inner: Lock): string {
  using _outer = outer.hold();
  using _inner = inner.hold();
  return `took '${inner.name}' while holding '${outer.name}'`;
}

/**
 * Runs one scenario.
 *
 * @param scenario The scenario's name and arguments.
 * @returns What the worker did, in words (or the count for `"count"`).
 */
export default function run(...scenario: Scenario): string | number {
  switch (scenario[0]) {
    case "count":
      return count(scenario[1], scenario[2], scenario[3], scenario[4]);
    case "deadlock":
      return crossed(scenario[1], scenario[2], scenario[3]);
    case "ordered":
      return ordered(scenario[1], scenario[2], scenario[3]);
    case "back-off":
      return backOff(scenario[1], scenario[2], scenario[3]);
    case "park":
      scenario[1].wait();
      return "the event was set";
    case "acquire-permit":
      scenario[1].acquire();
      return "took a permit";
    case "get":
      return `got '${scenario[1].get()}'`;
    case "arrive":
      scenario[1].wait();
      return "the barrier opened";
    case "nested":
      return nested(scenario[1], scenario[2]);
  }
}
