/**
 * The UDP echo server of net/, on `Deno.listenDatagram` (which needs
 * `--unstable-net`, or `"unstable": ["net"]` in deno.json): each datagram
 * goes straight back to its sender.
 *
 * @module
 */

import {
  assertPort,
  closeQuietly,
  isDisconnectError,
  listenUdp,
} from "./_socket_io.ts";

/** Options for {@linkcode serveUdpEcho}. */
export interface ServeUdpEchoOptions {
  /** The address to bind. @default {"127.0.0.1"} */
  hostname?: string;
  /** The port to bind; 0 picks a free one (read it from `addr`). @default {0} */
  port?: number;
  /** Aborting it shuts the server down, as `shutdown()` does. */
  signal?: AbortSignal;
  /** Called once the socket is bound, with its address. */
  onListen?: (addr: Deno.NetAddr) => void;
  /** Called for each datagram echoed, with the sender and the size. */
  onDatagram?: (from: Deno.NetAddr, bytes: number) => void;
}

/**
 * Starts a UDP echo server: every datagram is sent back to where it came
 * from, unchanged.
 *
 * Requires `--unstable-net` (set in this package's deno.json; add the flag
 * when running from JSR).
 *
 * @param options Where to bind, and callbacks; all optional.
 * @returns The running server: its `addr`, counters, `shutdown()`, `finished`.
 * @throws {TypeError} When `port` is not an integer from 0 to 65535, or
 * without `--unstable-net`.
 * @throws {Deno.errors.AddrInUse} When the port is taken.
 *
 * @example A round trip
 * ```ts
 * import { serveUdpEcho, udpRequest } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = serveUdpEcho();
 * assert.equal(await udpRequest("ping", { port: server.addr.port }), "ping");
 * assert.equal(server.datagramsEchoed, 1);
 * ```
 */
export function serveUdpEcho(options: ServeUdpEchoOptions = {}): UdpEchoServer {
  return new UdpEchoServer(options);
}

/**
 * A running UDP echo server, as {@linkcode serveUdpEcho} returns it.
 *
 * @example Stop it with a signal
 * ```ts
 * import { UdpEchoServer } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const controller = new AbortController();
 * const server = new UdpEchoServer({ signal: controller.signal });
 * controller.abort();
 * await server.finished;
 * assert.equal(server.datagramsEchoed, 0);
 * ```
 */
export class UdpEchoServer implements AsyncDisposable {
  #socket: Deno.DatagramConn;
  #closing = false;
  #signal: AbortSignal | undefined;
  #onAbort = (): void => void this.shutdown();
  #options: ServeUdpEchoOptions;
  #datagramsEchoed = 0;
  #bytesEchoed = 0;

  /** The address the socket is bound to (the real port when `port` was 0). */
  readonly addr: Deno.NetAddr;
  /**
   * Settles once the socket is closed: resolves after `shutdown()` (or the
   * signal), rejects if receiving failed for another reason.
   */
  readonly finished: Promise<void>;

  /**
   * Binds and starts echoing; {@linkcode serveUdpEcho} is the usual way in.
   *
   * @param options As for {@linkcode serveUdpEcho}.
   * @throws {TypeError} When `port` is not an integer from 0 to 65535, or
   * without `--unstable-net`.
   * @throws {Deno.errors.AddrInUse} When the port is taken.
   */
  constructor(options: ServeUdpEchoOptions = {}) {
    const { hostname = "127.0.0.1", port = 0, signal } = options;
    assertPort(port);
    this.#options = options;
    this.#socket = listenUdp(hostname, port);
    this.addr = this.#socket.addr as Deno.NetAddr;
    this.#signal = signal;
    this.finished = this.#loop();
    this.finished.catch(() => {});
    if (signal?.aborted) void this.shutdown();
    else signal?.addEventListener("abort", this.#onAbort, { once: true });
    options.onListen?.(this.addr);
  }

  /** Datagrams echoed so far. */
  get datagramsEchoed(): number {
    return this.#datagramsEchoed;
  }

  /** Payload bytes echoed so far. */
  get bytesEchoed(): number {
    return this.#bytesEchoed;
  }

  /**
   * Closes the socket and waits until the receive loop has ended.
   *
   * @returns The `finished` promise.
   */
  shutdown(): Promise<void> {
    if (!this.#closing) {
      this.#closing = true;
      this.#signal?.removeEventListener("abort", this.#onAbort);
      closeQuietly(this.#socket);
    }
    return this.finished;
  }

  /** Shuts the server down, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  async #loop(): Promise<void> {
    // The largest UDP payload over IPv4/IPv6 fits in 64 KiB.
    const buffer = new Uint8Array(65536);
    try {
      while (!this.#closing) {
        let datagram: [Uint8Array, Deno.Addr];
        try {
          datagram = await this.#socket.receive(buffer);
        } catch (error) {
          if (this.#closing || isDisconnectError(error)) return;
          // An ICMP "port unreachable" for an earlier reply may surface here
          // on some systems; it concerns one peer, not the server.
          if (error instanceof Deno.errors.ConnectionRefused) continue;
          throw error;
        }
        const [data, from] = datagram;
        try {
          await this.#socket.send(data, from);
        } catch {
          if (this.#closing) return;
          // UDP is best effort: a reply that cannot be sent (the sender's
          // network went away) is a lost reply, not the server's end.
          continue;
        }
        this.#datagramsEchoed++;
        this.#bytesEchoed += data.length;
        this.#options.onDatagram?.(from as Deno.NetAddr, data.length);
      }
    } finally {
      this.#closing = true;
      this.#signal?.removeEventListener("abort", this.#onAbort);
      closeQuietly(this.#socket);
    }
  }
}
