/**
 * The response of the raw HTTP/1.1 client with its body still on the wire,
 * for bodies too large to hold in memory.
 *
 * @module
 */

import { concatBytes } from "./_bytes.ts";

const utf8 = new TextDecoder();

/** What an {@linkcode HttpStreamResponse} is made of. */
export interface HttpStreamResponseInit {
  /** The status code. */
  status: number;
  /** The reason phrase. Default `""`. */
  statusText?: string;
  /** `"1.1"` or `"1.0"`. Default `"1.1"`. */
  httpVersion?: string;
  /** The URL of the response, after any redirects. Default `""`. */
  url?: string;
  /** Whether redirects were followed to get it. Default `false`. */
  redirected?: boolean;
  /** The header fields. Default none. */
  headers?: HeadersInit;
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
export class HttpStreamResponse implements AsyncDisposable {
  /** The status code, 100 to 999. */
  readonly status: number;
  /** The reason phrase, possibly empty. */
  readonly statusText: string;
  /** The server's HTTP version, `"1.1"` or `"1.0"`. */
  readonly httpVersion: string;
  /**
   * The URL the response came from: the last one when redirects were
   * followed (as `fetch`'s `Response.url`).
   */
  readonly url: string;
  /** Whether the client followed one or more redirects to get it. */
  readonly redirected: boolean;
  /** The body, as it arrives. Empty for HEAD, 1xx, 204 and 304. */
  readonly body: ReadableStream<Uint8Array>;
  /** The trailer fields of a chunked body, filled once the body is read. */
  readonly trailers: Headers;
  #headersInit: HeadersInit | undefined;
  #headers: Headers | undefined;

  /**
   * Makes a response.
   *
   * @param init Status, headers, body stream and trailers.
   */
  constructor(init: HttpStreamResponseInit) {
    this.status = init.status;
    this.statusText = init.statusText ?? "";
    this.httpVersion = init.httpVersion ?? "1.1";
    this.url = init.url ?? "";
    this.redirected = init.redirected ?? false;
    this.body = init.body;
    this.trailers = init.trailers ?? new Headers();
    this.#headersInit = init.headers;
  }

  /** Whether the status is 200 to 299. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The header fields; repeated fields are joined with `", "`. */
  get headers(): Headers {
    return this.#headers ??= new Headers(this.#headersInit);
  }

  /**
   * The header fields as received: names in their original case, in order,
   * repeated fields apart (when made from name/value pairs; else as
   * `headers` lists them).
   */
  get rawHeaders(): [string, string][] {
    return Array.isArray(this.#headersInit)
      ? this.#headersInit.map(([name, value]) => [name, value])
      : [...this.headers];
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
