/**
 * `parseUrl`: a URL's parts, with Python's field names, on the Web `URL`
 * class.
 *
 * @module
 */

/**
 * The parts of a parsed URL, named as in Python's `urlsplit` result. Every
 * field is already normalised by the WHATWG URL parser (see the differences
 * table in the `url/` module documentation; `urlsplit` gives Python's split).
 */
export interface ParsedUrl {
  /** The scheme in lower case, without the colon: `"https"`. */
  readonly scheme: string;
  /** `user:password@host:port` as serialised, `""` when there is no host. */
  readonly netloc: string;
  /** The user name, percent-encoded as in the URL; `""` when none. */
  readonly username: string;
  /** The password, percent-encoded as in the URL; `""` when none. */
  readonly password: string;
  /** The host without brackets around an IPv6 address: `"::1"`; `""` when none. */
  readonly hostname: string;
  /** The port, or `null` when none was written or it is the scheme's default. */
  readonly port: number | null;
  /** The path, percent-encoded: `"/a%20b"`. For `mailto:x@y` it is `"x@y"`. */
  readonly path: string;
  /** The query without the `?`; `""` when none (or empty). */
  readonly query: string;
  /** The fragment without the `#`; `""` when none (or empty). */
  readonly fragment: string;
  /** The whole URL, serialised. */
  readonly href: string;
  /** The whole URL, serialised: the same as {@linkcode ParsedUrl.href}. */
  toString(): string;
}

/**
 * Parses an absolute URL (or a reference against `base`) with the WHATWG URL
 * parser and returns its parts under Python's `urlsplit` names, as a frozen
 * object. `port` is a number or `null`; `hostname` has no brackets around an
 * IPv6 address. Where the answers differ from Python's `urlsplit` (default
 * ports, dot segments, host case, IDNA, backslashes…) the `url/` module
 * documentation has a table; `urlsplit` gives Python's answers.
 *
 * @param input The URL, or a relative reference when `base` is given.
 * @param base The URL `input` is resolved against.
 * @returns The parts.
 * @throws {TypeError} When `input` (against `base`) is not a valid URL; the message quotes both.
 *
 * @example Usage
 * ```ts
 * import { parseUrl } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const url = parseUrl("https://ann:pw@[::1]:8443/a/../b?x=1&x=2#top");
 * assert.equal(url.scheme, "https");
 * assert.equal(url.netloc, "ann:pw@[::1]:8443");
 * assert.equal(url.hostname, "::1");
 * assert.equal(url.port, 8443);
 * assert.equal(url.path, "/b");
 * assert.equal(url.query, "x=1&x=2");
 * assert.equal(url.fragment, "top");
 * assert.equal(parseUrl("http://a:80/").port, null);
 * assert.throws(() => parseUrl("/relative"), TypeError);
 * ```
 */
export function parseUrl(input: string | URL, base?: string | URL): ParsedUrl {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch (error) {
    const against = base === undefined ? "" : ` against "${String(base)}"`;
    throw new TypeError(
      `Cannot parse URL "${String(input)}"${against}: it is not a valid URL`,
      { cause: error },
    );
  }
  const userinfo = url.username === "" && url.password === ""
    ? ""
    : url.password === ""
    ? `${url.username}@`
    : `${url.username}:${url.password}@`;
  const hostname = url.hostname.startsWith("[")
    ? url.hostname.slice(1, -1)
    : url.hostname;
  const href = url.href;
  return Object.freeze({
    scheme: url.protocol.slice(0, -1),
    netloc: url.host === "" ? "" : userinfo + url.host,
    username: url.username,
    password: url.password,
    hostname,
    port: url.port === "" ? null : Number(url.port),
    path: url.pathname,
    query: url.search.slice(1),
    fragment: url.hash.slice(1),
    href,
    toString: () => href,
  });
}
