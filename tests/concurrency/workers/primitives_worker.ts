// Worker fixtures for the primitive tests in tests/concurrency/.
import { textCodec } from "../../../generics/codec.ts";
import {
  Barrier,
  BrokenBarrierError,
  type Condition,
  type Event,
  type RLock,
  type Semaphore,
  SharedQueue,
} from "../../../concurrency/mod.ts";

type Scenario = (...args: never[]) => unknown;

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

const scenarios: Record<string, Scenario> = {
  "rlock-try": (lock: RLock) => lock.acquire({ blocking: false }),
  "rlock-hold-nested": (lock: RLock, flag: Int32Array) => {
    // Holds the lock twice until flag[0] is set (at most 5 s).
    lock.acquire();
    lock.acquire();
    Atomics.store(flag, 1, 1);
    Atomics.wait(flag, 0, 0, 20_000);
    lock.release();
    lock.release();
    return "released";
  },
  "condition-wait": (condition: Condition, woken: Int32Array) => {
    condition.acquire();
    try {
      const notified = condition.wait({ timeout: 30_000 });
      Atomics.add(woken, 0, 1);
      return notified;
    } finally {
      condition.release();
    }
  },
  "condition-wait-for": (
    condition: Condition,
    state: Int32Array,
    target: number,
  ) => {
    using _ = condition.hold();
    return condition.waitFor(() => Atomics.load(state, 0) >= target, {
      timeout: 30_000,
    });
  },
  "condition-take-lock": (condition: Condition) => {
    // Succeeds only while the lock's owner is inside wait().
    const got = condition.acquire({ timeout: 20_000 });
    if (got) {
      condition.notify();
      condition.release();
    }
    return got;
  },
  "condition-ping-pong": (
    condition: Condition,
    turn: Int32Array,
    me: number,
    rounds: number,
  ) => {
    for (let round = 0; round < rounds; round++) {
      using _ = condition.hold();
      if (
        !condition.waitFor(() => Atomics.load(turn, 0) === me, {
          timeout: 30_000,
        })
      ) {
        return `stalled at round ${round}`;
      }
      Atomics.store(turn, 0, 1 - me);
      condition.notify();
    }
    return rounds;
  },
  "semaphore-acquire": (semaphore: Semaphore, passed: Int32Array) => {
    const got = semaphore.acquire({ timeout: 30_000 });
    if (got) Atomics.add(passed, 0, 1);
    return got;
  },
  "event-wait": (event: Event, timeout: number) => event.wait({ timeout }),
  "event-set": (event: Event) => {
    event.set();
    return true;
  },
  "barrier-cycles": (handle: Barrier, cycles: number, actions: Int32Array) => {
    const barrier = Barrier.from(handle.handle, {
      action: () => Atomics.add(actions, 0, 1),
    });
    const indices: number[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      indices.push(barrier.wait({ timeout: 30_000 }));
    }
    return indices;
  },
  // Arrives last and blocks in the action (flag[0] = 1 once there) until
  // flag[1] is set, at most 20 s.
  "barrier-action-blocks": (handle: Barrier, flag: Int32Array) => {
    const barrier = Barrier.from(handle.handle, {
      action: () => {
        Atomics.store(flag, 0, 1);
        Atomics.wait(flag, 1, 0, 20_000);
      },
    });
    return barrier.wait();
  },
  "barrier-wait": (barrier: Barrier, timeout: number) => {
    try {
      return barrier.wait({ timeout });
    } catch (error) {
      return errorName(error);
    }
  },
  "queue-produce": (
    queue: SharedQueue<number | null>,
    from: number,
    count: number,
    sentinels: number,
  ) => {
    for (let i = from; i < from + count; i++) queue.put(i, { timeout: 30_000 });
    for (let i = 0; i < sentinels; i++) queue.put(null, { timeout: 30_000 });
    return count;
  },
  "queue-consume": (queue: SharedQueue<number | null>) => {
    const got: number[] = [];
    for (;;) {
      const item = queue.get({ timeout: 30_000 });
      queue.taskDone();
      if (item === null) return got;
      got.push(item);
    }
  },
  "queue-get-text": (queue: SharedQueue<string>) => {
    const text = SharedQueue.from(queue.handle, { codec: textCodec });
    return text.get({ timeout: 20_000 });
  },
  "queue-put": (queue: SharedQueue<unknown>, item: unknown) => {
    queue.put(item, { timeout: 20_000 });
    return true;
  },
  "queue-work": (queue: SharedQueue<number>, count: number) => {
    let sum = 0;
    for (let i = 0; i < count; i++) {
      sum += queue.get({ timeout: 20_000 });
      queue.taskDone();
    }
    return sum;
  },
  "is-broken-barrier-error": (barrier: Barrier) => {
    try {
      barrier.wait({ timeout: 30_000 });
      return "passed";
    } catch (error) {
      return error instanceof BrokenBarrierError;
    }
  },
};

/** Runs one named scenario with the rest of the arguments. */
export default function (name: string, ...args: unknown[]): unknown {
  const scenario = scenarios[name];
  if (!scenario) throw new RangeError(`Unknown scenario "${name}"`);
  return (scenario as (...args: unknown[]) => unknown)(...args);
}
