/**
 * Worker scenarios for bench/concurrency_compare.ts, started with `spawn`.
 * Each returns how long its measured part took, in ms, timed inside the
 * worker (worker clocks have their own origin, so only durations travel).
 *
 * @module
 */

import { bytesCodec, type Codec } from "../generics/codec.ts";
import { type Barrier, SharedQueue } from "../concurrency/mod.ts";
import { lockRotation } from "./_lock_rotation.ts";

const TIMEOUT = 60_000;

/** The floor: a bare `Atomics.wait`/`notify` ping-pong on one word, `rounds` round trips. */
function barePingPong(
  role: "A" | "B",
  flag: Int32Array,
  rounds: number,
): number {
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    if (role === "A") {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      while (Atomics.load(flag, 0) === 1) Atomics.wait(flag, 0, 1, TIMEOUT);
    } else {
      while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, TIMEOUT);
      Atomics.store(flag, 0, 0);
      Atomics.notify(flag, 0);
    }
  }
  return performance.now() - started;
}

/**
 * A codec that decodes to the message's length: the queue's transport
 * without the one `Uint8Array` allocation per message that `bytesCodec.decode`
 * makes (about 0.4 µs in Deno 2.9.6).
 */
const lengthCodec: Codec<Uint8Array | number> = {
  encode: (message) => message as Uint8Array,
  decode: (bytes) => bytes.length,
};

function codecFor(name: string): Codec<Uint8Array | number> {
  return name === "length" ? lengthCodec : bytesCodec;
}

function size(item: Uint8Array | number): number {
  return typeof item === "number" ? item : item.length;
}

/** Puts `count` 64-byte messages after the start barrier. */
function queueProduce(
  handle: SharedQueue<unknown>,
  start: Barrier,
  count: number,
  codec: string,
): number {
  const queue = SharedQueue.from(handle.handle, { codec: codecFor(codec) });
  const message = new Uint8Array(64).fill(7);
  start.wait({ timeout: TIMEOUT });
  const started = performance.now();
  for (let i = 0; i < count; i++) queue.put(message, { timeout: TIMEOUT });
  return performance.now() - started;
}

/** Gets `count` messages; times from the first to the last. */
function queueConsume(
  handle: SharedQueue<unknown>,
  start: Barrier,
  count: number,
  codec: string,
): number {
  const queue = SharedQueue.from(handle.handle, { codec: codecFor(codec) });
  start.wait({ timeout: TIMEOUT });
  let bytes = size(queue.get({ timeout: TIMEOUT }));
  const started = performance.now();
  for (let i = 1; i < count; i++) {
    bytes += size(queue.get({ timeout: TIMEOUT }));
  }
  if (bytes !== count * 64) {
    throw new Error(`Received ${bytes} bytes, expected ${count * 64}`);
  }
  return performance.now() - started;
}

/** Runs one scenario by name. */
export default function (name: string, ...args: unknown[]): number {
  switch (name) {
    case "lock-rotation":
      return lockRotation(...(args as Parameters<typeof lockRotation>));
    case "bare-ping-pong":
      return barePingPong(...(args as Parameters<typeof barePingPong>));
    case "queue-produce":
      return queueProduce(...(args as Parameters<typeof queueProduce>));
    case "queue-consume":
      return queueConsume(...(args as Parameters<typeof queueConsume>));
    default:
      throw new RangeError(`Unknown scenario "${name}"`);
  }
}
