import assert from "node:assert/strict";
import type { Comparable } from "../../generics/comparable.ts";
import { PriorityQueue } from "../../generics/priority_queue.ts";
import { Random } from "../_helpers/generics_random.ts";

interface Job {
  priority: number;
  id: number;
}

const byPriority = (a: Job, b: Job): number => a.priority - b.priority;

Deno.test("PriorityQueue agrees with a sorted-array model over 20000 random operations", () => {
  const random = new Random();
  const heap = new PriorityQueue<number>();
  const model: number[] = [];
  for (let step = 0; step < 20_000; step++) {
    const operation = random.int(0, 9);
    if (operation < 5) {
      const value = random.int(-500, 500); // narrow range: many ties
      model.push(value);
      model.sort((a, b) => a - b);
      assert.equal(heap.push(value), model.length);
    } else if (operation < 8) {
      if (model.length === 0) assert.throws(() => heap.pop(), RangeError);
      else assert.equal(heap.pop(), model.shift(), `step ${step}`);
    } else if (operation === 8) {
      assert.equal(heap.tryPeek(), model[0], `step ${step}`);
    } else {
      assert.equal(heap.tryPop(), model.shift(), `step ${step}`);
    }
    assert.equal(heap.size, model.length);
  }
  assert.deepEqual([...heap.drain()], model);
});

Deno.test("PriorityQueue pops objects in comparator order, every tie included", () => {
  const random = new Random(7);
  const jobs: Job[] = Array.from(
    { length: 2_000 },
    (_, id) => ({ priority: random.int(0, 20), id }),
  );
  const heap = new PriorityQueue(byPriority);
  for (const job of jobs) heap.push(job);
  const popped = [...heap.drain()];
  for (let index = 1; index < popped.length; index++) {
    assert.ok(popped[index - 1]!.priority <= popped[index]!.priority);
  }
  assert.deepEqual(
    popped.map((job) => job.id).sort((a, b) => a - b),
    jobs.map((job) => job.id),
    "every job comes out exactly once",
  );
});

Deno.test("PriorityQueue.from() heapifies to the same order as pushing one by one", () => {
  const random = new Random(11);
  for (const length of [0, 1, 2, 3, 7, 8, 100, 1_001]) {
    const values = Array.from({ length }, () => random.int(0, 50));
    const fromAll = [...PriorityQueue.from(values).drain()];
    assert.deepEqual(
      fromAll,
      values.toSorted((a, b) => a - b),
      `length ${length}`,
    );
  }
});

Deno.test("PriorityQueue without a comparator orders strings by UTF-16 code unit, like <", () => {
  const words = ["b", "a", "B", "é", "ab", "", "😀", "\uffff"];
  const heap = PriorityQueue.from(words);
  assert.deepEqual([...heap.drain()], words.toSorted());
});

Deno.test("PriorityQueue without a comparator puts NaN after every number", () => {
  const heap = PriorityQueue.from([
    3,
    Number.NaN,
    -Infinity,
    1,
    Number.NaN,
    Infinity,
  ]);
  const drained = [...heap.drain()];
  assert.deepEqual(drained.slice(0, 4), [-Infinity, 1, 3, Infinity]);
  assert.ok(drained.slice(4).every(Number.isNaN));
});

Deno.test("PriorityQueue without a comparator puts numbers before strings in a union", () => {
  const heap = new PriorityQueue<number | string>();
  for (const value of ["10", 9, "1", 100]) heap.push(value);
  assert.deepEqual([...heap.drain()], [9, 100, "1", "10"]);
});

Deno.test("PriorityQueue without a comparator orders Comparable elements by compareTo", () => {
  class Version implements Comparable<Version> {
    constructor(readonly major: number, readonly minor: number) {}
    compareTo(other: Version): number {
      return this.major - other.major || this.minor - other.minor;
    }
    toString(): string {
      return `${this.major}.${this.minor}`;
    }
  }
  const heap = PriorityQueue.from([
    new Version(1, 10),
    new Version(0, 9),
    new Version(1, 2),
  ]);
  assert.deepEqual([...heap.drain()].map(String), ["0.9", "1.2", "1.10"]);
});

Deno.test("PriorityQueue refuses at run time a comparator-less order the types were lied to about", () => {
  const Unchecked = PriorityQueue as unknown as new () => PriorityQueue<
    { n: number }
  >;
  const heap = new Unchecked();
  heap.push({ n: 1 });
  assert.throws(() => heap.push({ n: 2 }), {
    name: "TypeError",
    message: /^Cannot order an object "\[object Object\]" without a comparator/,
  });
});

Deno.test("PriorityQueue rejects a comparator that is not a function", () => {
  assert.throws(
    () => new PriorityQueue<number>(42 as unknown as () => number),
    TypeError,
  );
});

Deno.test("PriorityQueue.pop() and peek() throw a RangeError when empty", () => {
  const heap = new PriorityQueue<number>();
  assert.throws(() => heap.pop(), {
    name: "RangeError",
    message: "Cannot pop from an empty priority queue",
  });
  assert.throws(() => heap.peek(), RangeError);
  assert.equal(heap.tryPop(), undefined);
});

Deno.test("PriorityQueue.drain() stopped early leaves the rest in the queue", () => {
  const heap = PriorityQueue.from([4, 2, 3, 1]);
  for (const value of heap.drain()) {
    if (value === 2) break;
  }
  assert.deepEqual([...heap.drain()], [3, 4]);
});

Deno.test("PriorityQueue.clear() empties the queue", () => {
  const heap = PriorityQueue.from([1, 2, 3]);
  heap.clear();
  assert.equal(heap.isEmpty(), true);
  heap.push(5);
  assert.equal(heap.peek(), 5);
});
