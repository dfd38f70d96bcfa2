import assert from "node:assert/strict";
import {
  checkInterrupt,
  Event,
  interrupted,
  InterruptedError,
  interruptSignal,
  sleep,
  sleepAsync,
} from "../../concurrency/mod.ts";
import { within, withWorkers } from "../_helpers/concurrency_workers.ts";
import {
  INTERRUPT_WORKER,
  readyWord,
  untilReady,
} from "../_helpers/concurrency_interrupt.ts";

Deno.test("an interrupt sent before the worker waits is not lost: its next wait throws", async () => {
  const event = new Event();
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start<{ wasPending: boolean; threw: string | false }>(
      INTERRUPT_WORKER,
      { args: ["early", event, ready] },
    );
    await untilReady(ready);
    assert.equal(worker.interrupt(), true);
    // Let the worker go on to its Event wait.
    Atomics.store(ready, 1, 1);
    Atomics.notify(ready, 1);
    assert.deepEqual(await within(worker.result, 20_000), {
      wasPending: true,
      threw: "InterruptedError",
    });
  });
});

Deno.test("an interrupt sent before the worker even starts reaches its first wait", async () => {
  const event = new Event();
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, { args: ["event", event, ready] });
    assert.equal(worker.interrupt(), true);
    await assert.rejects(within(worker.result, 20_000), InterruptedError);
  });
});

Deno.test("checkInterrupt() in a busy loop throws InterruptedError once interrupted", async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["busy-check", null, ready],
    });
    await untilReady(ready);
    worker.interrupt();
    await assert.rejects(within(worker.result, 20_000), InterruptedError);
  });
});

Deno.test("interrupted() turns true in a loop that polls it, without throwing", async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start<string>(INTERRUPT_WORKER, {
      args: ["busy-flag", null, ready],
    });
    await untilReady(ready);
    worker.interrupt();
    assert.equal(await within(worker.result, 20_000), "saw the interrupt");
  });
});

Deno.test("interruptSignal() aborts a fetch to a loopback server that never answers", async () => {
  const { promise: released, resolve: release } = Promise.withResolvers<void>();
  const { promise: arrived, resolve: requestArrived } = Promise.withResolvers<
    void
  >();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async () => {
      requestArrived();
      await released;
      return new Response("too late");
    },
  );
  const ready = readyWord();
  try {
    await withWorkers(async (start) => {
      const worker = start<{ error: string; reason: string }>(
        INTERRUPT_WORKER,
        {
          args: [
            "fetch",
            null,
            ready,
            `http://127.0.0.1:${server.addr.port}/hang`,
          ],
        },
      );
      await within(arrived, 20_000);
      worker.interrupt();
      assert.deepEqual(await within(worker.result, 20_000), {
        error: "InterruptedError",
        reason: "InterruptedError",
      });
    });
  } finally {
    release();
    await server.shutdown();
  }
});

Deno.test("interrupted(), checkInterrupt() and interruptSignal() are quiet on a thread nobody interrupted", () => {
  assert.equal(interrupted(), false);
  checkInterrupt();
  const signal = interruptSignal();
  assert.equal(signal.aborted, false);
  assert.equal(interruptSignal(), signal);
});

Deno.test("sleep() and sleepAsync() wait about as long as asked and refuse a negative time", async () => {
  const started = performance.now();
  sleep(15);
  assert.ok(performance.now() - started >= 14);
  const startedAsync = performance.now();
  await sleepAsync(15);
  assert.ok(performance.now() - startedAsync >= 14);
  assert.throws(() => sleep(-1), RangeError);
  await assert.rejects(sleepAsync(Number.NaN), RangeError);
});

Deno.test("sleepAsync() rejects with the signal's reason when it aborts", async () => {
  const controller = new AbortController();
  const pending = sleepAsync(60_000, { signal: controller.signal });
  controller.abort(new Error("enough"));
  await assert.rejects(within(pending, 20_000), /enough/);
});

Deno.test("interrupt() returns false once the worker has ended", async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["finish-after", null, ready, 0],
    });
    assert.equal(await within(worker.result, 20_000), "finished");
    assert.equal(worker.interrupt(), false);
  });
});
