/**
 * The UDP request client of net/: send one datagram, wait for the reply,
 * send again when none comes (UDP loses datagrams), then give up with a
 * `TimeoutError`.
 *
 * @module
 */

import {
  assertDuration,
  assertPort,
  closeQuietly,
  formatHostPort,
  listenUdp,
} from "./_socket_io.ts";

/** Options for {@linkcode udpRequest}. */
export interface UdpRequestOptions {
  /** The server's host (an IP literal or a name). @default {"127.0.0.1"} */
  hostname?: string;
  /** The server's port. */
  port: number;
  /** Milliseconds to wait for a reply to each attempt. @default {1000} */
  timeout?: number;
  /** Sends after the first when no reply came in time. @default {3} */
  retries?: number;
  /** Aborts the request; the socket is closed at once. */
  signal?: AbortSignal;
  /**
   * The local address to bind. By default the loopback address for a
   * loopback target (so `--allow-net=127.0.0.1` is enough), else the
   * wildcard address of the target's family.
   */
  localHostname?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Largest UDP payload over IPv4. */
const MAX_DATAGRAM_BYTES = 65507;

/**
 * Sends `data` in one UDP datagram and resolves to the first datagram that
 * comes back from the target: a string for a string (UTF-8), bytes for bytes.
 *
 * Waits `timeout` ms for each attempt and sends again, `retries` times, when
 * nothing came; a late reply to an earlier attempt counts. Replies from any
 * other address are ignored. Requires `--unstable-net`.
 *
 * @param data What to send.
 * @param options Where to send it, how long to wait and how often to retry.
 * @returns The reply, decoded as UTF-8.
 * @throws {TypeError} When `port` is not an integer from 0 to 65535.
 * @throws {TypeError} Without `--unstable-net`.
 * @throws {RangeError} When `timeout` or `retries` is out of range, or `data`
 * is larger than 65507 bytes.
 * @throws {DOMException} Named `TimeoutError` when no reply came after every
 * attempt; the `signal`'s reason (by default a `DOMException` named
 * `AbortError`) when it aborts.
 *
 * @example A round trip
 * ```ts
 * import { serveUdpEcho, udpRequest } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = serveUdpEcho();
 * assert.equal(await udpRequest("ping", { port: server.addr.port }), "ping");
 * ```
 *
 * @example No reply: retries, then a TimeoutError
 * ```ts
 * import { udpRequest } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * // A bound socket that never answers.
 * const silent = Deno.listenDatagram({
 *   hostname: "127.0.0.1",
 *   port: 0,
 *   transport: "udp",
 * });
 * const port = (silent.addr as Deno.NetAddr).port;
 * try {
 *   await assert.rejects(
 *     udpRequest("ping", { port, timeout: 20, retries: 2 }),
 *     { name: "TimeoutError" },
 *   );
 * } finally {
 *   silent.close();
 * }
 * ```
 */
export function udpRequest(
  data: string,
  options: UdpRequestOptions,
): Promise<string>;
/**
 * Sends `data` in one UDP datagram and resolves to the bytes of the reply.
 *
 * @param data What to send.
 * @param options Where to send it, how long to wait and how often to retry.
 * @returns The reply's bytes.
 * @throws {DOMException} Named `TimeoutError` when no reply came after every attempt.
 *
 * @example Bytes in, bytes out
 * ```ts
 * import { serveUdpEcho, udpRequest } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = serveUdpEcho();
 * const reply = await udpRequest(new Uint8Array([1, 2]), { port: server.addr.port });
 * assert.deepEqual(reply, new Uint8Array([1, 2]));
 * ```
 */
export function udpRequest(
  data: Uint8Array,
  options: UdpRequestOptions,
): Promise<Uint8Array>;
export async function udpRequest(
  data: string | Uint8Array,
  options: UdpRequestOptions,
): Promise<string | Uint8Array> {
  const reply = await requestBytes(
    typeof data === "string" ? encoder.encode(data) : data,
    options,
  );
  return typeof data === "string" ? decoder.decode(reply) : reply;
}

async function requestBytes(
  bytes: Uint8Array,
  options: UdpRequestOptions,
): Promise<Uint8Array> {
  const {
    hostname = "127.0.0.1",
    port,
    timeout = 1000,
    retries = 3,
    signal,
  } = options;
  assertPort(port);
  assertDuration(timeout, "timeout");
  if (!Number.isInteger(retries) || retries < 0) {
    throw new RangeError(
      `Cannot use retries "${retries}": it must be an integer, 0 or more`,
    );
  }
  if (bytes.length > MAX_DATAGRAM_BYTES) {
    throw new RangeError(
      `Cannot send ${bytes.length} bytes in one datagram: the most is ${MAX_DATAGRAM_BYTES}`,
    );
  }
  signal?.throwIfAborted();
  const target = formatHostPort(hostname, port);
  const socket = listenUdp(
    options.localHostname ?? localHostnameFor(hostname),
    0,
  );
  const destination: Deno.NetAddr = { transport: "udp", hostname, port };
  const replied = receiveFrom(socket, destination);
  // Settled when the socket closes at the end; never an unhandled rejection.
  replied.catch(() => {});

  const aborted = Promise.withResolvers<never>();
  aborted.promise.catch(() => {});
  const onAbort = (): void => aborted.reject(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (let attempt = 0; attempt <= retries; attempt++) {
      await socket.send(bytes, destination);
      const timer = Promise.withResolvers<undefined>();
      const id = setTimeout(() => timer.resolve(undefined), timeout);
      try {
        const reply = await Promise.race([
          replied,
          timer.promise,
          aborted.promise,
        ]);
        if (reply !== undefined) return reply;
      } finally {
        clearTimeout(id);
      }
    }
    throw new DOMException(
      `No reply from ${target} after ${
        retries + 1
      } attempts of ${timeout} ms each`,
      "TimeoutError",
    );
  } finally {
    signal?.removeEventListener("abort", onAbort);
    closeQuietly(socket);
    await replied.then(() => {}, () => {});
  }
}

/** Resolves to the first datagram whose sender matches `from`. */
async function receiveFrom(
  socket: Deno.DatagramConn,
  from: Deno.NetAddr,
): Promise<Uint8Array> {
  const matchHost = isIpLiteral(from.hostname);
  while (true) {
    const [data, sender] = await socket.receive();
    const { hostname, port } = sender as Deno.NetAddr;
    if (port !== from.port) continue;
    if (matchHost && normalizeIp(hostname) !== normalizeIp(from.hostname)) {
      continue;
    }
    return data;
  }
}

function localHostnameFor(hostname: string): string {
  if (hostname === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(hostname)) {
    return "127.0.0.1";
  }
  if (normalizeIp(hostname) === "::1") return "::1";
  return hostname.includes(":") ? "::" : "0.0.0.0";
}

function isIpLiteral(hostname: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.includes(":");
}

function normalizeIp(hostname: string): string {
  const bare = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "0:0:0:0:0:0:0:1" ? "::1" : bare;
}
