/**
 * In-memory byte streams for the framing tests: the reference frame layout,
 * written out by hand so the tests do not trust writeFrame to check
 * readFrames, and readers and writers that split and short-write on purpose.
 *
 * @module
 */

import type { Random } from "./generics_random.ts";

/** The reference layout: 4-byte big-endian length, then the payload. */
export function frameBytes(payloads: readonly Uint8Array[]): Uint8Array {
  const total = payloads.reduce((sum, payload) => sum + 4 + payload.length, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const payload of payloads) {
    view.setUint32(offset, payload.length, false);
    bytes.set(payload, offset + 4);
    offset += 4 + payload.length;
  }
  return bytes;
}

/** Cuts `bytes` into pieces of random sizes from 0 to `maxPiece` bytes. */
export function splitRandomly(
  bytes: Uint8Array,
  random: Random,
  maxPiece: number,
): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = random.int(0, maxPiece);
    pieces.push(bytes.slice(offset, offset + size));
    offset += size;
  }
  return pieces;
}

/** A stream that yields the pieces as its chunks, then ends. */
export function streamOf(
  pieces: readonly Uint8Array[],
): ReadableStream<Uint8Array> {
  return ReadableStream.from(pieces.map((piece) => piece.slice()));
}

/**
 * A `read(p)`-style reader over the pieces. A piece bigger than `p` is
 * handed out over several reads, as a socket does.
 */
export class PieceReader {
  #pieces: Uint8Array[];
  reads = 0;

  constructor(pieces: readonly Uint8Array[]) {
    this.#pieces = pieces.map((piece) => piece.slice());
  }

  read(p: Uint8Array): Promise<number | null> {
    this.reads++;
    const piece = this.#pieces.shift();
    if (piece === undefined) return Promise.resolve(null);
    const count = Math.min(piece.length, p.length);
    p.set(piece.subarray(0, count));
    if (count < piece.length) this.#pieces.unshift(piece.subarray(count));
    return Promise.resolve(count);
  }
}

/** A `write(p)`-style writer that takes at most `limit` bytes per call. */
export class ShortWriter {
  #chunks: Uint8Array[] = [];
  calls = 0;

  constructor(readonly limit: number) {}

  write(p: Uint8Array): Promise<number> {
    this.calls++;
    const count = Math.min(p.length, this.limit);
    this.#chunks.push(p.slice(0, count));
    return Promise.resolve(count);
  }

  /** Everything written, in order. */
  bytes(): Uint8Array {
    const total = this.#chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }
}
