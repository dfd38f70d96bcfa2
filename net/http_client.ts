/**
 * The raw HTTP/1.1 client with a keep-alive pool per origin, on
 * `Deno.connect` and `Deno.connectTls`: the classic "HTTP GET over a raw
 * socket", made correct and faster than `fetch`.
 *
 * @module
 */

import {
  BodyArena,
  BORROWED_BODY,
  type BorrowingResponseInit,
} from "./_borrowed_body.ts";
import {
  ACCEPT_ENCODING,
  contentCodings,
  decodeBody,
  decodeBytes,
} from "./_decompress.ts";
import { Http1Clock, Http1Deadline } from "./_http1_deadline.ts";
import { type ExchangeLimits, Http1Exchange } from "./_http1_exchange.ts";
import { Http1Pool, type PoolTarget } from "./_http1_pool.ts";
import { encodeBody, type EncodedBody } from "./_http1_request_body.ts";
import {
  parseTarget,
  type PreparedRequest,
  prepareRequest,
} from "./_http1_request_head.ts";
import {
  connectTunnel,
  parseProxy,
  type ProxyRoute,
  resolveProxy,
} from "./_proxy.ts";
import {
  checkRedirectOptions,
  findField,
  isRedirectStatus,
  planRedirect,
} from "./_redirect.ts";
import { HttpRedirectError } from "./http_redirect_error.ts";
import type { HttpRequestInit } from "./http_request.ts";
import { HttpResponse } from "./http_response.ts";
import { HttpStreamResponse } from "./http_stream_response.ts";

/** Defaults for every request of an {@linkcode HttpClient}. */
export interface HttpClientOptions {
  /**
   * Milliseconds a request may take, from connecting to the last byte of the
   * body (also when streamed); `Infinity` for no limit. Default 300 000
   * (five minutes, undici's header and body timeouts).
   */
  timeout?: number;
  /** The most bytes a response head, or its trailers, may take. Default 16 KiB. */
  maxHeaderBytes?: number;
  /** The most bytes a body may take. Default `Infinity`. */
  maxBodyBytes?: number;
  /** Extra root certificates (PEM) trusted for https. Default none. */
  caCerts?: string[];
  /**
   * Milliseconds an idle connection is kept for reuse, capped by the
   * server's `Keep-Alive: timeout`; 0 disables keep-alive. Default 4 000
   * (undici's).
   */
  keepAliveTimeout?: number;
  /** The most connections open to one origin at once. Default `Infinity`. */
  maxConnectionsPerOrigin?: number;
  /** The most interim (1xx) responses skipped per request. Default 10. */
  maxInterimResponses?: number;
  /**
   * What to do with redirects: `"follow"`, `"manual"` or `"error"`, as
   * `HttpRequestInit.redirect` says. Default `"follow"`.
   */
  redirect?: "follow" | "manual" | "error";
  /** The most redirects followed. Default 20 (as `fetch`). */
  maxRedirects?: number;
  /** Whether to ask for and decode compressed bodies. Default `true`. */
  decompress?: boolean;
  /**
   * An `http:` proxy URL, or `"env"` for `HTTP_PROXY`/`HTTPS_PROXY`/
   * `NO_PROXY`, as `HttpRequestInit.proxy` says. Default none.
   */
  proxy?: string | URL;
}

const DEFAULTS: Required<
  Omit<
    HttpClientOptions,
    "caCerts" | "redirect" | "maxRedirects" | "decompress" | "proxy"
  >
> = {
  timeout: 300_000,
  maxHeaderBytes: 16 * 1024,
  maxBodyBytes: Infinity,
  keepAliveTimeout: 4_000,
  maxConnectionsPerOrigin: Infinity,
  maxInterimResponses: 10,
};

/** How many prepared requests a client caches. */
const PREPARED_CACHE_SIZE = 64;

/** Bytes of body a cancelled stream reads on to keep its connection alive. */
const DRAIN_BYTES = 64 * 1024;

