import assert from "node:assert/strict";
import {
  Barrier,
  Condition,
  Event,
  InterruptedError,
  Lock,
  RLock,
  Semaphore,
  SharedQueue,
  StopFlag,
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

interface WaitCase {
  /** The fixture scenario. */
  scenario: string;
  /** Makes the primitive, already in the state that makes the worker wait. */
  make(): unknown;
  /** Proves the primitive is still consistent and usable after the interrupt. */
  check(primitive: unknown): void;
}

const cases: WaitCase[] = [
  {
    scenario: "lock",
    make: () => {
      const lock = new Lock();
      lock.acquire();
      return lock;
    },
    check: (p) => {
      const lock = p as Lock;
      lock.release();
      // The interrupted waiter does not own it: it is free now.
      assert.equal(lock.acquire({ blocking: false }), true);
      lock.release();
    },
  },
  {
    scenario: "lock-async",
    make: () => {
      const lock = new Lock();
      lock.acquire();
      return lock;
    },
    check: (p) => {
      const lock = p as Lock;
      lock.release();
      assert.equal(lock.acquire({ blocking: false }), true);
      lock.release();
    },
  },
  {
    scenario: "rlock",
    make: () => {
      const lock = new RLock();
      lock.acquire();
      return lock;
    },
    check: (p) => {
      const lock = p as RLock;
      lock.release();
      assert.equal(lock.acquire({ blocking: false }), true);
      lock.release();
    },
  },
  {
    scenario: "event",
    make: () => new Event(),
    check: (p) => {
      const event = p as Event;
      event.set();
      assert.equal(event.wait({ timeout: 0 }), true);
    },
  },
  {
    scenario: "event-async",
    make: () => new Event(),
    check: (p) => {
      const event = p as Event;
      event.set();
      assert.equal(event.isSet(), true);
    },
  },
  {
    scenario: "condition",
    make: () => new Condition(new Lock()),
    check: (p) => {
      const condition = p as Condition;
      // The waiter took the lock back before throwing, and released it on the way out.
      assert.equal(condition.acquire({ timeout: 1000 }), true);
      condition.notifyAll();
      condition.release();
    },
  },
  {
    scenario: "semaphore",
    make: () => new Semaphore(0),
    check: (p) => {
      const semaphore = p as Semaphore;
      semaphore.release();
      // The interrupted waiter took no permit.
      assert.equal(semaphore.acquire({ blocking: false }), true);
      assert.equal(semaphore.acquire({ blocking: false }), false);
    },
  },
  {
    scenario: "barrier",
    make: () => new Barrier(2),
    check: (p) => {
      // Java and Python both break the barrier when a party is interrupted;
      // reset() makes it usable again.
      const barrier = p as Barrier;
      barrier.reset();
      assert.equal(barrier.broken, false);
    },
  },
  {
    scenario: "queue-get",
    make: () => new SharedQueue<string>(),
    check: (p) => {
      const queue = p as SharedQueue<string>;
      queue.put("a");
      assert.equal(queue.get({ timeout: 0 }), "a");
      assert.equal(queue.empty(), true);
    },
  },
  {
    scenario: "queue-put",
    make: () => {
      const queue = new SharedQueue<string>({ maxSize: 1 });
      queue.put("first");
      return queue;
    },
    check: (p) => {
      const queue = p as SharedQueue<string>;
      // The interrupted put added nothing.
      assert.equal(queue.get({ timeout: 0 }), "first");
      assert.equal(queue.empty(), true);
    },
  },
  {
    scenario: "queue-join",
    make: () => {
      const queue = new SharedQueue<string>();
      queue.put("unfinished");
      return queue;
    },
    check: (p) => {
      const queue = p as SharedQueue<string>;
      assert.equal(queue.get({ timeout: 0 }), "unfinished");
      queue.taskDone();
      assert.equal(queue.join({ timeout: 0 }), true);
    },
  },
  {
    scenario: "stop-flag",
    make: () => new StopFlag(),
    check: (p) => {
      const flag = p as StopFlag;
      assert.equal(flag.isSet(), false);
      flag.set();
      assert.equal(flag.wait({ timeout: 0 }), true);
    },
  },
  { scenario: "sleep", make: () => new Event(), check: () => {} },
  { scenario: "sleep-async", make: () => new Event(), check: () => {} },
];

for (const { scenario, make, check } of cases) {
  Deno.test(`interrupt() wakes a worker parked in a ${scenario} wait with InterruptedError, and the primitive stays usable`, async () => {
    const primitive = make();
    const ready = readyWord();
    await withWorkers(async (start) => {
      const worker = start(INTERRUPT_WORKER, {
        args: [scenario, primitive, ready],
      });
      await untilReady(ready);
      await untilParked(worker.threadId);
      assert.equal(worker.interrupt(), true);
      const error = await within(
        worker.result.then(() => null, (e) => e),
        20_000,
      );
      assert.ok(error instanceof InterruptedError, `got ${error}`);
      assert.equal(error.threadId, worker.threadId);
      assert.equal(await worker.join({ timeout: 20_000 }), true);
      check(primitive);
    });
  });
}
