/**
 * A priority queue on a binary min-heap.
 *
 * @module
 */

import type { Comparable } from "./comparable.ts";
import type { Sink } from "./sink.ts";
import { naturalOrder } from "./_natural_order.ts";

/**
 * A priority queue of `T` on a binary min-heap, as Python's `heapq` and
 * Java's `PriorityQueue`: `pop` always returns the smallest element by the
 * comparator. `push` and `pop` are O(log n), `peek` and `size` O(1), and
 * {@linkcode PriorityQueue.from} builds a heap from n elements in O(n).
 * Elements that compare equal come out in no particular order.
 *
 * The comparator `(a, b) => number` returns a negative number when `a` comes
 * first, a positive number when `b` does, zero when they tie. It may be left
 * out only when the type system can vouch for a natural order: when `T` is
 * `number`, `string` (or a union of them: numbers come before strings) or a
 * {@linkcode Comparable} of itself. For any other `T`, leaving it out is a
 * compile-time error — the bound Python would write as
 * `TypeVar("T", bound=SupportsLessThan)`.
 *
 * @typeParam T The type of the elements.
 *
 * @example Numbers need no comparator
 * ```ts
 * import { PriorityQueue } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const heap = new PriorityQueue<number>();
 * for (const n of [5, 1, 4, 2, 3]) heap.push(n);
 * assert.equal(heap.peek(), 1);
 * assert.equal(heap.pop(), 1);
 * assert.equal(heap.size, 4);
 * assert.deepEqual([...heap.drain()], [2, 3, 4, 5]);
 *
 * assert.equal(heap.isEmpty(), true);
 * assert.throws(() => heap.pop(), RangeError); // Python: IndexError
 * assert.equal(heap.tryPop(), undefined);
 * assert.equal(heap.tryPeek(), undefined);
 * ```
 *
 * @example Objects need one
 * ```ts
 * import { PriorityQueue } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * interface Job { name: string; priority: number }
 * const jobs = new PriorityQueue<Job>((a, b) => a.priority - b.priority);
 * jobs.push({ name: "later", priority: 9 });
 * jobs.push({ name: "now", priority: 0 });
 * assert.equal(jobs.pop().name, "now");
 * ```
 */
export class PriorityQueue<T> implements Sink<T> {
  #heap: T[] = [];
  #compare: (a: T, b: T) => number;

  /**
   * Builds a priority queue from `items` in O(n) (Python's
   * `heapq.heapify`). The comparator may be left out only when `T` is a
   * number, a string or a {@linkcode Comparable} of itself.
   *
   * @typeParam T The type of the elements.
   * @param items The elements, in any order.
   * @param args The comparator, `(a, b) => number`: negative when `a` comes
   * first, positive when `b` does. Optional only for a natural order.
   * @returns A new priority queue holding them.
   *
   * @example Usage
   * ```ts
   * import { PriorityQueue } from "@wirework/wirework/generics";
   * import assert from "node:assert/strict";
   *
   * const heap = PriorityQueue.from(["pear", "apple", "fig"]);
   * assert.equal(heap.pop(), "apple");
   *
   * const longestFirst = PriorityQueue.from(
   *   ["pear", "apple", "fig"],
   *   (a, b) => b.length - a.length,
   * );
   * assert.equal(longestFirst.pop(), "apple");
   * ```
   */
  static from<T>(
    items: Iterable<T>,
    ...args: [T] extends [number | string | Comparable<T>]
      ? [compare?: (a: T, b: T) => number]
      : [compare: (a: T, b: T) => number]
  ): PriorityQueue<T> {
    const compare: ((a: T, b: T) => number) | undefined = args[0];
    const queue = new PriorityQueue<T>(compare ?? naturalOrder);
    const heap = queue.#heap;
    for (const item of items) heap.push(item);
    for (let index = (heap.length >>> 1) - 1; index >= 0; index--) {
      queue.#siftDown(index);
    }
    return queue;
  }

