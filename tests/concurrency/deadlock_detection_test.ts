import assert from "node:assert/strict";
import {
  Barrier,
  Condition,
  configure,
  DeadlockError,
  detectDeadlocks,
  Event,
  Lock,
  RLock,
  type WorkerHandle,
} from "../../concurrency/mod.ts";
import {
  expectedCycle,
  type Outcome,
  settle,
  withConfig,
} from "../_helpers/concurrency_deadlock.ts";
import {
  isParked,
  sharedInts,
  until,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";
import { Slot, slotBase, words } from "../../concurrency/_runtime.ts";

/** A failure bound for waits that span worker start-up (seconds on a saturated machine). */
const START_BOUND = 30_000;

/** Whether a thread's current park has been through the deadlock check. */
function checkedWhileParked(threadId: number): boolean {
  const view = words();
  const slot = slotBase(threadId);
  return isParked(threadId) &&
    Atomics.load(view, slot + Slot.DEADLOCK_CHECKED) ===
      Atomics.load(view, slot + Slot.PARK_SEQUENCE);
}

/** Checks that exactly the highest thread id failed with `cycle`, and the others got their locks. */
function assertOneVictim(
  workers: readonly WorkerHandle<unknown>[],
  outcomes: readonly Outcome[],
  cycle: unknown,
  success: unknown,
): void {
  const victim = workers.reduce((a, b) => (a.threadId > b.threadId ? a : b));
  workers.forEach((worker, i) => {
    const outcome = outcomes[i]!;
    if (worker === victim) {
      assert.equal(outcome.ok, false, `${worker.name} should be the victim`);
      const { error } = outcome as { error: unknown };
      assert.ok(error instanceof DeadlockError, String(error));
      assert.deepEqual(error.cycle, cycle);
    } else {
      assert.deepEqual(outcome, { ok: true, value: success });
    }
  });
}

Deno.test("a two-worker lock cycle ends with a DeadlockError in the highest thread id, naming both locks", async () => {
  await withWorkers(async (start) => {
    const lock1 = new Lock({ name: "lock1" });
    const lock2 = new Lock({ name: "lock2" });
    const barrier = new Barrier(2);
    const workers = [
      start("deadlock_worker.ts", {
        name: "A",
        args: ["cycle", lock1, lock2, barrier],
      }),
      start("deadlock_worker.ts", {
        name: "B",
        args: ["cycle", lock2, lock1, barrier],
      }),
    ];
    const outcomes = await settle(workers);
    const cycle = expectedCycle(workers, [lock1, lock2], [lock2, lock1]);
    assertOneVictim(workers, outcomes, cycle, "acquired");
    const { error } = outcomes.find((outcome) => !outcome.ok) as {
      error: DeadlockError;
    };
    const [first, second] = cycle;
    assert.equal(
      error.message,
      `Deadlock: worker '${first!.threadName}' holds '${
        first!.holds.name
      }' and waits for '${first!.waitsFor.name}'; worker '${
        second!.threadName
      }' holds '${second!.holds.name}' and waits for '${
        second!.waitsFor.name
      }'`,
    );
    for (const worker of workers) {
      assert.equal(await worker.join({ timeout: 5000 }), true);
    }
    assert.equal(lock1.locked() || lock2.locked(), false);
  });
});

Deno.test("a three-worker lock cycle is reported with all three threads in wait-for order", async () => {
  await withWorkers(async (start) => {
    const locks = [1, 2, 3].map((n) => new Lock({ name: `L${n}` }));
    const barrier = new Barrier(3);
    const workers = ["A", "B", "C"].map((name, i) =>
      start("deadlock_worker.ts", {
        name,
        args: ["cycle", locks[i], locks[(i + 1) % 3], barrier],
      })
    );
    const outcomes = await settle(workers);
    const cycle = expectedCycle(workers, locks, [
      locks[1]!,
      locks[2]!,
      locks[0]!,
    ]);
    assertOneVictim(workers, outcomes, cycle, "acquired");
    for (const worker of workers) {
      assert.equal(await worker.join({ timeout: 5000 }), true);
    }
  });
});

Deno.test("a cycle through a Lock and a re-entered RLock is detected", async () => {
  await withWorkers(async (start) => {
    const plain = new Lock({ name: "plain" });
    const reentrant = new RLock({ name: "reentrant" });
    const barrier = new Barrier(2);
    const workers = [
      start("deadlock_worker.ts", {
        name: "holds-rlock",
        args: ["cycle", reentrant, plain, barrier, true],
      }),
      start("deadlock_worker.ts", {
        name: "holds-lock",
        args: ["cycle", plain, reentrant, barrier],
      }),
    ];
    const outcomes = await settle(workers);
    const cycle = expectedCycle(workers, [reentrant, plain], [
      plain,
      reentrant,
    ]);
    assertOneVictim(workers, outcomes, cycle, "acquired");
    assert.equal(reentrant.locked() || plain.locked(), false);
  });
});

Deno.test("a cycle closed by Condition.wait taking its lock back is detected, and the plain acquire throws", async () => {
  await withWorkers(async (start) => {
    const conditionLock = new Lock({ name: "condition lock" });
    const condition = new Condition(conditionLock, { name: "ready" });
    const other = new Lock({ name: "other" });
    const barrier = new Barrier(2);
    const workers = [
      start("deadlock_worker.ts", {
        name: "waiter",
        args: ["condition-waiter", condition, other, barrier],
      }),
      start("deadlock_worker.ts", {
        name: "notifier",
        args: ["condition-notifier", condition, other, barrier],
      }),
    ];
    const outcomes = await settle(workers);
    // The waiter holds `other` and waits to take the condition's lock back;
    // the notifier holds the condition's lock and waits for `other`. The
    // notifier is the victim whatever the thread ids: it is the only thread
    // of the cycle in a plain acquire.
    const cycle = expectedCycle(workers, [other, conditionLock], [
      conditionLock,
      other,
    ]);
    const [waited, notified] = outcomes;
    assert.deepEqual(waited, { ok: true, value: "woken" });
    assert.equal(notified!.ok, false);
    const { error } = notified as { error: unknown };
    assert.ok(error instanceof DeadlockError, String(error));
    assert.deepEqual(error.cycle, cycle);
  });
});

Deno.test("a Condition re-acquire with the highest thread id is spared: the other worker gets the DeadlockError", async () => {
  await withWorkers(async (start) => {
    const conditionLock = new Lock({ name: "condition lock" });
    const condition = new Condition(conditionLock, { name: "ready" });
    const other = new Lock({ name: "other" });
    const barrier = new Barrier(2);
    const roles = sharedInts();
    const workers = ["first", "second"].map((name) =>
      start("deadlock_worker.ts", {
        name,
        args: ["condition-role", roles, condition, other, barrier],
      })
    );
    // Thread ids follow free slots, not start order: name the higher one
    // the waiter, which the highest-id rule alone would make the victim.
    const waiterIndex = workers[0]!.threadId > workers[1]!.threadId ? 0 : 1;
    const notifierIndex = 1 - waiterIndex;
    const waiter = workers[waiterIndex]!;
    Atomics.store(roles, 0, waiter.threadId);
    Atomics.notify(roles, 0);
    const outcomes = await settle(workers);
    const holds = [other, conditionLock];
    const waitsFor = [conditionLock, other];
    if (waiterIndex === 1) {
      holds.reverse();
      waitsFor.reverse();
    }
    const cycle = expectedCycle(workers, holds, waitsFor);
    // The waiter's `using condition.hold()` released the lock without
    // throwing: wait() returned holding it.
    assert.deepEqual(outcomes[waiterIndex], { ok: true, value: "woken" });
    const failed = outcomes[notifierIndex]!;
    assert.equal(failed.ok, false);
    const { error } = failed as { error: unknown };
    assert.ok(error instanceof DeadlockError, String(error));
    assert.deepEqual(error.cycle, cycle);
    for (const worker of workers) {
      assert.equal(await worker.join({ timeout: 5000 }), true);
    }
    assert.equal(conditionLock.locked() || other.locked(), false);
  });
});

Deno.test("a worker that takes a Lock it holds gets a DeadlockError at once, with its class", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "once" });
    const worker = start("deadlock_worker.ts", {
      name: "again",
      args: ["self", lock],
    });
    const [outcome] = await settle([worker]);
    assert.equal(outcome!.ok, false);
    const { error } = outcome as { error: unknown };
    assert.ok(error instanceof DeadlockError);
    assert.equal(error.name, "DeadlockError");
    assert.deepEqual(error.cycle, [{
      threadId: worker.threadId,
      threadName: "again",
      holds: { id: lock.id, name: "once" },
      waitsFor: { id: lock.id, name: "once" },
    }]);
    assert.match(error.stack ?? "", /deadlock_worker\.ts/);
  });
});

