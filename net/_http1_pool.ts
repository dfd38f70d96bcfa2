/**
 * The keep-alive pool of one origin: idle connections (most recently used
 * first, since those are the least likely to have been closed by the
 * server), a cap on open connections with a queue of waiting requests, and
 * the connect itself, over TCP or TLS. Idle connections expire lazily: an
 * expired one is closed when next looked at, so the pool needs no timer. An
 * idle connection that becomes readable (the server sent bytes nobody asked
 * for, or closed its side) is closed at once and never handed out, as
 * Node's `http.Agent` does.
 *
 * @module
 */

import { Http1Connection } from "./_http1_connection.ts";
import type { Abortable, Http1Deadline } from "./_http1_deadline.ts";

/** Where a pool connects. */
export interface PoolTarget {
  /** Host name or IP address, IPv6 without brackets. */
  hostname: string;
  /** TCP port. */
  port: number;
  /** Whether to speak TLS. */
  tls: boolean;
  /** Extra root certificates (PEM) for TLS. */
  caCerts: string[] | undefined;
  /** Opens the connection another way (a tunnel through a proxy). */
  connect?: (deadline: Http1Deadline) => Promise<Deno.Conn>;
}

interface Waiter extends Abortable {
  resolve(connection: Http1Connection | undefined): void;
}

/** The connections of one origin. */
export class Http1Pool {
  readonly key: string;
  #target: PoolTarget;
  #maxConnections: number;
  #idle: Http1Connection[] = [];
  #open = 0;
  #waiters: Waiter[] = [];
  #closed = false;

  /**
   * Makes an empty pool.
   *
   * @param key Its key in the client's map.
   * @param target Where it connects.
   * @param maxConnections The most connections open at once.
   */
  constructor(key: string, target: PoolTarget, maxConnections: number) {
    this.key = key;
    this.#target = target;
    this.#maxConnections = maxConnections;
  }

  /** How many connections are open, idle or busy. */
  get open(): number {
    return this.#open;
  }

