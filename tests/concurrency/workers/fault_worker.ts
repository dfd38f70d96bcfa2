// Worker fixtures for tests/concurrency/termination_faults_test.ts: a thread
// that waits in one primitive, is terminated (or stopped, or ends) during the
// wait, and, when Deno lets it run on, reports what its wait did and what its
// later calls did through a shared report:
//   report[0]: 1 waiting, 2 the wait returned (took something), 3 the wait
//              threw ThreadEndedError, 4 it threw something else;
//   report[1]: later calls that threw ThreadEndedError;
//   report[2]: later calls that did not throw it (took or did something);
//   report[3]: 1 once the thread is done calling;
//   report[4]: interrupts seen (the "interruptible" scenarios).
import {
  type Barrier,
  checkInterrupt,
  type Condition,
  type Event,
  InterruptedError,
  type Lock,
  type RLock,
  type Semaphore,
  type SharedQueue,
  sleep,
  spawn,
  type StopFlag,
} from "../../../concurrency/mod.ts";

type Report = Int32Array;

const LATER_CALLS = 5;

function settle(report: Report, wait: () => unknown): void {
  Atomics.store(report, 0, 1);
  try {
    wait();
    Atomics.store(report, 0, 2);
  } catch (error) {
    Atomics.store(
      report,
      0,
      (error as Error).name === "ThreadEndedError" ? 3 : 4,
    );
  }
}

/** Makes `call` LATER_CALLS times, counting ThreadEndedError against anything else. */
function keepCalling(report: Report, call: () => unknown): void {
  for (let i = 0; i < LATER_CALLS; i++) {
    try {
      call();
      Atomics.add(report, 2, 1);
    } catch (error) {
      Atomics.add(
        report,
        (error as Error).name === "ThreadEndedError" ? 1 : 2,
        1,
      );
    }
  }
}

/** A wait that ignores interrupts, so only a termination ends it (stop()'s grace runs out). */
function deaf(wait: () => unknown): () => unknown {
  return () => {
    for (;;) {
      try {
        return wait();
      } catch (error) {
        if (!(error instanceof InterruptedError)) throw error;
      }
    }
  };
}

type Scenario = (report: Report, ...args: never[]) => void;

