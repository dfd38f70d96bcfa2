import assert from "node:assert/strict";
import { StopFlag } from "../../concurrency/mod.ts";
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

Deno.test("StopFlag.set() ends a worker's loop that polls isSet()", async () => {
  const flag = new StopFlag({ name: "loop" });
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start<string>(INTERRUPT_WORKER, {
      args: ["stop-flag-loop", flag, ready],
    });
    await untilReady(ready);
    flag.set();
    assert.equal(await within(worker.result, 20_000), "stopped by the flag");
  });
});

Deno.test("StopFlag.set() wakes a worker blocked in wait()", async () => {
  const flag = new StopFlag();
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start<boolean>(INTERRUPT_WORKER, {
      args: ["stop-flag", flag, ready],
    });
    await untilReady(ready);
    await untilParked(worker.threadId);
    flag.set();
    assert.equal(await within(worker.result, 20_000), true);
  });
});

Deno.test("StopFlag.signal aborts when the flag is set, and a fresh one is given after clear()", async () => {
  const flag = new StopFlag({ name: "fetches" });
  const signal = flag.signal;
  assert.equal(flag.signal, signal);
  const aborted = new Promise<unknown>((resolve) =>
    signal.addEventListener("abort", () => resolve(signal.reason), {
      once: true,
    })
  );
  flag.set();
  const reason = await within(aborted, 20_000);
  assert.ok(reason instanceof DOMException);
  assert.equal(reason.name, "AbortError");
  assert.match(reason.message, /"fetches"/);
  assert.equal(flag.signal.aborted, true);
  flag.clear();
  assert.equal(flag.signal.aborted, false);
  flag.set();
});

Deno.test("StopFlag.wait() and waitAsync() time out while the flag stays clear", async () => {
  const flag = new StopFlag();
  assert.equal(flag.wait({ timeout: 5 }), false);
  assert.equal(await flag.waitAsync({ timeout: 5 }), false);
  assert.throws(() => flag.wait({ timeout: -1 }), RangeError);
  flag.set();
  assert.equal(flag.wait({ timeout: 0 }), true);
  assert.equal(await flag.waitAsync(), true);
});

Deno.test("StopFlag.from() revives a handle over the same shared word", () => {
  const flag = new StopFlag();
  const copy = StopFlag.from(structuredClone(flag.handle));
  assert.equal(copy.id, flag.id);
  copy.set();
  assert.equal(flag.isSet(), true);
  assert.throws(
    () => StopFlag.from({ ...flag.handle, kind: "Lock" } as never),
    TypeError,
  );
});
