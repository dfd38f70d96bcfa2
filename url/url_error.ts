/**
 * `URLError`: why fetching a URL failed, as Python's `urllib.error.URLError`.
 *
 * @module
 */

/**
 * Why a fetch failed, as a word a program can switch on:
 * - `"refused"`: nothing listens at the host and port;
 * - `"dns"`: the host name does not resolve;
 * - `"timeout"`: the `timeout` passed (or the caller's signal aborted with a `TimeoutError`);
 * - `"tls"`: the TLS handshake or the certificate failed;
 * - `"aborted"`: the caller's `signal` aborted;
 * - `"too-large"`: the body was longer than `maxBytes`;
 * - `"network"`: any other transport failure (reset, closed, a blocked port);
 * - `"http"`: the server answered with an error status (an {@linkcode HTTPError}, whose own `code` is the status number).
 */
export type URLErrorCode =
  | "refused"
  | "dns"
  | "timeout"
  | "tls"
  | "aborted"
  | "too-large"
  | "network"
  | "http";

/**
 * The words of {@linkcode URLErrorCode}, under their former name.
 *
 * @deprecated Use {@linkcode URLErrorCode}: `reason` now carries the cause, as in Python.
 */
export type URLErrorReason = URLErrorCode;

/** Options for the {@linkcode URLError} constructor. */
export interface URLErrorOptions {
  /** Why it failed, in a word. */
  code: URLErrorCode;
  /** The URL that was fetched. */
  url: string;
  /** What `fetch` threw, when it threw; it becomes `reason` too unless `reason` is given. */
  cause?: unknown;
  /** The reason, as Python's `URLError(reason)`; default: the cause, else the message. */
  reason?: unknown;
}

/**
 * Thrown by `fetchUrl` when a URL cannot be fetched: Python's
 * `urllib.error.URLError`. `reason` carries the cause, as in Python (the
 * error `fetch` threw, or a sentence when nothing threw); `code` says why
 * in a word a program can switch on. `HTTPError` is a subclass for error
 * statuses.
 *
 * @example Usage
 * ```ts
 * import { URLError } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const cause = new TypeError("tcp connect error: Connection refused");
 * const error = new URLError('Cannot fetch "http://127.0.0.1:9/": connection refused', {
 *   code: "refused",
 *   url: "http://127.0.0.1:9/",
 *   cause,
 * });
 * assert.equal(error.name, "URLError");
 * assert.equal(error.code, "refused");
 * assert.equal(error.reason, cause);
 * assert.ok(error instanceof Error);
 * ```
 */
export class URLError extends Error {
  /** `"URLError"`, or a subclass's own name. */
  override name: string = "URLError";
  /** Why the fetch failed: the cause, or a sentence when there is none (Python's `reason`). */
  readonly reason: unknown;
  /** Why the fetch failed, in a word; on an `HTTPError`, the status number. */
  readonly code: URLErrorCode | number;
  /** The URL that was fetched. */
  readonly url: string;

  /**
   * Makes the error.
   *
   * @param message What happened, quoting the URL.
   * @param options The code, the URL, the cause and the reason.
   */
  constructor(message: string, options: URLErrorOptions) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = options.code;
    this.url = options.url;
    this.reason = "reason" in options
      ? options.reason
      : options.cause ?? message;
  }
}
