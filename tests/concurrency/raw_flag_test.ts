// The flag protocol of `_raw_flag.ts`, reached through both API layers over
// it, `Event` and `StopFlag`: what each must keep doing the same way.
import assert from "node:assert/strict";
import { Event, StopFlag } from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import {
  untilAllParkedIn,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";
import {
  INTERRUPT_WORKER,
  readyWord,
  untilReady,
} from "../_helpers/concurrency_interrupt.ts";

const FLAGS = [
  ["Event", () => new Event()],
  ["StopFlag", () => new StopFlag()],
] as const;

for (const [name, create] of FLAGS) {
  Deno.test(`${name}.wait() and waitAsync() check the timeout only while the flag is clear`, async () => {
    const flag = create();
    assert.throws(() => flag.wait({ timeout: -1 }), RangeError);
    await assert.rejects(flag.waitAsync({ timeout: -1 }), RangeError);
    flag.set();
    assert.equal(flag.wait({ timeout: -1 }), true);
    assert.equal(await flag.waitAsync({ timeout: -1 }), true);
  });

  Deno.test(`${name}.waitAsync() rejects for an aborted signal even while the flag is set`, async () => {
    const flag = create();
    flag.set();
    await assert.rejects(
      flag.waitAsync({ signal: AbortSignal.abort(new Error("gave up")) }),
      /gave up/,
    );
  });

  Deno.test(`${name}.waitAsync() returns true when the flag was set and cleared while it waited`, async () => {
    const flag = create();
    const waiting = flag.waitAsync({ timeout: 10_000 });
    flag.set();
    flag.clear();
    assert.equal(await within(waiting), true);
    assert.equal(flag.isSet(), false);
  });
}

Deno.test("Event and StopFlag each record their own wait kind while a worker waits", async () => {
  await withWorkers(async (start) => {
    const event = new Event();
    const stop = new StopFlag();
    const ready = readyWord();
    const eventWaiter = start<boolean>("primitives_worker.ts", {
      args: ["event-wait", event, 10_000],
    });
    const stopWaiter = start<boolean>(INTERRUPT_WORKER, {
      args: ["stop-flag", stop, ready],
    });
    await untilReady(ready);
    await untilAllParkedIn([eventWaiter.threadId], WaitKind.EVENT);
    await untilAllParkedIn([stopWaiter.threadId], WaitKind.STOP_FLAG);
    event.set();
    stop.set();
    assert.equal(await within(eventWaiter.result), true);
    assert.equal(await within(stopWaiter.result), true);
  });
});
