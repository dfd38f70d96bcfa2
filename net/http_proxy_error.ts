/**
 * The error a request through a proxy rejects with when the proxy refuses
 * to open a tunnel (`CONNECT`) to an https origin.
 *
 * @module
 */

/**
 * A proxy answered `CONNECT` with something other than 2xx (say 407 when it
 * wants credentials, or 403 when the origin is not allowed), or with
 * something that is not an HTTP response.
 *
 * @example Usage
 * ```ts
 * import { HttpProxyError } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const error = new HttpProxyError(
 *   'Cannot open a tunnel to "example.com:443": the proxy answered 407',
 *   { status: 407, proxy: "http://127.0.0.1:3128" },
 * );
 * assert.equal(error.name, "HttpProxyError");
 * assert.equal(error.status, 407);
 * ```
 */
export class HttpProxyError extends Error {
  /** The proxy's status, or 0 when its answer was not a status line. */
  readonly status: number;
  /** The proxy, without credentials. */
  readonly proxy: string;

  /**
   * Makes the error.
   *
   * @param message What the proxy answered.
   * @param init The proxy's status and URL.
   * @param options The underlying error, if there is one.
   */
  constructor(
    message: string,
    init: { status: number; proxy: string },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "HttpProxyError";
    this.status = init.status;
    this.proxy = init.proxy;
  }
}
