/**
 * The TCP echo server of net/: `Deno.listen` plus one plain read/write loop
 * per connection, with the limits a public server needs (idle timeout,
 * connection cap) and a shutdown that leaves nothing open.
 *
 * @module
 */

import { IdleTimer } from "./_idle_timer.ts";
import {
  assertDuration,
  assertPort,
  closeQuietly,
  isDisconnectError,
  writeAll,
} from "./_socket_io.ts";
import { TcpServer } from "./_tcp_server.ts";

/** Why the echo server closed a connection. */
export type EchoCloseReason =
  /** The client closed its side (end of stream). */
  | "end"
  /** The client reset the connection. */
  | "reset"
  /** Nothing arrived for `idleTimeout` ms. */
  | "idle"
  /** Over `maxConnections`: closed as soon as it was accepted. */
  | "rejected"
  /** The server shut down with the connection still open. */
  | "shutdown"
  /** A socket error other than the peer going away; see `error`. */
  | "error";

/** What the server tells `onDisconnect` about a connection that ended. */
export interface EchoDisconnectInfo {
  /** The client's address. */
  remoteAddr: Deno.NetAddr;
  /** Bytes echoed back on this connection. */
  bytesEchoed: number;
  /** Why the connection ended. */
  reason: EchoCloseReason;
  /** The socket error, when `reason` is `"error"`. */
  error?: unknown;
}

/** Options for {@linkcode serveEcho}. */
export interface ServeEchoOptions {
  /** The address to listen on. @default {"127.0.0.1"} */
  hostname?: string;
  /** The port to listen on; 0 picks a free one (read it from `addr`). @default {0} */
  port?: number;
  /** Aborting it shuts the server down, as `shutdown()` does. */
  signal?: AbortSignal;
  /**
   * Milliseconds a connection may stay silent before the server closes it;
   * 0 or `Infinity` never closes an idle connection.
   * @default {0}
   */
  idleTimeout?: number;
  /**
   * Most connections served at once; a connection over it is closed as soon
   * as it is accepted and counted in `rejectedConnections`.
   * @default {Infinity}
   */
  maxConnections?: number;
  /** Bytes read at a time per connection. @default {65536} */
  bufferSize?: number;
  /** Called once the server listens, with its address. */
  onListen?: (addr: Deno.NetAddr) => void;
  /** Called when a connection is accepted (not for rejected ones). */
  onConnect?: (remoteAddr: Deno.NetAddr) => void;
  /** Called when a connection ends, rejected ones included. */
  onDisconnect?: (info: EchoDisconnectInfo) => void;
}

interface Connection {
  conn: Deno.TcpConn;
  reason?: EchoCloseReason;
}

/**
 * Starts a TCP echo server: every byte a client sends comes back to it.
 *
 * Clients are served concurrently, each by its own read/write loop, so a
 * slow or silent client never holds up another. The server listens before
 * this function returns, so `addr` is ready at once.
 *
 * @param options Where to listen, limits and callbacks; all optional.
 * @returns The running server: its `addr`, counters, `shutdown()`, `finished`.
 * @throws {TypeError} When `port` is not an integer from 0 to 65535.
 * @throws {RangeError} When `idleTimeout`, `maxConnections` or `bufferSize` is out of range.
 * @throws {Deno.errors.AddrInUse} When the port is taken.
 * @throws {Deno.errors.NotCapable} Without `--allow-net` for `hostname`.
 *
 * @example Echo a message through a server on a free port
 * ```ts
 * import { echo, serveEcho } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = serveEcho({ port: 0 });
 * const reply = await echo("hello", { port: server.addr.port });
 * assert.equal(reply, "hello");
 * assert.equal(server.bytesEchoed, 5);
 * ```
 */
export function serveEcho(options: ServeEchoOptions = {}): EchoServer {
  return new EchoServer(options);
}

/**
 * A running TCP echo server, as {@linkcode serveEcho} returns it.
 *
 * @example Shut down with a client still connected
 * ```ts
 * import { EchoServer } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const server = new EchoServer({ port: 0 });
 * const client = await Deno.connect({ port: server.addr.port });
 * await server.shutdown();
 * // The server closed the connection: the client reads end of stream.
 * assert.equal(await client.read(new Uint8Array(1)), null);
 * client.close();
 * ```
 */
export class EchoServer implements AsyncDisposable {
  #server: TcpServer;
  #idleTimeout: number;
  #maxConnections: number;
  #bufferSize: number;
  #options: ServeEchoOptions;
  #connections = new Set<Connection>();
  #totalConnections = 0;
  #rejectedConnections = 0;
  #idleTimeouts = 0;
  #bytesEchoed = 0;

