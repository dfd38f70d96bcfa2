/**
 * A write-only destination for values, contravariant in their type.
 *
 * @module
 */

/**
 * Something values can be pushed into: a {@linkcode Stack}, a
 * {@linkcode Queue}, a {@linkcode PriorityQueue}. `T` is marked `in`
 * (contravariant): a sink only takes values, so a `Sink<Animal>` may be used
 * where a `Sink<Dog>` is wanted, and the compiler refuses the other direction.
 * This is Python's `TypeVar("T_contra", contravariant=True)`.
 *
 * `push` is declared as a property holding a function, not as a method, so
 * that TypeScript checks its parameter strictly (methods are checked
 * bivariantly, which would let a `Sink<Dog>` pass for a `Sink<Animal>`).
 *
 * @typeParam T The type of the values the sink accepts.
 *
 * @example Usage
 * ```ts
 * import { Queue, type Sink } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * function pushDigits(sink: Sink<number>, text: string): void {
 *   for (const char of text) sink.push(Number(char));
 * }
 *
 * const anything = new Queue<number | string>();
 * pushDigits(anything, "42");
 * assert.deepEqual([...anything], [4, 2]);
 * ```
 */
export interface Sink<in T> {
  /**
   * Adds a value.
   *
   * @returns The number of values held afterwards.
   */
  readonly push: (value: T) => number;
}
