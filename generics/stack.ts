/**
 * A last-in, first-out stack.
 *
 * @module
 */

import type { ReadonlyStack } from "./readonly_stack.ts";
import type { Sink } from "./sink.ts";

/**
 * A last-in, first-out stack of `T`: the generic class Python writes as
 * `class Stack(Generic[T])` (or `class Stack[T]` with PEP 695), backed by an
 * array. Every operation is amortized O(1).
 *
 * A `Stack<T>` is a {@linkcode ReadonlyStack} and a {@linkcode Sink} of `T`:
 * pass it as the first to code that must only read it, and as the second to
 * code that must only fill it.
 *
 * @typeParam T The type of the elements.
 *
 * @example Usage
 * ```ts
 * import { Stack } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const stack = new Stack<string>();
 * assert.equal(stack.push("a"), 1); // push returns the new size
 * stack.push("b");
 * assert.deepEqual([...stack], ["b", "a"]); // iteration starts at the top
 * assert.equal(stack.peek(), "b");
 * assert.equal(stack.pop(), "b");
 * assert.equal(stack.size, 1);
 *
 * stack.clear();
 * assert.equal(stack.isEmpty(), true);
 * assert.throws(() => stack.pop(), RangeError); // Python: IndexError
 * assert.throws(() => stack.peek(), RangeError);
 * assert.equal(stack.tryPop(), undefined);
 * assert.equal(stack.tryPeek(), undefined);
 * ```
 */
export class Stack<T> implements ReadonlyStack<T>, Sink<T> {
  #items: T[] = [];

  /**
   * Builds a stack by pushing each element of `items` in turn, so the last
   * one is on top.
   *
   * @typeParam T The type of the elements.
   * @param items The elements, bottom first.
   * @returns A new stack.
   *
   * @example Usage
   * ```ts
   * import { Stack } from "@wirework/wirework/generics";
   * import assert from "node:assert/strict";
   *
   * const stack = Stack.from([1, 2, 3]);
   * assert.equal(stack.pop(), 3);
   * assert.deepEqual([...stack], [2, 1]);
   * ```
   */
  static from<T>(items: Iterable<T>): Stack<T> {
    const stack = new Stack<T>();
    for (const item of items) stack.#items.push(item);
    return stack;
  }

  /** The number of elements. */
  get size(): number {
    return this.#items.length;
  }

  /**
   * Tells whether the stack has no elements.
   *
   * @returns `true` when the stack is empty.
   */
  isEmpty(): boolean {
    return this.#items.length === 0;
  }

  /**
   * Puts a value on top of the stack.
   *
   * @param value The value to push.
   * @returns The size of the stack afterwards.
   */
  push(value: T): number {
    return this.#items.push(value);
  }

  /**
   * Removes and returns the top element.
   *
   * @returns The element that was on top.
   * @throws {RangeError} When the stack is empty, as Python's `list.pop`
   * raises `IndexError`.
   */
  pop(): T {
    if (this.#items.length === 0) {
      throw new RangeError("Cannot pop from an empty stack");
    }
    return this.#items.pop() as T;
  }

  /**
   * Removes and returns the top element, or returns `undefined` when the
   * stack is empty.
   *
   * @returns The element that was on top, or `undefined`.
   */
  tryPop(): T | undefined {
    return this.#items.pop();
  }

  /**
   * Returns the top element without removing it.
   *
   * @returns The element on top.
   * @throws {RangeError} When the stack is empty.
   */
  peek(): T {
    if (this.#items.length === 0) {
      throw new RangeError("Cannot peek at an empty stack");
    }
    return this.#items[this.#items.length - 1] as T;
  }

  /**
   * Returns the top element without removing it, or `undefined` when the
   * stack is empty.
   *
   * @returns The element on top, or `undefined`.
   */
  tryPeek(): T | undefined {
    return this.#items[this.#items.length - 1];
  }

  /** Removes every element. */
  clear(): void {
    this.#items.length = 0;
  }

  /**
   * Iterates from the top of the stack to the bottom, the order `pop` would
   * give, without removing anything.
   *
   * @returns An iterator over the elements, top first.
   */
  *[Symbol.iterator](): Iterator<T> {
    const items = this.#items;
    for (let index = items.length - 1; index >= 0; index--) {
      yield items[index] as T;
    }
  }
}
