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
  /** The status text as received; when empty, the standard phrase is the reason. */
  statusText: string;
  /** The response headers. */
  headers: Headers;
  /** The body, or as much of it as was read. */
  body?: Uint8Array;
  /** Whether the body was longer than `body`. */
  bodyTruncated?: boolean;
  /** The start of the body, decoded as UTF-8; by default the first 1 KiB of `body`. */
  bodyPreview?: string;
}

/** The phrases of Python's `http.HTTPStatus`, for the error statuses. */
const PHRASES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  407: "Proxy Authentication Required",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Request Entity Too Large",
  414: "Request-URI Too Long",
  415: "Unsupported Media Type",
  416: "Requested Range Not Satisfiable",
  417: "Expectation Failed",
  418: "I'm a Teapot",
  421: "Misdirected Request",
  422: "Unprocessable Entity",
  423: "Locked",
  424: "Failed Dependency",
  425: "Too Early",
  426: "Upgrade Required",
  428: "Precondition Required",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  451: "Unavailable For Legal Reasons",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
  505: "HTTP Version Not Supported",
  506: "Variant Also Negotiates",
  507: "Insufficient Storage",
  508: "Loop Detected",
  510: "Not Extended",
  511: "Network Authentication Required",
};

const PREVIEW_BYTES = 1024;

/**
 * Thrown by `fetchUrl` when the server answers with a status of 400 or more:
 * Python's `urllib.error.HTTPError`, with its `code` (the status number),
 * `reason` (the reason phrase), `headers` and a body to read. `status` is
 * `code` under the Web's name. It is a {@linkcode URLError}, so one `catch`
 * can handle both.
 *
 * The body is what `fetchUrl` read of it, at most its `errorBodyBytes`
 * (64 KiB by default): `read()` gives the bytes, `text()` the text, and
 * `bodyTruncated` says whether the server sent more.
 *
 * @example Usage
 * ```ts
 * import { HTTPError, URLError } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const error = new HTTPError({
 *   url: "http://127.0.0.1/missing",
 *   status: 404,
 *   statusText: "",
 *   headers: new Headers({ "content-type": "text/plain" }),
 *   body: new TextEncoder().encode("no such page"),
 * });
 * assert.ok(error instanceof URLError);
 * assert.equal(error.code, 404);
 * assert.equal(error.reason, "Not Found");
 * assert.equal(error.status, 404);
 * assert.equal(error.headers.get("content-type"), "text/plain");
 * assert.equal(error.text(), "no such page");
 * assert.equal(error.message, 'Cannot fetch "http://127.0.0.1/missing": HTTP 404 Not Found');
 * ```
 */
export class HTTPError extends URLError {
  /** Always `"HTTPError"`. */
  override name: string = "HTTPError";
  /** The status code, as Python's `HTTPError.code`. */
  declare readonly code: number;
  /** The reason phrase, as Python's `HTTPError.reason`: the one received, or the standard one. */
  declare readonly reason: string;
  /** The status code: {@linkcode HTTPError.code} under the Web's name. */
  readonly status: number;
  /** The status text as received (may be empty). */
  readonly statusText: string;
  /** The response headers. */
  readonly headers: Headers;
  /** Whether the server sent more body than was read. */
  readonly bodyTruncated: boolean;
  /** The first bytes of the body (1 KiB), decoded as UTF-8. */
  readonly bodyPreview: string;
  #body: Uint8Array;

  /**
   * Makes the error from the response's status, headers and body.
   *
   * @param options What the server answered.
   */
  constructor(options: HTTPErrorOptions) {
    const reason = options.statusText !== ""
      ? options.statusText
      : PHRASES[options.status] ?? "";
    const text = reason === "" ? "" : ` ${reason}`;
    super(`Cannot fetch "${options.url}": HTTP ${options.status}${text}`, {
      code: "http",
      url: options.url,
      reason,
    });
    Object.defineProperty(this, "code", {
      value: options.status,
      enumerable: true,
    });
    this.status = options.status;
    this.statusText = options.statusText;
    this.headers = options.headers;
    this.#body = options.body ?? new Uint8Array(0);
    this.bodyTruncated = options.bodyTruncated ?? false;
    this.bodyPreview = options.bodyPreview ??
      new TextDecoder().decode(this.#body.subarray(0, PREVIEW_BYTES));
  }

  /**
   * The body as read (a copy), as Python's `HTTPError.read()`.
   *
   * @returns The bytes; at most the `errorBodyBytes` `fetchUrl` read.
   */
  read(): Uint8Array {
    return this.#body.slice();
  }

  /**
   * The body as read, decoded as UTF-8 (invalid bytes become U+FFFD).
   *
   * @returns The text.
   */
  text(): string {
    return new TextDecoder().decode(this.#body);
  }
}
