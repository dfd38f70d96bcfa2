// A node:worker_threads worker for concurrency.test.mjs: revives the
// primitives it is sent by handle and runs one scenario, posting
// { ok, value } or { ok: false, name, message, cycle } back.
import { parentPort, workerData } from "node:worker_threads";
import { load } from "./_load.mjs";

const { Barrier, DeadlockError, Lock, threadId } = await load("concurrency");

const WAIT_MS = 30_000;

const scenarios = {
  /** Adds 1 to counter[0] `increments` times, each under the lock. */
  counter({ counter, lock, increments, gate }) {
    const shared = Lock.from(lock);
    Atomics.add(gate, 0, 1);
    // Start together so the increments really race.
    if (Atomics.wait(gate, 1, 0, WAIT_MS) === "timed-out") {
      throw new Error("The start signal never came");
    }
    for (let i = 0; i < increments; i++) {
      shared.acquire();
      // A read then a write, with room for another thread in between.
      const value = Atomics.load(counter, 0);
      Atomics.store(counter, 0, value + 1);
      shared.release();
    }
    return increments;
  },
  /** Holds `first`, meets the other worker, then takes `second`: the detector must end the cycle. */
  cycle({ first, second, barrier }) {
    const held = Lock.from(first);
    const wanted = Lock.from(second);
    held.acquire();
    try {
      Barrier.from(barrier).wait({ timeout: WAIT_MS });
      // No timeout: a timed wait does not count as a deadlock by default.
      // The test bounds the wait and terminates the worker, which Node.js
      // can do even in Atomics.wait.
      wanted.acquire();
      wanted.release();
      return "acquired";
    } finally {
      held.release();
    }
  },
  /**
   * Takes the lock, says so in flag[0] (1), and lets go only once the main
   * thread has asked for it (flag[0] set to 2).
   */
  holdUntilAsked({ lock, flag }) {
    const held = Lock.from(lock);
    held.acquire();
    try {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      if (Atomics.wait(flag, 0, 1, WAIT_MS) === "timed-out") return "not asked";
      return "released";
    } finally {
      held.release();
    }
  },
};

try {
  const value = scenarios[workerData.scenario](workerData);
  parentPort.postMessage({ ok: true, value, threadId: threadId() });
} catch (error) {
  parentPort.postMessage({
    ok: false,
    name: error?.name,
    message: error?.message,
    isDeadlock: error instanceof DeadlockError,
    cycle: error?.cycle?.map((entry) => ({
      holds: entry.holds.name,
      waitsFor: entry.waitsFor.name,
    })),
    threadId: threadId(),
  });
}
