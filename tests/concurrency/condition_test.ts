import assert from "node:assert/strict";
import { Condition, Lock, RLock } from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import { Primitive, words } from "../../concurrency/_runtime.ts";
import {
  sharedInts,
  until,
  untilAllParkedIn,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("Condition.notify(3) then notify(5) release exactly 3, then the remaining 2 of 5 waiters", async () => {
  await withWorkers(async (start) => {
    const condition = new Condition(new Lock());
    const woken = sharedInts();
    const waiters = Array.from(
      { length: 5 },
      () =>
        start<boolean>("primitives_worker.ts", {
          args: ["condition-wait", condition, woken],
        }),
    );
    await untilAllParkedIn(
      waiters.map((worker) => worker.threadId),
      WaitKind.CONDITION,
    );
    condition.acquire();
    condition.notify(3);
    condition.release();
    await until(() => Atomics.load(woken, 0) === 3, "3 waiters to wake");
    await until(
      () => waiters.filter((worker) => worker.alive).length === 2,
      "3 workers to end",
    );
    // The other two are still queued: no notify is left over for them.
    const waitersWord = condition.handle.index + Primitive.STATE + 4;
    assert.equal(
      Atomics.load(words(), waitersWord),
      2,
      "two waiters are queued",
    );
    assert.equal(Atomics.load(woken, 0), 3);
    condition.acquire();
    condition.notify(5);
    condition.release();
    const results = await within(
      Promise.all(waiters.map((worker) => worker.result)),
    );
    assert.deepEqual(results, [true, true, true, true, true]);
    assert.equal(Atomics.load(woken, 0), 5);
  });
});

Deno.test("Condition.wait() releases an RLock held twice, lets another thread in, then restores it", async () => {
  await withWorkers(async (start) => {
    const lock = new RLock();
    const condition = new Condition(lock);
    lock.acquire();
    lock.acquire();
    const taker = start<boolean>("primitives_worker.ts", {
      args: ["condition-take-lock", condition],
    });
    const notified = await condition.waitAsync({ timeout: 5000 });
    assert.equal(notified, true);
    assert.equal(lock.owned(), true);
    lock.release();
    assert.equal(lock.owned(), true, "the recursion count of 2 was restored");
    lock.release();
    assert.equal(lock.locked(), false);
    assert.equal(await within(taker.result), true);
  });
});

Deno.test("Condition.waitFor() returns once the predicate holds, across notifications", async () => {
  await withWorkers(async (start) => {
    const condition = new Condition();
    const state = sharedInts();
    const waiter = start<boolean>("primitives_worker.ts", {
      args: ["condition-wait-for", condition, state, 3],
    });
    for (let i = 0; i < 3; i++) {
      await untilAllParkedIn([waiter.threadId], WaitKind.CONDITION);
      await condition.acquireAsync();
      Atomics.add(state, 0, 1);
      condition.notifyAll();
      condition.release();
    }
    assert.equal(await within(waiter.result), true);
  });
});

Deno.test("Condition.waitFor({ timeout }) returns the falsy predicate after about the timeout", () => {
  const condition = new Condition();
  using _ = condition.hold();
  const started = performance.now();
  assert.equal(condition.waitFor(() => 0, { timeout: 50 }), 0);
  assert.ok(performance.now() - started >= 45);
});

Deno.test("Condition.wait({ timeout }) returns false after about the timeout and holds the lock again", () => {
  const condition = new Condition();
  using _ = condition.hold();
  const started = performance.now();
  assert.equal(condition.wait({ timeout: 50 }), false);
  assert.ok(performance.now() - started >= 45);
  assert.equal((condition.lock as RLock).owned(), true);
});

Deno.test("Condition.wait() and notify() throw when the lock is not held", async () => {
  const condition = new Condition();
  assert.throws(() => condition.wait({ timeout: 1 }), /does not hold its lock/);
  await assert.rejects(
    condition.waitAsync({ timeout: 1 }),
    /does not hold its lock/,
  );
  assert.throws(() => condition.notify(), /does not hold its lock/);
  assert.throws(() => condition.notifyAll(), /does not hold its lock/);
});

Deno.test("Condition ping-pong between two workers runs 10,000 rounds without a stall", async () => {
  await withWorkers(async (start) => {
    const condition = new Condition(new Lock());
    const turn = sharedInts();
    const rounds = 10_000;
    const players = [0, 1].map((me) =>
      start<number | string>("primitives_worker.ts", {
        args: ["condition-ping-pong", condition, turn, me, rounds],
      })
    );
    assert.deepEqual(
      await within(Promise.all(players.map((player) => player.result)), 30_000),
      [rounds, rounds],
    );
  });
});

Deno.test("Condition.from() revives the condition with its own lock", () => {
  const condition = new Condition(new Lock({ name: "guarded" }));
  const revived = Condition.from(structuredClone(condition.handle));
  assert.ok(revived.lock instanceof Lock);
  assert.equal(revived.lock.name, "guarded");
  condition.acquire();
  assert.equal(revived.lock.locked(), true);
  condition.release();
});

Deno.test("Condition with its default RLock lets one of three async tasks of a thread in at a time", async () => {
  const condition = new Condition();
  let inside = 0;
  let most = 0;
  let turn = 0;
  const task = async (id: number): Promise<void> => {
    for (let round = 0; round < 3; round++) {
      await using _ = await condition.holdAsync({ timeout: 5000 });
      // Wait (releasing the lock) until it is this task's turn.
      assert.equal(
        await condition.waitForAsync(() => turn % 3 === id, { timeout: 5000 }),
        true,
      );
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 0));
      inside--;
      turn++;
      condition.notifyAll();
    }
  };
  await within(Promise.all([task(0), task(1), task(2)]));
  assert.equal(turn, 9);
  assert.equal(most, 1);
  assert.equal(condition.lock.locked(), false);
});
