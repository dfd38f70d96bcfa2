/**
 * Requests through an HTTP proxy: which proxy a URL goes through (the one
 * given, or `HTTP_PROXY`/`HTTPS_PROXY` unless `NO_PROXY` lists the host, as
 * curl and Python's `requests` read them), the `Proxy-Authorization` made
 * from the proxy URL's credentials, and the `CONNECT` tunnel that https
 * requests go through. Plain http requests need no tunnel: they go to the
 * proxy with the target in absolute form.
 *
 * @module
 */

import type { Http1Deadline } from "./_http1_deadline.ts";
import { HttpProxyError } from "./http_proxy_error.ts";

/** A `proxy` option: a proxy URL, or `"env"` to read the environment. */
export type ProxySetting = string | URL;

/** The proxy a request goes through. */
export interface ProxyRoute {
  /** Proxy host name or IP address, IPv6 without brackets. */
  hostname: string;
  /** Proxy port. */
  port: number;
  /** `http://host:port` of the proxy, without credentials. */
  origin: string;
  /** The `Proxy-Authorization` value, when the URL held credentials. */
  authorization: string | undefined;
}

/** The most bytes of a `CONNECT` answer's head. */
const MAX_CONNECT_HEAD_BYTES = 16 * 1024;

const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/**
 * Finds the proxy for a request.
 *
 * @param setting The `proxy` option, if any.
 * @param target The request's URL.
 * @param env Reads an environment variable (for tests).
 * @returns The route, or `undefined` to connect directly.
 * @throws {TypeError} When the proxy URL is not an `http:` URL.
 */
export function resolveProxy(
  setting: ProxySetting | undefined,
  target: URL,
  env: (name: string) => string | undefined = readEnv,
): ProxyRoute | undefined {
  if (setting === undefined) return undefined;
  if (setting === "env") {
    const found = proxyFromEnv(target, env);
    return found === undefined ? undefined : parseProxy(found);
  }
  return parseProxy(setting);
}

/**
 * Reads the proxy for a URL from the environment: `http_proxy` or
 * `HTTP_PROXY` for http, `https_proxy` or `HTTPS_PROXY` for https (lower
 * case first), unless `no_proxy`/`NO_PROXY` names the host.
 *
 * @param target The request's URL.
 * @param env Reads a variable.
 * @returns The proxy URL's text, or `undefined`.
 */
export function proxyFromEnv(
  target: URL,
  env: (name: string) => string | undefined,
): string | undefined {
  const scheme = target.protocol === "https:" ? "https" : "http";
  const proxy = nonEmpty(env(`${scheme}_proxy`)) ??
    nonEmpty(env(`${scheme.toUpperCase()}_PROXY`));
  if (proxy === undefined) return undefined;
  const noProxy = nonEmpty(env("no_proxy")) ?? nonEmpty(env("NO_PROXY"));
  if (noProxy !== undefined && bypassesProxy(target, noProxy)) {
    return undefined;
  }
  return proxy;
}

/**
 * Whether `NO_PROXY` exempts a URL: `*` exempts all; an entry exempts its
 * host and the host's subdomains (a leading dot is optional), and only the
 * given port when it names one.
 *
 * @param target The request's URL.
 * @param noProxy The comma-separated list.
 * @returns `true` to connect directly.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = bareHost(target.hostname).toLowerCase();
  const port = target.port === ""
    ? (target.protocol === "https:" ? "443" : "80")
    : target.port;
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    let entryPort: string | undefined;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch !== null && !entry.endsWith("]") && !isBareIpv6(entry)) {
      entry = portMatch[1]!;
      entryPort = portMatch[2];
    }
    entry = bareHost(entry).replace(/^\*?\./, "");
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/**
 * Parses a proxy URL; a URL with no scheme is taken as `http://`.
 *
 * @param setting The proxy.
 * @returns The route.
 * @throws {TypeError} When it is not an `http:` URL.
 */
export function parseProxy(setting: string | URL): ProxyRoute {
  let url: URL;
  try {
    const text = String(setting);
    url = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`,
    );
  } catch (error) {
    throw new TypeError(
      `Cannot use proxy "${String(setting)}": it is not a URL`,
      { cause: error },
    );
  }
  if (url.protocol !== "http:") {
    throw new TypeError(
      `Cannot use proxy "${
        withoutCredentials(url)
      }": only http: proxies are supported`,
    );
  }
  const authorization = url.username === "" && url.password === ""
    ? undefined
    : `Basic ${
      btoa(
        String.fromCharCode(
          ...encoder.encode(
            `${decodeURIComponent(url.username)}:${
              decodeURIComponent(url.password)
            }`,
          ),
        ),
      )
    }`;
  return {
    hostname: bareHost(url.hostname),
    port: url.port === "" ? 80 : Number(url.port),
    origin: `http://${url.host}`,
    authorization,
  };
}

