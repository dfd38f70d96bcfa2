/**
 * A double-ended queue on a growable ring buffer.
 *
 * @module
 */

import type { Sink } from "./sink.ts";

const MIN_CAPACITY = 16;

/**
 * A double-ended queue of `T`, Python's `collections.deque`: push and remove
 * at either end, index from either end. It keeps its elements in a ring
 * buffer whose capacity is a power of two, doubling when full and halving
 * when a quarter full, so every operation is amortized O(1) — unlike
 * `Array.prototype.shift`, which moves every remaining element.
 *
 * Changing a queue while iterating over it gives unspecified results, as with
 * any ring buffer.
 *
 * @typeParam T The type of the elements.
 *
 * @example Usage
 * ```ts
 * import { Queue } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const queue = new Queue<number>();
 * queue.push(2);
 * assert.equal(queue.push(3), 2); // push returns the new size
 * queue.pushFront(1);
 * assert.deepEqual([...queue], [1, 2, 3]); // iteration starts at the front
 * assert.equal(queue.peekFront(), 1);
 * assert.equal(queue.peekBack(), 3);
 * assert.equal(queue.shift(), 1);
 * assert.equal(queue.pop(), 3);
 * assert.equal(queue.size, 1);
 *
 * queue.clear();
 * assert.equal(queue.isEmpty(), true);
 * assert.throws(() => queue.shift(), RangeError); // Python: IndexError
 * assert.throws(() => queue.peekBack(), RangeError);
 * assert.equal(queue.tryShift(), undefined);
 * assert.equal(queue.tryPop(), undefined);
 * ```
 */