  /**
   * Makes an empty priority queue ordered by `compare`.
   *
   * @param compare Negative when `a` comes first, positive when `b` does.
   *
   * @example Usage
   * ```ts
   * import { PriorityQueue } from "@wirework/wirework/generics";
   * import assert from "node:assert/strict";
   *
   * const maxHeap = new PriorityQueue((a: number, b: number) => b - a);
   * maxHeap.push(1);
   * maxHeap.push(3);
   * assert.equal(maxHeap.pop(), 3);
   * ```
   */
  constructor(compare: (a: T, b: T) => number);
  /**
   * Makes an empty priority queue in the natural order of `T`, allowed only
   * when `T` is a number, a string or a {@linkcode Comparable} of itself;
   * for any other `T` the comparator is required.
   *
   * @param args Nothing, or a comparator.
   *
   * @example Usage
   * ```ts
   * import { PriorityQueue } from "@wirework/wirework/generics";
   * import assert from "node:assert/strict";
   *
   * const heap = new PriorityQueue<string>();
   * heap.push("b");
   * heap.push("a");
   * assert.equal(heap.pop(), "a");
   * ```
   */
  constructor(
    ...args: [T] extends [number | string | Comparable<T>]
      ? [compare?: (a: T, b: T) => number]
      : [compare: (a: T, b: T) => number]
  );
  constructor(compare?: (a: T, b: T) => number) {
    if (compare !== undefined && typeof compare !== "function") {
      throw new TypeError(
        `Cannot order a priority queue with "${
          String(compare)
        }": the comparator must be a function`,
      );
    }
    this.#compare = compare ?? naturalOrder;
  }

  /** The number of elements. */
  get size(): number {
    return this.#heap.length;
  }

  /**
   * Tells whether the queue has no elements.
   *
   * @returns `true` when the queue is empty.
   */
  isEmpty(): boolean {
    return this.#heap.length === 0;
  }

  /**
   * Adds a value. O(log n).
   *
   * @param value The value to add.
   * @returns The size of the queue afterwards.
   */
  push(value: T): number {
    const heap = this.#heap;
    heap.push(value);
    this.#siftUp(heap.length - 1);
    return heap.length;
  }

  /**
   * Removes and returns the smallest element by the comparator. O(log n).
   *
   * @returns The smallest element.
   * @throws {RangeError} When the queue is empty, as Python's
   * `heapq.heappop` raises `IndexError`.
   */
  pop(): T {
    if (this.#heap.length === 0) {
      throw new RangeError("Cannot pop from an empty priority queue");
    }
    return this.#removeTop();
  }

  /**
   * Removes and returns the smallest element, or returns `undefined` when the
   * queue is empty.
   *
   * @returns The smallest element, or `undefined`.
   */
  tryPop(): T | undefined {
    return this.#heap.length === 0 ? undefined : this.#removeTop();
  }

  /**
   * Returns the smallest element without removing it. O(1).
   *
   * @returns The smallest element.
   * @throws {RangeError} When the queue is empty.
   */
  peek(): T {
    if (this.#heap.length === 0) {
      throw new RangeError("Cannot peek at an empty priority queue");
    }
    return this.#heap[0] as T;
  }

  /**
   * Returns the smallest element without removing it, or `undefined` when
   * the queue is empty.
   *
   * @returns The smallest element, or `undefined`.
   */
  tryPeek(): T | undefined {
    return this.#heap[0];
  }

  /** Removes every element. */
  clear(): void {
    this.#heap = [];
  }

  /**
   * Removes the elements one by one, smallest first, as the returned
   * iterator is advanced. Stopping early leaves the rest in the queue;
   * pushing while draining is allowed and the new element takes its place
   * in the order.
   *
   * @returns An iterator that pops until the queue is empty.
   *
   * @example Usage
   * ```ts
   * import { PriorityQueue } from "@wirework/wirework/generics";
   * import assert from "node:assert/strict";
   *
   * const heap = PriorityQueue.from([3, 1, 2]);
   * assert.deepEqual([...heap.drain()], [1, 2, 3]);
   * assert.equal(heap.isEmpty(), true);
   * ```
   */
  *drain(): Generator<T, void, undefined> {
    while (this.#heap.length > 0) yield this.#removeTop();
  }

  #removeTop(): T {
    const heap = this.#heap;
    const top = heap[0] as T;
    const last = heap.pop() as T;
    if (heap.length > 0) {
      heap[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  /** Moves the element at `index` up until its parent is not greater. */
  #siftUp(index: number): void {
    const heap = this.#heap;
    const compare = this.#compare;
    const value = heap[index] as T;
    while (index > 0) {
      const parentIndex = (index - 1) >>> 1;
      const parent = heap[parentIndex] as T;
      if (compare(value, parent) >= 0) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = value;
  }

  /** Moves the element at `index` down until no child is smaller. */
  #siftDown(index: number): void {
    const heap = this.#heap;
    const compare = this.#compare;
    const length = heap.length;
    const value = heap[index] as T;
    const firstLeaf = length >>> 1;
    while (index < firstLeaf) {
      let childIndex = 2 * index + 1;
      let child = heap[childIndex] as T;
      const rightIndex = childIndex + 1;
      if (rightIndex < length) {
        const right = heap[rightIndex] as T;
        if (compare(right, child) < 0) {
          childIndex = rightIndex;
          child = right;
        }
      }
      if (compare(child, value) >= 0) break;
      heap[index] = child;
      index = childIndex;
    }
    heap[index] = value;
  }
}
