/**
 * Reads one response body off a connection, whatever its framing
 * (`Content-Length`, chunked with trailers, or until close), piece by piece
 * for streams or all at once for buffered responses. Everything it reads is
 * bounded: the body by `maxBodyBytes`, a chunk-size line by 16 KiB, the
 * trailers by `maxHeaderBytes`.
 *
 * @module
 */

import type { Http1Connection } from "./_http1_connection.ts";
import {
  badChunk,
  type BodyFraming,
  findHeadEnd,
  indexOfLf,
  parseChunkSize,
  parseFieldLines,
} from "./_http1_parser.ts";
import { HttpProtocolError } from "./http_protocol_error.ts";
import { type BodyArena, SMALL_BODY_BYTES } from "./_borrowed_body.ts";

const MAX_CHUNK_LINE_BYTES = 16 * 1024;
/** Bodies of a known length up to this are read into one exact buffer. */
const MAX_PREALLOCATED_BYTES = 64 * 1024 * 1024;

/** An empty body, shared: it is borrowed, never handed out. */
const EMPTY = new Uint8Array(0);

const enum State {
  ChunkSize,
  Data,
  ChunkEnd,
  Trailers,
  Done,
}

/** Reads the body that follows a parsed head. */
export class Http1BodyReader {
  /** Start of the last piece in `connection.buffer`. */
  pieceStart = 0;
  /** End of the last piece in `connection.buffer`. */
  pieceEnd = 0;
  /**
   * Whether the last {@linkcode readAll} returned borrowed bytes (an arena's
   * view, or a shared empty array) that must be copied before the caller
   * may own them.
   */
  borrowed = false;
  /** Trailer names (lower case) and values, once done. */
  readonly trailers: [string, string][] = [];
  #connection: Http1Connection;
  #framing: BodyFraming;
  #maxBodyBytes: number;
  #maxTrailerBytes: number;
  #state: State;
  #remaining: number;
  #received = 0;

  /**
   * Prepares to read.
   *
   * @param connection Where the body comes from.
   * @param framing How it ends.
   * @param maxBodyBytes The most body bytes allowed.
   * @param maxTrailerBytes The most trailer bytes allowed.
   * @throws {HttpProtocolError} `BODY_OVERFLOW` when `Content-Length` is
   * already too large.
   */
  constructor(
    connection: Http1Connection,
    framing: BodyFraming,
    maxBodyBytes: number,
    maxTrailerBytes: number,
  ) {
    this.#connection = connection;
    this.#framing = framing;
    this.#maxBodyBytes = maxBodyBytes;
    this.#maxTrailerBytes = maxTrailerBytes;
    this.#remaining = framing.length;
    if (framing.kind === "none") this.#state = State.Done;
    else if (framing.kind === "chunked") this.#state = State.ChunkSize;
    else this.#state = State.Data;
    if (framing.kind === "length") {
      if (framing.length > maxBodyBytes) throw this.#overflow(framing.length);
      if (framing.length === 0) this.#state = State.Done;
    }
  }

  /** Whether the whole body (and its trailers) has been read. */
  get done(): boolean {
    return this.#state === State.Done;
  }

  /**
   * Reads the next piece of the body into `pieceStart`/`pieceEnd` of the
   * connection's buffer, valid until the next call.
   *
   * @returns `false` once the body is complete.
   */
  async next(): Promise<boolean> {
    const connection = this.#connection;
    while (true) {
      switch (this.#state) {
        case State.Done:
          return false;
        case State.Data: {
          if (connection.start === connection.end) {
            if (!(await connection.fill())) {
              if (this.#framing.kind === "close") {
                this.#state = State.Done;
                return false;
              }
              throw this.#incomplete();
            }
          }
          let count = connection.end - connection.start;
          if (this.#framing.kind === "close") {
            if (this.#received + count > this.#maxBodyBytes) {
              throw this.#overflow(this.#received + count);
            }
          } else if (count >= this.#remaining) {
            count = this.#remaining;
          }
          this.pieceStart = connection.start;
          this.pieceEnd = connection.start + count;
          connection.start += count;
          this.#received += count;
          this.#remaining -= count;
          if (this.#remaining === 0) {
            this.#state = this.#framing.kind === "length"
              ? State.Done
              : State.ChunkEnd;
          }
          return true;
        }
        case State.ChunkSize:
          await this.#readChunkSize();
          break;
        case State.ChunkEnd:
          while (connection.end - connection.start < 2) {
            if (!(await connection.fill())) throw this.#incomplete();
          }
          if (
            connection.buffer[connection.start] !== 13 ||
            connection.buffer[connection.start + 1] !== 10
          ) {
            throw badChunk(
              connection.buffer,
              connection.start,
              connection.end,
              "the chunk data does not end with CRLF",
            );
          }
          connection.start += 2;
          this.#state = State.ChunkSize;
          break;
        case State.Trailers:
          await this.#readTrailers();
          break;
      }
    }
  }

