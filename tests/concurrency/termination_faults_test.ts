// Fault injection: a waiter in every primitive is terminated, stopped, or
// ends during its wait; a live thread then checks that nothing was lost
// (items, permits, notifies, barrier places, lock ownership), and the
// terminated thread, which Deno lets run on when it was blocked in
// Atomics.wait, throws ThreadEndedError at once and on every later call.
import assert from "node:assert/strict";
import {
  Barrier,
  BoundedSemaphore,
  BrokenBarrierError,
  Condition,
  Event,
  Lock,
  PoisonedError,
  QueueEmptyError,
  RLock,
  Semaphore,
  SharedQueue,
  type SpawnOptions,
  StopFlag,
  ThreadEndedError,
  type WorkerHandle,
} from "../../concurrency/mod.ts";
import { registerWorker } from "../../concurrency/register_worker.ts";
import {
  Header,
  Primitive,
  Slot,
  slotBase,
  THREAD_SLOTS,
  ThreadState,
  threadState,
  words,
} from "../../concurrency/_runtime.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import {
  fixture,
  parkedKind,
  sharedInts,
  until,
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

const FAULT_WORKER = "fault_worker.ts";
/** The report's words (see workers/fault_worker.ts). */
const R = { WAIT: 0, ENDED_CALLS: 1, OTHER_CALLS: 2, DONE: 3, SEEN: 4 };
/** report[WAIT] once the wait threw ThreadEndedError. */
const WAIT_THREW_ENDED = 3;

type Start = <T>(file: string, options?: SpawnOptions) => WorkerHandle<T>;

/** Starts a fault-worker scenario and resolves once it is parked in its wait. */
async function parkedWaiter(
  start: Start,
  scenario: string,
  ...args: unknown[]
): Promise<{ worker: WorkerHandle; report: Int32Array }> {
  const report = sharedInts(5);
  const worker = start(FAULT_WORKER, { args: [scenario, report, ...args] });
  await until(() => Atomics.load(report, R.WAIT) >= 1, `${scenario} to start`);
  await untilParked(worker.threadId);
  return { worker, report };
}

/** Ends the waiter as `how` says: terminate(), or stop() whose grace runs out. */
async function end(
  worker: WorkerHandle,
  how: "terminate" | "stop",
): Promise<void> {
  if (how === "terminate") worker.terminate();
  else assert.equal(await worker.stop({ grace: 50 }), "terminated");
  assert.equal(worker.alive, false);
}

/**
 * Waits for the ended thread, which runs on, to finish its calls, and
 * checks it took nothing: its wait threw ThreadEndedError, and so did each
 * of its five later calls.
 */
async function checkZombie(report: Int32Array): Promise<void> {
  await until(
    () => Atomics.load(report, R.DONE) === 1,
    "the terminated thread to finish its calls",
  );
  assert.deepEqual(
    {
      wait: Atomics.load(report, R.WAIT),
      ended: Atomics.load(report, R.ENDED_CALLS),
      other: Atomics.load(report, R.OTHER_CALLS),
    },
    { wait: WAIT_THREW_ENDED, ended: 5, other: 0 },
  );
}

/**
 * Notifies the first waiter of `condition` with its lock held here, so the
 * waiter wakes and parks again to take the lock back, and terminates it
 * there: a notify stranded on a terminated thread.
 */
async function terminateNotifiedWaiter(
  condition: Condition,
  worker: WorkerHandle,
): Promise<void> {
  using _ = condition.hold({ timeout: 1000 });
  condition.notify(1);
  await until(
    () => parkedKind(worker.threadId) === WaitKind.CONDITION_REACQUIRE,
    "the notified waiter to wait for the lock",
  );
  await end(worker, "terminate");
}

async function endAndCheckZombie(
  waiter: { worker: WorkerHandle; report: Int32Array },
  how: "terminate" | "stop",
): Promise<void> {
  await end(waiter.worker, how);
  await checkZombie(waiter.report);
}

for (const how of ["terminate", "stop"] as const) {
  const scenario = how === "stop" ? "queue-get-deaf" : "queue-get";
  Deno.test(`a SharedQueue consumer that is ${how === "stop" ? "stopped (grace run out)" : "terminated"} in get() takes none of the next 200 items`, async () => {
    const queue = new SharedQueue<number>({ capacity: 8192 });
    await withWorkers(async (start) => {
      const waiter = await parkedWaiter(start, scenario, queue);
      await end(waiter.worker, how);
      for (let i = 0; i < 200; i++) queue.put(i);
      const got: number[] = [];
      for (let i = 0; i < 200; i++) got.push(queue.get({ timeout: 5000 }));
      assert.deepEqual(got, Array.from({ length: 200 }, (_, i) => i));
      assert.throws(() => queue.get({ blocking: false }), QueueEmptyError);
      await checkZombie(waiter.report);
    });
  });
}

