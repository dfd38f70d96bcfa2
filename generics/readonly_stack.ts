/**
 * The read-only view of a stack, covariant in its element type.
 *
 * @module
 */

/**
 * A stack you can look at but not change. `T` is marked `out` (covariant):
 * the view only hands elements out, so a `ReadonlyStack<Dog>` may be used
 * where a `ReadonlyStack<Animal>` is wanted, and the compiler refuses the
 * other direction. This is Python's `TypeVar("T_co", covariant=True)`.
 *
 * @typeParam T The type of the elements.
 *
 * @example Usage
 * ```ts
 * import { type ReadonlyStack, Stack } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * interface Animal { name: string }
 * interface Dog extends Animal { bark(): string }
 *
 * function names(animals: ReadonlyStack<Animal>): string[] {
 *   return [...animals].map((animal) => animal.name);
 * }
 *
 * const dogs = Stack.from<Dog>([
 *   { name: "Rex", bark: () => "woof" },
 *   { name: "Fido", bark: () => "yap" },
 * ]);
 * assert.deepEqual(names(dogs), ["Fido", "Rex"]);
 * ```
 */
export interface ReadonlyStack<out T> extends Iterable<T> {
  /** The number of elements. */
  readonly size: number;
  /** Whether the stack has no elements. */
  isEmpty(): boolean;
  /**
   * Returns the top element without removing it.
   *
   * @throws {RangeError} When the stack is empty.
   */
  peek(): T;
  /** Returns the top element without removing it, or `undefined` when empty. */
  tryPeek(): T | undefined;
  /** Iterates from the top of the stack to the bottom. */
  [Symbol.iterator](): Iterator<T>;
}