Deno.test("a timed acquire of a Lock this thread holds times out rather than throwing", () => {
  const lock = new Lock();
  using _ = lock.hold();
  assert.equal(lock.acquire({ timeout: 10 }), false);
  assert.equal(lock.acquire({ blocking: false }), false);
});

Deno.test("configure({ countTimedWaits: true }) makes a timed self-acquire a DeadlockError", async () => {
  await withConfig({ countTimedWaits: true }, () => {
    const lock = new Lock();
    using _ = lock.hold();
    assert.throws(() => lock.acquire({ timeout: 1000 }), DeadlockError);
  });
});

Deno.test("configure({ deadlockDetection: false }) lets a self-acquire wait out its timeout", async () => {
  await withConfig({ deadlockDetection: false, countTimedWaits: true }, () => {
    const lock = new Lock();
    using _ = lock.hold();
    assert.equal(lock.acquire({ timeout: 10 }), false);
  });
});

Deno.test("timed waits in a lock cycle time out instead of being reported", async () => {
  await withWorkers(async (start) => {
    const lock1 = new Lock({ name: "t1" });
    const lock2 = new Lock({ name: "t2" });
    const barrier = new Barrier(2);
    const workers = [
      start("deadlock_worker.ts", {
        args: ["timed-cycle", lock1, lock2, barrier, 300],
      }),
      start("deadlock_worker.ts", {
        args: ["timed-cycle", lock2, lock1, barrier, 300],
      }),
    ];
    const outcomes = await settle(workers);
    // Both may time out, or one may get its lock after the other gave up.
    for (const outcome of outcomes) assert.equal(outcome.ok, true);
    assert.ok(
      outcomes.some((outcome) =>
        (outcome as { value: unknown }).value === "timed out"
      ),
    );
  });
});

