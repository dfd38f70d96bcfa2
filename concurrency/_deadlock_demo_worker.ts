/**
 * The worker of `deadlock_demo.ts`: moves money between two accounts, each
 * guarded by its lock, in one of the ways the demo shows.
 *
 * @module
 */

import { acquireAll } from "./acquire_all.ts";
import { acquireWithBackoff } from "./acquire_with_backoff.ts";
import type { Barrier } from "./barrier.ts";
import type { Lock } from "./lock.ts";
import type { SharedQueue } from "./shared_queue.ts";

/** A transfer request, for the message-passing fix. */
export interface Transfer {
  /** The account to take from. */
  from: number;
  /** The account to pay into. */
  to: number;
  /** How much. */
  amount: number;
}

/** What the worker is told to do. */
export interface DemoTask {
  /** `"naive"` (nested holds: deadlocks), `"ordering"`, `"timeout"` or `"queue"`. */
  strategy: "naive" | "ordering" | "timeout" | "queue";
  /** The account this worker takes from (0 or 1); it pays into the other. */
  from: number;
  /** The locks of accounts 0 and 1. */
  locks: [Lock, Lock];
  /** Both workers meet here before each transfer, so they collide; absent to run alone. */
  barrier?: Barrier;
  /** The two balances (shared). */
  balances: Int32Array;
  /** How many transfers. */
  rounds: number;
  /** Where transfers go in the message-passing fix. */
  queue?: SharedQueue<Transfer>;
}

function move(balances: Int32Array, from: number, to: number): void {
  // Plain reads and writes: only the locks keep them right.
  balances[from] = balances[from]! - 1;
  balances[to] = balances[to]! + 1;
}

/** Runs the transfers; returns how many were made. */
export default function (task: DemoTask): number {
  const { strategy, from, locks, barrier, balances, rounds } = task;
  const mine = locks[from === 0 ? 0 : 1];
  const theirs = locks[from === 0 ? 1 : 0];
  const to = 1 - from;
  for (let round = 0; round < rounds; round++) {
    barrier?.wait({ timeout: 30_000 });
    switch (strategy) {
      case "naive": {
        // The classic circular wait: my account's lock, then the other one.
        using _mine = mine.hold();
        // Meet the other worker while holding the first lock.
        barrier?.wait({ timeout: 30_000 });
        using _theirs = theirs.hold();
        move(balances, from, to);
        break;
      }
      case "ordering": {
        using _ = acquireAll([mine, theirs]);
        move(balances, from, to);
        break;
      }
      case "timeout": {
        using _ = acquireWithBackoff([mine, theirs], {
          timeout: 30_000,
          attemptTimeout: 2,
        });
        move(balances, from, to);
        break;
      }
      case "queue":
        // No locks at all: the owner of the balances applies the transfer.
        task.queue!.put({ from, to, amount: 1 }, { timeout: 30_000 });
        break;
    }
  }
  return rounds;
}
