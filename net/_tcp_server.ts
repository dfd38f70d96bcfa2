/**
 * The lifecycle every TCP server of net/ shares, written once: listen,
 * accept until shut down, hand each connection to the server that owns this
 * one, and on shutdown (by call, by signal, or by a failed accept) close the
 * listener and the connections and wait for every connection's task.
 *
 * `serveEcho` and `serveChat` each own one and keep only what is theirs:
 * how a connection is served and how open ones are closed.
 *
 * @module
 */

import { closeQuietly, isDisconnectError } from "./_socket_io.ts";

/** Where to listen and what the owning server does with connections. */
export interface TcpServerOptions {
  /** The address to listen on. */
  hostname: string;
  /** The port to listen on; 0 picks a free one. */
  port: number;
  /** Aborting it shuts the server down, as `shutdown()` does. */
  signal?: AbortSignal;
  /**
   * Serves one accepted connection. Returns a promise that settles once the
   * connection is closed, or `undefined` when it was turned away at once.
   */
  serve: (conn: Deno.TcpConn) => Promise<void> | undefined;
  /**
   * Closes every connection being served; called when shutting down, so
   * that each `serve` promise settles.
   */
  closeConnections: () => void;
}

/** A listener, its accept loop and the tasks of the connections it accepted. */
export class TcpServer {
  #listener: Deno.TcpListener;
  #serve: (conn: Deno.TcpConn) => Promise<void> | undefined;
  #closeConnections: () => void;
  #tasks = new Set<Promise<void>>();
  #closing = false;
  #signal: AbortSignal | undefined;
  #onAbort = (): void => void this.shutdown();

  /** The address the server listens on (the real port when `port` was 0). */
  readonly addr: Deno.NetAddr;
  /**
   * Settles once the server has stopped and every connection's task has
   * settled: resolves after `shutdown()` (or the signal), rejects if
   * accepting failed with an error other than the listener being closed.
   */
  readonly finished: Promise<void>;

  /**
   * Listens and starts accepting; shuts down at once if `signal` is already
   * aborted.
   *
   * @param options Where to listen, the signal and the owner's callbacks.
   * @throws {Deno.errors.AddrInUse} When the port is taken.
   */
  constructor(options: TcpServerOptions) {
    const { hostname, port, signal } = options;
    this.#serve = options.serve;
    this.#closeConnections = options.closeConnections;
    this.#listener = Deno.listen({ hostname, port, transport: "tcp" });
    this.addr = this.#listener.addr;
    this.#signal = signal;
    this.finished = this.#run();
    // `finished` may reject; a caller who never awaits it must not get an
    // unhandled rejection for it.
    this.finished.catch(() => {});
    if (signal?.aborted) void this.shutdown();
    else signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /**
   * Stops accepting, closes the connections and waits until every task has
   * settled. Calling it again returns the same wait.
   *
   * @returns The `finished` promise.
   */
  shutdown(): Promise<void> {
    this.#closeAll();
    return this.finished;
  }

  async #run(): Promise<void> {
    try {
      await this.#acceptLoop();
    } finally {
      // An accept error ends the loop without shutdown(): close the rest.
      this.#closeAll();
      await Promise.all(this.#tasks);
    }
  }

  #closeAll(): void {
    this.#closing = true;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    closeQuietly(this.#listener);
    this.#closeConnections();
  }

  async #acceptLoop(): Promise<void> {
    while (!this.#closing) {
      let conn: Deno.TcpConn;
      try {
        conn = await this.#listener.accept();
      } catch (error) {
        if (this.#closing || isDisconnectError(error)) return;
        throw error;
      }
      if (this.#closing) {
        closeQuietly(conn);
        return;
      }
      const served = this.#serve(conn);
      if (served === undefined) continue;
      const task = served.finally(() => this.#tasks.delete(task));
      this.#tasks.add(task);
    }
  }
}