export class Queue<T> implements Sink<T> {
  #buffer: (T | undefined)[] = new Array<T | undefined>(MIN_CAPACITY).fill(
    undefined,
  );
  #mask = MIN_CAPACITY - 1;
  #head = 0;
  #size = 0;

  /**
   * Builds a queue holding the elements of `items`, in order, front first.
   *
   * @typeParam T The type of the elements.
   * @param items The elements, front first.
   * @returns A new queue.
   *
   * @example Usage
   * ```ts
   * import { Queue } from "@wirework/wirework/generics";
   * import assert from "node:assert/strict";
   *
   * const queue = Queue.from("abc");
   * assert.equal(queue.shift(), "a");
   * assert.equal(queue.pop(), "c");
   * ```
   */
  static from<T>(items: Iterable<T>): Queue<T> {
    const queue = new Queue<T>();
    for (const item of items) queue.push(item);
    return queue;
  }

  /** The number of elements. */
  get size(): number {
    return this.#size;
  }

  /**
   * Tells whether the queue has no elements.
   *
   * @returns `true` when the queue is empty.
   */
  isEmpty(): boolean {
    return this.#size === 0;
  }

  /**
   * Adds a value at the back.
   *
   * @param value The value to add.
   * @returns The size of the queue afterwards.
   */
  push(value: T): number {
    if (this.#size === this.#buffer.length) this.#resize(this.#size * 2);
    this.#buffer[(this.#head + this.#size) & this.#mask] = value;
    return ++this.#size;
  }

  /**
   * Adds a value at the front.
   *
   * @param value The value to add.
   * @returns The size of the queue afterwards.
   */
  pushFront(value: T): number {
    if (this.#size === this.#buffer.length) this.#resize(this.#size * 2);
    this.#head = (this.#head - 1) & this.#mask;
    this.#buffer[this.#head] = value;
    return ++this.#size;
  }

  /**
   * Removes and returns the front element.
   *
   * @returns The element that was at the front.
   * @throws {RangeError} When the queue is empty, as Python's
   * `deque.popleft` raises `IndexError`.
   */
  shift(): T {
    if (this.#size === 0) {
      throw new RangeError("Cannot shift from an empty queue");
    }
    return this.#removeFront();
  }

  /**
   * Removes and returns the front element, or returns `undefined` when the
   * queue is empty.
   *
   * @returns The element that was at the front, or `undefined`.
   */
  tryShift(): T | undefined {
    return this.#size === 0 ? undefined : this.#removeFront();
  }

  /**
   * Removes and returns the back element.
   *
   * @returns The element that was at the back.
   * @throws {RangeError} When the queue is empty, as Python's `deque.pop`
   * raises `IndexError`.
   */
  pop(): T {
    if (this.#size === 0) {
      throw new RangeError("Cannot pop from an empty queue");
    }
    return this.#removeBack();
  }

  /**
   * Removes and returns the back element, or returns `undefined` when the
   * queue is empty.
   *
   * @returns The element that was at the back, or `undefined`.
   */
  tryPop(): T | undefined {
    return this.#size === 0 ? undefined : this.#removeBack();
  }

  /**
   * Returns the front element without removing it.
   *
   * @returns The element at the front.
   * @throws {RangeError} When the queue is empty; use `at(0)` to get
   * `undefined` instead.
   */
  peekFront(): T {
    if (this.#size === 0) {
      throw new RangeError("Cannot peek at an empty queue");
    }
    return this.#buffer[this.#head] as T;
  }

  /**
   * Returns the back element without removing it.
   *
   * @returns The element at the back.
   * @throws {RangeError} When the queue is empty; use `at(-1)` to get
   * `undefined` instead.
   */
  peekBack(): T {
    if (this.#size === 0) {
      throw new RangeError("Cannot peek at an empty queue");
    }
    return this.#buffer[(this.#head + this.#size - 1) & this.#mask] as T;
  }

  /**
   * Returns the element at a position counted from the front, or from the
   * back when negative, as `Array.prototype.at` does. O(1).
   *
   * @param index The position: `0` is the front, `-1` the back. A fraction
   * is truncated toward zero.
   * @returns The element, or `undefined` when `index` is out of range.
   *
   * @example Usage
   * ```ts
   * import { Queue } from "@wirework/wirework/generics";
   * import assert from "node:assert/strict";
   *
   * const queue = Queue.from(["a", "b", "c"]);
   * assert.equal(queue.at(1), "b");
   * assert.equal(queue.at(-1), "c");
   * assert.equal(queue.at(3), undefined);
   * ```
   */
  at(index: number): T | undefined {
    let position = Math.trunc(index) || 0;
    if (position < 0) position += this.#size;
    if (position < 0 || position >= this.#size) return undefined;
    return this.#buffer[(this.#head + position) & this.#mask];
  }

  /** Removes every element and gives back the memory. */
  clear(): void {
    this.#buffer = new Array<T | undefined>(MIN_CAPACITY).fill(undefined);
    this.#mask = MIN_CAPACITY - 1;
    this.#head = 0;
    this.#size = 0;
  }

  /**
   * Iterates from the front to the back without removing anything.
   *
   * @returns An iterator over the elements, front first.
   */
  *[Symbol.iterator](): Iterator<T> {
    for (let position = 0; position < this.#size; position++) {
      yield this.#buffer[(this.#head + position) & this.#mask] as T;
    }
  }

  #removeFront(): T {
    const value = this.#buffer[this.#head] as T;
    // Drop the reference so the queue does not keep the value alive.
    this.#buffer[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    this.#shrinkIfSparse();
    return value;
  }

  #removeBack(): T {
    const index = (this.#head + this.#size - 1) & this.#mask;
    const value = this.#buffer[index] as T;
    this.#buffer[index] = undefined;
    this.#size--;
    this.#shrinkIfSparse();
    return value;
  }

  #shrinkIfSparse(): void {
    const capacity = this.#buffer.length;
    if (capacity > MIN_CAPACITY && this.#size <= capacity >>> 2) {
      this.#resize(capacity >>> 1);
    }
  }

  /** Copies the elements, front first, into a new buffer of `capacity`. */
  #resize(capacity: number): void {
    const buffer = new Array<T | undefined>(capacity).fill(undefined);
    for (let position = 0; position < this.#size; position++) {
      buffer[position] = this.#buffer[(this.#head + position) & this.#mask];
    }
    this.#buffer = buffer;
    this.#mask = capacity - 1;
    this.#head = 0;
  }
}
