// Worker fixtures for the interruption tests: each scenario waits
// in one kind of wait of concurrency/, or loops, and lets the error escape so
// the test sees it on `result` with its class.
import {
  type Barrier,
  checkInterrupt,
  type Condition,
  type Event,
  interrupted,
  interruptSignal,
  type Lock,
  type RLock,
  type Semaphore,
  type SharedQueue,
  sleep,
  sleepAsync,
  type StopFlag,
} from "../../../concurrency/mod.ts";

type Primitive =
  | Lock
  | RLock
  | Event
  | Condition
  | Semaphore
  | Barrier
  | SharedQueue<unknown>
  | StopFlag;

/** Runs one named scenario; `ready` (a shared word) is set to 1 when the scenario starts. */
export default async function (
  scenario: string,
  primitive: Primitive,
  ready: Int32Array,
  extra?: unknown,
): Promise<unknown> {
  const signalReady = (): void => {
    Atomics.store(ready, 0, 1);
    Atomics.notify(ready, 0);
  };
  switch (scenario) {
    case "lock":
      signalReady();
      return (primitive as Lock).acquire();
    case "lock-async":
      signalReady();
      return await (primitive as Lock).acquireAsync();
    case "rlock":
      signalReady();
      return (primitive as RLock).acquire();
    case "event":
      signalReady();
      return (primitive as Event).wait();
    case "event-async":
      signalReady();
      return await (primitive as Event).waitAsync();
    case "condition": {
      const condition = primitive as Condition;
      using _ = condition.hold();
      signalReady();
      return condition.wait();
    }
    case "condition-caught":
    case "condition-caught-async": {
      // Waits `extra` ms at most, catches what the wait threw, lets the
      // lock go and sets `ready` to 2, then stays alive until word 1 of
      // `ready` is set: a live thread, so nothing it left on the condition
      // counts as stranded. Returns the wait's result or error name.
      const condition = primitive as Condition;
      const timeout = extra as number;
      let outcome: string;
      try {
        await using _ = await condition.holdAsync();
        signalReady();
        outcome = String(
          scenario === "condition-caught"
            ? condition.wait({ timeout })
            : await condition.waitAsync({ timeout }),
        );
      } catch (error) {
        outcome = (error as Error).name;
      }
      Atomics.store(ready, 0, 2);
      await Atomics.waitAsync(ready, 1, 0, 30_000).value;
      return outcome;
    }
    case "semaphore":
      signalReady();
      return (primitive as Semaphore).acquire();
    case "barrier":
      signalReady();
      return (primitive as Barrier).wait();
    case "queue-get":
      signalReady();
      return (primitive as SharedQueue<unknown>).get();
    case "queue-put":
      signalReady();
      return (primitive as SharedQueue<unknown>).put("overflow");
    case "queue-join":
      signalReady();
      return (primitive as SharedQueue<unknown>).join();
    case "stop-flag":
      signalReady();
      return (primitive as StopFlag).wait();
    case "sleep":
      signalReady();
      return sleep(Infinity);
    case "sleep-async":
      signalReady();
      return await sleepAsync(60_000);
    case "early": {
      // Waits (raw, outside concurrency/) until the test has interrupted it,
      // then enters an Event wait: the interrupt must still be there.
      signalReady();
      Atomics.wait(ready, 1, 0, 30_000);
      const wasPending = interrupted();
      try {
        (primitive as Event).wait({ timeout: 30_000 });
        return { wasPending, threw: false };
      } catch (error) {
        return { wasPending, threw: (error as Error).name };
      }
    }
    case "busy-check": {
      signalReady();
      let spins = 0;
      for (;;) {
        spins++;
        checkInterrupt();
        if (spins === Number.MAX_SAFE_INTEGER) return spins;
      }
    }
    case "busy-flag": {
      signalReady();
      let spins = 0;
      while (!interrupted()) spins++;
      return "saw the interrupt";
    }
    case "stop-flag-loop": {
      signalReady();
      const flag = primitive as StopFlag;
      let spins = 0;
      while (!flag.isSet()) spins++;
      return "stopped by the flag";
    }
    case "fetch": {
      const signal = interruptSignal();
      const pending = fetch(extra as string, { signal });
      signalReady();
      try {
        await pending;
        return "answered";
      } catch (error) {
        return {
          error: (error as Error).name,
          reason: (signal.reason as Error).name,
        };
      }
    }
    case "finish-after": {
      signalReady();
      await new Promise((resolve) => setTimeout(resolve, extra as number));
      return "finished";
    }
    case "hold-and-throw":
      (primitive as Lock | RLock).acquire();
      signalReady();
      throw new Error("died while holding the lock");
    case "notify-and-throw": {
      // Takes a Condition's lock, wakes its waiters, and dies holding the lock.
      const condition = primitive as Condition;
      condition.acquire();
      condition.notifyAll();
      signalReady();
      throw new Error("died after notifying");
    }
    case "condition-wait-poisoned": {
      // Waits on a Condition whose lock's next owner dies; reports what the wait threw.
      const condition = primitive as Condition;
      condition.acquire();
      signalReady();
      try {
        condition.wait({ timeout: 30_000 });
        return "woken with the lock";
      } catch (error) {
        return (error as Error).name;
      }
    }
    case "hold-and-return":
      (primitive as Lock | RLock).acquire();
      signalReady();
      return "returned while holding the lock";
    case "hold-and-park":
      // Holds the lock and parks for ever (until stopped or terminated).
      (primitive as Lock).acquire();
      signalReady();
      return sleep(Infinity);
    case "acquire-poisoned": {
      // Acquires a lock whose owner is expected to die; reports what it saw.
      signalReady();
      try {
        (primitive as Lock).acquire({ timeout: 30_000 });
        return "acquired";
      } catch (error) {
        return {
          name: (error as Error).name,
          ownerThreadId: (error as { ownerThreadId?: number }).ownerThreadId,
        };
      }
    }
    case "spin-forever":
      signalReady();
      for (;;) { /* never checks */ }
    default:
      throw new TypeError(`Unknown scenario "${scenario}"`);
  }
}
