/**
 * Turns a URL, a method, headers and a body into the bytes of an HTTP/1.1
 * request, refusing anything that could smuggle a second request through:
 * methods and header names must be tokens, header values must not hold CR,
 * LF or NUL, and the client alone frames the body (`Content-Length`).
 *
 * @module
 */

import type { StreamedBody } from "./_http1_request_body.ts";

/** What a request needs besides its URL, already defaulted. */
export interface RequestParts {
  method?: string;
  headers?: HeadersInit;
  body?: string | Uint8Array;
  /** A body written after the head, instead of `body`. */
  stream?: StreamedBody;
  /** Fields (lower-case names) sent unless the caller set the same name. */
  defaultHeaders?: [string, string][];
  /** Send the target as an absolute URL, as a proxy wants it. */
  absoluteForm?: boolean;
}

/** A request ready to write. */
export interface PreparedRequest {
  /** The normalized method. */
  method: string;
  /** The target. */
  url: URL;
  /** The head, and the body too when it is small. */
  bytes: Uint8Array;
  /** A large body, written after `bytes`. */
  body: Uint8Array | undefined;
  /** A streamed body, written after `bytes`. */
  stream: StreamedBody | undefined;
  /** The length announced for `stream`; `undefined` when it is chunked. */
  streamLength: number | undefined;
  /** Whether it may be sent again after a stale connection failed. */
  idempotent: boolean;
  /** Whether the request asked for `Connection: close`. */
  close: boolean;
  /** Names the request in messages: `GET http://host/path`. */
  describe(): string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_VALUE = /[\0\r\n]/;
const NOT_ASCII = /[^\0-\x7f]/;
const NOT_LATIN1 = /[^\0-\xff]/;
const NORMALIZED_METHODS = new Set([
  "DELETE",
  "GET",
  "HEAD",
  "OPTIONS",
  "POST",
  "PUT",
]);
const IDEMPOTENT_METHODS = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "TRACE",
  "PUT",
  "DELETE",
]);
/** Methods whose requests carry a body, so an empty one is announced. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
/** Bodies up to this size go out in the same write as the head. */
const COALESCE_BYTES = 64 * 1024;

const encoder = new TextEncoder();

/**
 * Parses and checks the URL of a request.
 *
 * @param input A URL or its text.
 * @returns The URL.
 * @throws {TypeError} When it is not an `http:`/`https:` URL without
 * credentials.
 */
export function parseTarget(input: string | URL): URL {
  const url = typeof input === "string" ? new URL(input) : new URL(input.href);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(
      `Cannot request "${url.href}": only http: and https: URLs are supported`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new TypeError(
      `Cannot request "${url.href}": the URL holds credentials, send an Authorization header instead`,
    );
  }
  return url;
}

/**
 * Checks a method and upper-cases the standard ones, as `fetch` does.
 *
 * @param method The method as given.
 * @returns The method to send.
 * @throws {TypeError} When it is not a token, or is `CONNECT`.
 */
