/**
 * The response of the raw HTTP/1.1 client, its body read in full.
 *
 * @module
 */

import { BORROWED_BODY, type BorrowingResponseInit } from "./_borrowed_body.ts";
import {
  HttpResponseHead,
  type HttpResponseHeadInit,
} from "./http_response_head.ts";

const utf8 = new TextDecoder();

/** What an {@linkcode HttpResponse} is made of. */
export interface HttpResponseInit extends HttpResponseHeadInit {
  /** The body. Default empty. */
  body?: Uint8Array;
  /** The trailer fields of a chunked body. Default none. */
  trailers?: HeadersInit;
}

/**
 * A response whose body has been read in full, as `HttpClient.request()` and
 * `httpRequest()` return it. A small body the client received gets an
 * `ArrayBuffer` of its own when `body` is first read (`text()` and `json()`
 * need none).
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
export class HttpResponse extends HttpResponseHead {
  #body: Uint8Array | undefined;
  #borrowedBody: Uint8Array | undefined;
  #trailersInit: HeadersInit | undefined;
  #trailers: Headers | undefined;

  /**
   * Makes a response.
   *
   * @param init Status, headers, body and trailers.
   */
  constructor(init: HttpResponseInit) {
    super(init);
    const borrowed = (init as BorrowingResponseInit)[BORROWED_BODY];
    if (borrowed === undefined) this.#body = init.body ?? new Uint8Array(0);
    else this.#borrowedBody = borrowed;
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