/**
 * Opens a tunnel through a proxy to an https origin and starts TLS in it.
 *
 * @param route The proxy.
 * @param hostname The origin's host, IPv6 without brackets.
 * @param port The origin's port.
 * @param caCerts Extra root certificates for the origin.
 * @param deadline Interrupts the connect, the `CONNECT` and the handshake.
 * @returns The TLS connection to the origin.
 * @throws {HttpProxyError} When the proxy refuses the tunnel.
 */
export async function connectTunnel(
  route: ProxyRoute,
  hostname: string,
  port: number,
  caCerts: string[] | undefined,
  deadline: Http1Deadline,
): Promise<Deno.Conn> {
  deadline.throwIfAborted();
  const controller = new AbortController();
  deadline.watch(controller);
  let conn: Deno.TcpConn;
  try {
    conn = await Deno.connect({
      hostname: route.hostname,
      port: route.port,
      signal: controller.signal,
    });
  } catch (error) {
    deadline.throwIfAborted();
    throw error;
  } finally {
    deadline.watch(undefined);
  }
  const { promise: aborted, reject } = Promise.withResolvers<never>();
  aborted.catch(() => {});
  deadline.watch({
    abort(reason) {
      reject(reason);
      try {
        conn.close();
      } catch {
        // Already closed.
      }
    },
  });
  let handedOver = false;
  try {
    conn.setNoDelay(true);
    const authority = hostname.includes(":")
      ? `[${hostname}]:${port}`
      : `${hostname}:${port}`;
    let head = `CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n`;
    if (route.authorization !== undefined) {
      head += `proxy-authorization: ${route.authorization}\r\n`;
    }
    await Promise.race([
      writeAll(conn, encoder.encode(`${head}\r\n`)),
      aborted,
    ]);
    const answer = await Promise.race([readConnectHead(conn, route), aborted]);
    const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(answer);
    if (status === null) {
      throw new HttpProxyError(
        `Cannot open a tunnel to "${authority}" through ${route.origin}: the proxy answered ${
          JSON.stringify(answer.slice(0, 60))
        }`,
        { status: 0, proxy: route.origin },
      );
    }
    const code = Number(status[1]);
    if (code < 200 || code > 299) {
      throw new HttpProxyError(
        `Cannot open a tunnel to "${authority}" through ${route.origin}: the proxy answered ${
          answer.split("\r\n", 1)[0]!.slice(9)
        }`,
        { status: code, proxy: route.origin },
      );
    }
    const tls = Deno.startTls(conn, { hostname, caCerts });
    try {
      const secured = await Promise.race([tls, aborted]);
      handedOver = true;
      return secured;
    } catch (error) {
      tls.then((late) => late.close(), () => {});
      throw error;
    }
  } catch (error) {
    deadline.throwIfAborted();
    throw error;
  } finally {
    deadline.watch(undefined);
    if (!handedOver) {
      try {
        conn.close();
      } catch {
        // Already closed.
      }
    }
  }
}

/** Reads the proxy's answer to `CONNECT`, up to the empty line. */
async function readConnectHead(
  conn: Deno.Conn,
  route: ProxyRoute,
): Promise<string> {
  // Read a byte at a time: whatever follows the head belongs to TLS.
  const byte = new Uint8Array(1);
  const bytes: number[] = [];
  while (bytes.length < MAX_CONNECT_HEAD_BYTES) {
    const count = await conn.read(byte);
    if (count === null) {
      throw new HttpProxyError(
        `Cannot open a tunnel through ${route.origin}: the proxy closed the connection`,
        { status: 0, proxy: route.origin },
      );
    }
    bytes.push(byte[0]!);
    const n = bytes.length;
    if (
      n >= 4 && bytes[n - 1] === 10 && bytes[n - 2] === 13 &&
      bytes[n - 3] === 10 && bytes[n - 4] === 13
    ) {
      return latin1.decode(Uint8Array.from(bytes));
    }
  }
  throw new HttpProxyError(
    `Cannot open a tunnel through ${route.origin}: its answer exceeds ${MAX_CONNECT_HEAD_BYTES} bytes`,
    { status: 0, proxy: route.origin },
  );
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await conn.write(bytes.subarray(written));
  }
}

function readEnv(name: string): string | undefined {
  return Deno.env.get(name);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function bareHost(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

function isBareIpv6(entry: string): boolean {
  return (entry.match(/:/g)?.length ?? 0) > 1 && !entry.startsWith("[");
}

function withoutCredentials(url: URL): string {
  return `${url.protocol}//${url.host}${
    url.pathname === "/" ? "" : url.pathname
  }`;
}
