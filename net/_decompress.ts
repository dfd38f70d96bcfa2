/**
 * Decodes a response body by its `Content-Encoding` (gzip, deflate, br, or
 * several of them in turn) with the Web `DecompressionStream`, counting the
 * decoded bytes against `maxBodyBytes` so that a small body that inflates to
 * gigabytes (a decompression bomb) stops at the limit with `BODY_OVERFLOW`.
 *
 * Deno's `DecompressionStream` hands back everything one write inflates to
 * at once: 104 bytes of brotli become one 64 MiB piece. So when a limit is
 * set, gzip and deflate bytes are fed in 4 KiB slices (their output is at
 * most about 1032 times the input), which bounds what is decoded past the
 * limit to a few MiB. Brotli has no such ratio (a single byte can inflate to
 * 8 MiB, and 809 bytes fed in 64-byte slices still reached 110 MiB before a
 * 1 MiB limit saw them), so with a limit it is decoded by `node:zlib`,
 * whose stream inflates only as fast as its 64 KiB pieces are read.
 *
 * @module
 */

import { concatBytes } from "./_bytes.ts";
import { createBrotliDecompress } from "node:zlib";
import { HttpProtocolError } from "./http_protocol_error.ts";

/** A coding the client decodes, as `DecompressionStream` names it. */
type Format = "gzip" | "deflate" | "brotli";

/** The `Accept-Encoding` sent when decoding is on and the caller set none. */
export const ACCEPT_ENCODING = "gzip, deflate, br";

/** The size of the pieces `node:zlib` hands brotli output over in. */
const BROTLI_PIECE_BYTES = 64 * 1024;

/** Input per write when a limit is set (brotli: any non-zero value). */
const SLICE_BYTES: Record<Format, number> = {
  gzip: 4096,
  deflate: 4096,
  brotli: 1,
};

/**
 * Reads the codings of a response, in the order they were applied.
 *
 * @param fields The header fields as received.
 * @returns The codings to undo, or `undefined` when there is nothing to do
 * or a coding is unknown (the body is then handed over as it came).
 */
export function contentCodings(
  fields: [string, string][],
): Format[] | undefined {
  let codings: Format[] | undefined;
  for (const [name, value] of fields) {
    if (name.length !== 16 || name.toLowerCase() !== "content-encoding") {
      continue;
    }
    for (const token of value.split(",")) {
      const coding = token.trim().toLowerCase();
      if (coding === "" || coding === "identity") continue;
      const format = coding === "gzip" || coding === "x-gzip"
        ? "gzip"
        : coding === "deflate"
        ? "deflate"
        : coding === "br"
        ? "brotli"
        : undefined;
      if (format === undefined) return undefined;
      (codings ??= []).push(format);
    }
  }
  return codings;
}

/**
 * Decodes a body stream.
 *
 * @param body The encoded body.
 * @param codings The codings applied, in order.
 * @param maxBytes The most decoded bytes allowed.
 * @returns The decoded body; it errors with `HttpProtocolError`
 * `BODY_OVERFLOW` past `maxBytes`, `BAD_CONTENT_ENCODING` on bytes that do
 * not decode. Cancelling it cancels `body`.
 */
export function decodeBody(
  body: ReadableStream<Uint8Array>,
  codings: Format[],
  maxBytes: number,
): ReadableStream<Uint8Array> {
  let stream = body;
  for (let index = codings.length - 1; index >= 0; index--) {
    stream = decodeOne(stream, codings[index]!, maxBytes);
  }
  return ReadableStream.from(limit(stream, maxBytes));
}

/**
 * Decodes a body held in memory.
 *
 * @param body The encoded body.
 * @param codings The codings applied, in order.
 * @param maxBytes The most decoded bytes allowed.
 * @returns The decoded bytes.
 * @throws {HttpProtocolError} `BODY_OVERFLOW` or `BAD_CONTENT_ENCODING`.
 */
export async function decodeBytes(
  body: Uint8Array,
  codings: Format[],
  maxBytes: number,
): Promise<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let length = 0;
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(body);
      controller.close();
    },
  });
  for await (const piece of decodeBody(source, codings, maxBytes)) {
    pieces.push(piece);
    length += piece.length;
  }
  // Decoded pieces are fresh arrays: a lone one needs no copy.
  if (pieces.length === 1) return pieces[0]!;
  return concatBytes(pieces, length);
}