Deno.test("a SharedQueue producer terminated in put() adds no item, and room stays usable", async () => {
  const queue = new SharedQueue<number>({ maxSize: 1 });
  queue.put(7);
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "queue-put", queue);
    await endAndCheckZombie(waiter, "terminate");
    assert.equal(queue.get({ timeout: 1000 }), 7);
    assert.throws(() => queue.get({ blocking: false }), QueueEmptyError);
    queue.put(8, { timeout: 1000 });
    assert.equal(queue.get({ timeout: 1000 }), 8);
  });
});

Deno.test("a thread terminated in SharedQueue.join() marks no task done", async () => {
  const queue = new SharedQueue<number>();
  queue.put(1);
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "queue-join", queue);
    await endAndCheckZombie(waiter, "terminate");
    assert.equal(queue.join({ timeout: 0 }), false);
    queue.get({ timeout: 1000 });
    queue.taskDone();
    assert.equal(queue.join({ timeout: 1000 }), true);
  });
});

for (const Kind of [Lock, RLock]) {
  Deno.test(`a ${Kind.name} waiter that is terminated never takes the lock`, async () => {
    const lock = new Kind();
    lock.acquire();
    await withWorkers(async (start) => {
      const waiter = await parkedWaiter(
        start,
        Kind === Lock ? "lock" : "rlock",
        lock,
      );
      await endAndCheckZombie(waiter, "terminate");
      lock.release();
      assert.equal(lock.locked(), false);
      assert.equal(lock.acquire({ timeout: 1000 }), true);
      lock.release();
    });
  });
}

Deno.test("a Condition waiter that is terminated does not absorb notify(1): the live waiter behind it gets it", async () => {
  const condition = new Condition(new Lock());
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "condition", condition);
    // A live waiter queues behind the one about to be terminated.
    const live = sharedInts(5);
    const liveWorker = start(FAULT_WORKER, {
      args: ["live-condition-wait", live, condition, 20_000],
    });
    await until(() => Atomics.load(live, R.WAIT) === 1, "the live waiter");
    await untilParked(liveWorker.threadId);
    await end(waiter.worker, "terminate");
    {
      using _ = condition.hold({ timeout: 1000 });
      condition.notify(1);
    }
    await within(liveWorker.result, 10_000);
    assert.equal(Atomics.load(live, R.WAIT), 2, "the live waiter was notified");
    await checkZombie(waiter.report);
  });
});

Deno.test("a Condition waiter notified and then terminated while it takes the lock back passes the notify on to the live waiter", async () => {
  const condition = new Condition(new Lock());
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "condition", condition);
    const live = sharedInts(5);
    const liveWorker = start(FAULT_WORKER, {
      args: ["live-condition-wait", live, condition, 10_000],
    });
    await until(() => Atomics.load(live, R.WAIT) === 1, "the live waiter");
    await untilParked(liveWorker.threadId);
    await terminateNotifiedWaiter(condition, waiter.worker);
    await within(liveWorker.result, 20_000);
    assert.equal(
      Atomics.load(live, R.WAIT),
      2,
      "the live waiter got the notify the terminated one took",
    );
    await checkZombie(waiter.report);
  });
});

Deno.test("a notify stranded on a terminated Condition waiter is not handed to a waiter that came later", async () => {
  const condition = new Condition(new Lock());
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "condition", condition);
    await terminateNotifiedWaiter(condition, waiter.worker);
    // Nobody else waited when the notify was made: a later waiter gets none.
    const late = sharedInts(5);
    const lateWorker = start(FAULT_WORKER, {
      args: ["live-condition-wait", late, condition, 500],
    });
    await within(lateWorker.result, 20_000);
    assert.equal(Atomics.load(late, R.WAIT), 5, "the late waiter timed out");
    await checkZombie(waiter.report);
  });
});

Deno.test("a terminated thread's release of a lock it held throws ThreadEndedError and the lock stays poisoned", async () => {
  const lock = new Lock();
  const never = new Event();
  await withWorkers(async (start) => {
    const holder = await parkedWaiter(
      start,
      "hold-lock-then-release",
      lock,
      never,
    );
    await endAndCheckZombie(holder, "terminate");
    assert.throws(() => lock.acquire({ timeout: 100 }), PoisonedError);
  });
});

