import assert from "node:assert/strict";
import {
  Condition,
  Lock,
  PoisonedError,
  RLock,
} from "../../concurrency/mod.ts";
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

Deno.test("a worker waiting for a lock whose owner dies gets PoisonedError naming the owner, never a hang", async () => {
  const lock = new Lock({ name: "ledger" });
  const ownerReady = readyWord();
  const waiterReady = readyWord();
  await withWorkers(async (start) => {
    // The owner takes the lock, then dies once the waiter is parked behind it.
    const owner = start(INTERRUPT_WORKER, {
      args: ["hold-and-park", lock, ownerReady],
    });
    await untilReady(ownerReady);
    const waiter = start<{ name: string; ownerThreadId: number }>(
      INTERRUPT_WORKER,
      { args: ["acquire-poisoned", lock, waiterReady] },
    );
    await untilReady(waiterReady);
    await untilParked(waiter.threadId);
    owner.terminate();
    const started = performance.now();
    assert.deepEqual(await within(waiter.result, 20_000), {
      name: "PoisonedError",
      ownerThreadId: owner.threadId,
    });
    // Woken by the owner's end, not by its 30 s timeout.
    assert.ok(performance.now() - started < 15_000);
  });
});

Deno.test("a lock whose owner threw stays poisoned for every acquire until recover()", async () => {
  const lock = new Lock({ name: "accounts" });
  const ready = readyWord();
  await withWorkers(async (start) => {
    const owner = start(INTERRUPT_WORKER, {
      args: ["hold-and-throw", lock, ready],
    });
    await assert.rejects(within(owner.result), /died while holding/);
    assert.equal(lock.locked(), true);
    assert.throws(() => lock.acquire(), PoisonedError);
    let caught: PoisonedError | undefined;
    try {
      lock.acquire({ timeout: 1000 });
    } catch (error) {
      caught = error as PoisonedError;
    }
    assert.ok(caught instanceof PoisonedError);
    assert.equal(caught.ownerThreadId, owner.threadId);
    assert.equal(caught.lockName, "accounts");
    await assert.rejects(lock.acquireAsync({ timeout: 1000 }), PoisonedError);
    {
      using _ = caught.recover()!;
      // The recovering thread owns the lock: nobody else gets in meanwhile.
      assert.equal(lock.acquire({ blocking: false }), false);
    }
    // Recovered: the lock is healthy again.
    assert.equal(lock.locked(), false);
    assert.equal(lock.acquire({ timeout: 1000 }), true);
    lock.release();
    // A second recover() finds the lock no longer poisoned.
    assert.equal(caught.recover(), undefined);
  });
});

Deno.test("a try-acquire of a poisoned lock throws PoisonedError rather than reporting it busy", async () => {
  const lock = new Lock({ name: "till" });
  const reentrant = new RLock({ name: "drawer" });
  await withWorkers(async (start) => {
    const owner = start(INTERRUPT_WORKER, {
      args: ["hold-and-throw", lock, readyWord()],
    });
    await assert.rejects(within(owner.result), /died while holding/);
    const rOwner = start(INTERRUPT_WORKER, {
      args: ["hold-and-return", reentrant, readyWord()],
    });
    await within(rOwner.result);
    assert.throws(() => lock.acquire({ blocking: false }), PoisonedError);
    assert.throws(() => lock.acquire({ timeout: 0 }), PoisonedError);
    await assert.rejects(lock.acquireAsync({ timeout: 0 }), PoisonedError);
    assert.throws(() => reentrant.acquire({ blocking: false }), PoisonedError);
    await assert.rejects(reentrant.acquireAsync({ timeout: 0 }), PoisonedError);
  });
});

Deno.test("an RLock whose owner returned while holding it is poisoned, and recover() hands it over with a count of one", async () => {
  const lock = new RLock({ name: "tree" });
  const ready = readyWord();
  await withWorkers(async (start) => {
    const owner = start(INTERRUPT_WORKER, {
      args: ["hold-and-return", lock, ready],
    });
    assert.equal(
      await within(owner.result),
      "returned while holding the lock",
    );
    let caught: unknown;
    try {
      lock.acquire({ timeout: 1000 });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof PoisonedError);
    const recovered = caught.recover()!;
    // Reentrant after the takeover, and one release() per acquire.
    assert.equal(lock.acquire({ blocking: false }), true);
    lock.release();
    recovered[Symbol.dispose]();
    assert.equal(lock.acquire({ timeout: 1000 }), true);
    lock.release();
  });
});

Deno.test("PoisonedError keeps its class and fields when a worker throws it", async () => {
  const lock = new Lock({ name: "relay" });
  const ownerReady = readyWord();
  await withWorkers(async (start) => {
    const owner = start(INTERRUPT_WORKER, {
      args: ["hold-and-throw", lock, ownerReady],
    });
    await assert.rejects(within(owner.result));
    const waiter = start(INTERRUPT_WORKER, {
      args: ["lock", lock, readyWord()],
    });
    const error = await within(waiter.result.then(() => null, (e) => e));
    assert.ok(error instanceof PoisonedError);
    assert.equal(error.ownerThreadId, owner.threadId);
    assert.equal(error.lockName, "relay");
    // Only the thread whose acquire threw can recover.
    assert.throws(() => error.recover(), TypeError);
  });
});

Deno.test("a Condition's lock is poisoned when its owner dies: acquire() throws PoisonedError", async () => {
  const condition = new Condition(new Lock({ name: "queue lock" }));
  const ready = readyWord();
  await withWorkers(async (start) => {
    const owner = start(INTERRUPT_WORKER, {
      args: ["hold-and-throw", condition, ready],
    });
    await assert.rejects(within(owner.result), /died while holding/);
    assert.throws(() => condition.acquire({ timeout: 1000 }), {
      name: "PoisonedError",
      lockName: "queue lock",
    });
  });
});

Deno.test("a Condition.wait() woken by a thread that then dies holding the lock throws PoisonedError, never hangs", async () => {
  const condition = new Condition(new Lock());
  const waiterReady = readyWord();
  await withWorkers(async (start) => {
    const waiter = start<string>(INTERRUPT_WORKER, {
      args: ["condition-wait-poisoned", condition, waiterReady],
    });
    await untilReady(waiterReady);
    await untilParked(waiter.threadId);
    const owner = start(INTERRUPT_WORKER, {
      args: ["notify-and-throw", condition, readyWord()],
    });
    await assert.rejects(within(owner.result), /died after notifying/);
    assert.equal(await within(waiter.result, 20_000), "PoisonedError");
  });
});
