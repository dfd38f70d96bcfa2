/**
 * One HTTP/1.1 connection: the socket, its read buffer, and the bookkeeping
 * the pool needs (how often it was used, until when it may idle). Aborting a
 * connection closes the socket, which is the only way to interrupt a pending
 * `read`; the read then rethrows the abort reason instead of `BadResource`.
 *
 * @module
 */

const INITIAL_BUFFER_BYTES = 32 * 1024;

/** A socket with a read buffer, owned by one request at a time. */
export class Http1Connection {
  /** The socket. */
  readonly conn: Deno.Conn;
  /** Which pool it belongs to. */
  readonly poolKey: string;
  /** Read buffer; unread bytes are `buffer[start, end)`. */
  buffer: Uint8Array = new Uint8Array(INITIAL_BUFFER_BYTES);
  /** Start of the unread bytes. */
  start = 0;
  /** End of the unread bytes. */
  end = 0;
  /** How many requests were sent on it, counting the current one. */
  requests = 0;
  /** Whether any byte arrived since `startRequest()`. */
  receivedAny = false;
  /** `performance.now()` after which an idle connection is not reused. */
  idleUntil = 0;
  #closed = false;
  #abortReason: unknown = undefined;
  #aborted = false;

  /**
   * Wraps a connected socket.
   *
   * @param conn The socket.
   * @param poolKey The pool it belongs to.
   */
  constructor(conn: Deno.Conn, poolKey: string) {
    this.conn = conn;
    this.poolKey = poolKey;
  }

  /** Whether the socket is closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Marks the start of a new request on this connection. */
  startRequest(): void {
    this.requests++;
    this.receivedAny = false;
  }

  /**
   * Reads more bytes after `end`, making room first (compacting, then
   * growing the buffer when it is full of unread bytes).
   *
   * @returns `false` at end of stream.
   */
  async fill(): Promise<boolean> {
    if (this.start === this.end) {
      this.start = this.end = 0;
    } else if (this.end === this.buffer.length) {
      const unread = this.end - this.start;
      if (this.start > 0 && unread <= this.buffer.length / 2) {
        this.buffer.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(this.buffer.length * 2);
        grown.set(this.buffer.subarray(this.start, this.end));
        this.buffer = grown;
      }
      this.start = 0;
      this.end = unread;
    }
    // The read is inlined rather than a call to readInto(): one async frame
    // less on the path every response takes.
    let count: number | null;
    try {
      count = await this.conn.read(this.buffer.subarray(this.end));
    } catch (error) {
      if (this.#aborted) throw this.#abortReason;
      throw error;
    }
    if (this.#aborted) throw this.#abortReason;
    if (count === null) return false;
    this.receivedAny = true;
    this.end += count;
    return true;
  }

  /**
   * Reads straight into `target`, bypassing the buffer (for bodies of known
   * length).
   *
   * @param target Where the bytes go.
   * @returns How many bytes were read, or `null` at end of stream.
   */
  async readInto(target: Uint8Array): Promise<number | null> {
    let count: number | null;
    try {
      count = await this.conn.read(target);
    } catch (error) {
      if (this.#aborted) throw this.#abortReason;
      throw error;
    }
    if (this.#aborted) throw this.#abortReason;
    if (count !== null) this.receivedAny = true;
    return count;
  }

  /**
   * Writes every byte.
   *
   * @param bytes What to write.
   */
  async writeAll(bytes: Uint8Array): Promise<void> {
    try {
      let written = 0;
      while (written < bytes.length) {
        written += await this.conn.write(bytes.subarray(written));
      }
    } catch (error) {
      if (this.#aborted) throw this.#abortReason;
      throw error;
    }
  }

  /**
   * Closes the socket so that a pending read or write fails with `reason`.
   *
   * @param reason What the pending operation rejects with.
   */
  abort(reason: unknown): void {
    if (!this.#aborted) {
      this.#aborted = true;
      this.#abortReason = reason;
    }
    this.close();
  }

  /** Closes the socket; closing twice is harmless. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.conn.close();
    } catch {
      // Already closed by the runtime after a failed operation.
    }
  }
}
