// Worker fixtures for tests/concurrency/lock_test.ts and spawn_test.ts.
import {
  InterruptedError,
  type Lock,
  threadId,
} from "../../../concurrency/mod.ts";

/** Runs one named scenario with the lock. */
export default async function (
  scenario: string,
  lock: Lock,
  extra?: unknown,
): Promise<unknown> {
  switch (scenario) {
    case "try-acquire":
      return lock.acquire({ blocking: false });
    case "acquire-timeout": {
      const started = performance.now();
      const got = lock.acquire({ timeout: extra as number });
      return { got, elapsed: performance.now() - started };
    }
    case "hold-until-flag": {
      // Holds the lock until the main thread sets flag[0], for at most 5 s.
      const flag = extra as Int32Array;
      lock.acquire();
      Atomics.store(flag, 1, 1);
      Atomics.notify(flag, 1);
      Atomics.wait(flag, 0, 0, 20_000);
      lock.release();
      return "released";
    }
    case "release":
      lock.release();
      return "released";
    case "acquire-release":
      if (!lock.acquire({ timeout: 20_000 })) return "timed out";
      lock.release();
      return threadId();
    case "acquire-interruptible": {
      // Reports how an acquire ended; a test interrupts it.
      try {
        const got = lock.acquire({ timeout: 20_000 });
        if (got) lock.release();
        return got ? "acquired" : "timed out";
      } catch (error) {
        return error instanceof InterruptedError
          ? `InterruptedError ${error.threadId}`
          : String(error);
      }
    }
    case "acquire-async-interruptible": {
      try {
        const got = await lock.acquireAsync({ timeout: 20_000 });
        if (got) lock.release();
        return got ? "acquired" : "timed out";
      } catch (error) {
        return error instanceof InterruptedError
          ? `InterruptedError ${error.threadId}`
          : String(error);
      }
    }
    case "acquire-forever":
      lock.acquire();
      lock.release();
      return "acquired";
    case "acquire-async": {
      const got = await lock.acquireAsync({ timeout: 20_000 });
      if (got) lock.release();
      return got;
    }
    case "increment": {
      // extra: [counter, rounds]
      const [counter, rounds] = extra as [Int32Array, number];
      for (let i = 0; i < rounds; i++) {
        lock.acquire();
        // A non-atomic read-modify-write: only the lock keeps it exact.
        counter[0] = counter[0]! + 1;
        lock.release();
      }
      return rounds;
    }
    default:
      throw new RangeError(`Unknown scenario "${scenario}"`);
  }
}
