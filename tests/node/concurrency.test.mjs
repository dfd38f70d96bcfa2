// concurrency/ on Node.js with node:worker_threads driven by hand: primitives
// cross to a worker as handles in workerData and are revived there with
// from(). (spawn.test.mjs and worker_pool.test.mjs start theirs with spawn and
// WorkerPool.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { load, workerUrl } from "./_load.mjs";

const { Barrier, Lock } = await load("concurrency");

const WORKER = workerUrl("_concurrency_worker.mjs");
/** A bound on any one worker, far above what it needs. */
const WORKER_TIMEOUT_MS = 20_000;

/** Starts a worker on one scenario; `outcome` settles with what it posts. */
function start(data) {
  const worker = new Worker(WORKER, { workerData: data });
  const outcome = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Worker ${data.scenario} did not finish`)),
      WORKER_TIMEOUT_MS,
    );
    worker.once("message", (message) => {
      clearTimeout(timer);
      resolve(message);
    });
    worker.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Worker ${data.scenario} exited with ${code}`));
    });
  });
  return { worker, outcome };
}

/** Runs `body` with a `start` whose workers are all terminated afterwards. */
async function withWorkers(body) {
  const workers = [];
  try {
    return await body((data) => {
      const started = start(data);
      workers.push(started.worker);
      return started;
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

test("four node:worker_threads workers add 100,000 each under a Lock and the count is exact", async () => {
  await withWorkers(async (start) => {
    const WORKERS = 4;
    const INCREMENTS = 100_000;
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const gate = new Int32Array(new SharedArrayBuffer(8));
    const lock = new Lock({ name: "counter" });
    const started = Array.from(
      { length: WORKERS },
      () =>
        start({
          scenario: "counter",
          counter,
          lock: lock.handle,
          increments: INCREMENTS,
          gate,
        }),
    );
    // Open the gate once every worker has counted itself in (bounded).
    const deadline = Date.now() + WORKER_TIMEOUT_MS;
    while (Atomics.load(gate, 0) < WORKERS) {
      assert.ok(Date.now() < deadline, "the workers never all started");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    Atomics.store(gate, 1, 1);
    Atomics.notify(gate, 1);
    const outcomes = await Promise.all(started.map((s) => s.outcome));
    for (const outcome of outcomes) assert.deepEqual(outcome.ok, true);
    assert.equal(Atomics.load(counter, 0), WORKERS * INCREMENTS);
    assert.equal(lock.locked(), false);
  });
});

test("two node:worker_threads workers taking two Locks in opposite orders: one gets a DeadlockError naming both", async () => {
  await withWorkers(async (start) => {
    const lock1 = new Lock({ name: "lock1" });
    const lock2 = new Lock({ name: "lock2" });
    const barrier = new Barrier(2).handle;
    const outcomes = await Promise.all([
      start({
        scenario: "cycle",
        first: lock1.handle,
        second: lock2.handle,
        barrier,
      }).outcome,
      start({
        scenario: "cycle",
        first: lock2.handle,
        second: lock1.handle,
        barrier,
      }).outcome,
    ]);
    const victims = outcomes.filter((outcome) => !outcome.ok);
    assert.equal(victims.length, 1, JSON.stringify(outcomes));
    const [victim] = victims;
    assert.equal(victim.isDeadlock, true, JSON.stringify(victim));
    assert.equal(victim.name, "DeadlockError");
    assert.deepEqual(
      victim.cycle.map((entry) => [entry.holds, entry.waitsFor]).sort(),
      [["lock1", "lock2"], ["lock2", "lock1"]],
    );
    // The other worker got its second lock once the victim let go.
    assert.deepEqual(outcomes.find((outcome) => outcome.ok).value, "acquired");
    assert.equal(lock1.locked() || lock2.locked(), false);
  });
});

test("acquireAsync() on the main thread waits for a node:worker_threads worker to release the Lock", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "contended" });
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const holder = start({
      scenario: "holdUntilAsked",
      lock: lock.handle,
      flag,
    });
    const held = Atomics.waitAsync(flag, 0, 0, WORKER_TIMEOUT_MS);
    if (held.async) assert.equal(await held.value, "ok");
    assert.equal(lock.locked(), true);
    // The worker holds the lock until asked, so this acquire must wait.
    const acquired = lock.acquireAsync({ timeout: WORKER_TIMEOUT_MS });
    Atomics.store(flag, 0, 2);
    Atomics.notify(flag, 0);
    assert.equal(await acquired, true);
    lock.release();
    assert.deepEqual((await holder.outcome).value, "released");
  });
});
