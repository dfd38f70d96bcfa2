/**
 * One HTTP/1.1 request on a connection of its own: the classic "HTTP GET over
 * a raw socket", made correct.
 *
 * @module
 */

import { HttpClient } from "./http_client.ts";
import type { HttpResponse } from "./http_response.ts";

/**
 * Every body a request can carry: text (sent as UTF-8), bytes, a form
 * (`URLSearchParams` or `FormData`), a `Blob`, or a stream of bytes.
 *
 * @example A streamed body, sent chunked
 * ```ts
 * import { httpRequest, type HttpRequestBody } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   async (request) => new Response(await request.text()),
 * );
 * const body: HttpRequestBody = ReadableStream.from(["a", "b"])
 *   .pipeThrough(new TextEncoderStream());
 * const response = await httpRequest(`http://127.0.0.1:${server.addr.port}/`, {
 *   method: "POST",
 *   body,
 * });
 * assert.equal(response.text(), "ab");
 * ```
 */
export type HttpRequestBody =
  | string
  | Uint8Array
  | ArrayBuffer
  | ArrayBufferView
  | URLSearchParams
  | Blob
  | FormData
  | ReadableStream<Uint8Array>;

/** A request's method, headers, body, limits, time limit and signal. */
export interface HttpRequestInit {
  /** The method; a token. Default `"GET"`. */
  method?: string;
  /**
   * Header fields to send. Names must be tokens and values must not hold
   * CR, LF or NUL. `Host` replaces the one taken from the URL;
   * `Content-Length` must match the body (for a `ReadableStream` body it
   * gives the length, which the stream must then yield exactly) and
   * `Transfer-Encoding` is refused, since the client frames the body itself.
   */
  headers?: HeadersInit;
  /**
   * The body. A string is sent as UTF-8; `URLSearchParams` as
   * `application/x-www-form-urlencoded;charset=UTF-8`; a `Blob` with its
   * type; `FormData` as `multipart/form-data` with a boundary (a content
   * type the caller sets wins); a `ReadableStream` of `Uint8Array` chunked,
   * or with the `Content-Length` the caller gave. A stream is read once:
   * such a request is never retried, and a 307/308 redirect of it is
   * returned rather than followed. Default none.
   */
  body?: HttpRequestBody;
  /**
   * What to do with a redirect (301, 302, 303, 307, 308), as `fetch`:
   * `"follow"` it (301/302 turn a POST into a GET, 303 anything but HEAD;
   * 307/308 keep method and body; `Authorization`, `Cookie`,
   * `Proxy-Authorization` and `Host` are dropped when the origin changes),
   * hand it back (`"manual"`), or reject with `HttpRedirectError`
   * (`"error"`). Default the client's, else `"follow"`.
   */
  redirect?: "follow" | "manual" | "error";
  /** The most redirects followed. Default the client's, else 20. */
  maxRedirects?: number;
  /**
   * Whether to ask for (`Accept-Encoding: gzip, deflate, br`, unless the
   * caller set that field) and decode compressed bodies. The headers stay
   * as received. Default the client's, else `true`.
   */
  decompress?: boolean;
  /**
   * An `http:` proxy URL (credentials in it become `Proxy-Authorization`),
   * or `"env"` for `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY` (lower case too;
   * needs `--allow-env`). Plain http goes to the proxy in absolute form;
   * https through a `CONNECT` tunnel. Default the client's, else none.
   */
  proxy?: string | URL;
  /**
   * Milliseconds the request may take, from connecting to the last byte of
   * the body, redirects included; `Infinity` for no limit. Default the
   * client's, else 300 000.
   */
  timeout?: number;
  /** Aborts the request; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The most bytes the response head or trailers may take. Default 16 KiB. */
  maxHeaderBytes?: number;
  /**
   * The most bytes the response body may take, once decoded. Default
   * `Infinity`.
   */
  maxBodyBytes?: number;
  /** Extra root certificates (PEM) trusted for https. Default none. */
  caCerts?: string[];
}

/**
 * Sends one HTTP/1.1 request over a new TCP or TLS connection, reads the
 * whole response, and closes the connection. For several requests to one
 * server, an {@linkcode HttpClient} reuses connections and is faster.
 *
 * @param url An `http:` or `https:` URL.
 * @param init Method, headers, body, limits, timeout and signal.
 * @returns The response, body read.
 * @throws {TypeError} On a bad URL, method, header or body type.
 * @throws {HttpProtocolError} When the response is malformed, too large
 * (decoded), or does not decode.
 * @throws {HttpRedirectError} On too many redirects, a redirect under
 * `redirect: "error"`, or a bad `Location`.
 * @throws {DOMException} `TimeoutError` after `timeout`, or the signal's
 * reason when it aborts.
 * @throws {Deno.errors.ConnectionRefused} And the other network errors.
 *
 * @example Usage
 * ```ts
 * import { httpRequest } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   (request) => Response.json({ method: request.method }),
 * );
 * const response = await httpRequest(`http://127.0.0.1:${server.addr.port}/`, {
 *   method: "PUT",
 *   headers: { "x-token": "abc" },
 *   body: "data",
 * });
 * assert.equal(response.status, 200);
 * assert.equal(response.headers.get("content-type"), "application/json");
 * assert.deepEqual(response.json(), { method: "PUT" });
 * ```
 */
export async function httpRequest(
  url: string | URL,
  init: HttpRequestInit = {},
): Promise<HttpResponse> {
  await using client = new HttpClient({ keepAliveTimeout: 0 });
  return await client.request(url, init);
}
