/**
 * `HttpResponseHead`: what both responses of the raw HTTP/1.1 client have
 * before their body.
 *
 * @module
 */

/** What an {@linkcode HttpResponseHead} is made of. */
export interface HttpResponseHeadInit {
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
}

/**
 * The status line, URL and header fields of a response: the base of
 * {@linkcode HttpResponse} (body read in full) and
 * {@linkcode HttpStreamResponse} (body as a stream). `headers` is built on
 * first use, so a caller who reads only the status pays nothing for it.
 *
 * @example Usage
 * ```ts
 * import { HttpResponse, HttpResponseHead } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const response = new HttpResponse({
 *   status: 404,
 *   headers: [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]],
 * });
 * assert.ok(response instanceof HttpResponseHead);
 * assert.equal(response.ok, false);
 * assert.equal(response.headers.get("set-cookie"), "a=1, b=2");
 * assert.deepEqual(response.rawHeaders, [["Set-Cookie", "a=1"], ["Set-Cookie", "b=2"]]);
 * ```
 */
export abstract class HttpResponseHead {
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
  #headersInit: HeadersInit | undefined;
  #headers: Headers | undefined;

  /**
   * Makes the head of a response.
   *
   * @param init Status line, URL and header fields.
   */
  constructor(init: HttpResponseHeadInit) {
    this.status = init.status;
    this.statusText = init.statusText ?? "";
    this.httpVersion = init.httpVersion ?? "1.1";
    this.url = init.url ?? "";
    this.redirected = init.redirected ?? false;
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
}
