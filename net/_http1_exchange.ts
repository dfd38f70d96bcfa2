/**
 * One request/response exchange on a pooled connection: send the request,
 * read the head (skipping a bounded number of interim 1xx responses), retry
 * once on a fresh connection when a reused one turns out to have been closed
 * by the server, then hand the body reader to the caller and give the
 * connection back to the pool when the body is done. A connection goes back
 * for reuse only when the body was read to the end, nothing unread is left
 * in its buffer, and neither side asked to close; after any error it is
 * closed.
 *
 * @module
 */

import { Http1BodyReader } from "./_http1_body.ts";
import type { Http1Connection } from "./_http1_connection.ts";
import type { Abortable, Http1Deadline } from "./_http1_deadline.ts";
import {
  type BodyFraming,
  findHeadEnd,
  type ResponseHead,
} from "./_http1_parser.ts";
import type { Http1Pool } from "./_http1_pool.ts";
import type { PreparedRequest } from "./_http1_request_head.ts";
import { writeStreamedBody } from "./_http1_request_body.ts";
import { HttpProtocolError } from "./http_protocol_error.ts";

const CR = 13;
const LF = 10;

/** The limits an exchange enforces. */
export interface ExchangeLimits {
  maxHeaderBytes: number;
  maxBodyBytes: number;
  maxInterimResponses: number;
  keepAliveTimeout: number;
}

/** A response head received, its body not yet read. */
export class Http1Exchange implements Abortable {
  readonly head: ResponseHead;
  readonly framing: BodyFraming;
  readonly reader: Http1BodyReader;
  readonly deadline: Http1Deadline;
  #pool: Http1Pool;
  #connection: Http1Connection;
  #request: PreparedRequest;
  #keepAliveTimeout: number;
  #settled = false;

  private constructor(
    pool: Http1Pool,
    connection: Http1Connection,
    request: PreparedRequest,
    deadline: Http1Deadline,
    head: ResponseHead,
    framing: BodyFraming,
    limits: ExchangeLimits,
  ) {
    this.#pool = pool;
    this.#connection = connection;
    this.#request = request;
    this.deadline = deadline;
    this.head = head;
    this.framing = framing;
    this.#keepAliveTimeout = framing.keepAliveTimeout === undefined
      ? limits.keepAliveTimeout
      // Leave a second's margin before the server's own idle timeout.
      : Math.min(limits.keepAliveTimeout, framing.keepAliveTimeout - 1000);
    this.reader = new Http1BodyReader(
      connection,
      framing,
      limits.maxBodyBytes,
      limits.maxHeaderBytes,
    );
  }

  /**
   * Sends a request and reads the head of its final response.
   *
   * @param pool Where connections come from.
   * @param request The request bytes.
   * @param deadline The request's time limit and signal; the exchange
   * disposes it when settled, or at once when this rejects.
   * @param limits Header, body and interim limits.
   * @returns The exchange, its body unread.
   */
  static async start(
    pool: Http1Pool,
    request: PreparedRequest,
    deadline: Http1Deadline,
    limits: ExchangeLimits,
  ): Promise<Http1Exchange> {
    for (let attempt = 0;; attempt++) {
      // The deadline has just read the clock: the idle check reuses it.
      let connection = attempt === 0
        ? pool.acquireIdle(deadline.startedAt)
        : undefined;
      try {
        connection ??= await pool.acquire(deadline, attempt > 0);
      } catch (error) {
        deadline[Symbol.dispose]();
        throw error;
      }
      const reused = connection.requests > 0;
      connection.startRequest();
      deadline.watch(connection);
      let head: ResponseHead;
      const progress: HeadProgress = {
        interim: 0,
        resume: connection.start,
        offset: -1,
        skipped: 0,
      };
      try {
        // The socket's own write, awaited here: one async frame less than
        // writeAll() on the path every request takes.
        const bytes = request.bytes;
        const written = await connection.conn.write(bytes);
        if (written < bytes.length) {
          await connection.writeAll(bytes.subarray(written));
        }
        if (request.body !== undefined) await connection.writeAll(request.body);
        if (request.stream !== undefined) {
          await writeStreamedBody(
            connection,
            request.stream,
            request.streamLength,
            deadline,
          );
        }
        // The head is read in this frame, not in a function of its own, and
        // with the socket's read awaited directly: each nested async frame
        // costs a promise and a tick on the path every response takes.
        let found = takeFinalHead(connection, limits, progress);
        while (found === undefined) {
          if (!connection.received(await connection.readMore())) {
            throw closedInHead(connection);
          }
          found = takeFinalHead(connection, limits, progress);
        }
        head = found;
      } catch (error) {
        deadline.watch(undefined);
        pool.release(connection, false, 0);
        if (
          !deadline.aborted && attempt === 0 && reused &&
          request.idempotent && !connection.receivedAny &&
          isStaleConnectionError(error)
        ) {
          continue;
        }
        deadline[Symbol.dispose]();
        throw deadline.aborted ? deadline.reason : error;
      }
      try {
        const framing = connection.frame(head, request.method);
        const exchange = new Http1Exchange(
          pool,
          connection,
          request,
          deadline,
          head,
          framing,
          limits,
        );
        deadline.watch(exchange);
        return exchange;
      } catch (error) {
        deadline.watch(undefined);
        deadline[Symbol.dispose]();
        pool.release(connection, false, 0);
        throw error;
      }
    }
  }

