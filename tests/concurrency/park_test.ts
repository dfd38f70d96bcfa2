// The parking core's interrupt check, reached through the private
// interruptThread() that the public interrupt() builds on.
import assert from "node:assert/strict";
import { Lock } from "../../concurrency/mod.ts";
import { interruptThread } from "../../concurrency/_park.ts";
import {
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("park() throws InterruptedError in a worker parked on a lock, which it then does not own", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    lock.acquire();
    try {
      const worker = start<string>("lock_worker.ts", {
        args: ["acquire-interruptible", lock],
      });
      await untilParked(worker.threadId);
      assert.equal(interruptThread(worker.threadId), true);
      assert.equal(
        await within(worker.result),
        `InterruptedError ${worker.threadId}`,
      );
    } finally {
      lock.release();
    }
    assert.equal(lock.locked(), false);
  });
});

Deno.test("parkAsync() throws InterruptedError in a worker waiting asynchronously", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    lock.acquire();
    try {
      const worker = start<string>("lock_worker.ts", {
        args: ["acquire-async-interruptible", lock],
      });
      await untilParked(worker.threadId);
      interruptThread(worker.threadId);
      assert.equal(
        await within(worker.result),
        `InterruptedError ${worker.threadId}`,
      );
    } finally {
      lock.release();
    }
  });
});

Deno.test("an interrupt that arrives before the wait starts is not lost", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    lock.acquire();
    try {
      const worker = start<string>("lock_worker.ts", {
        args: ["acquire-interruptible", lock],
      });
      // The worker has not run yet: its slot is claimed, its code not loaded.
      interruptThread(worker.threadId);
      assert.equal(
        await within(worker.result),
        `InterruptedError ${worker.threadId}`,
      );
    } finally {
      lock.release();
    }
  });
});

Deno.test("an interrupted waiter passes its wake on, so the other waiter still gets the lock", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    lock.acquire();
    const first = start<string>("lock_worker.ts", {
      args: ["acquire-interruptible", lock],
    });
    const second = start<string>("lock_worker.ts", {
      args: ["acquire-interruptible", lock],
    });
    try {
      await untilParked(first.threadId);
      await untilParked(second.threadId);
    } finally {
      lock.release();
    }
    interruptThread(first.threadId);
    const outcomes = await within(Promise.all([first.result, second.result]));
    assert.equal(outcomes[1], "acquired");
    assert.ok(
      ["acquired", `InterruptedError ${first.threadId}`].includes(outcomes[0]),
      outcomes[0],
    );
    assert.equal(lock.locked(), false);
  });
});
