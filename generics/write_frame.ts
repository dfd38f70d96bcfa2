/**
 * Writes one length-prefixed frame to a byte stream.
 *
 * @module
 */

import type { Codec } from "./codec.ts";
import { FrameError } from "./frame_error.ts";
import { checkMaxFrameBytes, HEADER_BYTES } from "./_frame_header.ts";

/**
 * Where {@linkcode writeFrame} can write: anything with Deno's
 * `write(p): Promise<number>` (a `Deno.Conn`, a `Deno.FsFile`; short writes
 * are continued until the whole frame is out), a `WritableStream` of bytes,
 * or a writer already taken from one.
 */
export type FrameWriter =
  | { write(p: Uint8Array): Promise<number> }
  | WritableStream<Uint8Array>
  | WritableStreamDefaultWriter<Uint8Array>;

/** Options for {@linkcode writeFrame}. */
export interface WriteFrameOptions {
  /**
   * The largest payload, in bytes, the frame may carry; a bigger one throws
   * before anything is written.
   *
   * @default {16777216} (16 MiB)
   */
  maxFrameBytes?: number;
}

/**
 * Encodes `value` with `codec` and writes it to `writer` as one frame: a
 * 4-byte big-endian unsigned length of the payload, then the payload. Header
 * and payload go out in a single write call, so frames from one writer never
 * mix on a stream writer; over a `write(p): Promise<number>` writer, short
 * writes are continued, so do not start a second `writeFrame` on the same
 * writer before the first has resolved.
 *
 * @typeParam T The type of the value; the codec must carry the same type.
 * @param writer Where to write the frame.
 * @param codec Turns the value into the payload bytes.
 * @param value The value to send.
 * @param options The frame size limit.
 * @returns A promise that resolves when the whole frame has been written.
 * @throws {FrameError} With `code` `"too-large"` when the payload is over
 * `maxFrameBytes`; nothing is written.
 * @throws {RangeError} When `maxFrameBytes` is not an integer from 0 to
 * 2^32 - 1.
 * @throws {TypeError} When `writer` is none of the accepted kinds, or its
 * `write` makes no progress.
 *
 * @example Usage
 * ```ts
 * import { readFrames, textCodec, writeFrame } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
 * const writer = writable.getWriter();
 * const received = Array.fromAsync(readFrames(readable, textCodec));
 * await writeFrame(writer, textCodec, "hi");
 * await writer.close();
 * assert.deepEqual(await received, ["hi"]);
 * ```
 */
export async function writeFrame<T>(
  writer: FrameWriter,
  codec: Codec<T>,
  value: T,
  options: WriteFrameOptions = {},
): Promise<void> {
  const maxFrameBytes = checkMaxFrameBytes(options.maxFrameBytes);
  const payload = codec.encode(value);
  if (payload.length > maxFrameBytes) {
    throw new FrameError(
      `Cannot write frame of "${payload.length}" bytes: it is over maxFrameBytes ${maxFrameBytes}`,
      { code: "too-large", frameBytes: payload.length, maxFrameBytes },
    );
  }
  const frame = new Uint8Array(HEADER_BYTES + payload.length);
  new DataView(frame.buffer).setUint32(0, payload.length, false);
  frame.set(payload, HEADER_BYTES);

  if (writer instanceof WritableStreamDefaultWriter) {
    await writer.write(frame);
  } else if (writer instanceof WritableStream) {
    const streamWriter = writer.getWriter();
    try {
      await streamWriter.write(frame);
    } finally {
      streamWriter.releaseLock();
    }
  } else if (typeof writer?.write === "function") {
    await writeAll(writer, frame);
  } else {
    throw new TypeError(
      `Cannot write a frame to "${String(writer)}": it is not a writer`,
    );
  }
}

async function writeAll(
  writer: { write(p: Uint8Array): Promise<number> },
  bytes: Uint8Array,
): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const count = await writer.write(bytes.subarray(written));
    if (!Number.isInteger(count) || count <= 0) {
      throw new TypeError(
        `Cannot write a frame: write() returned "${count}" with ${
          bytes.length - written
        } bytes left`,
      );
    }
    written += count;
  }
}
