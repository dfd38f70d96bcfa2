import assert from "node:assert/strict";
import { Queue } from "../../generics/queue.ts";
import { Random } from "../_helpers/generics_random.ts";

/**
 * Runs random operations against Queue and an array model. `pushBias` is the
 * chance an operation adds: above one half the queue grows, below it shrinks,
 * so the ring buffer wraps, doubles and halves along the way.
 */
function runAgainstModel(
  random: Random,
  steps: number,
  pushBias: number,
  queue: Queue<number>,
  model: number[],
): void {
  for (let step = 0; step < steps; step++) {
    const context = `step ${step}, size ${model.length}`;
    if (random.next() < pushBias) {
      const value = random.int(0, 1_000_000);
      if (random.next() < 0.5) {
        assert.equal(queue.push(value), model.push(value), context);
      } else {
        assert.equal(queue.pushFront(value), model.unshift(value), context);
      }
    } else {
      const operation = random.int(0, 5);
      if (operation === 0) {
        if (model.length === 0) assert.throws(() => queue.shift(), RangeError);
        else assert.equal(queue.shift(), model.shift(), context);
      } else if (operation === 1) {
        if (model.length === 0) assert.throws(() => queue.pop(), RangeError);
        else assert.equal(queue.pop(), model.pop(), context);
      } else if (operation === 2) {
        assert.equal(queue.tryShift(), model.shift(), context);
      } else if (operation === 3) {
        assert.equal(queue.tryPop(), model.pop(), context);
      } else if (operation === 4) {
        const index = random.int(-model.length - 2, model.length + 1);
        assert.equal(
          queue.at(index),
          model.at(index),
          `${context}, at(${index})`,
        );
      } else if (model.length > 0) {
        assert.equal(queue.peekFront(), model[0], context);
        assert.equal(queue.peekBack(), model.at(-1), context);
      }
    }
    assert.equal(queue.size, model.length, context);
    if (step % 97 === 0) assert.deepEqual([...queue], model, context);
  }
  assert.deepEqual([...queue], model);
}

Deno.test("Queue agrees with an array model while growing, wrapping and shrinking", () => {
  const random = new Random();
  const queue = new Queue<number>();
  const model: number[] = [];
  runAgainstModel(random, 15_000, 0.7, queue, model);
  runAgainstModel(random, 15_000, 0.5, queue, model);
  runAgainstModel(random, 25_000, 0.1, queue, model);
  assert.equal(model.length, 0, "the last phase drains the queue");
  runAgainstModel(random, 5_000, 0.5, queue, model);
});

Deno.test("Queue keeps FIFO order through many ring-buffer wrap-arounds", () => {
  const queue = new Queue<number>();
  let next = 0;
  let expected = 0;
  for (let round = 0; round < 1_000; round++) {
    for (let index = 0; index < 13; index++) queue.push(next++);
    for (let index = 0; index < 11; index++) {
      assert.equal(queue.shift(), expected++);
    }
  }
  assert.equal(queue.size, 2_000);
  assert.deepEqual([...queue].slice(0, 3), [
    expected,
    expected + 1,
    expected + 2,
  ]);
});

Deno.test("Queue.shift(), pop() and the peeks throw a RangeError when empty", () => {
  const queue = new Queue<string>();
  assert.throws(() => queue.shift(), {
    name: "RangeError",
    message: "Cannot shift from an empty queue",
  });
  assert.throws(() => queue.pop(), {
    name: "RangeError",
    message: "Cannot pop from an empty queue",
  });
  assert.throws(() => queue.peekFront(), RangeError);
  assert.throws(() => queue.peekBack(), RangeError);
  assert.equal(queue.at(0), undefined);
});

Deno.test("Queue.at() truncates fractions and counts negative indices from the back, as Array.at does", () => {
  const items = ["a", "b", "c", "d"];
  const queue = Queue.from(items);
  for (const index of [0, 1.9, -1, -1.5, -4, -5, 4, Number.NaN]) {
    assert.equal(queue.at(index), items.at(index), `at(${index})`);
  }
});

Deno.test("Queue.clear() empties the queue and it works afterwards", () => {
  const queue = Queue.from(Array.from({ length: 100 }, (_, index) => index));
  queue.clear();
  assert.equal(queue.size, 0);
  queue.push(1);
  queue.pushFront(0);
  assert.deepEqual([...queue], [0, 1]);
});

Deno.test("Queue never calls Array.prototype.shift or unshift, which are O(n)", () => {
  const { shift, unshift } = Array.prototype;
  let calls = 0;
  Array.prototype.shift = function (this: unknown[]) {
    calls++;
    return shift.call(this);
  };
  Array.prototype.unshift = function (this: unknown[], ...items: unknown[]) {
    calls++;
    return unshift.apply(this, items);
  };
  try {
    const queue = new Queue<number>();
    for (let index = 0; index < 5_000; index++) {
      queue.push(index);
      queue.pushFront(index);
      if (index % 3 === 0) queue.shift();
      if (index % 5 === 0) queue.pop();
    }
    while (!queue.isEmpty()) queue.shift();
  } finally {
    Array.prototype.shift = shift;
    Array.prototype.unshift = unshift;
  }
  assert.equal(calls, 0);
});
