import assert from "node:assert/strict";
import { textCodec } from "../../generics/codec.ts";
import {
  QueueEmptyError,
  QueueFullError,
  SharedQueue,
} from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import {
  untilAllParkedIn,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("SharedQueue gives items back in FIFO order", () => {
  const queue = new SharedQueue<unknown>();
  const items = [1, "two", { three: [3] }, null, true];
  for (const item of items) queue.put(item);
  assert.equal(queue.size, items.length);
  assert.deepEqual(items.map(() => queue.get()), items);
  assert.equal(queue.empty(), true);
});

Deno.test("SharedQueue wraps around its ring with items of every size", () => {
  const queue = new SharedQueue<string>({ capacity: 64 });
  const expected: string[] = [];
  const received: string[] = [];
  for (let i = 0; i < 500; i++) {
    const item = "x".repeat(i % 37) + i;
    expected.push(item);
    while (true) {
      try {
        queue.put(item, { blocking: false });
        break;
      } catch (error) {
        if (!(error instanceof QueueFullError)) throw error;
        received.push(queue.get({ blocking: false }));
      }
    }
  }
  while (!queue.empty()) received.push(queue.get({ blocking: false }));
  assert.deepEqual(received, expected);
});

Deno.test("SharedQueue.get() throws QueueEmptyError at once without blocking, and after about its timeout", () => {
  const queue = new SharedQueue<number>();
  assert.throws(() => queue.get({ blocking: false }), QueueEmptyError);
  const started = performance.now();
  assert.throws(() => queue.get({ timeout: 50 }), QueueEmptyError);
  assert.ok(performance.now() - started >= 45);
});

Deno.test("SharedQueue.put() throws QueueFullError when maxSize is reached", () => {
  const queue = new SharedQueue<number>({ maxSize: 2 });
  queue.put(1);
  queue.put(2);
  assert.equal(queue.full(), true);
  assert.throws(() => queue.put(3, { blocking: false }), QueueFullError);
  assert.throws(() => queue.put(3, { timeout: 20 }), QueueFullError);
  assert.equal(queue.get(), 1);
  queue.put(3, { blocking: false });
});

Deno.test("SharedQueue.put() refuses an item larger than the ring", () => {
  const queue = new SharedQueue<string>({ capacity: 16 });
  assert.throws(() => queue.put("x".repeat(20)), RangeError);
});

Deno.test("SharedQueue put and get refuse bad wait options even when they need not wait", async () => {
  const queue = new SharedQueue<number>();
  assert.throws(() => queue.put(1, { timeout: -1 }), RangeError);
  assert.throws(
    () => queue.put(1, { blocking: false, timeout: 5 }),
    RangeError,
  );
  await assert.rejects(queue.putAsync(1, { timeout: Number.NaN }), RangeError);
  assert.equal(queue.size, 0, "no refused put went in");
  queue.put(1);
  queue.put(2);
  assert.throws(() => queue.get({ timeout: -1 }), RangeError);
  await assert.rejects(queue.getAsync({ timeout: -1 }), RangeError);
  assert.equal(queue.size, 2, "no refused get took an item");
});

Deno.test("SharedQueue.taskDone() past the items put throws", () => {
  const queue = new SharedQueue<number>();
  queue.put(1);
  queue.get();
  queue.taskDone();
  assert.throws(() => queue.taskDone(), RangeError);
});

Deno.test("SharedQueue.joinAsync() resolves once a worker marked every task done", async () => {
  await withWorkers(async (start) => {
    const queue = new SharedQueue<number>();
    for (let i = 1; i <= 10; i++) queue.put(i);
    assert.equal(queue.join({ timeout: 1 }), false);
    const worker = start<number>("primitives_worker.ts", {
      args: ["queue-work", queue, 10],
    });
    assert.equal(await queue.joinAsync({ timeout: 10_000 }), true);
    assert.equal(await within(worker.result), 55);
  });
});

Deno.test("SharedQueue.from() takes the codec the other side uses", async () => {
  await withWorkers(async (start) => {
    const queue = new SharedQueue<string>({ codec: textCodec });
    queue.put("plain text, not JSON");
    assert.equal(
      await within(
        start<string>("primitives_worker.ts", {
          args: ["queue-get-text", queue],
        }).result,
      ),
      "plain text, not JSON",
    );
  });
});

Deno.test("SharedQueue.getAsync() on the main thread is woken by a worker's put", async () => {
  await withWorkers(async (start) => {
    const queue = new SharedQueue<{ hello: string }>();
    const getting = queue.getAsync({ timeout: 10_000 });
    start("primitives_worker.ts", {
      args: ["queue-put", queue, { hello: "main" }],
    });
    assert.deepEqual(await within(getting), { hello: "main" });
  });
});

Deno.test("SharedQueue.get() in a worker waits for the item the main thread puts", async () => {
  await withWorkers(async (start) => {
    const queue = new SharedQueue<number>();
    const worker = start<number>("primitives_worker.ts", {
      args: ["queue-work", queue, 1],
    });
    await untilAllParkedIn([worker.threadId], WaitKind.QUEUE_GET);
    queue.put(42);
    assert.equal(await within(worker.result), 42);
  });
});

Deno.test("SharedQueue delivers every item exactly once from 2 producers to 2 consumers", async () => {
  await withWorkers(async (start) => {
    // A small ring, so producers wait for room as well as consumers for items.
    const queue = new SharedQueue<number | null>({ capacity: 256 });
    const perProducer = 5_000;
    const producers = [0, 1].map((p) =>
      start<number>("primitives_worker.ts", {
        args: ["queue-produce", queue, p * perProducer, perProducer, 1],
      })
    );
    const consumers = [0, 1].map(() =>
      start<number[]>("primitives_worker.ts", {
        args: ["queue-consume", queue],
      })
    );
    await within(
      Promise.all(producers.map((producer) => producer.result)),
      30_000,
    );
    const received = (await within(
      Promise.all(consumers.map((consumer) => consumer.result)),
      30_000,
    )).flat();
    assert.equal(received.length, 2 * perProducer);
    assert.deepEqual(
      received.sort((a, b) => a - b),
      Array.from({ length: 2 * perProducer }, (_, i) => i),
    );
    assert.equal(await queue.joinAsync({ timeout: 1000 }), true);
  });
});
