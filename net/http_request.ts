/**
 * One HTTP/1.1 request on a connection of its own: the seed's "HTTP GET over
 * a raw socket", made correct.
 *
 * @module
 */

import { HttpClient } from "./http_client.ts";
import type { HttpResponse } from "./http_response.ts";

/** A request's method, headers, body, limits, time limit and signal. */
export interface HttpRequestInit {
  /** The method; a token. Default `"GET"`. */
  method?: string;
  /**
   * Header fields to send. Names must be tokens and values must not hold
   * CR, LF or NUL. `Host` replaces the one taken from the URL;
   * `Content-Length` must match the body and `Transfer-Encoding` is refused,
   * since the client frames the body itself.
   */
  headers?: HeadersInit;
  /** The body; a string is sent as UTF-8. Default none. */
  body?: string | Uint8Array;
  /**
   * Milliseconds the request may take, from connecting to the last byte of
   * the body; `Infinity` for no limit. Default the client's, else 300 000.
   */
  timeout?: number;
  /** Aborts the request; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The most bytes the response head or trailers may take. Default 16 KiB. */
  maxHeaderBytes?: number;
  /** The most bytes the response body may take. Default `Infinity`. */
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
 * @throws {TypeError} On a bad URL, method or header.
 * @throws {HttpProtocolError} When the response is malformed.
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
