/**
 * `URLError`: why fetching a URL failed, as Python's `urllib.error.URLError`.
 *
 * @module
 */

/**
 * Why a fetch failed:
 * - `"refused"`: nothing listens at the host and port;
 * - `"dns"`: the host name does not resolve;
 * - `"timeout"`: the `timeout` passed (or the caller's signal aborted with a `TimeoutError`);
 * - `"tls"`: the TLS handshake or the certificate failed;
 * - `"aborted"`: the caller's `signal` aborted;
 * - `"too-large"`: the body was longer than `maxBytes`;
 * - `"network"`: any other transport failure (reset, closed, a blocked port);
 * - `"http"`: the server answered with an error status (an {@linkcode HTTPError}).
 */
export type URLErrorReason =
  | "refused"
  | "dns"
  | "timeout"
  | "tls"
  | "aborted"
  | "too-large"
  | "network"
  | "http";

/** Options for the {@linkcode URLError} constructor. */
export interface URLErrorOptions {
  /** Why it failed. */
  reason: URLErrorReason;
  /** The URL that was fetched. */
  url: string;
  /** What `fetch` threw, when it threw. */
  cause?: unknown;
}

/**
 * Thrown by `fetchUrl` when a URL cannot be fetched; `reason` says why in a
 * word a program can switch on. Python's `urllib.error.URLError`;
 * `HTTPError` is a subclass for error statuses.
 *
 * @example Usage
 * ```ts
 * import { URLError } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const error = new URLError('Cannot fetch "http://127.0.0.1:9/": connection refused', {
 *   reason: "refused",
 *   url: "http://127.0.0.1:9/",
 * });
 * assert.equal(error.name, "URLError");
 * assert.equal(error.reason, "refused");
 * assert.ok(error instanceof Error);
 * ```
 */
export class URLError extends Error {
  /** `"URLError"`, or a subclass's own name. */
  override name: string = "URLError";
  /** Why the fetch failed. */
  readonly reason: URLErrorReason;
  /** The URL that was fetched. */
  readonly url: string;

  /**
   * Makes the error.
   *
   * @param message What happened, quoting the URL.
   * @param options The reason, the URL and the cause.
   */
  constructor(message: string, options: URLErrorOptions) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.reason = options.reason;
    this.url = options.url;
  }
}