  /** How many idle connections wait for reuse. */
  get idle(): number {
    return this.#idle.length;
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Takes the most recently used idle connection that has not expired,
   * without waiting.
   *
   * @param now `performance.now()`, when the caller has just read it.
   * @returns The connection, or `undefined` when none is idle. Its
   * `requests` count tells whether it served a request before.
   */
  acquireIdle(now?: number): Http1Connection | undefined {
    if (this.#idle.length === 0) return undefined;
    now ??= performance.now();
    while (this.#idle.length > 0) {
      const connection = this.#idle.pop()!;
      connection.idle = false;
      if (
        connection.idleUntil > now && !connection.closed &&
        !connection.wokeWhileIdle
      ) {
        return connection;
      }
      this.#discard(connection);
    }
    return undefined;
  }

  /**
   * Takes an idle connection, or opens one, or waits for one to be free.
   *
   * @param deadline Interrupts the connect or the wait.
   * @param fresh Open a new connection rather than reuse an idle one.
   * @returns The connection.
   */
  async acquire(
    deadline: Http1Deadline,
    fresh: boolean,
  ): Promise<Http1Connection> {
    if (!fresh) {
      const lease = this.acquireIdle();
      if (lease !== undefined) return lease;
    } else if (this.#open >= this.#maxConnections && this.#idle.length > 0) {
      // A retry wants a new connection: make room by closing the oldest.
      const oldest = this.#idle.shift()!;
      oldest.idle = false;
      this.#discard(oldest);
    }
    if (this.#open >= this.#maxConnections) {
      const handed = await this.#wait(deadline);
      if (handed !== undefined) return handed;
      // Woken without a connection: #wakeOne reserved the slot for us.
    } else {
      this.#open++;
    }
    try {
      return await this.#connect(deadline);
    } catch (error) {
      this.#open--;
      this.#wakeOne();
      throw error;
    }
  }

  /**
   * Gives a connection back after a request: to a waiting request, to the
   * idle list, or closed when it cannot carry another request.
   *
   * @param connection The connection.
   * @param reusable Whether it is clean and the server keeps it alive.
   * @param idleMs How long it may stay idle.
   */
  release(
    connection: Http1Connection,
    reusable: boolean,
    idleMs: number,
  ): void {
    if (!reusable || this.#closed || connection.closed) {
      this.#discard(connection);
      this.#wakeOne();
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve(connection);
      return;
    }
    const now = performance.now();
    connection.idleUntil = now + idleMs;
    while (this.#idle.length > 0 && this.#idle[0]!.idleUntil <= now) {
      const expired = this.#idle.shift()!;
      expired.idle = false;
      this.#discard(expired);
    }
    connection.watchIdle(this.#onIdleWake);
    this.#idle.push(connection);
  }

  /**
   * Closes the idle connections and fails the waiting requests; busy
   * connections close when released.
   *
   * @param reason What the waiting requests reject with.
   * @returns Resolves once the idle connections' pending reads have ended.
   */
  close(reason: unknown): Promise<void> {
    this.#closed = true;
    const idle = this.#idle.splice(0);
    for (const connection of idle) {
      connection.idle = false;
      this.#discard(connection);
    }
    for (const waiter of this.#waiters.splice(0)) waiter.abort(reason);
    return Promise.all(idle.map((connection) => connection.settled())).then(
      () => {},
    );
  }

  /** An idle connection became readable or was closed by the server. */
  #onIdleWake = (connection: Http1Connection): void => {
    const index = this.#idle.indexOf(connection);
    if (index === -1) return;
    this.#idle.splice(index, 1);
    connection.idle = false;
    this.#discard(connection);
    this.#wakeOne();
  };

  #discard(connection: Http1Connection): void {
    connection.close();
    this.#open--;
  }

  /** Lets one waiting request open a connection in a freed slot. */
  #wakeOne(): void {
    if (this.#open < this.#maxConnections && this.#waiters.length > 0) {
      // Reserve the slot now, so a request arriving meanwhile cannot take it.
      this.#open++;
      this.#waiters.shift()!.resolve(undefined);
    }
  }

  #wait(deadline: Http1Deadline): Promise<Http1Connection | undefined> {
    const { promise, resolve, reject } = Promise.withResolvers<
      Http1Connection | undefined
    >();
    const waiter: Waiter = {
      resolve,
      abort: (reason) => {
        const index = this.#waiters.indexOf(waiter);
        if (index !== -1) this.#waiters.splice(index, 1);
        reject(reason);
      },
    };
    this.#waiters.push(waiter);
    deadline.watch(waiter);
    return promise.finally(() => deadline.watch(undefined));
  }

  async #connect(deadline: Http1Deadline): Promise<Http1Connection> {
    deadline.throwIfAborted();
    const { hostname, port, tls, caCerts, connect } = this.#target;
    if (connect !== undefined) {
      return new Http1Connection(await connect(deadline), this.key);
    }
    if (!tls) {
      const controller = new AbortController();
      deadline.watch(controller);
      try {
        const conn = await Deno.connect({
          hostname,
          port,
          signal: controller.signal,
        });
        conn.setNoDelay(true);
        return new Http1Connection(conn, this.key);
      } catch (error) {
        deadline.throwIfAborted();
        throw error;
      } finally {
        deadline.watch(undefined);
      }
    }
    // Deno.connectTls takes no signal: race it, and close a late socket.
    const { promise: aborted, reject } = Promise.withResolvers<never>();
    deadline.watch({ abort: reject });
    const connecting = Deno.connectTls({ hostname, port, caCerts });
    try {
      const conn = await Promise.race([connecting, aborted]);
      return new Http1Connection(conn, this.key);
    } catch (error) {
      connecting.then((late) => late.close(), () => {});
      throw error;
    } finally {
      deadline.watch(undefined);
      aborted.catch(() => {});
    }
  }
}
