/**
 * One HTTP/1.1 connection: the socket, its read buffer, and the bookkeeping
 * the pool needs (how often it was used, until when it may idle). Aborting a
 * connection closes the socket, which is the only way to interrupt a pending
 * `read`; the read then rethrows the abort reason instead of `BadResource`.
 *
 * An idle connection keeps a read pending, so that bytes the server sends
 * while nobody asked (a late HEAD body, an unsolicited response) or its
 * half-close are seen at once: the pool then closes the connection instead
 * of letting those bytes pass for the next response. The same read serves
 * the next request's response, so watching costs no extra read.
 *
 * @module
 */

import {
  type BodyFraming,
  decideFraming,
  parseHead,
  type ResponseHead,
} from "./_http1_parser.ts";

const INITIAL_BUFFER_BYTES = 32 * 1024;

/** Heads up to this size are remembered for {@linkcode Http1Connection.parseHead}. */
const REMEMBERED_HEAD_BYTES = 1024;

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
  /** Whether it sits in a pool's idle list. */
  idle = false;
  #closed = false;
  /** The bytes of the last head parsed, its size and what it parsed to. */
  #lastHeadBytes: Uint8Array | undefined;
  #lastHeadSize = 0;
  #lastHead: ResponseHead | undefined;
  /** The head, method and framing of the last framing decided. */
  #framedHead: ResponseHead | undefined;
  #framedMethod = "";
  #framing: BodyFraming | undefined;
  #abortReason: unknown = undefined;
  #aborted = false;
  /** The read started when the connection went idle, not yet consumed. */
  #idleRead: Promise<number | null> | undefined;
  /** Whether `#idleRead` has completed (bytes, end of stream or error). */
  #idleReadSettled = false;
  #onIdleWake: ((connection: Http1Connection) => void) | undefined;
  #idleReadDone = (): void => {
    this.#idleReadSettled = true;
    if (this.idle) this.#onIdleWake?.(this);
  };

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

  /**
   * Starts a read on an idle connection whose buffer holds nothing unread.
   * If it completes while the connection is still idle, `onWake` is called:
   * the server sent something unasked, or closed its side.
   *
   * @param onWake Called with this connection.
   */
  watchIdle(onWake: (connection: Http1Connection) => void): void {
    this.idle = true;
    this.start = this.end = 0;
    this.#onIdleWake = onWake;
    this.#idleReadSettled = false;
    const read = this.conn.read(this.buffer);
    this.#idleRead = read;
    read.then(this.#idleReadDone, this.#idleReadDone);
  }

  /**
   * Whether the read started by {@linkcode watchIdle} has already completed,
   * which makes an idle connection unfit for another request.
   */
  get wokeWhileIdle(): boolean {
    return this.#idleRead !== undefined && this.#idleReadSettled;
  }

  /**
   * Resolves once no read started by {@linkcode watchIdle} is pending, so
   * closing a client can wait for its sockets' reads to end.
   *
   * @returns A promise that never rejects.
   */
  settled(): Promise<void> {
    const read = this.#idleRead;
    return read === undefined || this.#idleReadSettled
      ? Promise.resolve()
      : read.then(() => {}, () => {});
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
    let count: number | null;
    try {
      count = await this.readMore();
    } catch (error) {
      throw this.readError(error);
    }
    return this.received(count);
  }

  /**
   * Starts the read that {@linkcode fill} awaits, without an async frame of
   * its own: the head of every response is read this way. Pass its result
   * to {@linkcode received}, and what it throws to {@linkcode readError}.
   *
   * @returns The socket read: a count of bytes, or `null` at end of stream.
   */
  readMore(): Promise<number | null> {
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
    const idleRead = this.#idleRead;
    if (idleRead === undefined) {
      return this.conn.read(this.buffer.subarray(this.end));
    }
    // The read started while idle, into the empty buffer, is this one.
    this.#idleRead = undefined;
    return idleRead;
  }

  /**
   * Takes in what a read from {@linkcode readMore} returned.
   *
   * @param count Bytes read, or `null` at end of stream.
   * @returns `false` at end of stream.
   * @throws The abort reason when the connection was aborted.
   */
  received(count: number | null): boolean {
    if (this.#aborted) throw this.#abortReason;
    if (count === null) return false;
    this.receivedAny = true;
    this.end += count;
    return true;
  }

  /**
   * Says what a failed read or write should throw: the abort reason when
   * the connection was aborted, else the error itself.
   *
   * @param error What the socket threw.
   * @returns What to throw.
   */
  readError(error: unknown): unknown {
    return this.#aborted ? this.#abortReason : error;
  }

  /**
   * Parses the head in `buffer[start, end)`. A server tends to send the same
   * head again and again (Date changes once a second): when the bytes are
   * those of the last head parsed here, that head is returned, already
   * checked, instead of decoding and checking them again. A head is never
   * changed once parsed, so responses may share it.
   *
   * @param start Where the head starts.
   * @param end Just past its empty line.
   * @returns The head.
   * @throws {HttpProtocolError} When the head is malformed.
   */
  parseHead(start: number, end: number): ResponseHead {
    const size = end - start;
    const buffer = this.buffer;
    const last = this.#lastHeadBytes;
    if (last !== undefined && size === this.#lastHeadSize) {
      let at = 0;
      while (at < size && last[at] === buffer[start + at]) at++;
      if (at === size) return this.#lastHead!;
    }
    const head = parseHead(buffer, start, end);
    if (size <= REMEMBERED_HEAD_BYTES) {
      const remembered = this.#lastHeadBytes ??= new Uint8Array(
        REMEMBERED_HEAD_BYTES,
      );
      for (let at = 0; at < size; at++) remembered[at] = buffer[start + at]!;
      this.#lastHeadSize = size;
      this.#lastHead = head;
    }
    return head;
  }

  /**
   * Decides how the body of a response ends, as `decideFraming` does; for
   * the head last parsed here and the same method, the framing decided then
   * (a framing, too, is never changed once decided).
   *
   * @param head The response head.
   * @param method The request method.
   * @returns The framing.
   * @throws {HttpProtocolError} When the framing headers are malformed.
   */
  frame(head: ResponseHead, method: string): BodyFraming {
    if (head === this.#framedHead && method === this.#framedMethod) {
      return this.#framing!;
    }
    const framing = decideFraming(head, method);
    this.#framedHead = head;
    this.#framedMethod = method;
    this.#framing = framing;
    return framing;
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
