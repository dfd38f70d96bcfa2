/**
 * `fetchUrl`: `fetch` with a timeout, a size limit and Python-style errors.
 *
 * @module
 */

import {
  isPermissionRefusal,
  REASON_TEXT,
  transportReason,
} from "./_fetch_errors.ts";
import { HTTPError } from "./http_error.ts";
import { urlencode } from "./urlencode.ts";
import { URLError, type URLErrorCode } from "./url_error.ts";

/**
 * A request body: text or bytes (sent as `application/x-www-form-urlencoded`
 * unless a `content-type` header says otherwise, as Python's `urlopen` sends
 * its `data`), or form fields.
 */
export type FetchUrlBody =
  | string
  | Uint8Array
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[]>>;

/** Options for {@linkcode fetchUrl}. */
export interface FetchUrlOptions {
  /**
   * The HTTP method.
   *
   * @default {"GET", or "POST" when there is a body}
   */
  method?: string;
  /** Request headers. */
  headers?: HeadersInit;
  /**
   * The body: a string (sent as UTF-8), bytes, or a record or
   * `URLSearchParams` sent as a form (several values per key allowed).
   * Every kind goes with `content-type: application/x-www-form-urlencoded`
   * unless `headers` has one, as Python's `urlopen(url, data)` sends it.
   */
  body?: FetchUrlBody;
  /** The body under Python's name: `urlopen(url, data)`. Give `body` or `data`, not both. */
  data?: FetchUrlBody;
  /**
   * Milliseconds for the whole exchange, body included; `Infinity` for none.
   *
   * @default {30000}
   */
  timeout?: number;
  /** Aborts the fetch; the error's reason is then `"aborted"`. */
  signal?: AbortSignal;
  /**
   * The most body bytes read; past it the body stream is cancelled and a
   * `URLError` with reason `"too-large"` is thrown.
   *
   * @default {16777216} (16 MiB)
   */
  maxBytes?: number;
  /**
   * How many body bytes of an error response go into `HTTPError.bodyPreview`.
   *
   * @default {1024}
   */
  previewBytes?: number;
  /**
   * How many body bytes of an error response are read for
   * `HTTPError.read()` and `text()`; past it the rest is cancelled and
   * `bodyTruncated` is set.
   *
   * @default {65536}
   */
  errorBodyBytes?: number;
  /**
   * Called as the body of a successful response streams in, after each
   * piece, with the bytes read so far and the total announced by
   * `content-length` (`undefined` when there is none, or when the body is
   * content-encoded and so decoded to another length), as the `reporthook`
   * of Python's `urlretrieve`.
   */
  onProgress?: (received: number, total: number | undefined) => void;
}

/** What {@linkcode fetchUrl} returns: the response with its body read. */
export interface FetchUrlResponse {
  /** The status code, 100 to 399 (error statuses throw). */
  readonly status: number;
  /** The status text. */
  readonly statusText: string;
  /** The URL of the response, after redirects. */
  readonly url: string;
  /** Whether a redirect was followed. */
  readonly redirected: boolean;
  /** The response headers. */
  readonly headers: Headers;
  /** The whole body. */
  readonly body: Uint8Array;
  /** The body decoded as UTF-8 (invalid bytes become U+FFFD). */
  text(): string;
  /** The body parsed as JSON. */
  json(): unknown;
}

const DEFAULT_TIMEOUT = 30_000;
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_PREVIEW_BYTES = 1024;
const DEFAULT_ERROR_BODY_BYTES = 64 * 1024;
const FORM = "application/x-www-form-urlencoded";

function checkLimit(name: string, value: number): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new RangeError(
      `Cannot use ${name} ${String(value)}: it must be a number of 0 or more`,
    );
  }
  return value;
}

