// A Condition waiter interrupted while it takes the lock back after a
// notify settles its wait before it throws: the notify it took goes on to
// the next waiter, so none is lost while the interrupted thread lives on.
import assert from "node:assert/strict";
import { Condition, Lock, type WorkerHandle } from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import {
  parkedKind,
  until,
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";
import {
  INTERRUPT_WORKER,
  readyWord,
  untilReady,
} from "../_helpers/concurrency_interrupt.ts";

/** How long the second waiter waits at most: its wait returns false after it. */
const LIVE_WAIT_MS = 20_000;

for (const scenario of ["condition-caught", "condition-caught-async"]) {
  const form = scenario === "condition-caught" ? "wait" : "waitAsync";
  Deno.test(`Condition.${form}() interrupted while it takes the lock back after a notify passes the notify on to the next waiter`, async () => {
    const condition = new Condition(new Lock());
    await withWorkers(async (start) => {
      const waiter = async (
        fixtureScenario: string,
        timeout: number,
        stayAlive: boolean,
      ): Promise<[WorkerHandle<string>, Int32Array]> => {
        const ready = readyWord();
        // The fixture stays alive after its wait until word 1 is set.
        if (!stayAlive) Atomics.store(ready, 1, 1);
        const worker = start<string>(INTERRUPT_WORKER, {
          args: [fixtureScenario, condition, ready, timeout],
        });
        await untilReady(ready);
        await untilParked(worker.threadId);
        return [worker, ready];
      };
      // Queued first, so it is the one notified.
      const [first, firstReady] = await waiter(scenario, 60_000, true);
      const [second] = await waiter(
        "condition-caught",
        LIVE_WAIT_MS,
        false,
      );
      assert.equal(condition.acquire({ timeout: 5000 }), true);
      try {
        condition.notify(1);
        await until(
          () => parkedKind(first.threadId) === WaitKind.CONDITION_REACQUIRE,
          "the notified waiter to wait for the lock",
        );
        assert.equal(first.interrupt(), true);
      } finally {
        condition.release();
      }
      await until(
        () => Atomics.load(firstReady, 0) === 2,
        "the interrupted waiter to let the lock go",
      );
      // The first waiter is alive, so the notify it took is not stranded:
      // only passing it on wakes the second.
      assert.equal(await within(second.result, LIVE_WAIT_MS + 5000), "true");
      Atomics.store(firstReady, 1, 1);
      Atomics.notify(firstReady, 1);
      assert.equal(await within(first.result, 20_000), "InterruptedError");
    });
  });
}
