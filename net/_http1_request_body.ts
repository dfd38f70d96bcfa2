/**
 * Request bodies of every kind `fetch` takes, turned into what the HTTP/1.1
 * writer needs: bytes (with a default `Content-Type` for forms), or a stream
 * sent with a known length or in chunks. Small blobs are read into memory so
 * that they go out in the same write as the head; large ones, and every
 * `ReadableStream`, are streamed. A blob or form can be sent again (after a
 * stale connection, or on a 307/308 redirect); a caller's `ReadableStream`
 * cannot.
 *
 * @module
 */

import type { Http1Connection } from "./_http1_connection.ts";
import type { Http1Deadline } from "./_http1_deadline.ts";
import type { HttpRequestBody } from "./http_request.ts";

/** A body sent after the head, piece by piece. */
export interface StreamedBody {
  /** Its length when known (then sent with `Content-Length`), else chunked. */
  length: number | undefined;
  /** Whether `open()` may be called again, for a retry or a redirect. */
  replayable: boolean;
  /** The body's bytes, from the start. */
  open(): ReadableStream<Uint8Array>;
}

/** A body ready for the request head. */
export interface EncodedBody {
  /** The bytes, when held in memory. */
  bytes: Uint8Array | undefined;
  /** The stream, when not. */
  stream: StreamedBody | undefined;
  /** The `Content-Type` sent unless the caller set one. */
  contentType: string | undefined;
}

/** Blobs up to this size are read into memory and sent with the head. */
const INLINE_BLOB_BYTES = 64 * 1024;

const encoder = new TextEncoder();

/**
 * Turns a body into bytes or a stream, with its default content type.
 *
 * @param body The caller's body.
 * @returns The encoded body; a promise only for blobs and forms.
 * @throws {TypeError} When the body is of no supported type, or is a
 * stream already locked or read.
 */
export function encodeBody(
  body: HttpRequestBody,
): EncodedBody | Promise<EncodedBody> {
  if (typeof body === "string") return inline(encoder.encode(body));
  if (body instanceof Uint8Array) return inline(body);
  if (body instanceof ArrayBuffer) return inline(new Uint8Array(body));
  if (ArrayBuffer.isView(body)) {
    return inline(
      new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    );
  }
  if (body instanceof URLSearchParams) {
    return inline(
      encoder.encode(body.toString()),
      "application/x-www-form-urlencoded;charset=UTF-8",
    );
  }
  if (body instanceof Blob) return encodeBlob(body, body.type || undefined);
  if (body instanceof FormData) {
    const { blob, contentType } = encodeMultipart(body);
    return encodeBlob(blob, contentType);
  }
  if (body instanceof ReadableStream) {
    if (body.locked) {
      throw new TypeError(
        "Cannot send a ReadableStream body that is locked or already read",
      );
    }
    let opened = false;
    return {
      bytes: undefined,
      stream: {
        length: undefined,
        replayable: false,
        open() {
          if (opened) {
            throw new TypeError(
              "Cannot send a ReadableStream body twice: it cannot be replayed",
            );
          }
          opened = true;
          return body;
        },
      },
      contentType: undefined,
    };
  }
  throw new TypeError(
    `Cannot send a body of type ${
      describeType(body)
    }: use a string, Uint8Array, ArrayBuffer, URLSearchParams, Blob, FormData or ReadableStream`,
  );
}

function inline(bytes: Uint8Array, contentType?: string): EncodedBody {
  return { bytes, stream: undefined, contentType };
}

async function encodeBlob(
  blob: Blob,
  contentType: string | undefined,
): Promise<EncodedBody> {
  if (blob.size <= INLINE_BLOB_BYTES) {
    return inline(new Uint8Array(await blob.arrayBuffer()), contentType);
  }
  return {
    bytes: undefined,
    stream: { length: blob.size, replayable: true, open: () => blob.stream() },
    contentType,
  };
}

/**
 * Serializes a form as `multipart/form-data` (RFC 7578), the way browsers
 * do: names and file names with `"`, CR and LF percent-escaped, text values
 * with their line breaks made CRLF.
 *
 * @param form The form.
 * @returns The body as a blob (files are not copied) and its content type.
 */
export function encodeMultipart(
  form: FormData,
): { blob: Blob; contentType: string } {
  const random = crypto.getRandomValues(new Uint8Array(12));
  const boundary = `----wirework${
    Array.from(random, (byte) => byte.toString(16).padStart(2, "0")).join("")
  }`;
  const parts: BlobPart[] = [];
  for (const [name, value] of form) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${
      escapeFormName(name)
    }"`;
    if (typeof value === "string") {
      parts.push(
        `${head}\r\n\r\n${value.replace(/\r\n|\r|\n/g, "\r\n")}\r\n`,
      );
    } else {
      head += `; filename="${escapeFormName(value.name)}"\r\nContent-Type: ${
        value.type || "application/octet-stream"
      }\r\n\r\n`;
      parts.push(head, value, "\r\n");
    }
  }
  parts.push(`--${boundary}--\r\n`);
  return {
    blob: new Blob(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

function escapeFormName(name: string): string {
  return name.replace(/\r\n|\r|\n/g, "\r\n").replace(/"/g, "%22")
    .replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor
    ?.name;
  return typeof name === "string" && name !== "" ? name : "Object";
}

/**
 * Writes a streamed body: with its length (checked, since a body that runs
 * short or long would desynchronise the connection) or in chunks. The
 * deadline interrupts both the socket and a stream that stops producing.
 *
 * @param connection Where the body goes.
 * @param body The body.
 * @param length The `Content-Length` announced, or `undefined` for chunked.
 * @param deadline The request's time limit; watched again on the connection
 * when the body is written.
 * @throws {RangeError} When the stream's length differs from `length`.
 * @throws {TypeError} When the stream yields something other than bytes.
 */
export async function writeStreamedBody(
  connection: Http1Connection,
  body: StreamedBody,
  length: number | undefined,
  deadline: Http1Deadline,
): Promise<void> {
  const reader = body.open().getReader();
  let finished = false;
  deadline.watch({
    abort(reason) {
      connection.abort(reason);
      reader.cancel(reason).catch(() => {});
    },
  });
  try {
    let sent = 0;
    while (true) {
      const { value, done } = await reader.read();
      deadline.throwIfAborted();
      if (done) break;
      if (!(value instanceof Uint8Array)) {
        throw new TypeError(
          `Cannot send a body chunk of type ${
            describeType(value)
          }: a ReadableStream body must yield Uint8Array`,
        );
      }
      if (value.length === 0) continue;
      sent += value.length;
      if (length !== undefined) {
        if (sent > length) throw lengthMismatch(length, "more");
        await connection.writeAll(value);
        continue;
      }
      const size = `${value.length.toString(16)}\r\n`;
      const framed = new Uint8Array(size.length + value.length + 2);
      encoder.encodeInto(size, framed);
      framed.set(value, size.length);
      framed[framed.length - 2] = 13;
      framed[framed.length - 1] = 10;
      await connection.writeAll(framed);
    }
    if (length !== undefined && sent < length) {
      throw lengthMismatch(length, `only ${sent}`);
    }
    if (length === undefined) {
      await connection.writeAll(encoder.encode("0\r\n\r\n"));
    }
    finished = true;
  } finally {
    deadline.watch(connection);
    if (!finished) {
      await reader.cancel().catch(() => {});
    }
    reader.releaseLock();
  }
}

function lengthMismatch(length: number, sent: string): RangeError {
  return new RangeError(
    `Cannot send the body: content-length says ${length} bytes but the stream gave ${sent}`,
  );
}