  /** The request this exchange sent. */
  get request(): PreparedRequest {
    return this.#request;
  }

  /** The buffer the body reader's pieces point into. */
  get connectionBuffer(): Uint8Array {
    return this.#connection.buffer;
  }

  /** Gives the connection back after the body was read to the end. */
  finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.deadline.watch(undefined);
    this.deadline[Symbol.dispose]();
    const connection = this.#connection;
    const reusable = this.reader.done && this.framing.keepAlive &&
      !this.#request.close && connection.start === connection.end &&
      this.#keepAliveTimeout > 0;
    this.#pool.release(connection, reusable, this.#keepAliveTimeout);
  }

  /**
   * Closes the connection after an error and says what to throw: the
   * deadline's reason when it fired, else the error itself.
   *
   * @param error What went wrong.
   * @returns What the caller should throw.
   */
  fail(error: unknown): unknown {
    const reason = this.deadline.aborted ? this.deadline.reason : error;
    if (!this.#settled) {
      this.#settled = true;
      this.deadline.watch(undefined);
      this.deadline[Symbol.dispose]();
      this.#pool.release(this.#connection, false, 0);
    }
    return reason;
  }

  /**
   * Called by the deadline: closes the connection, so a pending read fails,
   * and frees its pool slot at once, even when nobody reads the stream.
   *
   * @param reason The deadline's reason.
   */
  abort(reason: unknown): void {
    this.#connection.abort(reason);
    this.fail(reason);
  }
}

/** How far {@linkcode takeFinalHead} got, kept across reads. */
interface HeadProgress {
  /** Interim (1xx) responses skipped. */
  interim: number;
  /** Where the search for the end of the head resumes. */
  resume: number;
  /** `resume` less the unread bytes' start while waiting for a read, or -1. */
  offset: number;
  /** Empty lines skipped before a status line, in bytes. */
  skipped: number;
}

/**
 * Takes the final (non-1xx) response head out of the buffer, skipping
 * interim responses, when it is all there.
 *
 * @param connection Where the response comes from.
 * @param limits The header and interim limits.
 * @param progress Where the last call stopped.
 * @returns The final head, or `undefined` when more bytes are needed.
 */
function takeFinalHead(
  connection: Http1Connection,
  limits: ExchangeLimits,
  progress: HeadProgress,
): ResponseHead | undefined {
  const { maxHeaderBytes } = limits;
  if (progress.offset >= 0) {
    progress.resume = connection.start + progress.offset;
    progress.offset = -1;
  }
  while (true) {
    // Empty lines before a status line are skipped, as llhttp does: some
    // servers send one after a 100 Continue.
    while (
      connection.end - connection.start >= 2 &&
      connection.buffer[connection.start] === CR &&
      connection.buffer[connection.start + 1] === LF
    ) {
      connection.start += 2;
      progress.resume = connection.start;
      if ((progress.skipped += 2) > maxHeaderBytes) {
        throw headerOverflow(maxHeaderBytes);
      }
    }
    const found = findHeadEnd(
      connection.buffer,
      progress.resume,
      connection.end,
    );
    if (found < 0) {
      if (connection.end - connection.start > maxHeaderBytes) {
        throw headerOverflow(maxHeaderBytes);
      }
      // Resume where the search stopped; the buffer may move on the next
      // read, so keep it relative to the unread bytes' start.
      progress.offset = -1 - found - connection.start;
      return undefined;
    }
    if (found - connection.start > maxHeaderBytes) {
      throw headerOverflow(maxHeaderBytes);
    }
    const head = connection.parseHead(connection.start, found);
    connection.start = progress.resume = found;
    if (head.status >= 200) return head;
    if (head.status === 101) {
      throw new HttpProtocolError(
        "UNEXPECTED_UPGRADE",
        `Cannot read the response: the server switched protocols (101 ${head.statusText}) unasked`,
      );
    }
    if (++progress.interim > limits.maxInterimResponses) {
      throw new HttpProtocolError(
        "TOO_MANY_INTERIM",
        `Cannot read the response: more than ${limits.maxInterimResponses} interim (1xx) responses`,
      );
    }
  }
}

function closedInHead(connection: Http1Connection): HttpProtocolError {
  if (!connection.receivedAny) {
    return new HttpProtocolError(
      "NO_RESPONSE",
      "Cannot read the response: the server closed the connection without a response",
    );
  }
  return new HttpProtocolError(
    "INCOMPLETE_HEAD",
    `Cannot read the response: the connection closed after ${
      connection.end - connection.start
    } bytes of the head`,
  );
}

function headerOverflow(maxHeaderBytes: number): HttpProtocolError {
  return new HttpProtocolError(
    "HEADER_OVERFLOW",
    `Cannot read the response: the head exceeds maxHeaderBytes ${maxHeaderBytes}`,
  );
}

function isStaleConnectionError(error: unknown): boolean {
  return (error instanceof HttpProtocolError && error.code === "NO_RESPONSE") ||
    error instanceof Deno.errors.ConnectionReset ||
    error instanceof Deno.errors.ConnectionAborted ||
    error instanceof Deno.errors.BrokenPipe ||
    error instanceof Deno.errors.UnexpectedEof;
}
