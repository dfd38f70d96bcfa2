// This module is browser compatible.

/**
 * The error lock-order validation reports for an inversion.
 *
 * @module
 */

import type { LockInfo } from "./deadlock_error.ts";

/** One "took `to` while holding `from`" that lock-order validation has seen. */
export interface LockOrderEdge {
  /** The lock that was held. */
  readonly from: LockInfo;
  /** The lock that was taken while `from` was held. */
  readonly to: LockInfo;
  /** The thread that did it first. */
  readonly threadId: number;
  /** That thread's name (empty when its slot has been reused since). */
  readonly threadName: string;
  /**
   * The stack of that first acquisition, without the frames of
   * `concurrency/` itself, as recorded in shared memory (the first 768 bytes;
   * absent once the record's stack area is full).
   */
  readonly stack?: string;
}

/** Options for {@linkcode LockOrderError}. */
export interface LockOrderErrorOptions extends ErrorOptions {
  /** The edges of the cycle. Defaults to none. */
  cycle?: readonly LockOrderEdge[];
}

function describeThread(id: number, name: string): string {
  if (name === "main") return "thread 'main'";
  return name === "" ? `thread ${id}` : `worker '${name}'`;
}

function describeEdge(edge: LockOrderEdge, tense: "takes" | "took"): string {
  return `${
    describeThread(edge.threadId, edge.threadName)
  } ${tense} '${edge.to.name}' while holding '${edge.from.name}'`;
}

function describeOrders(cycle: readonly LockOrderEdge[]): string {
  const [now, ...earlier] = cycle;
  if (now === undefined) return "Lock order inversion";
  return `Lock order inversion: ${describeEdge(now, "takes")}, but ${
    earlier.map((edge) => describeEdge(edge, "took")).join(", then ")
  }`;
}

/**
 * Reported by lock-order validation (`configure({ lockOrder: "warn" |
 * "throw" })`, Linux's lockdep) when a thread is about to take a lock while
 * holding another in an order that closes a cycle with the orders seen
 * before — in any thread, in any earlier part of the run — even when the
 * timing happened not to deadlock. With `"throw"`, the acquire throws it and
 * does not take the lock; with `"warn"`, it is printed once per new pair.
 *
 * @example Usage
 * ```ts
 * import { configure, Lock, LockOrderError } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const previous = configure({ lockOrder: "throw" });
 * try {
 *   const a = new Lock({ name: "a" });
 *   const b = new Lock({ name: "b" });
 *   {
 *     using _a = a.hold();
 *     using _b = b.hold();
 *   }
 *   using _b = b.hold();
 *   assert.throws(() => a.acquire(), (error: unknown) => {
 *     assert.ok(error instanceof LockOrderError);
 *     assert.deepEqual(error.cycle.map((edge) => [edge.from.name, edge.to.name]), [
 *       ["b", "a"],
 *       ["a", "b"],
 *     ]);
 *     return true;
 *   });
 * } finally {
 *   configure(previous);
 * }
 * ```
 */
export class LockOrderError extends Error {
  /**
   * The cycle of orders: first the acquisition being made now (holding
   * `from`, taking `to`), then the orders seen before that lead from its
   * `to` back to its `from`.
   */
  readonly cycle: readonly LockOrderEdge[];

  /**
   * Creates the error.
   *
   * @param message What was inverted. Defaults to a sentence naming every order and thread of the cycle.
   * @param options The `cycle` and a `cause`.
   */
  constructor(message?: string, options: LockOrderErrorOptions = {}) {
    const cycle = options.cycle ?? [];
    super(message ?? describeOrders(cycle), options);
    this.name = "LockOrderError";
    this.cycle = cycle;
  }
}
