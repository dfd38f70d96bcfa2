/**
 * The TCP echo client of net/: connect, send everything, read the same
 * number of bytes back, with a timeout and an abort signal over the whole
 * exchange.
 *
 * @module
 */

import { Deadline } from "./_deadline.ts";
import {
  assertDuration,
  assertPort,
  closeQuietly,
  formatHostPort,
  withContext,
  writeAll,
} from "./_socket_io.ts";

/** Options for {@linkcode echo}. */
export interface EchoOptions {
  /** The echo server's host. @default {"127.0.0.1"} */
  hostname?: string;
  /** The echo server's port. */
  port: number;
  /**
   * Milliseconds for the whole exchange (connect, send, receive); 0 or
   * `Infinity` waits for ever.
   * @default {10000}
   */
  timeout?: number;
  /** Aborts the exchange; the connection is closed at once. */
  signal?: AbortSignal;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Sends `data` to a TCP echo server and resolves to what came back: a string
 * for a string (UTF-8), bytes for bytes.
 *
 * Every byte is written, looping over partial writes, while the reply is read
 * at the same time (a large message would otherwise fill both socket buffers
 * and stall); it resolves once as many bytes came back as were sent.
 *
 * @param data What to send.
 * @param options Where to send it, and how long to wait.
 * @returns The echoed text.
 * @throws {TypeError} When `port` is not an integer from 0 to 65535.
 * @throws {RangeError} When `timeout` is negative.
 * @throws {Deno.errors.ConnectionRefused} When nothing listens on the port.
 * @throws {Deno.errors.ConnectionReset} When the server resets the connection
 * (a broken pipe while writing is reported as this too).
 * @throws {Deno.errors.UnexpectedEof} When the server closes before echoing everything.
 * @throws {DOMException} Named `TimeoutError` when `timeout` ms pass first;
 * the `signal`'s reason (by default a `DOMException` named `AbortError`) when
 * it aborts.
 *
 * @example Round trip a string
 * ```ts
 * import { echo, serveEcho } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = serveEcho();
 * assert.equal(await echo("ping", { port: server.addr.port }), "ping");
 * ```
 *
 * @example A refused connection
 * ```ts
 * import { echo } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
 * const port = listener.addr.port;
 * listener.close();
 * await assert.rejects(echo("ping", { port }), Deno.errors.ConnectionRefused);
 * ```
 */
export function echo(data: string, options: EchoOptions): Promise<string>;
/**
 * Sends `data` to a TCP echo server and resolves to the bytes that came back.
 *
 * @param data What to send.
 * @param options Where to send it, and how long to wait.
 * @returns The echoed bytes, as many as were sent.
 * @throws {Deno.errors.ConnectionRefused} When nothing listens on the port.
 * @throws {DOMException} Named `TimeoutError` when `timeout` ms pass first.
 *
 * @example Round trip bytes
 * ```ts
 * import { echo, serveEcho } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = serveEcho();
 * const reply = await echo(new Uint8Array([0, 1, 255]), { port: server.addr.port });
 * assert.deepEqual(reply, new Uint8Array([0, 1, 255]));
 * ```
 */
export function echo(
  data: Uint8Array,
  options: EchoOptions,
): Promise<Uint8Array>;
export async function echo(
  data: string | Uint8Array,
  options: EchoOptions,
): Promise<string | Uint8Array> {
  const reply = await echoBytes(
    typeof data === "string" ? encoder.encode(data) : data,
    options,
  );
  return typeof data === "string" ? decoder.decode(reply) : reply;
}

async function echoBytes(
  bytes: Uint8Array,
  options: EchoOptions,
): Promise<Uint8Array> {
  const { hostname = "127.0.0.1", port, timeout = 10_000, signal } = options;
  assertPort(port);
  assertDuration(timeout, "timeout");
  const target = formatHostPort(hostname, port);
  using deadline = new Deadline(timeout, signal, () => `Echo from ${target}`);
  deadline.throwIfAborted();

  let conn: Deno.TcpConn;
  try {
    conn = await Deno.connect({ hostname, port, signal: deadline.signal });
  } catch (error) {
    if (deadline.signal.aborted) throw deadline.signal.reason;
    throw withContext(error, `Cannot connect to ${target}`);
  }

  if (deadline.signal.aborted) {
    // Connected just as the deadline passed: its abort event is gone.
    closeQuietly(conn);
    throw deadline.signal.reason;
  }
  const closeOnAbort = (): void => closeQuietly(conn);
  deadline.signal.addEventListener("abort", closeOnAbort, { once: true });
  try {
    conn.setNoDelay(true);
    const reply = new Uint8Array(bytes.length);
    const writing = writeAll(conn, bytes);
    const reading = readFull(conn, reply, target);
    try {
      await Promise.all([writing, reading]);
    } catch (error) {
      // Stop the other half and let it settle, so no op outlives the call.
      closeQuietly(conn);
      await Promise.allSettled([writing, reading]);
      throw error;
    }
    return reply;
  } catch (error) {
    if (deadline.signal.aborted) throw deadline.signal.reason;
    if (error instanceof Deno.errors.UnexpectedEof) throw error;
    if (error instanceof Deno.errors.BrokenPipe) {
      // Writing to a connection the peer has reset: report the reset.
      throw new Deno.errors.ConnectionReset(
        `Echo from ${target} failed: the server reset the connection`,
        { cause: error },
      );
    }
    throw withContext(error, `Echo from ${target} failed`);
  } finally {
    deadline.signal.removeEventListener("abort", closeOnAbort);
    closeQuietly(conn);
  }
}

async function readFull(
  conn: Deno.TcpConn,
  into: Uint8Array,
  target: string,
): Promise<void> {
  let received = 0;
  while (received < into.length) {
    const n = await conn.read(into.subarray(received));
    if (n === null) {
      throw new Deno.errors.UnexpectedEof(
        `Echo server ${target} closed the connection after ${received} of ${into.length} bytes`,
      );
    }
    received += n;
  }
}