/** The most redirects followed unless told otherwise, as in `fetch`. */
const DEFAULT_MAX_REDIRECTS = 20;

/**
 * An HTTP/1.1 client that keeps connections alive, a pool per origin. It
 * parses responses as strictly as llhttp (Node's parser): a malformed one
 * rejects with {@linkcode HttpProtocolError} and its connection is closed,
 * never reused. A GET, HEAD, OPTIONS, PUT or DELETE that fails because the
 * server had closed a reused connection is sent again once on a new one
 * (unless its body is a `ReadableStream`, which can be read only once).
 * Redirects are followed, and gzip, deflate and br bodies decoded, as
 * `fetch` does; a `proxy` may be set.
 *
 * @example Usage
 * ```ts
 * import { HttpClient } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   () => new Response("hello"),
 * );
 * await using client = new HttpClient();
 * const url = `http://127.0.0.1:${server.addr.port}/`;
 * const first = await client.request(url);
 * const second = await client.request(url, { method: "POST", body: "x" });
 * assert.equal(first.status, 200);
 * assert.equal(second.text(), "hello");
 * ```
 *
 * @example A form, a redirect and a gzip body
 * ```ts
 * import { HttpClient } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * await using server = Deno.serve(
 *   { hostname: "127.0.0.1", port: 0, onListen() {} },
 *   async (request) => {
 *     if (request.method === "POST") {
 *       const form = await request.formData();
 *       return Response.redirect(`${request.url}?name=${form.get("name")}`, 303);
 *     }
 *     const name = new URL(request.url).searchParams.get("name");
 *     const gzip = new Blob([`hello ${name}`]).stream()
 *       .pipeThrough(new CompressionStream("gzip"));
 *     return new Response(gzip, { headers: { "content-encoding": "gzip" } });
 *   },
 * );
 * await using client = new HttpClient();
 * const response = await client.request(`http://127.0.0.1:${server.addr.port}/`, {
 *   method: "POST",
 *   body: new URLSearchParams({ name: "ada" }),
 * });
 * assert.equal(response.redirected, true);
 * assert.equal(response.text(), "hello ada");
 * ```
 */
export class HttpClient implements AsyncDisposable {
  #options: HttpClientOptions;
  #pools = new Map<string, Http1Pool>();
  #caCertIds = new WeakMap<string[], number>();
  #nextCaCertId = 1;
  #closed = false;
  #clock = new Http1Clock();
  #limits: ExchangeLimits;
  #prepared = new Map<string, { request: PreparedRequest; pool: Http1Pool }>();
  /** Prepared GETs with no method given, keyed by the URL string alone. */
  #preparedGets = new Map<
    string,
    { request: PreparedRequest; pool: Http1Pool }
  >();
  #decompress: boolean;
  #arena = new BodyArena();

