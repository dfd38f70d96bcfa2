/**
 * The structural interface of values that know their own order.
 *
 * @module
 */

/**
 * A value that can compare itself with another `T`, as Java's `Comparable`
 * or Python's `__lt__` protocol. Any object with a matching `compareTo`
 * method is `Comparable`: no `implements` clause is needed, because
 * TypeScript interfaces are structural, like Python's `typing.Protocol`.
 *
 * A {@linkcode PriorityQueue} of elements that are `Comparable<T>` (an
 * F-bounded type, `T extends Comparable<T>`) needs no comparator.
 *
 * @typeParam T The type this value is compared with; usually its own type.
 *
 * @example Usage
 * ```ts
 * import { type Comparable, PriorityQueue } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * class Version implements Comparable<Version> {
 *   constructor(readonly major: number, readonly minor: number) {}
 *   compareTo(other: Version): number {
 *     return this.major - other.major || this.minor - other.minor;
 *   }
 * }
 *
 * const versions = PriorityQueue.from([new Version(2, 0), new Version(1, 9)]);
 * assert.deepEqual(versions.pop(), new Version(1, 9));
 * ```
 */
export interface Comparable<in T> {
  /**
   * Compares this value with another: negative when this value comes first,
   * positive when `other` comes first, zero when they tie. Declared as a
   * property holding a function so TypeScript checks `other` strictly: a
   * class that only compares with a subtype of `T` is not `Comparable<T>`.
   * A class may still implement it with an ordinary method.
   */
  readonly compareTo: (other: T) => number;
}
