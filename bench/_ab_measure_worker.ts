/**
 * The worker side of bench/_ab_measure.ts. It imports the library under
 * test by the path it is given (the same modules the library's own worker
 * start-up loaded, so revived primitives and error classes are the same),
 * and uses only public names that every version of `concurrency/` has.
 * Each scenario returns its measured time in ms, timed inside the worker.
 *
 * @module
 */

import type * as Library from "../concurrency/mod.ts";
import type { Codec } from "../generics/codec.ts";
import { lockRotation } from "./_lock_rotation.ts";

type Concurrency = typeof Library;

const TIMEOUT = 60_000;

/** Takes turns with the other role through a `Condition`: `turn[0]` says whose turn it is. */
function conditionPingPong(
  role: string,
  condition: Library.Condition,
  turn: Int32Array,
  rounds: number,
): number {
  const mine = role === "A" ? 0 : 1;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    condition.acquire();
    try {
      while (Atomics.load(turn, 0) !== mine) {
        if (!condition.wait({ timeout: TIMEOUT })) {
          throw new Error("The ping-pong stalled");
        }
      }
      Atomics.store(turn, 0, 1 - mine);
      condition.notify();
    } finally {
      condition.release();
    }
  }
  return performance.now() - started;
}

/** Decodes to the message's length: the queue's transport without an allocation per message. */
const lengthCodec: Codec<Uint8Array | number> = {
  encode: (message) => message as Uint8Array,
  decode: (bytes) => bytes.length,
};

function queueEnd(
  library: Concurrency,
  role: string,
  handle: Library.SharedQueue<unknown>,
  start: Library.Barrier,
  count: number,
): number {
  const queue = library.SharedQueue.from(handle.handle, {
    codec: lengthCodec,
  });
  start.wait({ timeout: TIMEOUT });
  if (role === "produce") {
    const message = new Uint8Array(64).fill(7);
    const started = performance.now();
    for (let i = 0; i < count; i++) queue.put(message, { timeout: TIMEOUT });
    return performance.now() - started;
  }
  let bytes = queue.get({ timeout: TIMEOUT }) as number;
  const started = performance.now();
  for (let i = 1; i < count; i++) {
    bytes += queue.get({ timeout: TIMEOUT }) as number;
  }
  if (bytes !== count * 64) {
    throw new Error(`Received ${bytes} bytes, expected ${count * 64}`);
  }
  return performance.now() - started;
}

/** Waits on `lock` (held by the main thread) again and again; each InterruptedError bumps `ack[0]`. Ends when `ack[1]` is 1. */
function parkedLock(
  library: Concurrency,
  lock: Library.Lock,
  ack: Int32Array,
): number {
  for (;;) {
    try {
      lock.acquire();
      lock.release();
      throw new Error("Acquired the lock the main thread holds");
    } catch (error) {
      if (!(error instanceof library.InterruptedError)) throw error;
    }
    if (Atomics.load(ack, 1) === 1) return 0;
    Atomics.add(ack, 0, 1);
    Atomics.notify(ack, 0);
  }
}

/**
 * Runs `run` once per burst the main thread asks for, until it asks for
 * none: `control[0]` is the burst asked for (-1: stop), `control[1]` counts
 * the workers done with it, and `times[slot]` takes this worker's ms.
 */
function bursts(
  control: Int32Array,
  times: Float64Array,
  slot: number,
  run: () => number,
): number {
  for (let done = 0;;) {
    if (Atomics.wait(control, 0, done, TIMEOUT) === "timed-out") {
      throw new Error("No burst was asked for within 60 s");
    }
    const burst = Atomics.load(control, 0);
    if (burst < 0) return 0;
    times[slot] = run();
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
    done = burst;
  }
}

/** Runs one scenario by name, with the library at `libraryUrl`; `"bursts"` runs the scenario it names again and again. */
export default async function (
  libraryUrl: string,
  name: string,
  ...args: unknown[]
): Promise<number> {
  const library: Concurrency = await import(libraryUrl);
  if (name !== "bursts") return runScenario(library, name, args);
  const [control, times, slot, inner, ...rest] = args as [
    Int32Array,
    Float64Array,
    number,
    string,
    ...unknown[],
  ];
  return bursts(control, times, slot, () => runScenario(library, inner, rest));
}

function runScenario(
  library: Concurrency,
  name: string,
  args: unknown[],
): number {
  switch (name) {
    case "lock-rotation":
      return lockRotation(...(args as Parameters<typeof lockRotation>));
    case "condition-ping-pong":
      return conditionPingPong(
        ...(args as Parameters<typeof conditionPingPong>),
      );
    case "queue-produce":
    case "queue-consume":
      return queueEnd(
        library,
        name.slice("queue-".length),
        ...(args as [Library.SharedQueue<unknown>, Library.Barrier, number]),
      );
    case "parked-lock":
      return parkedLock(
        library,
        ...(args as [Library.Lock, Int32Array]),
      );
    default:
      throw new RangeError(`Unknown scenario "${name}"`);
  }
}
