/**
 * The order a {@linkcode PriorityQueue} uses when given no comparator.
 *
 * @module
 */

import type { Comparable } from "./comparable.ts";

/** Where each kind of value goes when kinds are mixed: numbers first. */
function rank(value: unknown): number {
  if (typeof value === "number") return 0;
  if (typeof value === "string") return 1;
  return 2;
}

/**
 * Compares two values by their natural order: numbers numerically (NaN after
 * every other number, so the order stays total), strings by UTF-16 code unit
 * as `<` does, `Comparable` objects by `compareTo`. Values of different kinds,
 * which only a union type lets in, go numbers, then strings, then objects.
 */
export function naturalOrder(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") {
    if (a < b) return -1;
    if (a > b) return 1;
    if (a === b) return 0;
    return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  }
  if (typeof a === "string" && typeof b === "string") {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const rankA = rank(a);
  const rankB = rank(b);
  if (rankA !== rankB) return rankA - rankB;
  const compareTo = (a as Partial<Comparable<unknown>> | null)?.compareTo;
  if (typeof compareTo !== "function") {
    throw new TypeError(
      `Cannot order ${
        describe(a)
      } without a comparator: it has no compareTo method`,
    );
  }
  return compareTo.call(a, b);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") {
    return `an object "${Object.prototype.toString.call(value)}"`;
  }
  return `a ${typeof value} "${String(value)}"`;
}
