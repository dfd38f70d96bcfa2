// Worker fixtures for tests/concurrency/spawn_test.ts.
import { InterruptedError, Lock, threadId } from "../../../concurrency/mod.ts";
import {
  CustomError,
  DiskQuotaError,
  QuotaError,
  RenamedError,
} from "./custom_errors.ts";

/** Runs one named scenario. */
export default async function (
  scenario: string,
  payload?: unknown,
): Promise<unknown> {
  switch (scenario) {
    case "echo":
      return payload;
    case "thread-id":
      return threadId();
    case "async":
      await new Promise((resolve) => setTimeout(resolve, 1));
      return "later";
    case "throw-type-error":
      throw new TypeError("bad argument in worker");
    case "throw-custom":
      throw new CustomError("custom failure");
    case "throw-interrupted":
      throw new InterruptedError("stopped on purpose", {
        threadId: threadId(),
      });
    case "new-lock":
      return { lock: new Lock({ name: "made in worker" }) };
    case "nested": {
      const { locks } = payload as { locks: Lock[] };
      return locks.map((lock) => lock instanceof Lock && lock.name);
    }
    case "wait-flag": {
      // Waits until flag[0] is set, at most 5 s, in slices so it can be terminated.
      const flag = payload as Int32Array;
      const deadline = performance.now() + 5000;
      while (Atomics.load(flag, 0) === 0 && performance.now() < deadline) {
        Atomics.wait(flag, 0, 0, 10);
      }
      return "flag seen";
    }
    case "throw-registered":
      throw new QuotaError(3, { cause: new RangeError("3 > 2") });
    case "throw-subclass":
      throw new DiskQuotaError(5);
    case "throw-renamed":
      throw new RenamedError("renamed");
    case "throw-uncaught":
      // Thrown from a timer, where no caller catches it: the worker ends.
      setTimeout(() => {
        throw new QuotaError(4);
      }, 0);
      return await new Promise(() => {});
    case "reject-unhandled":
      Promise.reject(new QuotaError(6));
      return await new Promise(() => {});
    default:
      throw new RangeError(`Unknown scenario "${scenario}"`);
  }
}
