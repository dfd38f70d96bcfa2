/**
 * The error a request rejects with when it may not, or cannot, follow a
 * redirect: more redirects than `maxRedirects`, a redirect under
 * `redirect: "error"`, or a `Location` that is not an `http:`/`https:` URL.
 *
 * @module
 */

/**
 * Why a redirect was not followed:
 *
 * - `TOO_MANY_REDIRECTS`: the chain is longer than `maxRedirects`.
 * - `REDIRECT_REFUSED`: the request said `redirect: "error"`.
 * - `BAD_LOCATION`: `Location` is not a valid `http:` or `https:` URL.
 */
export type HttpRedirectErrorCode =
  | "TOO_MANY_REDIRECTS"
  | "REDIRECT_REFUSED"
  | "BAD_LOCATION";

/** What an {@linkcode HttpRedirectError} reports. */
export interface HttpRedirectErrorInit {
  /** The status of the redirect response. */
  status: number;
  /** The URL that answered with the redirect. */
  url: string;
  /** The `Location` it pointed to, as sent. */
  location: string;
  /** How many redirects had been followed before this one. */
  redirects: number;
}

/**
 * A redirect the client would not follow. The redirect response itself has
 * been read and its connection returned to the pool.
 *
 * @example Usage
 * ```ts
 * import { HttpRedirectError } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const error = new HttpRedirectError(
 *   "TOO_MANY_REDIRECTS",
 *   "Cannot follow the redirect: more than 20",
 *   { status: 302, url: "http://a/", location: "/b", redirects: 20 },
 * );
 * assert.equal(error.name, "HttpRedirectError");
 * assert.equal(error.code, "TOO_MANY_REDIRECTS");
 * assert.equal(error.location, "/b");
 * ```
 */
export class HttpRedirectError extends Error {
  /** Why the redirect was not followed. */
  readonly code: HttpRedirectErrorCode;
  /** The status of the redirect response. */
  readonly status: number;
  /** The URL that answered with the redirect. */
  readonly url: string;
  /** The `Location` it pointed to, as sent. */
  readonly location: string;
  /** How many redirects had been followed before this one. */
  readonly redirects: number;

  /**
   * Makes the error.
   *
   * @param code Why the redirect was not followed.
   * @param message What happened, with the location quoted.
   * @param init The status, URL, location and count.
   * @param options The underlying error, if there is one.
   */
  constructor(
    code: HttpRedirectErrorCode,
    message: string,
    init: HttpRedirectErrorInit,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "HttpRedirectError";
    this.code = code;
    this.status = init.status;
    this.url = init.url;
    this.location = init.location;
    this.redirects = init.redirects;
  }
}
