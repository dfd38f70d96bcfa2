// Worker fixtures for tests/concurrency/thread_dump_test.ts: each scenario
// parks in one kind of wait (every wait bounded), or spins, or returns.
import type {
  Condition,
  Event,
  Lock,
  RLock,
  Semaphore,
  SharedQueue,
} from "../../../concurrency/mod.ts";

/** Runs one named scenario. */
export default function (scenario: string, ...args: unknown[]): unknown {
  switch (scenario) {
    case "hold-two-then-wait": {
      // Holds a Lock and an RLock (twice), then waits on an Event.
      const [lock, rlock, event] = args as [Lock, RLock, Event];
      using _lock = lock.hold();
      using _outer = rlock.hold();
      using _inner = rlock.hold();
      // Untimed: the test ends it by terminating the worker.
      return event.wait();
    }
    case "hold-permits": {
      // Takes two permits through guards, then waits on an Event (bounded).
      const [semaphore, event] = args as [Semaphore, Event];
      using _first = semaphore.hold();
      using _second = semaphore.hold();
      return event.wait({ timeout: 30_000 });
    }
    case "event": {
      const [event] = args as [Event];
      return event.wait({ timeout: 30_000 });
    }
    // Untimed waits, for a stall: the test ends them, or terminates the worker.
    case "stall-event": {
      const [event] = args as [Event];
      return event.wait();
    }
    case "stall-condition": {
      const [condition] = args as [Condition];
      using _ = condition.hold();
      return condition.wait();
    }
    case "stall-queue": {
      const [queue] = args as [SharedQueue<string>];
      return queue.get();
    }
    case "acquire": {
      const [lock] = args as [Lock];
      lock.acquire();
      lock.release();
      return "acquired";
    }
    case "condition": {
      const [condition] = args as [Condition];
      using _ = condition.hold();
      return condition.wait({ timeout: 30_000 });
    }
    case "semaphore": {
      const [semaphore] = args as [Semaphore];
      return semaphore.acquire({ timeout: 30_000 });
    }
    case "queue-get": {
      const [queue] = args as [SharedQueue<string>];
      return queue.get({ timeout: 30_000 });
    }
    case "spin": {
      // Runs in its own code until the flag is set: terminate() does not
      // stop it, so its slot stays terminated while the test reads it.
      const [flag] = args as [Int32Array];
      const deadline = Date.now() + 30_000;
      while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) {
        // spinning
      }
      return "stopped";
    }
    case "return":
      return "done";
    default:
      throw new TypeError(`Unknown scenario "${scenario}"`);
  }
}