  /**
   * Makes a client; it opens no connection until the first request.
   *
   * @param options Defaults for every request.
   * @throws {TypeError} When a limit is not a number, `timeout` is NaN, or
   *   on a bad `redirect` mode or proxy URL.
   * @throws {RangeError} When a limit is negative or NaN.
   */
  constructor(options: HttpClientOptions = {}) {
    checkLimits(options);
    checkRedirectOptions(options.redirect, options.maxRedirects);
    if (options.proxy !== undefined && options.proxy !== "env") {
      parseProxy(options.proxy);
    }
    this.#options = options;
    this.#decompress = options.decompress ?? true;
    this.#limits = {
      maxHeaderBytes: options.maxHeaderBytes ?? DEFAULTS.maxHeaderBytes,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
      maxInterimResponses: options.maxInterimResponses ??
        DEFAULTS.maxInterimResponses,
      keepAliveTimeout: options.keepAliveTimeout ?? DEFAULTS.keepAliveTimeout,
    };
  }

  /**
   * Sends a request and reads the whole response.
   *
   * @param url An `http:` or `https:` URL.
   * @param init Method, headers, body, limits, timeout and signal.
   * @returns The response, body read.
   * @throws {TypeError} On a bad URL, method, header or body type, or a
   * closed client.
   * @throws {RangeError} When a stream body's length differs from its
   * `Content-Length`.
   * @throws {HttpProtocolError} When the response is malformed, too large
   * (decoded), or does not decode.
   * @throws {HttpRedirectError} On too many redirects, a redirect under
   * `redirect: "error"`, or a bad `Location`.
   * @throws {HttpProxyError} When the proxy refuses a tunnel.
   * @throws {DOMException} `TimeoutError` after `timeout`, or the signal's
   * reason when it aborts.
   * @throws {Deno.errors.ConnectionRefused} And the other network errors.
   */
  async request(
    url: string | URL,
    init: HttpRequestInit = {},
  ): Promise<HttpResponse> {
    let exchange = await this.#start(url, init);
    let redirected = false;
    if (isRedirectStatus(exchange.head.status)) {
      ({ exchange, redirected } = await this.#follow(exchange, init));
    }
    const { head, reader } = exchange;
    let body: Uint8Array;
    try {
      const read = reader.readAll(this.#arena);
      body = read instanceof Uint8Array ? read : await read;
    } catch (error) {
      throw exchange.fail(error);
    }
    exchange.finish();
    let borrowed = reader.borrowed;
    if (body.length > 0 && (init.decompress ?? this.#decompress)) {
      const codings = contentCodings(head.fields);
      if (codings !== undefined) {
        const decoded = await decodeBytes(
          body,
          codings,
          this.#maxBodyBytes(init),
        );
        // Decoders write fresh arrays; only bytes passed through are borrowed.
        if (decoded !== body) borrowed = false;
        body = decoded;
      }
    }
    const response: BorrowingResponseInit = {
      status: head.status,
      statusText: head.statusText,
      httpVersion: head.httpVersion,
      url: exchange.request.url.href,
      redirected,
      headers: head.fields,
      trailers: reader.trailers,
    };
    // A small body sits in the client's arena: the response copies it out
    // only if its `body` is read.
    if (borrowed) response[BORROWED_BODY] = body;
    else response.body = body;
    return new HttpResponse(response);
  }

  /**
   * Sends a request and returns as soon as the response head has arrived,
   * with the body as a stream. The connection goes back to the pool once
   * the body has been read to the end or cancelled; the `timeout` keeps
   * running until then.
   *
   * @param url An `http:` or `https:` URL.
   * @param init Method, headers, body, limits, timeout and signal.
   * @returns The response, body unread.
   * @throws {TypeError} On a bad URL, method, header or body type, or a
   * closed client.
   * @throws {HttpRedirectError} On too many redirects, a redirect under
   * `redirect: "error"`, or a bad `Location`.
   * @throws {HttpProxyError} When the proxy refuses a tunnel.
   * @throws {HttpProtocolError} When the response head is malformed; the
   * stream errors with one when the body is.
   *
   * @example Streaming a large body
   * ```ts
   * import { HttpClient } from "@wirework/wirework/net";
   * import assert from "node:assert/strict";
   *
   * await using server = Deno.serve(
   *   { hostname: "127.0.0.1", port: 0, onListen() {} },
   *   () => new Response(new Uint8Array(1 << 20)),
   * );
   * await using client = new HttpClient();
   * const response = await client.stream(`http://127.0.0.1:${server.addr.port}/`);
   * let total = 0;
   * for await (const piece of response.body) total += piece.length;
   * assert.equal(total, 1 << 20);
   * ```
   */
  async stream(
    url: string | URL,
    init: HttpRequestInit = {},
  ): Promise<HttpStreamResponse> {
    let first = await this.#start(url, init);
    let redirected = false;
    if (isRedirectStatus(first.head.status)) {
      ({ exchange: first, redirected } = await this.#follow(first, init));
    }
    const exchange = first;
    const { head, reader } = exchange;
    const trailers = new Headers();
    const finish = (): void => {
      for (const [name, value] of reader.trailers) trailers.append(name, value);
      exchange.finish();
    };
    let body: ReadableStream<Uint8Array>;
    if (reader.done) {
      finish();
      body = new ReadableStream({ start: (controller) => controller.close() });
    } else {
      body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            if (await reader.next()) {
              controller.enqueue(
                exchange.connectionBuffer.slice(
                  reader.pieceStart,
                  reader.pieceEnd,
                ),
              );
            } else {
              finish();
              controller.close();
            }
          } catch (error) {
            controller.error(exchange.fail(error));
          }
        },
        async cancel() {
          await drainAndRelease(exchange, finish);
        },
      }, { highWaterMark: 0 });
      if (init.decompress ?? this.#decompress) {
        const codings = contentCodings(head.fields);
        if (codings !== undefined) {
          body = decodeBody(body, codings, this.#maxBodyBytes(init));
        }
      }
    }
    return new HttpStreamResponse({
      status: head.status,
      statusText: head.statusText,
      httpVersion: head.httpVersion,
      url: exchange.request.url.href,
      redirected,
      headers: head.fields,
      body,
      trailers,
    });
  }

  /**
   * Closes the idle connections and refuses new requests; requests in
   * flight finish, then close their connections.
   */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    const reason = new TypeError(
      "Cannot send the request: the client is closed",
    );
    const closing = [...this.#pools.values()].map((pool) => pool.close(reason));
    this.#pools.clear();
    this.#prepared.clear();
    this.#preparedGets.clear();
    this.#clock.close();
    return Promise.all(closing).then(() => {});
  }

  /** Closes the client, as {@linkcode HttpClient.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * How many connections the client holds open, idle or busy; for tests and
   * monitoring.
   *
   * @returns The count, over every origin.
   */
  openConnections(): number {
    let open = 0;
    for (const pool of this.#pools.values()) open += pool.open;
    return open;
  }

  #start(
    url: string | URL,
    init: HttpRequestInit,
  ): Promise<Http1Exchange> {
    if (this.#closed) {
      throw new TypeError("Cannot send the request: the client is closed");
    }
    checkLimits(init);
    if (init.redirect !== undefined || init.maxRedirects !== undefined) {
      checkRedirectOptions(init.redirect, init.maxRedirects);
    }
    const body = init.body;
    if (
      body === undefined || typeof body === "string" ||
      body instanceof Uint8Array
    ) {
      return this.#send(url, init, undefined);
    }
    const encoded = encodeBody(body);
    return encoded instanceof Promise
      ? encoded.then((ready) => this.#send(url, init, ready))
      : this.#send(url, init, encoded);
  }

  #send(
    url: string | URL,
    init: HttpRequestInit,
    encoded: EncodedBody | undefined,
  ): Promise<Http1Exchange> {
    const { request, pool } = this.#prepare(url, init, encoded);
    const options = this.#options;
    const limits = init.maxHeaderBytes === undefined &&
        init.maxBodyBytes === undefined
      ? this.#limits
      : {
        ...this.#limits,
        maxHeaderBytes: init.maxHeaderBytes ?? this.#limits.maxHeaderBytes,
        maxBodyBytes: init.maxBodyBytes ?? this.#limits.maxBodyBytes,
      };
    const deadline = new Http1Deadline(
      this.#clock,
      init.timeout ?? options.timeout ?? DEFAULTS.timeout,
      init.signal,
      request,
    );
    return Http1Exchange.start(pool, request, deadline, limits);
  }

  #maxBodyBytes(init: HttpRequestInit): number {
    return init.maxBodyBytes ?? this.#limits.maxBodyBytes;
  }

  /**
   * Follows the redirects that start with `first`, reading and releasing
   * each redirect response on the way. The time limit covers the chain.
   */
  async #follow(
    first: Http1Exchange,
    init: HttpRequestInit,
  ): Promise<{ exchange: Http1Exchange; redirected: boolean }> {
    const mode = init.redirect ?? this.#options.redirect ?? "follow";
    if (mode === "manual") return { exchange: first, redirected: false };
    const maxRedirects = init.maxRedirects ?? this.#options.maxRedirects ??
      DEFAULT_MAX_REDIRECTS;
    let exchange = first;
    let current = init;
    let redirects = 0;
    while (isRedirectStatus(exchange.head.status)) {
      const { head, request } = exchange;
      const location = findField(head.fields, "location");
      if (mode === "error") {
        await drainAndRelease(exchange);
        throw new HttpRedirectError(
          "REDIRECT_REFUSED",
          `Cannot follow the redirect from "${request.url.href}" to "${
            location ?? ""
          }": redirect is "error"`,
          {
            status: head.status,
            url: request.url.href,
            location: location ?? "",
            redirects,
          },
        );
      }
      if (location === undefined) break;
      let plan;
      try {
        plan = planRedirect(
          head.status,
          location,
          request.url,
          request.method,
          current,
          redirects,
          maxRedirects,
          request.stream === undefined || request.stream.replayable,
        );
      } catch (error) {
        await drainAndRelease(exchange);
        throw error;
      }
      if (plan.kind === "return") break;
      await drainAndRelease(exchange);
      const remaining = exchange.deadline.expiresAt - performance.now();
      current = { ...plan.init, timeout: Math.max(0, remaining) };
      exchange = await this.#start(plan.url, current);
      redirects++;
    }
    return { exchange, redirected: redirects > 0 };
  }

  /**
   * Builds the request bytes and finds the pool. A request with no headers,
   * body or own certificates is the same bytes every time: those are cached
   * per method and URL, which saves parsing the URL again.
   */
  #prepare(
    url: string | URL,
    init: HttpRequestInit,
    encoded: EncodedBody | undefined,
  ): { request: PreparedRequest; pool: Http1Pool } {
    const cacheable = typeof url === "string" && init.headers === undefined &&
      init.body === undefined && init.caCerts === undefined &&
      init.decompress === undefined && init.proxy === undefined;
    // A GET with no method given is keyed by the URL string itself, which
    // saves building (and hashing) a key string on every request.
    const cache = init.method === undefined
      ? this.#preparedGets
      : this.#prepared;
    const key = !cacheable
      ? ""
      : init.method === undefined
      ? url
      : `${init.method} ${url}`;
    if (cacheable) {
      const cached = cache.get(key);
      if (cached !== undefined && !cached.pool.closed) return cached;
    }
    const target = parseTarget(url);
    const proxy = init.proxy ?? this.#options.proxy;
    const route = proxy === undefined ? undefined : resolveProxy(proxy, target);
    const viaProxy = route !== undefined && target.protocol === "http:";
    const defaultHeaders: [string, string][] = [];
    if (init.decompress ?? this.#decompress) {
      defaultHeaders.push(["accept-encoding", ACCEPT_ENCODING]);
    }
    if (encoded?.contentType !== undefined) {
      defaultHeaders.push(["content-type", encoded.contentType]);
    }
    if (viaProxy && route.authorization !== undefined) {
      defaultHeaders.push(["proxy-authorization", route.authorization]);
    }
    const request = prepareRequest(target, {
      method: init.method,
      headers: init.headers,
      body: encoded === undefined
        ? init.body as string | Uint8Array | undefined
        : encoded.bytes,
      stream: encoded?.stream,
      defaultHeaders,
      absoluteForm: viaProxy,
    });
    const pool = this.#poolFor(
      target,
      init.caCerts ?? this.#options.caCerts,
      route,
    );
    const prepared = { request, pool };
    if (cacheable) {
      if (cache.size >= PREPARED_CACHE_SIZE) cache.clear();
      cache.set(key, prepared);
    }
    return prepared;
  }

  #poolFor(
    url: URL,
    caCerts: string[] | undefined,
    route: ProxyRoute | undefined,
  ): Http1Pool {
    const tls = url.protocol === "https:";
    const port = url.port === "" ? (tls ? 443 : 80) : Number(url.port);
    if (route !== undefined && !tls) {
      // Plain requests to every origin share the proxy's connections.
      return this.#pool(`proxy ${route.origin}`, {
        hostname: route.hostname,
        port: route.port,
        tls: false,
        caCerts: undefined,
      });
    }
    let key = `${url.protocol}//${url.hostname}:${port}`;
    if (tls && caCerts !== undefined) {
      let id = this.#caCertIds.get(caCerts);
      if (id === undefined) {
        id = this.#nextCaCertId++;
        this.#caCertIds.set(caCerts, id);
      }
      key += `#ca${id}`;
    }
    const hostname = url.hostname.startsWith("[")
      ? url.hostname.slice(1, -1)
      : url.hostname;
    if (route !== undefined) {
      key += ` via ${route.origin} ${route.authorization ?? ""}`;
      return this.#pool(key, {
        hostname,
        port,
        tls,
        caCerts,
        connect: (deadline) =>
          connectTunnel(route, hostname, port, caCerts, deadline),
      });
    }
    return this.#pools.get(key) ??
      this.#pool(key, { hostname, port, tls, caCerts });
  }

  #pool(key: string, target: PoolTarget): Http1Pool {
    let pool = this.#pools.get(key);
    if (pool === undefined) {
      pool = new Http1Pool(
        key,
        target,
        this.#options.maxConnectionsPerOrigin ??
          DEFAULTS.maxConnectionsPerOrigin,
      );
      this.#pools.set(key, pool);
    }
    return pool;
  }
}

