// The task module of tests/concurrency/worker_pool_test.ts: one scenario per call.
import {
  type Barrier,
  type Event,
  InterruptedError,
  interruptSignal,
  type Lock,
  sleep,
  threadId,
} from "../../../concurrency/mod.ts";
import { CustomError } from "./custom_errors.ts";

/** Runs one named scenario. */
export default async function (
  scenario: string,
  payload?: unknown,
): Promise<unknown> {
  switch (scenario) {
    case "echo":
      return payload;
    case "square":
      return (payload as number) * (payload as number);
    case "thread-id":
      return threadId();
    case "undefined":
      return undefined;
    case "throw-custom":
      throw new CustomError(`custom failure ${payload}`);
    case "throw-type-error":
      throw new TypeError("bad argument in worker");
    case "wait-event": {
      // Waits in a wait of concurrency/ until interrupted; reports how it ended.
      const { event, started } = payload as { event: Event; started: Event };
      started.set();
      try {
        event.wait();
        return "set";
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        throw new Error("not an interrupt", { cause: error });
      }
    }
    case "wait-signal": {
      const { started } = payload as { started: Event };
      const signal = interruptSignal();
      started.set();
      await new Promise((_, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason), {
          once: true,
        });
      });
      return "unreachable";
    }
    case "swallow-interrupts": {
      // Ignores every interrupt: only termination ends it.
      const { started } = payload as { started: Event };
      started.set();
      for (;;) {
        try {
          sleep(60_000);
        } catch {
          // Swallowed on purpose.
        }
      }
    }
    case "finish-late": {
      // Swallows interrupts until `done` is set, then finishes normally.
      const { started, done } = payload as { started: Event; done: Event };
      started.set();
      for (;;) {
        try {
          if (done.wait({ timeout: 20_000 })) return "late";
        } catch {
          // Swallowed on purpose.
        }
      }
    }
    case "barrier":
      (payload as Barrier).wait({ timeout: 20_000 });
      return threadId();
    case "lock-pair": {
      // Takes `first`, meets the other task at the barrier, then wants `second`.
      const { first, second, barrier } = payload as {
        first: Lock;
        second: Lock;
        barrier: Barrier;
      };
      first.acquire();
      try {
        barrier.wait({ timeout: 20_000 });
        // Untimed: only blocking waits without a timeout count as deadlocks.
        second.acquire();
        second.release();
        return "took both";
      } finally {
        first.release();
      }
    }
    case "set-event":
      (payload as Event).set();
      return "set";
    case "sleep":
      sleep(payload as number);
      return "slept";
    case "die":
      // An error no task catches: the worker dies outside the task.
      setTimeout(() => {
        throw new Error("worker died on purpose");
      }, 0);
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      return "unreachable";
    default:
      throw new RangeError(`Unknown scenario "${scenario}"`);
  }
}