export function normalizeMethod(method: string): string {
  if (!TOKEN.test(method)) {
    throw new TypeError(`Cannot send method "${method}": it is not a token`);
  }
  const upper = method.toUpperCase();
  if (upper === "CONNECT") {
    throw new TypeError(
      `Cannot send method "${method}": tunnels are not supported`,
    );
  }
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

/**
 * Builds the bytes of a request.
 *
 * @param url The parsed target.
 * @param parts Method, headers and body.
 * @returns The request, ready to write.
 * @throws {TypeError} On an invalid method, header name or value, or a
 * `Content-Length`/`Transfer-Encoding` the client cannot honour.
 */
export function prepareRequest(url: URL, parts: RequestParts): PreparedRequest {
  const method = normalizeMethod(parts.method ?? "GET");
  const body = typeof parts.body === "string"
    ? encoder.encode(parts.body)
    : parts.body;
  const stream = parts.stream;
  let streamLength = stream?.length;
  let head = parts.absoluteForm
    ? `${method} ${url.protocol}//${url.host}${url.pathname}${url.search} HTTP/1.1\r\n`
    : `${method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
  const defaults = parts.defaultHeaders;
  const given = defaults === undefined ? undefined : new Set<string>();
  let host: string | undefined;
  let close = false;
  let latin1 = false;
  const headers = parts.headers;
  if (headers !== undefined) {
    const pairs: Iterable<[string, string]> | [string, string][] =
      headers instanceof Headers || Array.isArray(headers)
        ? headers as Iterable<[string, string]>
        : Object.entries(headers);
    for (const pair of pairs) {
      if (pair.length !== 2) {
        throw new TypeError(
          `Cannot send header ${
            JSON.stringify(pair)
          }: it is not a name and a value`,
        );
      }
      const name = String(pair[0]);
      const value = String(pair[1]).replace(/^[\t ]+|[\t ]+$/g, "");
      checkHeader(name, value);
      if (NOT_ASCII.test(value)) latin1 = true;
      const lower = name.toLowerCase();
      given?.add(lower);
      if (lower === "host") {
        host = value;
        continue;
      }
      if (lower === "content-length") {
        if (stream !== undefined) {
          streamLength = checkStreamLength(value, stream.length);
          continue;
        }
        if (value !== String(body?.length ?? 0)) {
          throw new TypeError(
            `Cannot send header "Content-Length: ${value}": the body is ${
              body?.length ?? 0
            } bytes`,
          );
        }
        continue;
      }
      if (lower === "transfer-encoding") {
        throw new TypeError(
          `Cannot send header "Transfer-Encoding: ${value}": the client frames bodies with Content-Length`,
        );
      }
      if (lower === "connection" && /(?:^|,)\s*close\s*(?:,|$)/i.test(value)) {
        close = true;
      }
      head += `${name}: ${value}\r\n`;
    }
  }
  head = `${head}host: ${host ?? url.host}\r\n`;
  if (defaults !== undefined) {
    for (const [name, value] of defaults) {
      if (!given!.has(name)) head += `${name}: ${value}\r\n`;
    }
  }
  if (stream !== undefined) {
    head += streamLength === undefined
      ? "transfer-encoding: chunked\r\n\r\n"
      : `content-length: ${streamLength}\r\n\r\n`;
  } else if (body !== undefined) {
    head += `content-length: ${body.length}\r\n\r\n`;
  } else if (BODY_METHODS.has(method)) {
    head += "content-length: 0\r\n\r\n";
  } else {
    head += "\r\n";
  }
  const headBytes = latin1 ? encodeLatin1(head) : encoder.encode(head);
  let bytes = headBytes;
  let rest: Uint8Array | undefined;
  if (body !== undefined && body.length > 0) {
    if (body.length <= COALESCE_BYTES) {
      bytes = new Uint8Array(headBytes.length + body.length);
      bytes.set(headBytes);
      bytes.set(body, headBytes.length);
    } else {
      rest = body;
    }
  }
  return {
    method,
    url,
    bytes,
    body: rest,
    stream,
    streamLength,
    // A caller's stream is read once: it is never sent again.
    idempotent: IDEMPOTENT_METHODS.has(method) &&
      (stream === undefined || stream.replayable),
    close,
    describe: () => `${method} ${url.href}`,
  };
}

function checkStreamLength(value: string, known: number | undefined): number {
  if (
    !/^\d+$/.test(value) || (known !== undefined && Number(value) !== known)
  ) {
    throw new TypeError(
      `Cannot send header "Content-Length: ${value}": ${
        known === undefined
          ? "it is not a decimal number"
          : `the body is ${known} bytes`
      }`,
    );
  }
  return Number(value);
}

function checkHeader(name: string, value: string): void {
  if (!TOKEN.test(name)) {
    throw new TypeError(
      `Cannot send header name ${JSON.stringify(name)}: it is not a token`,
    );
  }
  if (FORBIDDEN_VALUE.test(value)) {
    throw new TypeError(
      `Cannot send header "${name}" with value ${
        JSON.stringify(value)
      }: it holds CR, LF or NUL`,
    );
  }
  if (NOT_LATIN1.test(value)) {
    throw new TypeError(
      `Cannot send header "${name}" with value ${
        JSON.stringify(value)
      }: it holds a character above U+00FF`,
    );
  }
}

function encodeLatin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    bytes[index] = text.charCodeAt(index);
  }
  return bytes;
}
