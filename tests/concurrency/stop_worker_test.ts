import assert from "node:assert/strict";
import { Event, Lock } from "../../concurrency/mod.ts";
import {
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";
import {
  INTERRUPT_WORKER,
  readyWord,
  untilReady,
} from "../_helpers/concurrency_interrupt.ts";

Deno.test('stop() of a worker blocked in an Event wait resolves "interrupted"', async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["event", new Event(), ready],
    });
    await untilReady(ready);
    await untilParked(worker.threadId);
    assert.equal(
      await within(worker.stop({ grace: 20_000 }), 30_000),
      "interrupted",
    );
    assert.equal(worker.alive, false);
  });
});

Deno.test('stop() of a cooperative busy loop (checkInterrupt) resolves "interrupted"', async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["busy-check", null, ready],
    });
    await untilReady(ready);
    assert.equal(
      await within(worker.stop({ grace: 20_000 }), 30_000),
      "interrupted",
    );
  });
});

Deno.test('stop() of a worker that returns within the grace period resolves "finished"', async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["finish-after", null, ready, 20],
    });
    await untilReady(ready);
    // The worker waits on a timer, not on us: the interrupt does not reach it.
    assert.equal(
      await within(worker.stop({ grace: 20_000 }), 30_000),
      "finished",
    );
    assert.equal(await worker.result, "finished");
  });
});

Deno.test("stop() terminates a worker that outlasts the grace period (it waits on a timer, which the interrupt cannot reach)", async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["finish-after", null, ready, 60_000],
    });
    await untilReady(ready);
    const started = performance.now();
    assert.equal(await within(worker.stop({ grace: 50 })), "terminated");
    assert.ok(performance.now() - started < 15_000);
    assert.equal(worker.alive, false);
    await assert.rejects(worker.result, /terminated/);
  });
});

Deno.test("stop() of a worker that already ended reports how it ended", async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["finish-after", null, ready, 0],
    });
    await within(worker.result);
    assert.equal(await worker.stop(), "finished");
  });
});

Deno.test("stop() refuses a negative grace period", async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["event", new Event(), ready],
    });
    await assert.rejects(worker.stop({ grace: -1 }), RangeError);
  });
});

Deno.test("a worker stopped while it holds a lock leaves the lock poisoned, not held for ever", async () => {
  const lock = new Lock({ name: "stopped-owner" });
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["hold-and-park", lock, ready],
    });
    await untilReady(ready);
    await untilParked(worker.threadId);
    assert.equal(
      await within(worker.stop({ grace: 20_000 }), 30_000),
      "interrupted",
    );
    assert.throws(() => lock.acquire({ timeout: 1000 }), {
      name: "PoisonedError",
    });
  });
});