/** A condition's waiter-node words (see concurrency/condition.ts): its queue head and free list. */
function conditionNodes(condition: Condition): {
  head: () => number;
  free: () => number[];
} {
  const state = condition.handle.index + Primitive.STATE;
  return {
    head: () => Atomics.load(words(), state + 1),
    free: () => {
      const nodes = [];
      for (
        let node = Atomics.load(words(), state + 3);
        node !== 0;
        node = Atomics.load(words(), node)
      ) nodes.push(node);
      return nodes;
    },
  };
}

Deno.test("the waiter node of a terminated Condition waiter goes back to the free list when a notify skips it, and the next wait reuses it", async () => {
  const condition = new Condition(new Lock());
  const nodes = conditionNodes(condition);
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "condition", condition);
    const node = nodes.head();
    assert.notEqual(node, 0, "the waiter is queued");
    await end(waiter.worker, "terminate");
    {
      using _ = condition.hold({ timeout: 1000 });
      condition.notify(1);
      assert.deepEqual(nodes.free(), [node], "the skipped node is free");
      assert.equal(condition.wait({ timeout: 1 }), false);
      // The wait took the free node (no new one) and gave it back.
      assert.deepEqual(nodes.free(), [node]);
    }
    await checkZombie(waiter.report);
  });
});

Deno.test("the waiter node of a notify stranded on a terminated Condition waiter goes back to the free list", async () => {
  const condition = new Condition(new Lock());
  const nodes = conditionNodes(condition);
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "condition", condition);
    const node = nodes.head();
    await terminateNotifiedWaiter(condition, waiter.worker);
    // The next wait passes the stranded notify on before it queues (to no
    // one: nobody else waited), and reuses the stranded node.
    using _ = condition.hold({ timeout: 1000 });
    assert.equal(condition.wait({ timeout: 1 }), false);
    assert.deepEqual(nodes.free(), [node]);
    await checkZombie(waiter.report);
  });
});

Deno.test("a Condition waiter whose worker returned with waitAsync() pending does not absorb notify(1)", async () => {
  const condition = new Condition(new Lock());
  await withWorkers(async (start) => {
    const gone = sharedInts(5);
    await within(
      start(FAULT_WORKER, {
        args: ["abandon-condition-wait", gone, condition],
      }).result,
    );
    const live = sharedInts(5);
    const liveWorker = start(FAULT_WORKER, {
      args: ["live-condition-wait", live, condition, 20_000],
    });
    await until(() => Atomics.load(live, R.WAIT) === 1, "the live waiter");
    await untilParked(liveWorker.threadId);
    {
      using _ = condition.hold({ timeout: 1000 });
      condition.notify(1);
    }
    await within(liveWorker.result, 10_000);
    assert.equal(Atomics.load(live, R.WAIT), 2, "the live waiter was notified");
  });
});

for (const how of ["terminate", "stop"] as const) {
  Deno.test(`a Semaphore waiter that is ${how === "stop" ? "stopped (grace run out)" : "terminated"} takes no permit`, async () => {
    const semaphore = new Semaphore(0);
    await withWorkers(async (start) => {
      const waiter = await parkedWaiter(
        start,
        how === "stop" ? "semaphore-deaf" : "semaphore",
        semaphore,
      );
      await endAndCheckZombie(waiter, how);
      semaphore.release(2);
      assert.equal(semaphore.value, 2);
      assert.equal(semaphore.acquire({ timeout: 1000 }), true);
      assert.equal(semaphore.acquire({ timeout: 1000 }), true);
    });
  });
}

Deno.test("a BoundedSemaphore waiter that is terminated takes no permit, and the bound still holds", async () => {
  const semaphore = new BoundedSemaphore(1);
  semaphore.acquire();
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "semaphore", semaphore);
    await endAndCheckZombie(waiter, "terminate");
    semaphore.release();
    assert.throws(() => semaphore.release(), RangeError);
    assert.equal(semaphore.acquire({ timeout: 1000 }), true);
  });
});

Deno.test("an Event waiter that is terminated throws on its later calls; the event works on", async () => {
  const event = new Event();
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "event", event);
    await endAndCheckZombie(waiter, "terminate");
    assert.equal(event.isSet(), false);
    event.set();
    assert.equal(event.wait({ timeout: 0 }), true);
  });
});

