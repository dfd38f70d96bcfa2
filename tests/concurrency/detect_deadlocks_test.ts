import assert from "node:assert/strict";
import {
  Condition,
  configure,
  DeadlockError,
  detectDeadlocks,
  Event,
  Lock,
  SharedQueue,
  threadDump,
  threadId,
  type WorkerHandle,
} from "../../concurrency/mod.ts";
import {
  sharedInts,
  until,
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

const WORKER = "thread_dump_worker.ts";

type Start = <R>(
  file: string,
  options?: { name?: string; args?: unknown[] },
) => WorkerHandle<R>;

/** Three workers parked without a timeout on an Event, a Condition and a queue get, and how to end their waits. */
async function stalledWorkers(start: Start): Promise<{
  workers: WorkerHandle<unknown>[];
  release: () => void;
}> {
  const event = new Event({ name: "never" });
  const condition = new Condition(undefined, { name: "cv" });
  const queue = new SharedQueue<string>({ name: "jobs" });
  const workers = [
    start<unknown>(WORKER, { name: "e", args: ["stall-event", event] }),
    start<unknown>(WORKER, { name: "c", args: ["stall-condition", condition] }),
    start<unknown>(WORKER, { name: "q", args: ["stall-queue", queue] }),
  ];
  for (const worker of workers) await untilParked(worker.threadId);
  // Other live threads of the process would change the answer.
  const others = threadDump({ includeEnded: false }).threads.filter((t) =>
    t.id !== threadId() && !workers.some((w) => w.threadId === t.id)
  );
  assert.deepEqual(others, []);
  return {
    workers,
    release: () => {
      event.set();
      condition.acquire();
      condition.notifyAll();
      condition.release();
      queue.put("item");
    },
  };
}

/** The stall's threads as `name wait blocking`, by thread id. */
function summary(stall: ReturnType<typeof detectDeadlocks>["stall"]): string[] {
  return (stall?.threads ?? []).map((thread) =>
    `${thread.threadName} ${thread.wait}${
      thread.waitsOn ? ` ${thread.waitsOn.kind} ${thread.waitsOn.name}` : ""
    } ${thread.blocking ? "blocking" : "async"}`
  );
}

Deno.test("detectDeadlocks() reports a possible stall of workers on an Event, a Condition and a queue get while the main thread awaits a join, and never throws it", async () => {
  await withWorkers(async (start) => {
    const { workers, release } = await stalledWorkers(start);
    let joining: Promise<boolean> | undefined;
    try {
      assert.equal(detectDeadlocks().stall, undefined, "the main thread runs");
      joining = workers[0]!.join();
      // Each worker's wait counts once it has reached the deadlock check.
      // The read that saw all three is the one checked: a Condition waiter
      // parks again every 40 ms (to look for a stranded notify), and each
      // new park reaches the check 5 ms later, so a second read may fall
      // in between.
      let found = detectDeadlocks();
      await until(
        () =>
          (found = detectDeadlocks()).stall?.threads.filter((t) => t.blocking)
            .length === 3,
        "the three blocking waits to be seen",
      );
      assert.deepEqual([...found], [], "a stall is not a cycle");
      assert.equal(found.stall?.certainty, "possible");
      assert.deepEqual(summary(found.stall), [
        `main join async`,
        `e event Event never blocking`,
        `c condition Condition cv blocking`,
        `q queue-get SharedQueue jobs blocking`,
      ]);
      assert.equal(found.stall?.threads[0]?.joins?.threadName, "e");
      // Possible only: the run-time detector leaves it alone, however long
      // (it throws a proven stall after 100 ms).
      await until(
        () =>
          (threadDump().threads.find((t) => t.id === threadId())
            ?.parkedForMs ?? 0) >= 300,
        "the join to have lasted 300 ms",
      );
      assert.ok(workers.every((worker) => worker.alive));
      assert.equal(detectDeadlocks().stall?.certainty, "possible");
    } finally {
      release();
    }
    assert.equal(await within(joining!), true);
    for (const worker of workers) await within(worker.result);
  });
});

Deno.test("detectDeadlocks() reports no stall while another thread runs or waits with a timeout", async () => {
  await withWorkers(async (start) => {
    const { workers, release } = await stalledWorkers(start);
    const spinFlag = sharedInts();
    const timedEvent = new Event({ name: "timed" });
    let joining: Promise<boolean> | undefined;
    try {
      const spinner = start<string>(WORKER, {
        name: "spinner",
        args: ["spin", spinFlag],
      });
      await until(
        () => threadDump().threads.some((t) => t.id === spinner.threadId),
        "the spinner to start",
      );
      joining = workers[0]!.join();
      await until(
        () =>
          (threadDump().threads.find((t) => t.id === workers[2]!.threadId)
            ?.parkedForMs ?? 0) >= 20,
        "the workers to wait past the check",
      );
      assert.equal(detectDeadlocks().stall, undefined, "a worker runs");
      Atomics.store(spinFlag, 0, 1);
      assert.equal(await within(spinner.result), "stopped");
      await until(() => !spinner.alive, "the spinner to end");
      const timed = start<boolean>(WORKER, {
        name: "timed",
        args: ["event", timedEvent],
      });
      await untilParked(timed.threadId);
      assert.equal(
        detectDeadlocks().stall,
        undefined,
        "a worker waits with a timeout",
      );
      timedEvent.set();
      assert.equal(await within(timed.result), true);
      await until(() => !timed.alive, "the timed worker to end");
      await until(
        () => detectDeadlocks().stall?.certainty === "possible",
        "the stall once every other thread is gone",
      );
    } finally {
      Atomics.store(spinFlag, 0, 1);
      timedEvent.set();
      release();
    }
    assert.equal(await within(joining!), true);
  });
});

Deno.test("a proven stall is thrown to the main thread blocked in a wait beside workers on an Event, a Condition and a queue get", async () => {
  // The main thread's wait has a timeout, so the test is bounded if the
  // detector missed it: counting timed waits makes it count as untimed.
  const previous = configure({
    deadlockDetection: true,
    countTimedWaits: true,
  });
  try {
    await withWorkers(async (start) => {
      const { workers, release } = await stalledWorkers(start);
      const mine = new Event({ name: "main-waits" });
      try {
        let error: unknown;
        try {
          mine.wait({ timeout: 20_000 });
        } catch (thrown) {
          error = thrown;
        }
        assert.ok(error instanceof DeadlockError, String(error));
        assert.deepEqual(error.cycle, []);
        assert.equal(error.stall?.certainty, "proven");
        assert.deepEqual(summary(error.stall), [
          `main event Event main-waits blocking`,
          `e event Event never blocking`,
          `c condition Condition cv blocking`,
          `q queue-get SharedQueue jobs blocking`,
        ]);
        assert.match(
          error.message,
          /^Deadlock: every thread is asleep: thread 'main' waits in event on Event 'main-waits'; worker 'e' waits in event on Event 'never'; worker 'c' waits in condition on Condition 'cv'; worker 'q' waits in queue-get on SharedQueue 'jobs'$/,
        );
        // Only the victim threw: the workers wait on.
        assert.ok(workers.every((worker) => worker.alive));
      } finally {
        release();
      }
      for (const worker of workers) await within(worker.result);
    });
  } finally {
    configure(previous);
  }
});

/** The main thread holds a lock, and joins a worker that waits for it. */
async function joinCycle(
  start: Start,
  body: (
    worker: WorkerHandle<string>,
    lock: Lock,
    release: () => void,
  ) => Promise<void>,
): Promise<void> {
  const lock = new Lock({ name: "held-by-main" });
  lock.acquire();
  let held = true;
  const release = (): void => {
    if (held) lock.release();
    held = false;
  };
  try {
    const worker = start<string>(WORKER, {
      name: "w",
      args: ["acquire", lock],
    });
    worker.result.catch(() => {});
    await untilParked(worker.threadId);
    await body(worker, lock, release);
  } finally {
    release();
  }
}

function expectedJoinCycle(worker: WorkerHandle<string>, lock: Lock): unknown {
  return [{
    threadId: threadId(),
    threadName: "main",
    holds: { id: lock.id, name: "held-by-main" },
    waitsFor: { id: 0, name: "end of worker 'w'" },
    joins: { threadId: worker.threadId, threadName: "w" },
  }, {
    threadId: worker.threadId,
    threadName: "w",
    holds: { id: 0, name: "end of worker 'w'" },
    waitsFor: { id: lock.id, name: "held-by-main" },
  }];
}

Deno.test("detectDeadlocks() finds a join cycle: the main thread joins a worker that waits for a lock it holds", async () => {
  const previous = configure({ deadlockDetection: false });
  try {
    await withWorkers(async (start) => {
      await joinCycle(start, async (worker, lock, release) => {
        const joining = worker.join();
        try {
          await until(
            () => detectDeadlocks().length > 0,
            "detectDeadlocks() to see the cycle",
          );
          assert.deepEqual(
            detectDeadlocks()[0],
            expectedJoinCycle(worker, lock),
          );
        } finally {
          release();
        }
        assert.equal(await within(joining), true);
        assert.equal(await within(worker.result), "acquired");
      });
    });
  } finally {
    configure(previous);
  }
});

Deno.test("a join cycle ends with a DeadlockError in the worker waiting for the joiner's lock", async () => {
  const previous = configure({ deadlockDetection: true });
  try {
    await withWorkers(async (start) => {
      await joinCycle(start, async (worker, lock) => {
        // Untimed (a timed join would not count), bounded by within().
        assert.equal(await within(worker.join()), true);
        const error = await within(worker.result).then(
          (value) => assert.fail(`expected a DeadlockError, got ${value}`),
          (error: unknown) => error,
        );
        assert.ok(error instanceof DeadlockError, String(error));
        assert.deepEqual(error.cycle, expectedJoinCycle(worker, lock));
        assert.equal(
          error.message,
          "Deadlock: thread 'main' holds 'held-by-main' and joins worker 'w'; worker 'w' waits for 'held-by-main'",
        );
      });
    });
  } finally {
    configure(previous);
  }
});
