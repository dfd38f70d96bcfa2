/**
 * The frame layout shared by writeFrame and readFrames: a 4-byte big-endian
 * unsigned payload length, then the payload.
 *
 * @module
 */

/** Bytes in a frame header. */
export const HEADER_BYTES = 4;

/** The largest payload a 4-byte length can announce. */
export const MAX_PAYLOAD_BYTES = 0xffff_ffff;

/** The default `maxFrameBytes`: 16 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** Checks a `maxFrameBytes` option and returns it, or the default. */
export function checkMaxFrameBytes(maxFrameBytes: number | undefined): number {
  if (maxFrameBytes === undefined) return DEFAULT_MAX_FRAME_BYTES;
  if (
    !Number.isInteger(maxFrameBytes) || maxFrameBytes < 0 ||
    maxFrameBytes > MAX_PAYLOAD_BYTES
  ) {
    throw new RangeError(
      `Cannot use maxFrameBytes "${maxFrameBytes}": it must be an integer from 0 to ${MAX_PAYLOAD_BYTES}`,
    );
  }
  return maxFrameBytes;
}