function requestBody(
  body: FetchUrlBody | undefined,
  headers: Headers,
): BodyInit | undefined {
  if (body === undefined) return undefined;
  // Python's urlopen sends data with this type unless told otherwise.
  if (!headers.has("content-type")) headers.set("content-type", FORM);
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return body as BodyInit;
  if (body instanceof URLSearchParams) return body.toString();
  return urlencode(body, { doseq: true });
}

/** Reads at most `limit` bytes; returns them and whether there were more. */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  limit: number,
  onRead?: (received: number) => void,
): Promise<{ bytes: Uint8Array; more: boolean }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return { bytes: await joined(chunks, total), more: false };
      if (total + value.length > limit) {
        chunks.push(value.subarray(0, limit - total));
        total = limit;
        await reader.cancel();
        return { bytes: await joined(chunks, total), more: true };
      }
      chunks.push(value);
      total += value.length;
      onRead?.(total);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/** The chunks as one array; a single whole chunk is returned as it is. */
async function joined(
  chunks: Uint8Array[],
  total: number,
): Promise<Uint8Array> {
  if (chunks.length === 1 && chunks[0]!.length === total) return chunks[0]!;
  // A response body's chunks are never backed by shared memory.
  const parts = chunks as Uint8Array<ArrayBuffer>[];
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

/**
 * Fetches a URL and reads its body, with the failure modes made explicit:
 * a `timeout` over the whole exchange, a `maxBytes` limit enforced while the
 * body streams in (the stream is cancelled past it), and errors shaped as
 * Python's `urllib.error`: an {@linkcode HTTPError} for a status of 400 or
 * more (with `code`, `reason`, `headers` and the body, read up to
 * `errorBodyBytes`), a {@linkcode URLError} whose `reason` is the cause and
 * whose `code` says why in a word (`refused`, `dns`, `timeout`, `tls`,
 * `aborted`, `too-large`, `network`) for everything else. As Python's
 * `urlopen`, it POSTs when there is a body (`body`, or `data`) and sends it
 * as `application/x-www-form-urlencoded` unless a `content-type` header is
 * given. Redirects are followed. Every body is consumed or cancelled before
 * it returns or throws.
 *
 * @param url The absolute URL to fetch.
 * @param options Method, headers, body, timeout, signal and size limits.
 * @returns The status, headers and the whole body.
 * @throws {HTTPError} When the status is 400 or more.
 * @throws {URLError} When the request fails, times out, is aborted or the body is larger than `maxBytes`.
 * @throws {TypeError} When `url` is not a valid absolute URL, or the request is invalid (a bad method or header, a body with `GET`).
 * @throws {RangeError} When `timeout`, `maxBytes`, `previewBytes` or `errorBodyBytes` is negative or not a number.
 *
 * @example Usage
 * ```ts
 * import { fetchUrl, HTTPError } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   (request) => new URL(request.url).pathname === "/"
 *     ? new Response("hello")
 *     : new Response("no such page", { status: 404 }),
 * );
 * const base = `http://127.0.0.1:${server.addr.port}`;
 * const response = await fetchUrl(`${base}/`, { timeout: 5000 });
 * assert.equal(response.status, 200);
 * assert.equal(response.text(), "hello");
 * await assert.rejects(fetchUrl(`${base}/missing`), (error) => {
 *   assert.ok(error instanceof HTTPError);
 *   assert.equal(error.code, 404);
 *   assert.equal(error.reason, "Not Found");
 *   assert.equal(error.text(), "no such page");
 *   return true;
 * });
 * ```
 */
export async function fetchUrl(
  url: string | URL,
  options: FetchUrlOptions = {},
): Promise<FetchUrlResponse> {
  let href: string;
  try {
    href = new URL(url).href;
  } catch (error) {
    throw new TypeError(
      `Cannot fetch "${String(url)}": it is not a valid URL`,
      {
        cause: error,
      },
    );
  }
  const timeout = checkLimit("timeout", options.timeout ?? DEFAULT_TIMEOUT);
  const maxBytes = checkLimit(
    "maxBytes",
    options.maxBytes ?? DEFAULT_MAX_BYTES,
  );
  const previewBytes = checkLimit(
    "previewBytes",
    options.previewBytes ?? DEFAULT_PREVIEW_BYTES,
  );
  const errorBodyBytes = checkLimit(
    "errorBodyBytes",
    options.errorBodyBytes ?? DEFAULT_ERROR_BODY_BYTES,
  );
  if (options.body !== undefined && options.data !== undefined) {
    throw new TypeError(
      `Cannot fetch "${href}": give the body as body or as data, not both`,
    );
  }
  const headers = new Headers(options.headers);
  const body = requestBody(options.body ?? options.data, headers);
  const method = options.method ?? (body === undefined ? "GET" : "POST");

  const controller = new AbortController();
  let request: Request;
  try {
    // Built before any timer starts: a bad method, header or a body on a GET
    // is the caller's mistake, not a network failure.
    request = new Request(href, {
      method,
      headers,
      body,
      signal: controller.signal,
    });
  } catch (error) {
    throw new TypeError(
      `Cannot fetch "${href}": ${(error as Error).message}`,
      { cause: error },
    );
  }
  let timedOut = false;
  const timer = Number.isFinite(timeout)
    ? setTimeout(() => {
      timedOut = true;
      controller.abort(
        new DOMException(`Timed out after ${timeout} ms`, "TimeoutError"),
      );
    }, timeout)
    : undefined;
  const signal = options.signal;
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });

  const fail = (code: URLErrorCode, cause?: unknown): URLError =>
    new URLError(`Cannot fetch "${href}": ${REASON_TEXT[code]}`, {
      code,
      url: href,
      cause,
    });
  const failure = (error: unknown): unknown => {
    if (error instanceof URLError) return error;
    if (timedOut) return fail("timeout", error);
    if (controller.signal.aborted) {
      const why = signal?.reason;
      const isTimeout = why instanceof DOMException &&
        why.name === "TimeoutError";
      return fail(isTimeout ? "timeout" : "aborted", error);
    }
    // Deno's refusals, by name: `Deno.errors` exists on Deno alone.
    if (isPermissionRefusal(error)) return error;
    return fail(transportReason(error), error);
  };

  try {
    const response = await fetch(request);
    const stream = response.body;
    if (response.status >= 400) {
      let read: { bytes: Uint8Array; more: boolean } = {
        bytes: new Uint8Array(0),
        more: false,
      };
      if (stream !== null) {
        read = await readAtMost(stream, Math.max(errorBodyBytes, previewBytes))
          .catch(() => read);
      }
      const body = read.bytes.subarray(0, errorBodyBytes);
      throw new HTTPError({
        url: response.url || href,
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body,
        bodyTruncated: read.more || body.length < read.bytes.length,
        bodyPreview: new TextDecoder().decode(
          read.bytes.subarray(0, previewBytes),
        ),
      });
    }
    let bytes: Uint8Array = new Uint8Array(0);
    if (stream !== null) {
      const declared = Number(response.headers.get("content-length") ?? "0");
      if (declared > maxBytes) {
        await stream.cancel();
        throw fail("too-large");
      }
      const onProgress = options.onProgress;
      // fetch decodes a content-encoded body: its length is not the header's.
      const total = response.headers.has("content-length") &&
          !response.headers.has("content-encoding")
        ? declared
        : undefined;
      const read = await readAtMost(
        stream,
        maxBytes,
        onProgress && ((received) => onProgress(received, total)),
      );
      if (read.more) throw fail("too-large");
      bytes = read.bytes;
    }
    return Object.freeze({
      status: response.status,
      statusText: response.statusText,
      url: response.url || href,
      redirected: response.redirected,
      headers: response.headers,
      body: bytes,
      text: () => new TextDecoder().decode(bytes),
      json: (): unknown => JSON.parse(new TextDecoder().decode(bytes)),
    });
  } catch (error) {
    throw failure(error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
