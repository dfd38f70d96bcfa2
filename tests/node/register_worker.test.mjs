// registerWorker on Node.js: a node:worker_threads Worker started by hand is
// seen to end on its exit event, as a worker from spawn is, so a lock it
// held is poisoned and its slot is freed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Worker } from "node:worker_threads";
import { load, workerUrl } from "./_load.mjs";

const { Event, Lock, PoisonedError, registerWorker, threadDump } = await load(
  "concurrency",
);

const WORKER = workerUrl("_registered_worker.mjs");
/** A bound on any one wait, far above what it needs. */
const WAIT_MS = 20_000;

/** The state a thread dump gives `threadId` ("running", "ended", ...). */
function dumpedState(threadId) {
  return threadDump().threads.find((thread) => thread.id === threadId)?.state;
}

/**
 * Starts a registered worker that takes `lock` and then ends as `ending`
 * says; resolves once it holds the lock, with the worker, its ticket and a
 * promise of its exit code (rejected after WAIT_MS).
 */
async function startHolding(lock, ending, exitCode = 0) {
  const holding = new Event();
  const worker = new Worker(WORKER, {
    workerData: {
      lock: lock.handle,
      holding: holding.handle,
      ending,
      exitCode,
    },
  });
  const exit = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("The worker did not exit")),
      WAIT_MS,
    );
    worker.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  try {
    const ticket = registerWorker(worker, { name: `registered-${ending}` });
    worker.postMessage(ticket);
    assert.equal(await holding.waitAsync({ timeout: WAIT_MS }), true);
    return { worker, ticket, exit };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

test("registerWorker throws TypeError for what is not a node:worker_threads Worker", () => {
  assert.throws(
    () => registerWorker({ postMessage() {}, threadId: 1 }),
    (error) => error instanceof TypeError && /not a Worker/.test(error.message),
  );
});

test("a registered worker that exits holding a lock is seen to end: the lock is poisoned", async () => {
  const lock = new Lock({ name: "held" });
  const { worker, ticket, exit } = await startHolding(lock, "exit", 3);
  try {
    assert.equal(dumpedState(ticket.threadId), "running");
    assert.equal(await exit, 3);
    assert.equal(dumpedState(ticket.threadId), "ended");
    assert.throws(() => lock.acquire({ timeout: WAIT_MS }), PoisonedError);
  } finally {
    await worker.terminate();
  }
});

test("terminate() of a registered worker blocked in Atomics.wait ends it, and its exit frees its slot", async () => {
  const lock = new Lock({ name: "held" });
  const { worker, ticket, exit } = await startHolding(lock, "block");
  try {
    const stopping = worker.terminate();
    // Dead to the runtime at once; its slot waits until the thread is gone.
    assert.equal(dumpedState(ticket.threadId), "terminated");
    assert.throws(() => lock.acquire({ timeout: WAIT_MS }), PoisonedError);
    await stopping;
    assert.equal(await exit, 1);
    assert.equal(dumpedState(ticket.threadId), "ended");
  } finally {
    await worker.terminate();
  }
});
