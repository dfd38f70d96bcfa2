// The module that spawn.test.mjs and worker_pool.test.mjs start in
// workers: its default export runs the scenario named by its first argument
// with the rest. Primitives in the arguments arrive revived.
import { load } from "./_load.mjs";

const { checkInterrupt, Event, Lock, threadId } = await load("concurrency");

const WAIT_MS = 30_000;

const scenarios = {
  /** Adds under the lock it was sent; returns a Lock of its own too. */
  roundTrip(lock, { a, b }) {
    lock.acquire({ timeout: WAIT_MS });
    try {
      return {
        sum: a + b,
        threadId: threadId(),
        made: new Lock({ name: "made" }),
      };
    } finally {
      lock.release();
    }
  },
  /** Throws a RangeError carrying a field of its own. */
  fail(value) {
    throw Object.assign(new RangeError(`Bad value ${value}`), { value });
  },
  /** Says it is ready, then waits on an Event nobody sets. */
  waitForever(ready, never) {
    ready.set();
    never.wait({ timeout: WAIT_MS });
    return "the wait ended without an interrupt";
  },
  /** Takes the lock, says so, and ends its thread while holding it. */
  exitHolding(lock, ready, code) {
    lock.acquire({ timeout: WAIT_MS });
    ready.set();
    process.exit(code);
  },
  /** Says it is ready, then counts in shared memory, never checking. */
  spin(ready, counter) {
    ready.set();
    for (;;) Atomics.add(counter, 0, 1);
  },
  /** Ends its thread in the middle of a task. */
  exit(code) {
    process.exit(code);
  },
  /** A pool task that does nothing. */
  noop() {},
  /** A pool task: its square, from which thread. */
  square(n) {
    checkInterrupt();
    return { square: n * n, threadId: threadId() };
  },
};

export default (scenario, ...args) => scenarios[scenario](...args);

export { Event };