/**
 * Reads a little of an unwanted body so that its connection can be reused,
 * then gives the connection back, or closes it when too much is left.
 */
async function drainAndRelease(
  exchange: Http1Exchange,
  finish: () => void = () => exchange.finish(),
): Promise<void> {
  const { reader } = exchange;
  try {
    if (exchange.framing.kind !== "close") {
      let drained = 0;
      while (drained <= DRAIN_BYTES && await reader.next()) {
        drained += reader.pieceEnd - reader.pieceStart;
      }
    }
    if (reader.done) finish();
    else exchange.fail(undefined);
  } catch (error) {
    exchange.fail(error);
  }
}

/**
 * Checks the limits of a client or a request. Each option is read by name,
 * not in a loop over names: a request's options are checked on every
 * request, and named reads stay fast where a loop's keyed reads do not.
 */
function checkLimits(options: HttpClientOptions): void {
  if (options.timeout !== undefined) checkLimit("timeout", options.timeout);
  if (options.maxHeaderBytes !== undefined) {
    checkLimit("maxHeaderBytes", options.maxHeaderBytes);
  }
  if (options.maxBodyBytes !== undefined) {
    checkLimit("maxBodyBytes", options.maxBodyBytes);
  }
  if (options.keepAliveTimeout !== undefined) {
    checkLimit("keepAliveTimeout", options.keepAliveTimeout);
  }
  if (options.maxConnectionsPerOrigin !== undefined) {
    checkLimit("maxConnectionsPerOrigin", options.maxConnectionsPerOrigin);
  }
  if (options.maxInterimResponses !== undefined) {
    checkLimit("maxInterimResponses", options.maxInterimResponses);
  }
  if (options.maxConnectionsPerOrigin === 0) {
    throw new RangeError(
      "Cannot use maxConnectionsPerOrigin 0: it must be 1 or more",
    );
  }
}

function checkLimit(name: string, value: unknown): void {
  if (
    typeof value !== "number" || (name === "timeout" && Number.isNaN(value))
  ) {
    throw new TypeError(
      `Cannot use ${name} ${
        typeof value === "string" ? JSON.stringify(value) : String(value)
      }: it must be a number${
        name === "timeout" ? " of milliseconds, or Infinity" : ""
      }`,
    );
  }
  if (!(value >= 0)) {
    throw new RangeError(
      `Cannot use ${name} ${value}: it must be a number of 0 or more`,
    );
  }
}