const scenarios: Record<string, Scenario> = {
  "queue-get": (report, queue: SharedQueue<number>) => {
    settle(report, () => queue.get());
    keepCalling(report, () => queue.get({ blocking: false }));
  },
  "queue-get-deaf": (report, queue: SharedQueue<number>) => {
    settle(report, deaf(() => queue.get()));
    keepCalling(report, () => queue.get({ blocking: false }));
  },
  "queue-put": (report, queue: SharedQueue<number>) => {
    settle(report, () => queue.put(-1));
    keepCalling(report, () => queue.put(-2, { blocking: false }));
  },
  "queue-join": (report, queue: SharedQueue<number>) => {
    settle(report, () => queue.join());
    keepCalling(report, () => queue.taskDone());
  },
  "lock": (report, lock: Lock) => {
    settle(report, () => lock.acquire());
    keepCalling(report, () => lock.acquire({ blocking: false }));
  },
  "rlock": (report, lock: RLock) => {
    settle(report, () => lock.acquire());
    keepCalling(report, () => lock.acquire({ blocking: false }));
  },
  "condition": (report, condition: Condition) => {
    condition.acquire();
    settle(report, () => condition.wait());
    keepCalling(report, () => condition.acquire({ blocking: false }));
  },
  "semaphore": (report, semaphore: Semaphore) => {
    settle(report, () => semaphore.acquire());
    keepCalling(report, () => semaphore.acquire({ blocking: false }));
  },
  "semaphore-deaf": (report, semaphore: Semaphore) => {
    settle(report, deaf(() => semaphore.acquire()));
    keepCalling(report, () => semaphore.acquire({ blocking: false }));
  },
  "hold-lock-then-release": (report, lock: Lock, event: Event) => {
    lock.acquire();
    settle(report, () => event.wait());
    keepCalling(report, () => lock.release());
  },
  "event": (report, event: Event) => {
    settle(report, () => event.wait());
    keepCalling(report, () => event.wait({ timeout: 0 }));
  },
  "barrier": (report, barrier: Barrier) => {
    settle(report, () => barrier.wait());
    keepCalling(report, () => barrier.wait({ timeout: 0 }));
  },
  "stop-flag": (report, flag: StopFlag) => {
    settle(report, () => flag.wait());
    keepCalling(report, () => flag.set());
  },
  "sleep": (report) => {
    settle(report, () => sleep(30_000));
    keepCalling(report, () => sleep(0));
  },
  // Spins on checkInterrupt() for `ms`, counting what it sees: a terminated
  // thread that runs on while another thread reuses its slot.
  "interrupt-spinner": (report, ms: number) => {
    Atomics.store(report, 0, 1);
    try {
      sleep(30_000);
    } catch (error) {
      Atomics.store(
        report,
        0,
        (error as Error).name === "ThreadEndedError" ? 3 : 4,
      );
    }
    const end = performance.now() + ms;
    while (performance.now() < end) {
      try {
        checkInterrupt();
      } catch (error) {
        Atomics.add(
          report,
          (error as Error).name === "ThreadEndedError" ? 1 : 4,
          1,
        );
      }
    }
    Atomics.store(report, 3, 1);
  },
  // Sleeps `rounds` times, counting the interrupts that cut a sleep short.
  // A live waiter beside the faulty one: report[0] 2 when notified, 5 when timed out.
  "live-condition-wait": (report, condition: Condition, timeout: number) => {
    condition.acquire();
    try {
      Atomics.store(report, 0, 1);
      Atomics.store(report, 0, condition.wait({ timeout }) ? 2 : 5);
    } finally {
      condition.release();
    }
  },
  "live-barrier": (report, barrier: Barrier) => {
    Atomics.store(report, 0, 1);
    Atomics.store(report, 4, barrier.wait({ timeout: 20_000 }));
    Atomics.store(report, 0, 2);
  },
  // Ends while an async wait is pending (the function returns).
  "abandon-condition-wait": (report, condition: Condition) => {
    condition.acquire();
    condition.waitAsync().catch(() => {});
    Atomics.store(report, 0, 1);
  },
  // Ends (returns, or throws when `how` is "throw") with async waits pending
  // in a queue get() and a semaphore acquire().
  "abandon-async-waits": (
    report,
    queue: SharedQueue<number>,
    semaphore: Semaphore,
    how: string,
  ) => {
    queue.getAsync().catch(() => {});
    semaphore.acquireAsync().catch(() => {});
    Atomics.store(report, 0, 1);
    if (how === "throw") throw new Error("died with waits pending");
  },
  "abandon-barrier-wait": (report, barrier: Barrier) => {
    barrier.waitAsync().catch(() => {});
    Atomics.store(report, 0, 1);
  },
  // Takes the lock, says so in report[0], and returns holding it once
  // signal[0] is set (at most 20 s).
  "hold-lock-until": (report, lock: Lock, signal: Int32Array) => {
    lock.acquire();
    Atomics.store(report, 0, 1);
    Atomics.notify(report, 0);
    Atomics.wait(signal, 0, 0, 20_000);
  },
  // Spawns a worker that runs "hold-lock-until", waits until it holds the
  // lock (at most 20 s), and returns without waiting for its end.
  "spawn-holder-and-return": (
    report,
    lock: Lock,
    signal: Int32Array,
    childReport: Int32Array,
  ) => {
    const child = spawn(new URL(import.meta.url), {
      args: ["hold-lock-until", childReport, lock, signal],
    });
    Atomics.store(report, 4, child.threadId);
    Atomics.wait(childReport, 0, 0, 20_000);
  },
  "interruptible": (report, rounds: number) => {
    for (let i = 0; i < rounds; i++) {
      Atomics.store(report, 0, 1);
      try {
        sleep(5_000);
      } catch (error) {
        if (error instanceof InterruptedError) Atomics.add(report, 4, 1);
        else throw error;
      }
    }
  },
};

/** Runs one named scenario. */
export default function (
  scenario: string,
  report: Report,
  ...args: unknown[]
): void {
  const run = scenarios[scenario];
  if (run === undefined) throw new RangeError(`Unknown scenario "${scenario}"`);
  try {
    (run as (report: Report, ...args: unknown[]) => void)(report, ...args);
  } finally {
    Atomics.store(report, 3, 1);
  }
}
