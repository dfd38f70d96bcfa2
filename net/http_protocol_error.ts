/**
 * The error every malformed HTTP/1.1 response rejects with. Its `code` says
 * which rule the server broke, so callers can tell a broken server from a
 * network failure (those stay `Deno.errors.*`) or a timeout (a `TimeoutError`
 * `DOMException`).
 *
 * @module
 */

/**
 * Which rule of HTTP/1.1 (RFC 9112) a response broke:
 *
 * - `BAD_STATUS_LINE`: the status line is not `HTTP/1.x NNN reason`.
 * - `BAD_HEADER`: a header line is not `token ":" value`, holds a control
 *   character, or starts the head with whitespace.
 * - `HEADER_OVERFLOW`: the head, or the trailers, exceed `maxHeaderBytes`.
 * - `BODY_OVERFLOW`: the body exceeds `maxBodyBytes`.
 * - `BAD_CHUNK`: a chunk size or the CRLF after a chunk is malformed.
 * - `BAD_CONTENT_LENGTH`: `Content-Length` is not a decimal number.
 * - `CONFLICTING_LENGTH`: `Transfer-Encoding` together with
 *   `Content-Length`, or `Content-Length`s that differ.
 * - `BAD_TRANSFER_ENCODING`: `chunked` applied twice, a malformed or empty
 *   transfer coding, or `Transfer-Encoding` in an HTTP/1.0 response.
 * - `TOO_MANY_INTERIM`: more interim (1xx) responses than allowed.
 * - `UNEXPECTED_UPGRADE`: a `101 Switching Protocols` nobody asked for.
 * - `NO_RESPONSE`: the server closed the connection before any byte of a
 *   response.
 * - `INCOMPLETE_HEAD`: the connection closed in the middle of the head.
 * - `INCOMPLETE_BODY`: the connection closed before the body was complete.
 * - `BAD_CONTENT_ENCODING`: the body does not decode as its
 *   `Content-Encoding` says (gzip, deflate or br).
 */
export type HttpProtocolErrorCode =
  | "BAD_STATUS_LINE"
  | "BAD_HEADER"
  | "HEADER_OVERFLOW"
  | "BODY_OVERFLOW"
  | "BAD_CHUNK"
  | "BAD_CONTENT_LENGTH"
  | "CONFLICTING_LENGTH"
  | "BAD_TRANSFER_ENCODING"
  | "TOO_MANY_INTERIM"
  | "UNEXPECTED_UPGRADE"
  | "NO_RESPONSE"
  | "INCOMPLETE_HEAD"
  | "INCOMPLETE_BODY"
  | "BAD_CONTENT_ENCODING";

/**
 * A response that breaks HTTP/1.1 framing or syntax. The connection it came
 * on is closed, never reused.
 *
 * @example Usage
 * ```ts
 * import { HttpProtocolError } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * const error = new HttpProtocolError("BAD_CHUNK", 'Cannot parse chunk size "zz"');
 * assert.equal(error.name, "HttpProtocolError");
 * assert.equal(error.code, "BAD_CHUNK");
 * assert.ok(error instanceof Error);
 * ```
 */
export class HttpProtocolError extends Error {
  /** Which rule the response broke. */
  readonly code: HttpProtocolErrorCode;

  /**
   * Makes the error.
   *
   * @param code Which rule the response broke.
   * @param message What was wrong, with the offending bytes quoted.
   * @param options The underlying error, if there is one.
   */
  constructor(
    code: HttpProtocolErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "HttpProtocolError";
    this.code = code;
  }
}
