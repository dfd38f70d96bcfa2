// generics/ on Node.js: the containers against plain arrays under seeded
// operation sequences, and readFrames with a signal and a timeout (which
// wait through promises Node.js 20 builds without Promise.withResolvers).
import assert from "node:assert/strict";
import { test } from "node:test";
import { load } from "./_load.mjs";

const { PriorityQueue, Queue, readFrames, Stack, textCodec, writeFrame } =
  await load("generics");
const { mulberry32 } = await load("random");

const SEED = 0x5eed_0190;
const STEPS = 20_000;

/** Runs `STEPS` random operations on `container` and on `model` side by side. */
function compare(random, operations, check) {
  const names = Object.keys(operations);
  for (let step = 0; step < STEPS; step++) {
    const name = names[Math.floor(random() * names.length)];
    const value = Math.floor(random() * 1000);
    const [got, want] = operations[name](value);
    assert.deepEqual(got, want, `step ${step}: ${name}(${value})`);
    check(step);
  }
}

/** What a call returned, or the name of what it threw. */
function outcome(call) {
  try {
    return { value: call() };
  } catch (error) {
    return { threw: error.name };
  }
}

test("Queue on Node.js behaves as an array under seeded push, pushFront, shift and pop", () => {
  const random = mulberry32(SEED);
  const queue = new Queue();
  const model = [];
  const emptyError = outcome(() => new Queue().shift()).threw;
  assert.ok(emptyError, "shift() on an empty Queue throws");
  const fromModel = (value) =>
    value === undefined ? { threw: emptyError } : { value };
  compare(random, {
    push: (v) => [queue.push(v), model.push(v)],
    pushFront: (v) => [queue.pushFront(v), model.unshift(v)],
    shift: () => [
      outcome(() => queue.shift()),
      fromModel(model.length ? model.shift() : undefined),
    ],
    pop: () => [
      outcome(() => queue.pop()),
      fromModel(model.length ? model.pop() : undefined),
    ],
    at: (v) => [queue.at(v % 8), model[v % 8]],
  }, () => assert.equal(queue.size, model.length));
  assert.deepEqual([...queue], model);
});

test("Stack on Node.js behaves as an array under seeded push, pop and peek", () => {
  const random = mulberry32(SEED + 1);
  const stack = new Stack();
  const model = [];
  compare(random, {
    push: (v) => [stack.push(v), model.push(v)],
    pop: () => [stack.tryPop(), model.pop()],
    peek: () => [stack.tryPeek(), model.at(-1)],
  }, () => assert.equal(stack.size, model.length));
});

test("PriorityQueue on Node.js pops what a sorted array pops under seeded pushes and pops", () => {
  const random = mulberry32(SEED + 2);
  const heap = new PriorityQueue((a, b) => b - a);
  const model = [];
  compare(random, {
    push: (v) => {
      model.push(v);
      model.sort((a, b) => b - a);
      return [heap.push(v), model.length];
    },
    pop: () => [heap.tryPop(), model.shift()],
    peek: () => [heap.tryPeek(), model[0]],
  }, () => assert.equal(heap.size, model.length));
});

/** A byte stream, and a writer whose writes enqueue into it at once. */
function pipe() {
  let controller;
  const readable = new ReadableStream({
    start(started) {
      controller = started;
    },
  });
  const writer = {
    write(bytes) {
      controller.enqueue(bytes.slice());
      return Promise.resolve(bytes.length);
    },
    close() {
      controller.close();
    },
  };
  return { readable, writer };
}

test("readFrames() on Node.js reads what writeFrame() wrote, then stops on its signal", async () => {
  const { readable, writer } = pipe();
  const controller = new AbortController();
  const frames = readFrames(readable, textCodec, { signal: controller.signal });
  try {
    await writeFrame(writer, textCodec, "one");
    await writeFrame(writer, textCodec, "two");
    assert.deepEqual((await frames.next()).value, "one");
    assert.deepEqual((await frames.next()).value, "two");
    const waiting = frames.next();
    controller.abort(new Error("enough"));
    await assert.rejects(waiting, { message: "enough" });
  } finally {
    writer.close();
  }
});

test("readFrames() on Node.js throws a TimeoutError when a frame does not come in time", async () => {
  const { readable, writer } = pipe();
  try {
    const frames = readFrames(readable, textCodec, { timeout: 50 });
    await writeFrame(writer, textCodec, "only");
    assert.equal((await frames.next()).value, "only");
    await assert.rejects(frames.next(), { name: "TimeoutError" });
  } finally {
    writer.close();
  }
});