  async #readChunkSize(): Promise<void> {
    const connection = this.#connection;
    let scanFrom = connection.start;
    while (true) {
      const lf = indexOfLf(connection.buffer, scanFrom, connection.end);
      if (lf !== -1) {
        const lineStart = connection.start;
        if (lf === lineStart || connection.buffer[lf - 1] !== 13) {
          throw badChunk(
            connection.buffer,
            lineStart,
            lf,
            "the size line does not end with CRLF",
          );
        }
        const size = parseChunkSize(connection.buffer, lineStart, lf - 1);
        connection.start = lf + 1;
        if (size === 0) {
          this.#state = State.Trailers;
          return;
        }
        if (this.#received + size > this.#maxBodyBytes) {
          throw this.#overflow(this.#received + size);
        }
        this.#remaining = size;
        this.#state = State.Data;
        return;
      }
      if (connection.end - connection.start > MAX_CHUNK_LINE_BYTES) {
        throw badChunk(
          connection.buffer,
          connection.start,
          connection.end,
          `the size line is longer than ${MAX_CHUNK_LINE_BYTES} bytes`,
        );
      }
      const unread = connection.end - connection.start;
      if (!(await connection.fill())) throw this.#incomplete();
      scanFrom = connection.start + unread;
    }
  }

  async #readTrailers(): Promise<void> {
    const connection = this.#connection;
    let resume = connection.start;
    while (true) {
      const found = findHeadEnd(connection.buffer, resume, connection.end);
      if (found >= 0) {
        if (found - connection.start > this.#maxTrailerBytes) {
          throw this.#trailerOverflow();
        }
        parseFieldLines(
          connection.buffer,
          connection.start,
          found,
          this.trailers,
          "trailer",
        );
        connection.start = found;
        this.#state = State.Done;
        return;
      }
      if (connection.end - connection.start > this.#maxTrailerBytes) {
        throw this.#trailerOverflow();
      }
      const offset = -1 - found - connection.start;
      if (!(await connection.fill())) throw this.#incomplete();
      resume = connection.start + offset;
    }
  }

  /**
   * Reads the rest of the body into one array.
   *
   * @param arena Where a small body already buffered is kept; it is then
   * borrowed (see {@linkcode borrowed}).
   * @returns The body, without a promise when it is already buffered.
   */
  readAll(arena?: BodyArena): Uint8Array | Promise<Uint8Array> {
    if (this.#state === State.Done) {
      if (arena === undefined) return new Uint8Array(0);
      this.borrowed = true;
      return EMPTY;
    }
    if (
      this.#framing.kind === "length" &&
      this.#remaining <= MAX_PREALLOCATED_BYTES
    ) {
      const connection = this.#connection;
      if (connection.end - connection.start >= this.#remaining) {
        // Already buffered, as small bodies usually are: no promise at all.
        const end = connection.start + this.#remaining;
        let body: Uint8Array;
        if (arena !== undefined && this.#remaining <= SMALL_BODY_BYTES) {
          body = arena.keep(connection.buffer, connection.start, end);
          this.borrowed = true;
        } else {
          body = connection.buffer.slice(connection.start, end);
        }
        connection.start = end;
        this.#received += this.#remaining;
        this.#remaining = 0;
        this.#state = State.Done;
        return body;
      }
      return this.#readKnownLength();
    }
    return this.#readPieces();
  }

  async #readPieces(): Promise<Uint8Array> {
    let body = new Uint8Array(16 * 1024);
    let length = 0;
    while (await this.next()) {
      const count = this.pieceEnd - this.pieceStart;
      if (length + count > body.length) {
        const grown = new Uint8Array(Math.max(body.length * 2, length + count));
        grown.set(body.subarray(0, length));
        body = grown;
      }
      body.set(
        this.#connection.buffer.subarray(this.pieceStart, this.pieceEnd),
        length,
      );
      length += count;
    }
    return body.subarray(0, length);
  }

  async #readKnownLength(): Promise<Uint8Array> {
    const connection = this.#connection;
    const body = new Uint8Array(this.#remaining);
    let filled = Math.min(connection.end - connection.start, body.length);
    body.set(
      connection.buffer.subarray(connection.start, connection.start + filled),
    );
    connection.start += filled;
    while (filled < body.length) {
      const count = await connection.readInto(body.subarray(filled));
      if (count === null) {
        this.#received += filled;
        this.#remaining -= filled;
        throw this.#incomplete();
      }
      filled += count;
    }
    this.#received += filled;
    this.#remaining = 0;
    this.#state = State.Done;
    return body;
  }

  #incomplete(): HttpProtocolError {
    const progress = this.#framing.kind === "length"
      ? `${this.#received} of ${this.#framing.length} bytes`
      : `${this.#received} bytes of a chunked body`;
    return new HttpProtocolError(
      "INCOMPLETE_BODY",
      `Cannot read the body: the connection closed after ${progress}`,
    );
  }

  #overflow(size: number): HttpProtocolError {
    return new HttpProtocolError(
      "BODY_OVERFLOW",
      `Cannot read the body: ${size} bytes exceed maxBodyBytes ${this.#maxBodyBytes}`,
    );
  }

  #trailerOverflow(): HttpProtocolError {
    return new HttpProtocolError(
      "HEADER_OVERFLOW",
      `Cannot read the trailers: they exceed maxHeaderBytes ${this.#maxTrailerBytes}`,
    );
  }
}