  /** The address the server listens on (the real port when `port` was 0). */
  readonly addr: Deno.NetAddr;
  /**
   * Settles once the server has stopped and every connection is closed:
   * resolves after `shutdown()` (or the signal), rejects if accepting failed
   * with an error other than the listener being closed.
   */
  readonly finished: Promise<void>;

  /**
   * Listens and starts serving; {@linkcode serveEcho} is the usual way in.
   *
   * @param options As for {@linkcode serveEcho}.
   * @throws {TypeError} When `port` is not an integer from 0 to 65535.
   * @throws {RangeError} When a limit is out of range.
   * @throws {Deno.errors.AddrInUse} When the port is taken.
   */
  constructor(options: ServeEchoOptions = {}) {
    const {
      hostname = "127.0.0.1",
      port = 0,
      idleTimeout = 0,
      maxConnections = Infinity,
      bufferSize = 65536,
      signal,
    } = options;
    assertPort(port);
    assertDuration(idleTimeout, "idleTimeout");
    if (!(maxConnections >= 0)) {
      throw new RangeError(
        `Cannot use maxConnections "${maxConnections}": it must be 0 or more`,
      );
    }
    if (!Number.isInteger(bufferSize) || bufferSize < 1) {
      throw new RangeError(
        `Cannot use bufferSize "${bufferSize}": it must be a positive integer`,
      );
    }
    this.#options = options;
    this.#idleTimeout = idleTimeout;
    this.#maxConnections = maxConnections;
    this.#bufferSize = bufferSize;
    this.#server = new TcpServer({
      hostname,
      port,
      signal,
      serve: (conn) => this.#accept(conn),
      closeConnections: () => this.#closeConnections(),
    });
    this.addr = this.#server.addr;
    this.finished = this.#server.finished;
    options.onListen?.(this.addr);
  }

  /** Connections open right now. */
  get activeConnections(): number {
    return this.#connections.size;
  }

  /** Connections accepted and served since the start (rejected ones not included). */
  get totalConnections(): number {
    return this.#totalConnections;
  }

  /** Connections closed at once because `maxConnections` were open. */
  get rejectedConnections(): number {
    return this.#rejectedConnections;
  }

  /** Connections closed for being idle longer than `idleTimeout`. */
  get idleTimeouts(): number {
    return this.#idleTimeouts;
  }

  /** Bytes echoed back, over all connections. */
  get bytesEchoed(): number {
    return this.#bytesEchoed;
  }

  /**
   * Stops accepting, closes every open connection and waits until all are
   * closed. Calling it again returns the same wait.
   *
   * @returns The `finished` promise.
   */
  shutdown(): Promise<void> {
    return this.#server.shutdown();
  }

  /** Shuts the server down, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.shutdown();
  }

  #closeConnections(): void {
    for (const connection of this.#connections) {
      connection.reason ??= "shutdown";
      closeQuietly(connection.conn);
    }
  }

  #accept(conn: Deno.TcpConn): Promise<void> | undefined {
    if (this.#connections.size >= this.#maxConnections) {
      this.#rejectedConnections++;
      const remoteAddr = conn.remoteAddr;
      closeQuietly(conn);
      this.#options.onDisconnect?.({
        remoteAddr,
        bytesEchoed: 0,
        reason: "rejected",
      });
      return undefined;
    }
    return this.#serve(conn);
  }

  async #serve(conn: Deno.TcpConn): Promise<void> {
    const connection: Connection = { conn };
    this.#connections.add(connection);
    this.#totalConnections++;
    const remoteAddr = conn.remoteAddr;
    let bytesEchoed = 0;
    let failure: unknown;
    const idle = new IdleTimer(this.#idleTimeout, () => {
      if (connection.reason) return;
      connection.reason = "idle";
      this.#idleTimeouts++;
      closeQuietly(conn);
    });
    try {
      this.#options.onConnect?.(remoteAddr);
      // Echo replies are small and latency-bound: never let Nagle hold them.
      conn.setNoDelay(true);
      const buffer = new Uint8Array(this.#bufferSize);
      while (true) {
        const n = await conn.read(buffer);
        if (n === null) break;
        idle.touch();
        await writeAll(conn, buffer.subarray(0, n));
        bytesEchoed += n;
        this.#bytesEchoed += n;
        idle.touch();
      }
      connection.reason ??= "end";
    } catch (error) {
      if (error instanceof Deno.errors.ConnectionReset) {
        connection.reason ??= "reset";
      } else if (isDisconnectError(error)) {
        connection.reason ??= "end";
      } else {
        connection.reason ??= "error";
        failure = error;
      }
    } finally {
      idle[Symbol.dispose]();
      closeQuietly(conn);
      this.#connections.delete(connection);
    }
    this.#options.onDisconnect?.({
      remoteAddr,
      bytesEchoed,
      reason: connection.reason,
      ...(failure === undefined ? {} : { error: failure }),
    });
  }
}
