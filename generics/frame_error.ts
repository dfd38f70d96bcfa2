/**
 * The error length-prefixed framing throws.
 *
 * @module
 */

/**
 * Thrown by {@linkcode readFrames} and {@linkcode writeFrame} when a frame
 * cannot be carried: its payload is over `maxFrameBytes` (`code` is
 * `"too-large"`), or the stream ended in the middle of it (`code` is
 * `"truncated"`). After either, the stream is no longer at a frame boundary:
 * close it.
 *
 * @example Usage
 * ```ts
 * import { FrameError, readFrames, textCodec } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * // A header announcing 5 bytes, followed by only 2 of them.
 * const cut = ReadableStream.from([new Uint8Array([0, 0, 0, 5, 104, 105])]);
 * await assert.rejects(
 *   Array.fromAsync(readFrames(cut, textCodec)),
 *   (error) => error instanceof FrameError && error.code === "truncated",
 * );
 * ```
 */
export class FrameError extends Error {
  /** Always `"FrameError"`. */
  override name = "FrameError";
  /** What went wrong: the frame was over the limit, or cut short. */
  readonly code: "too-large" | "truncated";
  /** The payload length the frame announced (or, when writing, had). */
  readonly frameBytes: number | undefined;
  /** The limit in force, for a `"too-large"` frame. */
  readonly maxFrameBytes: number | undefined;
  /** How many bytes of the frame, header included, arrived before the end. */
  readonly receivedBytes: number | undefined;

  /**
   * Makes a frame error.
   *
   * @param message What happened, in sentence case.
   * @param details The fields a caller inspects.
   */
  constructor(
    message: string,
    details: {
      code: "too-large" | "truncated";
      frameBytes?: number;
      maxFrameBytes?: number;
      receivedBytes?: number;
      cause?: unknown;
    },
  ) {
    super(
      message,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = details.code;
    this.frameBytes = details.frameBytes;
    this.maxFrameBytes = details.maxFrameBytes;
    this.receivedBytes = details.receivedBytes;
  }
}
