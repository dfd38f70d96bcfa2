// spawn on Node.js: the worker is a node:worker_threads Worker, primitives
// in args and results arrive revived, interrupt() wakes a wait, a thread
// that exits holding a lock leaves it poisoned, and stop() ends a spinning
// worker (which Deno's terminate() cannot).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { load, workerUrl } from "./_load.mjs";

const { Event, InterruptedError, Lock, PoisonedError, spawn } = await load(
  "concurrency",
);

const TASK = workerUrl("_spawn_task.mjs");
/** A bound on any one wait, far above what it needs. */
const WAIT_MS = 20_000;

/** Runs `body` with a `start` whose workers are all terminated afterwards. */
async function withWorkers(body) {
  const workers = [];
  try {
    return await body((...args) => {
      const worker = spawn(TASK, { args });
      workers.push(worker);
      return worker;
    });
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

test("spawn runs the module in a worker thread and revives primitives both ways", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "shared" });
    const worker = start("roundTrip", lock, { a: 20, b: 22 });
    const result = await worker.result;
    assert.equal(result.sum, 42);
    assert.equal(result.threadId, worker.threadId);
    assert.ok(result.made instanceof Lock);
    assert.equal(result.made.name, "made");
    assert.equal(result.made.acquire({ timeout: WAIT_MS }), true);
    result.made.release();
    assert.equal(await worker.join({ timeout: WAIT_MS }), true);
    assert.equal(worker.alive, false);
    // The worker released the lock it was sent.
    assert.equal(lock.acquire({ timeout: 0 }), true);
    lock.release();
  });
});

test("an error thrown in the worker rejects result with its class and fields", async () => {
  await withWorkers(async (start) => {
    const worker = start("fail", 7);
    await assert.rejects(worker.result, (error) => {
      assert.ok(error instanceof RangeError);
      assert.equal(error.message, "Bad value 7");
      assert.equal(error.value, 7);
      return true;
    });
  });
});

test("interrupt() wakes a worker parked in Event.wait, which ends with InterruptedError", async () => {
  await withWorkers(async (start) => {
    const ready = new Event();
    const never = new Event();
    const worker = start("waitForever", ready, never);
    assert.equal(await ready.waitAsync({ timeout: WAIT_MS }), true);
    assert.equal(worker.interrupt(), true);
    await assert.rejects(worker.result, InterruptedError);
    assert.equal(await worker.stop(), "interrupted");
    assert.equal(worker.interrupt(), false);
  });
});

test("a worker that exits while it holds a lock leaves the lock poisoned", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "held" });
    const ready = new Event();
    const worker = start("exitHolding", lock, ready, 3);
    assert.equal(await ready.waitAsync({ timeout: WAIT_MS }), true);
    await assert.rejects(worker.result, /exited with code 3/);
    assert.equal(worker.alive, false);
    assert.throws(() => lock.acquire({ timeout: WAIT_MS }), PoisonedError);
  });
});

test("stop() terminates a worker spinning in its own code, and its thread stops", async () => {
  await withWorkers(async (start) => {
    const ready = new Event();
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const worker = start("spin", ready, counter);
    assert.equal(await ready.waitAsync({ timeout: WAIT_MS }), true);
    assert.equal(await worker.stop({ grace: 50 }), "terminated");
    // Node's terminate() ends the thread: the count settles. Deno 2.9.6's
    // would spin on, and this would time out.
    const deadline = Date.now() + WAIT_MS;
    for (let last = -1;;) {
      const now = Atomics.load(counter, 0);
      if (now === last) break;
      assert.ok(Date.now() < deadline, "The spinning thread never stopped");
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});

test("a daemon worker spinning in its own code does not keep the process alive", async () => {
  // A process of its own, which must end by itself while its daemon spins.
  const script = `
    import { Event, spawn } from ${
    JSON.stringify(
      new URL("./.build/concurrency.mjs", import.meta.url).href,
    )
  };
    const ready = new Event();
    const source = "export default (ready) => { ready.set(); for (;;) {} };";
    const worker = spawn("data:text/javascript," + encodeURIComponent(source), {
      args: [ready],
      daemon: true,
    });
    if (!(await ready.waitAsync({ timeout: ${WAIT_MS} }))) process.exit(2);
    console.log(worker.daemon, worker.alive);
  `;
  const { code, stdout } = await new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--input-type=module", "--eval", script],
      { timeout: WAIT_MS },
      (error, stdout) =>
        resolve({ code: error ? (error.code ?? error.signal) : 0, stdout }),
    );
  });
  assert.equal(stdout.trim(), "true true");
  assert.equal(code, 0);
});