Deno.test("a StopFlag waiter that is terminated cannot set the flag afterwards", async () => {
  const flag = new StopFlag();
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "stop-flag", flag);
    await endAndCheckZombie(waiter, "terminate");
    assert.equal(flag.isSet(), false);
  });
});

Deno.test("a thread terminated in sleep() throws ThreadEndedError on every later sleep", async () => {
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "sleep");
    await endAndCheckZombie(waiter, "terminate");
  });
});

Deno.test("a Barrier(2) party that is terminated breaks the barrier rather than let one live party through", async () => {
  const barrier = new Barrier(2);
  await withWorkers(async (start) => {
    const waiter = await parkedWaiter(start, "barrier", barrier);
    await end(waiter.worker, "terminate");
    assert.throws(() => barrier.wait({ timeout: 5000 }), BrokenBarrierError);
    await checkZombie(waiter.report);
    // reset() refills it: the dead party's place is given back.
    barrier.reset();
    assert.equal(barrier.broken, false);
    assert.equal(barrier.waiting, 0);
    const live = sharedInts(5);
    const liveWorker = start(FAULT_WORKER, {
      args: ["live-barrier", live, barrier],
    });
    const mine = barrier.wait({ timeout: 20_000 });
    await within(liveWorker.result);
    assert.deepEqual([mine, Atomics.load(live, R.SEEN)].sort(), [0, 1]);
  });
});

Deno.test("a Barrier(2) party terminated while it runs the action breaks the barrier instead of leaving the other party waiting", async () => {
  const barrier = new Barrier(2, { action: () => {} });
  const flag = sharedInts(2);
  await withWorkers(async (start) => {
    // No timeout: only the barrier breaking ends this wait.
    const mine = barrier.waitAsync();
    const last = start("primitives_worker.ts", {
      args: ["barrier-action-blocks", barrier, flag],
    });
    try {
      await until(() => Atomics.load(flag, 0) === 1, "the action to run");
      await end(last, "terminate");
      await assert.rejects(within(mine, 10_000), BrokenBarrierError);
      assert.equal(barrier.broken, true);
      // The ended party's place is given back: reset() refills the barrier.
      barrier.reset();
      const count = barrier.handle.index + Primitive.STATE + 3;
      assert.equal(Atomics.load(words(), count), 0, "no party is counted");
      assert.equal(barrier.broken, false);
    } finally {
      // Lets the terminated thread, blocked in the action, run out.
      Atomics.store(flag, 1, 1);
      Atomics.notify(flag, 1);
    }
  });
});

Deno.test("a Barrier(2) party whose worker returned with waitAsync() pending breaks the barrier", async () => {
  const barrier = new Barrier(2);
  await withWorkers(async (start) => {
    const gone = sharedInts(5);
    await within(
      start(FAULT_WORKER, { args: ["abandon-barrier-wait", gone, barrier] })
        .result,
    );
    assert.throws(() => barrier.wait({ timeout: 5000 }), BrokenBarrierError);
    barrier.reset();
    assert.equal(barrier.waiting, 0);
  });
});

for (const how of ["return", "throw"] as const) {
  Deno.test(`a worker that ${how}s with getAsync() and acquireAsync() pending takes no item and no permit`, async () => {
    const queue = new SharedQueue<number>();
    const semaphore = new Semaphore(0);
    await withWorkers(async (start) => {
      const gone = start(FAULT_WORKER, {
        args: ["abandon-async-waits", sharedInts(5), queue, semaphore, how],
      });
      if (how === "throw") await assert.rejects(within(gone.result));
      else await within(gone.result);
      for (let i = 0; i < 50; i++) queue.put(i);
      semaphore.release(3);
      const got: number[] = [];
      for (let i = 0; i < 50; i++) got.push(queue.get({ timeout: 5000 }));
      assert.deepEqual(got, Array.from({ length: 50 }, (_, i) => i));
      assert.equal(semaphore.value, 3);
    });
  });
}

