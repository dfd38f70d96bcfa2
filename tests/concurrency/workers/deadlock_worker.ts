// Worker fixtures for tests/concurrency/deadlock_*_test.ts: each scenario
// takes its locks in a given order and lets the detector end the deadlock.
import {
  type Barrier,
  type Condition,
  DeadlockError,
  type Event,
  type Lock,
  type RLock,
} from "../../../concurrency/mod.ts";

type AnyLock = Lock | RLock;

/** Runs one named scenario. */
export default function (scenario: string, ...args: unknown[]): unknown {
  switch (scenario) {
    case "cycle": {
      // Takes `first`, meets the others at the barrier, then takes `second`
      // with no timeout: the detector must end the cycle.
      const [first, second, barrier, reenter] = args as [
        AnyLock,
        AnyLock,
        Barrier,
        boolean?,
      ];
      using _first = first.hold();
      using _again = reenter ? first.hold() : undefined;
      barrier.wait({ timeout: 30_000 });
      using _second = second.hold();
      return "acquired";
    }
    case "timed-cycle": {
      const [first, second, barrier, timeout] = args as [
        AnyLock,
        AnyLock,
        Barrier,
        number,
      ];
      using _first = first.hold();
      barrier.wait({ timeout: 30_000 });
      if (!second.acquire({ timeout })) return "timed out";
      second.release();
      return "acquired";
    }
    case "take": {
      // A blocking acquire with no timeout: a long wait, but no cycle.
      using _ = (args[0] as AnyLock).hold();
      return "acquired";
    }
    case "hold-until-event": {
      const [lock, event] = args as [AnyLock, Event];
      using _ = lock.hold();
      return event.wait({ timeout: 30_000 }) ? "released" : "timed out";
    }
    case "self":
      (args[0] as Lock).acquire();
      (args[0] as Lock).acquire();
      return "acquired twice";
    case "condition-waiter": {
      // Holds `other` while it waits on the condition; the notifier then
      // holds the condition's lock while it waits for `other`.
      const [condition, other, barrier] = args as [Condition, Lock, Barrier];
      using _other = other.hold();
      condition.acquire();
      barrier.wait({ timeout: 30_000 });
      try {
        condition.wait({ timeout: 30_000 });
      } catch (error) {
        // A DeadlockError from the re-acquire leaves the lock not held.
        if (error instanceof DeadlockError) throw error;
        condition.release();
        throw error;
      }
      condition.release();
      return "woken";
    }
    case "condition-notifier": {
      const [condition, other, barrier] = args as [Condition, Lock, Barrier];
      barrier.wait({ timeout: 30_000 });
      // Free only once the waiter sleeps in wait().
      using _condition = condition.hold();
      condition.notify();
      using _other = other.hold();
      return "notified";
    }
    default:
      throw new TypeError(`Unknown scenario "${scenario}"`);
  }
}
