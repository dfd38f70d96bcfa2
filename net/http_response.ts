/**
 * The response of the raw HTTP/1.1 client, its body read in full.
 *
 * @module
 */

import { BORROWED_BODY, type BorrowingResponseInit } from "./_borrowed_body.ts";

const utf8 = new TextDecoder();

/** What an {@linkcode HttpResponse} is made of. */
export interface HttpResponseInit {
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
  /** The body. Default empty. */
  body?: Uint8Array;
  /** The trailer fields of a chunked body. Default none. */
  trailers?: HeadersInit;
}

/**
 * A response whose body has been read in full, as `HttpClient.request()` and
 * `httpRequest()` return it. `headers` is built on first use, so a caller who
 * reads only the status and body pays nothing for it; likewise a small body
 * the client received gets an `ArrayBuffer` of its own when `body` is first
 * read (`text()` and `json()` need none).
 *
 * @example Usage
 * ```ts
 * import { HttpResponse } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const response = new HttpResponse({
 *   status: 200,
 *   statusText: "OK",
 *   headers: [["content-type", "application/json"]],
 *   body: new TextEncoder().encode('{"a":1}'),
 * });
 * assert.equal(response.ok, true);
 * assert.equal(response.headers.get("Content-Type"), "application/json");
 * assert.deepEqual(response.json(), { a: 1 });
 * ```
 */
export class HttpResponse {
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
  #body: Uint8Array | undefined;
  #borrowedBody: Uint8Array | undefined;
  #headersInit: HeadersInit | undefined;
  #headers: Headers | undefined;
  #trailersInit: HeadersInit | undefined;
  #trailers: Headers | undefined;

  /**
   * Makes a response.
   *
   * @param init Status, headers, body and trailers.
   */
  constructor(init: HttpResponseInit) {
    this.status = init.status;
    this.statusText = init.statusText ?? "";
    this.httpVersion = init.httpVersion ?? "1.1";
    this.url = init.url ?? "";
    this.redirected = init.redirected ?? false;
    const borrowed = (init as BorrowingResponseInit)[BORROWED_BODY];
    if (borrowed === undefined) this.#body = init.body ?? new Uint8Array(0);
    else this.#borrowedBody = borrowed;
    this.#headersInit = init.headers;
    this.#trailersInit = init.trailers;
  }

  /** The body bytes (empty for HEAD, 1xx, 204 and 304). */
  get body(): Uint8Array {
    if (this.#body === undefined) {
      // Its own copy of bytes the client kept beside other responses'.
      this.#body = this.#borrowedBody!.slice();
      this.#borrowedBody = undefined;
    }
    return this.#body;
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

  /** The trailer fields that followed a chunked body, if any. */
  get trailers(): Headers {
    return this.#trailers ??= new Headers(this.#trailersInit);
  }

  /**
   * Decodes the body as UTF-8 (invalid bytes become U+FFFD, as in `fetch`).
   *
   * @returns The text.
   */
  text(): string {
    return utf8.decode(this.#body ?? this.#borrowedBody);
  }

  /**
   * Parses the body as JSON.
   *
   * @typeParam T The type the caller expects; not checked.
   * @returns The parsed value.
   * @throws {SyntaxError} When the body is not JSON.
   */
  json<T = unknown>(): T {
    return JSON.parse(this.text()) as T;
  }
}
