/**
 * The response of the raw HTTP/1.1 client with its body still on the wire,
 * for bodies too large to hold in memory.
 *
 * @module
 */

import { concatBytes } from "./_bytes.ts";
import {
  HttpResponseHead,
  type HttpResponseHeadInit,
} from "./http_response_head.ts";

const utf8 = new TextDecoder();

/** What an {@linkcode HttpStreamResponse} is made of. */
export interface HttpStreamResponseInit extends HttpResponseHeadInit {
  /** The body. */
  body: ReadableStream<Uint8Array>;
  /** Filled with the trailer fields once the body has been read. */
  trailers?: Headers;
}

/**
 * A response whose body is a stream, as `HttpClient.stream()` returns it.
 * Read the body to the end, or cancel it (`await using` does that): only
 * then does the connection go back to the pool.
 *
 * @example Usage
 * ```ts
 * import { HttpStreamResponse } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const response = new HttpStreamResponse({
 *   status: 200,
 *   body: ReadableStream.from([new TextEncoder().encode("hi")]),
 * });
 * assert.equal(await response.text(), "hi");
 * ```
 */
export class HttpStreamResponse extends HttpResponseHead
  implements AsyncDisposable {
  /** The body, as it arrives. Empty for HEAD, 1xx, 204 and 304. */
  readonly body: ReadableStream<Uint8Array>;
  /** The trailer fields of a chunked body, filled once the body is read. */
  readonly trailers: Headers;

  /**
   * Makes a response.
   *
   * @param init Status, headers, body stream and trailers.
   */
  constructor(init: HttpStreamResponseInit) {
    super(init);
    this.body = init.body;
    this.trailers = init.trailers ?? new Headers();
  }

  /**
   * Reads the rest of the body into one array.
   *
   * @returns The body bytes.
   */
  async bytes(): Promise<Uint8Array> {
    const pieces: Uint8Array[] = [];
    let length = 0;
    for await (const piece of this.body) {
      pieces.push(piece);
      length += piece.length;
    }
    return concatBytes(pieces, length);
  }

  /**
   * Reads the rest of the body and decodes it as UTF-8.
   *
   * @returns The text.
   */
  async text(): Promise<string> {
    return utf8.decode(await this.bytes());
  }

  /**
   * Reads the rest of the body and parses it as JSON.
   *
   * @typeParam T The type the caller expects; not checked.
   * @returns The parsed value.
   * @throws {SyntaxError} When the body is not JSON.
   */
  async json<T = unknown>(): Promise<T> {
    return JSON.parse(await this.text()) as T;
  }

  /**
   * Stops reading the body. The client drains a short remainder to keep the
   * connection alive, or else closes it.
   *
   * @param reason Passed to the stream's `cancel`.
   */
  async cancel(reason?: unknown): Promise<void> {
    if (this.body.locked) return;
    await this.body.cancel(reason);
  }

  /** Cancels the body unless it is locked to a reader. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.cancel();
  }
}