Deno.test("detectDeadlocks() reports a cycle from the main thread while run-time detection is off", async () => {
  await withConfig({ deadlockDetection: false }, async () => {
    await withWorkers(async (start) => {
      const lock1 = new Lock({ name: "d1" });
      const lock2 = new Lock({ name: "d2" });
      const barrier = new Barrier(2);
      const workers = [
        start("deadlock_worker.ts", {
          name: "P",
          args: ["cycle", lock1, lock2, barrier],
        }),
        start("deadlock_worker.ts", {
          name: "Q",
          args: ["cycle", lock2, lock1, barrier],
        }),
      ];
      let cycles: ReturnType<typeof detectDeadlocks> = [];
      await until(
        () => {
          cycles = detectDeadlocks();
          return cycles.length > 0;
        },
        "detectDeadlocks() to see the cycle",
        START_BOUND,
      );
      assert.deepEqual(cycles, [
        expectedCycle(workers, [lock1, lock2], [lock2, lock1]),
      ]);
      // Nothing ends it: the workers are terminated by withWorkers.
      assert.equal(workers.every((worker) => worker.alive), true);
    });
  });
});

Deno.test("a long wait for a lock held by a running thread is not a deadlock", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "slow" });
    lock.acquire();
    let worker;
    try {
      worker = start<string>("deadlock_worker.ts", { args: ["take", lock] });
      // The worker's wait has been through the detector at least once.
      await until(
        () => checkedWhileParked(worker!.threadId),
        "the check",
        START_BOUND,
      );
      assert.deepEqual(detectDeadlocks(), []);
    } finally {
      lock.release();
    }
    const [outcome] = await settle([worker]);
    assert.deepEqual(outcome, { ok: true, value: "acquired" });
  });
});

Deno.test("a chain of waits that ends in a non-lock wait is not a deadlock", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "chained" });
    const event = new Event();
    const holder = start<string>("deadlock_worker.ts", {
      args: ["hold-until-event", lock, event],
    });
    await until(
      () => isParked(holder.threadId),
      "the holder to wait",
      START_BOUND,
    );
    const waiter = start<string>("deadlock_worker.ts", {
      args: ["take", lock],
    });
    await until(
      () => checkedWhileParked(waiter.threadId),
      "the check",
      START_BOUND,
    );
    assert.deepEqual(detectDeadlocks(), []);
    event.set();
    assert.deepEqual(await settle([holder, waiter]), [
      { ok: true, value: "released" },
      { ok: true, value: "acquired" },
    ]);
  });
});

Deno.test("configure() refuses settings of the wrong type and keeps the others", () => {
  const before = configure();
  assert.throws(
    () => configure({ deadlockDetection: "yes" as never }),
    TypeError,
  );
  assert.throws(() => configure({ lockOrder: "loud" as never }), RangeError);
  assert.deepEqual(configure(), before);
});
