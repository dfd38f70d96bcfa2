import assert from "node:assert/strict";
import { Event } from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import {
  untilAllParkedIn,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("Event.set(), clear() and isSet() move the flag", () => {
  const event = new Event();
  assert.equal(event.isSet(), false);
  event.set();
  assert.equal(event.isSet(), true);
  event.set();
  assert.equal(event.isSet(), true);
  event.clear();
  assert.equal(event.isSet(), false);
});

Deno.test("Event.wait() returns true at once while set, false after about its timeout while clear", () => {
  const event = new Event();
  const started = performance.now();
  assert.equal(event.wait({ timeout: 50 }), false);
  assert.ok(performance.now() - started >= 45);
  event.set();
  assert.equal(event.wait({ timeout: 0 }), true);
  assert.equal(event.wait(), true);
});

Deno.test("Event.set() wakes every worker waiting", async () => {
  await withWorkers(async (start) => {
    const event = new Event();
    const waiters = Array.from(
      { length: 3 },
      () =>
        start<boolean>("primitives_worker.ts", {
          args: ["event-wait", event, 10_000],
        }),
    );
    await untilAllParkedIn(
      waiters.map((worker) => worker.threadId),
      WaitKind.EVENT,
    );
    event.set();
    assert.deepEqual(
      await within(Promise.all(waiters.map((worker) => worker.result))),
      [true, true, true],
    );
  });
});

Deno.test("Event.wait() returns true even when the flag was set and cleared at once", async () => {
  await withWorkers(async (start) => {
    const event = new Event();
    const waiter = start<boolean>("primitives_worker.ts", {
      args: ["event-wait", event, 10_000],
    });
    await untilAllParkedIn([waiter.threadId], WaitKind.EVENT);
    event.set();
    event.clear();
    assert.equal(await within(waiter.result), true);
  });
});

Deno.test("Event.waitAsync() on the main thread is woken by a worker's set()", async () => {
  await withWorkers(async (start) => {
    const event = new Event();
    const waiting = event.waitAsync({ timeout: 10_000 });
    start("primitives_worker.ts", { args: ["event-set", event] });
    assert.equal(await within(waiting), true);
  });
});

Deno.test("Event.waitAsync() rejects with the signal's reason when aborted", async () => {
  const event = new Event();
  const controller = new AbortController();
  const waiting = event.waitAsync({ signal: controller.signal });
  controller.abort(new Error("no longer needed"));
  await assert.rejects(waiting, /no longer needed/);
});