Deno.test("a terminated thread's slot is not reused while it may run, and once reused it absorbs no interrupt meant for the new thread", async () => {
  const view = words();
  await withWorkers(async (start) => {
    const zombie = await parkedWaiter(start, "interrupt-spinner", 3000);
    const slot = zombie.worker.threadId & (THREAD_SLOTS - 1);
    zombie.worker.terminate();
    // Once it has seen its end (its sleep threw), its slot is free again.
    await until(
      () => Atomics.load(zombie.report, R.WAIT) === WAIT_THREW_ENDED,
      "the terminated thread to see its end",
    );
    await until(
      () =>
        Atomics.load(view, slotBase(zombie.worker.threadId) + Slot.STATE) ===
          ThreadState.DIED,
      "the slot to be released",
    );
    // The next thread takes that very slot while the old one spins on
    // checkInterrupt() in it.
    Atomics.store(view, Header.SLOT_HINT, slot);
    const report = sharedInts(5);
    const rounds = 20;
    const fresh = start(FAULT_WORKER, {
      args: ["interruptible", report, rounds],
    });
    assert.equal(fresh.threadId & (THREAD_SLOTS - 1), slot);
    for (let i = 0; i < rounds; i++) {
      await untilParked(fresh.threadId);
      assert.equal(fresh.interrupt(), true);
      await until(
        () => Atomics.load(report, R.SEEN) === i + 1,
        `interrupt ${i + 1} to reach the new thread`,
        3000,
      );
    }
    await within(fresh.result);
    await until(
      () => Atomics.load(zombie.report, R.DONE) === 1,
      "the old thread to stop spinning",
    );
    assert.equal(Atomics.load(zombie.report, R.SEEN), 0);
    assert.ok(Atomics.load(zombie.report, R.ENDED_CALLS) > 0);
  });
});

Deno.test("a terminated thread blocked outside concurrency/ keeps its slot out of reuse", async () => {
  const lock = new Lock();
  const signal = sharedInts(1);
  await withWorkers(async (start) => {
    const report = sharedInts(5);
    const holder = start(FAULT_WORKER, {
      args: ["hold-lock-until", report, lock, signal],
    });
    await until(() => Atomics.load(report, R.WAIT) === 1, "the holder");
    holder.terminate();
    // Blocked in its own Atomics.wait: it has not seen its end yet.
    assert.equal(threadState(holder.threadId), ThreadState.TERMINATED);
    assert.throws(() => lock.acquire({ timeout: 1000 }), PoisonedError);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});

Deno.test("a lock held by a grandchild worker whose parent already returned poisons when the grandchild ends", async () => {
  const lock = new Lock({ name: "grandchild's" });
  const signal = sharedInts(1);
  await withWorkers(async (start) => {
    const report = sharedInts(5);
    const childReport = sharedInts(5);
    const parent = start(FAULT_WORKER, {
      args: ["spawn-holder-and-return", report, lock, signal, childReport],
    });
    await within(parent.result);
    const grandchild = Atomics.load(report, R.SEEN);
    assert.ok(grandchild > 0);
    // Either Deno ended the grandchild with its parent, or it runs on and
    // returns holding the lock: both are seen, and the lock poisons.
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
    let caught: unknown;
    try {
      lock.acquire({ timeout: 10_000 });
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof PoisonedError, `got ${caught}`);
    assert.equal(caught.ownerThreadId, grandchild);
    assert.notEqual(threadState(grandchild), ThreadState.RUNNING);
  });
});

for (const end of ["close", "throw", "stay"] as const) {
  Deno.test(`a lock held by a registered raw worker that ${end === "stay" ? "is terminated" : end === "close" ? "closes" : "throws"} poisons`, async () => {
    const lock = new Lock();
    const worker = new Worker(fixture("raw_worker.ts"), { type: "module" });
    const held = Promise.withResolvers<void>();
    const errored = Promise.withResolvers<void>();
    worker.onmessage = () => held.resolve();
    worker.onerror = (event) => {
      event.preventDefault();
      errored.resolve();
    };
    try {
      const ticket = registerWorker(worker, { name: `raw-${end}` });
      worker.postMessage({ ticket, lock: lock.handle, end });
      await within(held.promise);
      if (end === "stay") worker.terminate();
      if (end === "throw") await within(errored.promise);
      const deadline = performance.now() + 10_000;
      let caught: unknown;
      while (caught === undefined && performance.now() < deadline) {
        try {
          if (lock.acquire({ timeout: 100 })) break;
        } catch (error) {
          caught = error;
        }
      }
      assert.ok(caught instanceof PoisonedError, `got ${caught}`);
      assert.equal(caught.ownerThreadId, ticket.threadId);
      assert.notEqual(threadState(ticket.threadId), ThreadState.RUNNING);
    } finally {
      worker.terminate();
    }
  });
}

Deno.test("ThreadEndedError is a typed error naming the thread", () => {
  const error = new ThreadEndedError(undefined, { threadId: 8193 });
  assert.equal(error.name, "ThreadEndedError");
  assert.equal(error.threadId, 8193);
  assert.match(error.message, /8193/);
});