function decodeOne(
  input: ReadableStream<Uint8Array>,
  format: Format,
  maxBytes: number,
): ReadableStream<Uint8Array> {
  const sliceBytes = Number.isFinite(maxBytes) ? SLICE_BYTES[format] : 0;
  return ReadableStream.from(decodeWith(input, format, sliceBytes));
}

async function* decodeWith(
  input: ReadableStream<Uint8Array>,
  format: Format,
  sliceBytes: number,
): AsyncGenerator<Uint8Array> {
  const reader = input.getReader();
  let finished = false;
  try {
    // "deflate" should be zlib-wrapped (RFC 9110 §8.4.1.2), but some servers
    // send it raw: tell them apart by the zlib header.
    let first: Uint8Array | undefined;
    while (first === undefined || first.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      first = first === undefined ? value : concat(first, value);
      if (format !== "deflate") break;
    }
    if (first === undefined) {
      finished = true;
      return;
    }
    const name = format === "deflate" && !isZlibHeader(first)
      ? "deflate-raw"
      : format;
    let pieces: AsyncIterable<Uint8Array>;
    if (format === "brotli" && sliceBytes > 0) {
      pieces = brotliBounded(first, reader);
    } else {
      const decoder = new DecompressionStream(name as CompressionFormat);
      const fed = ReadableStream.from(
        slices(first, reader, sliceBytes),
      ) as ReadableStream<BufferSource>;
      pieces = fed.pipeThrough(decoder);
    }
    try {
      for await (const piece of pieces) yield piece;
      finished = true;
    } catch (error) {
      if (error instanceof HttpProtocolError) throw error;
      if (error instanceof TypeError || isZlibError(error)) {
        throw new HttpProtocolError(
          "BAD_CONTENT_ENCODING",
          `Cannot decode the body as ${format}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      throw error;
    }
  } finally {
    // Stopped early (an error, a limit, a cancel): stop the source too, so
    // that its connection is closed or drained.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * Decodes brotli with `node:zlib`, whose stream hands its output over in
 * 64 KiB pieces and stops inflating while they are not read: the only way
 * here to bound what a brotli bomb makes before the limit sees it.
 */
async function* brotliBounded(
  first: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const inflater = createBrotliDecompress({ chunkSize: BROTLI_PIECE_BYTES });
  // Errors after the end (a write to a destroyed stream) have no reader.
  inflater.on("error", () => {});
  const write = (piece: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) =>
      inflater.write(piece, (error) => error ? reject(error) : resolve())
    );
  const feeding = (async () => {
    let piece: Uint8Array | undefined = first;
    while (piece !== undefined && !inflater.destroyed) {
      await write(piece);
      const { value, done } = await reader.read();
      piece = done ? undefined : value;
    }
    if (!inflater.destroyed) inflater.end();
  })();
  feeding.catch((error) => inflater.destroy(error));
  try {
    for await (const chunk of inflater) {
      const bytes = chunk as Uint8Array;
      yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  } finally {
    inflater.destroy();
    await feeding.catch(() => {});
  }
}

function isZlibError(error: unknown): boolean {
  return error instanceof Error && "code" in error &&
    /^(ERR_|Z_|BROTLI_)/.test(String(error.code)) &&
    "errno" in error;
}

async function* slices(
  first: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
  sliceBytes: number,
): AsyncGenerator<Uint8Array> {
  let piece: Uint8Array | undefined = first;
  while (piece !== undefined) {
    if (sliceBytes === 0) {
      yield piece;
    } else {
      for (let start = 0; start < piece.length; start += sliceBytes) {
        yield piece.subarray(start, start + sliceBytes);
      }
    }
    const { value, done } = await reader.read();
    piece = done ? undefined : value;
  }
}

async function* limit(
  input: ReadableStream<Uint8Array>,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const piece of input) {
    total += piece.length;
    if (total > maxBytes) {
      throw new HttpProtocolError(
        "BODY_OVERFLOW",
        `Cannot read the body: it decodes to more than maxBodyBytes ${maxBytes}`,
      );
    }
    yield piece;
  }
}

function isZlibHeader(bytes: Uint8Array): boolean {
  const cmf = bytes[0]!;
  const flags = bytes[1]!;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flags) % 31 === 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
