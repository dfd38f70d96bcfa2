/**
 * `HTTPError`: the server answered with an error status.
 *
 * @module
 */

import { URLError } from "./url_error.ts";

/** Options for the {@linkcode HTTPError} constructor. */
export interface HTTPErrorOptions {
  /** The URL of the response (after redirects). */
  url: string;
  /** The status code, 400 to 599. */
  status: number;
  /** The status text, as the server sent it. */
  statusText: string;
  /** The response headers. */
  headers: Headers;
  /** The start of the body, decoded as UTF-8. */
  bodyPreview: string;
}

/**
 * Thrown by `fetchUrl` when the server answers with a status of 400 or more,
 * as Python's `urllib.error.HTTPError`. It is a {@linkcode URLError} whose
 * `reason` is `"http"`, so one `catch` can handle both.
 *
 * @example Usage
 * ```ts
 * import { HTTPError, URLError } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const error = new HTTPError({
 *   url: "http://127.0.0.1/missing",
 *   status: 404,
 *   statusText: "Not Found",
 *   headers: new Headers(),
 *   bodyPreview: "no such page",
 * });
 * assert.ok(error instanceof URLError);
 * assert.equal(error.reason, "http");
 * assert.equal(error.message, 'Cannot fetch "http://127.0.0.1/missing": HTTP 404 Not Found');
 * ```
 */
export class HTTPError extends URLError {
  /** Always `"HTTPError"`. */
  override name: string = "HTTPError";
  /** The status code. */
  readonly status: number;
  /** The status text. */
  readonly statusText: string;
  /** The response headers. */
  readonly headers: Headers;
  /** The first bytes of the body (1 KiB by default), decoded as UTF-8. */
  readonly bodyPreview: string;

  /**
   * Makes the error from the response's status, headers and body preview.
   *
   * @param options What the server answered.
   */
  constructor(options: HTTPErrorOptions) {
    const text = options.statusText === "" ? "" : ` ${options.statusText}`;
    super(`Cannot fetch "${options.url}": HTTP ${options.status}${text}`, {
      reason: "http",
      url: options.url,
    });
    this.status = options.status;
    this.statusText = options.statusText;
    this.headers = options.headers;
    this.bodyPreview = options.bodyPreview;
  }
}
