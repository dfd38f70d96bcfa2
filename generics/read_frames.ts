/**
 * Reads length-prefixed frames from a byte stream.
 *
 * @module
 */

import type { Codec } from "./codec.ts";
import { FrameError } from "./frame_error.ts";
import { ByteSource } from "./_byte_source.ts";
import { checkMaxFrameBytes, HEADER_BYTES } from "./_frame_header.ts";

/**
 * Where {@linkcode readFrames} can read from: anything with Deno's
 * `read(p): Promise<number | null>` (a `Deno.Conn`, a `Deno.FsFile`), or a
 * `ReadableStream` of `Uint8Array` chunks (`conn.readable`, a `fetch` body).
 */
export type FrameReader =
  | { read(p: Uint8Array): Promise<number | null> }
  | ReadableStream<Uint8Array>;

/** Options for {@linkcode readFrames}. */
export interface ReadFramesOptions {
  /**
   * The largest payload, in bytes, a frame may announce. A bigger one throws
   * as soon as its header arrives, before its payload is read or memory for
   * it is taken.
   *
   * @default {16777216} (16 MiB)
   */
  maxFrameBytes?: number;
  /** Stops the reading: the iteration then throws the signal's reason. */
  signal?: AbortSignal;
  /**
   * The longest, in milliseconds, to wait for each frame, from when the next
   * value is asked for until the whole frame has arrived. Time the caller
   * spends between frames does not count. No limit when left out.
   */
  timeout?: number;
}

/**
 * Reads the frames {@linkcode writeFrame} writes (a 4-byte big-endian
 * unsigned payload length, then the payload) from `reader`, and yields each
 * payload decoded with `codec`. The iteration ends when the stream ends at a
 * frame boundary.
 *
 * Frames may arrive split over many reads or several in one read. Reading
 * goes ahead of the frame being yielded, so bytes past it may already have
 * been taken from `reader`: let one `readFrames` read a stream for good.
 * A `ReadableStream` is locked while the iteration runs and released (not
 * cancelled) when it stops; a `read()`-style reader is never closed: both
 * stay the caller's to close. After an abort or a timeout, a `read()` may
 * still be pending on the reader: close the reader to end it.
 *
 * @typeParam T The type of the values; the codec must carry the same type.
 * @param reader Where to read the frames from.
 * @param codec Turns each payload back into a value. What `decode` throws
 * ends the iteration and reaches the caller unchanged.
 * @param options The frame size limit, an abort signal and a timeout.
 * @returns An async iterable of the decoded values, in order.
 * @throws {FrameError} With `code` `"too-large"` when a frame announces more
 * than `maxFrameBytes`, and `"truncated"` when the stream ends inside a
 * frame.
 * @throws {DOMException} Named `"TimeoutError"` when a frame takes longer
 * than `timeout`; the signal's reason when `signal` aborts.
 * @throws {RangeError} When `maxFrameBytes` or `timeout` is out of range.
 * @throws {TypeError} When `reader` is not a reader, or a stream chunk is
 * not a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { jsonCodec, readFrames, writeFrame } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * type Point = { x: number; y: number };
 * const codec = jsonCodec<Point>();
 * const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
 * const writer = writable.getWriter();
 * const sending = (async () => {
 *   await writeFrame(writer, codec, { x: 1, y: 2 });
 *   await writeFrame(writer, codec, { x: 3, y: 4 });
 *   await writer.close();
 * })();
 * const points: Point[] = [];
 * for await (const point of readFrames(readable, codec)) points.push(point);
 * await sending;
 * assert.deepEqual(points, [{ x: 1, y: 2 }, { x: 3, y: 4 }]);
 * ```
 */
export async function* readFrames<T>(
  reader: FrameReader,
  codec: Codec<T>,
  options: ReadFramesOptions = {},
): AsyncGenerator<T, void, undefined> {
  const maxFrameBytes = checkMaxFrameBytes(options.maxFrameBytes);
  const { signal, timeout } = options;
  if (
    timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0)
  ) {
    throw new RangeError(
      `Cannot use timeout "${timeout}": it must be a finite number of milliseconds, 0 or more`,
    );
  }
  signal?.throwIfAborted();

  const deadline = timeout === undefined && signal === undefined
    ? undefined
    : new FrameDeadline(signal, timeout);
  let source: ByteSource | undefined;
  try {
    source = new ByteSource(reader, deadline?.signal);
    const header = new Uint8Array(HEADER_BYTES);
    const headerView = new DataView(header.buffer);
    while (true) {
      deadline?.start();
      const headerBytes = await source.readInto(header);
      if (headerBytes === 0) return;
      if (headerBytes < HEADER_BYTES) {
        throw new FrameError(
          `Cannot read frame: the stream ended after ${headerBytes} of ${HEADER_BYTES} header bytes`,
          { code: "truncated", receivedBytes: headerBytes },
        );
      }
      const frameBytes = headerView.getUint32(0, false);
      if (frameBytes > maxFrameBytes) {
        throw new FrameError(
          `Cannot read frame of "${frameBytes}" bytes: it is over maxFrameBytes ${maxFrameBytes}`,
          { code: "too-large", frameBytes, maxFrameBytes },
        );
      }
      const payload = new Uint8Array(frameBytes);
      const payloadBytes = await source.readInto(payload);
      if (payloadBytes < frameBytes) {
        throw new FrameError(
          `Cannot read frame of "${frameBytes}" bytes: the stream ended after ${payloadBytes} of them`,
          {
            code: "truncated",
            frameBytes,
            receivedBytes: HEADER_BYTES + payloadBytes,
          },
        );
      }
      deadline?.stop();
      yield codec.decode(payload);
    }
  } finally {
    deadline?.dispose();
    source?.release();
  }
}

/**
 * One abort signal for a caller's signal and a per-frame timeout, whose timer
 * runs only while a frame is awaited.
 */
class FrameDeadline {
  readonly signal: AbortSignal;
  #controller = new AbortController();
  #callerSignal: AbortSignal | undefined;
  #timeout: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #onCallerAbort = () => this.#controller.abort(this.#callerSignal?.reason);

  constructor(
    callerSignal: AbortSignal | undefined,
    timeout: number | undefined,
  ) {
    this.signal = this.#controller.signal;
    this.#callerSignal = callerSignal;
    this.#timeout = timeout;
    callerSignal?.addEventListener("abort", this.#onCallerAbort, {
      once: true,
    });
  }

  start(): void {
    if (this.#timeout === undefined || this.#timer !== undefined) return;
    const timeout = this.#timeout;
    this.#timer = setTimeout(() => {
      this.#controller.abort(
        new DOMException(
          `Timed out after ${timeout} ms waiting for a frame`,
          "TimeoutError",
        ),
      );
    }, timeout);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  dispose(): void {
    this.stop();
    this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
  }
}
