// Worker fixtures for tests/concurrency/deadlock_*_test.ts: each scenario
// takes its locks in a given order and lets the detector end the deadlock.
import {
  type Barrier,
  type Condition,
  DeadlockError,
  type Event,
  type Lock,
  type RLock,
  threadId,
} from "../../../concurrency/mod.ts";

type AnyLock = Lock | RLock;

/**
 * Holds `other` while it waits on the condition; the notifier then holds the
 * condition's lock while it waits for `other`, and this thread's re-acquire
 * of the condition's lock closes the cycle.
 */
function conditionWaiter(
  condition: Condition,
  other: Lock,
  barrier: Barrier,
): string {
  using _other = other.hold();
  condition.acquire();
  barrier.wait({ timeout: 30_000 });
  try {
    condition.wait({ timeout: 30_000 });
  } catch (error) {
    // A DeadlockError from the re-acquire (only when every thread of the
    // cycle re-acquires) leaves the lock not held.
    if (error instanceof DeadlockError) throw error;
    condition.release();
    throw error;
  }
  condition.release();
  return "woken";
}

/**
 * The waiter of {@linkcode conditionWaiter} inside `using condition.hold()`,
 * whose disposal throws unless `wait()` returned holding the lock.
 */
function conditionGuardedWaiter(
  condition: Condition,
  other: Lock,
  barrier: Barrier,
): string {
  using _other = other.hold();
  using _condition = condition.hold();
  barrier.wait({ timeout: 30_000 });
  return condition.wait({ timeout: 30_000 }) ? "woken" : "timed out";
}

/** Takes the condition's lock once the waiter sleeps, notifies, then takes `other`. */
function conditionNotifier(
  condition: Condition,
  other: Lock,
  barrier: Barrier,
): string {
  barrier.wait({ timeout: 30_000 });
  // Free only once the waiter sleeps in wait().
  using _condition = condition.hold();
  condition.notify();
  using _other = other.hold();
  return "notified";
}

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
      const [condition, other, barrier] = args as [Condition, Lock, Barrier];
      return conditionWaiter(condition, other, barrier);
    }
    case "condition-notifier": {
      const [condition, other, barrier] = args as [Condition, Lock, Barrier];
      return conditionNotifier(condition, other, barrier);
    }
    case "condition-role": {
      // Thread ids depend on which slots are free, not on start order: the
      // test names the waiter (roles[0]) once both ids are known.
      const [roles, condition, other, barrier] = args as [
        Int32Array,
        Condition,
        Lock,
        Barrier,
      ];
      Atomics.wait(roles, 0, 0, 30_000);
      if (Atomics.load(roles, 0) === threadId()) {
        return conditionGuardedWaiter(condition, other, barrier);
      }
      return conditionNotifier(condition, other, barrier);
    }
    default:
      throw new TypeError(`Unknown scenario "${scenario}"`);
  }
}
