/**
 * `urlsplit`: Python's `urllib.parse.urlsplit`.
 *
 * @module
 */

import { checkSplitArguments, splitUrl } from "./_split.ts";
import { SplitResult } from "./split_result.ts";

/** Options for {@linkcode urlsplit} and `urlparse`, named after Python's arguments. */
export interface UrlsplitOptions {
  /**
   * The scheme to report when the URL has none. Python's `scheme`.
   *
   * @default {""}
   */
  scheme?: string;
  /**
   * Split the fragment off at `#`; when `false` it stays in the path or
   * query. Python's `allow_fragments`.
   *
   * @default {true}
   */
  allowFragments?: boolean;
}

/**
 * Splits a URL, or a relative reference, into five parts exactly as
 * Python's `urllib.parse.urlsplit` does: a string operation, so nothing is
 * normalised, resolved or decoded (`netloc` stays as written, dot segments
 * and default ports stay, `%XX` stays). Leading C0 controls and spaces are
 * stripped and tabs and newlines removed, as in Python. The result's
 * `hostname` is lower-cased and `port` read only when asked for.
 *
 * Use `parseUrl` for the WHATWG reading browsers give; the README tables
 * where the two differ.
 *
 * @param url The URL or relative reference.
 * @param options The default scheme, and whether to split off the fragment.
 * @returns The five parts.
 * @throws {RangeError} Where Python raises ValueError: an unbalanced `[` or `]` in the netloc, a bracketed host that is no IPv6 (or IPvFuture) address, a netloc that NFKC normalisation turns into one with `/?#@:`.
 * @throws {TypeError} When `url` or `scheme` is not a string.
 *
 * @example Usage
 * ```ts
 * import { urlsplit } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const parts = urlsplit("HTTP://ann@Example.com:80/a/../b?q=1#top");
 * assert.equal(parts.scheme, "http");
 * assert.equal(parts.netloc, "ann@Example.com:80");
 * assert.equal(parts.path, "/a/../b");
 * assert.equal(parts.hostname, "example.com");
 * assert.equal(parts.port, 80);
 * assert.equal(urlsplit("/relative?x").query, "x");
 * assert.throws(() => urlsplit("http://a:99999/").port, RangeError);
 * ```
 */
export function urlsplit(
  url: string,
  options: UrlsplitOptions = {},
): SplitResult {
  const { scheme, allowFragments } = checkSplitArguments(url, options);
  const [s, netloc, path, query, fragment] = splitUrl(
    url,
    scheme,
    allowFragments,
  );
  return new SplitResult(s, netloc, path, query, fragment);
}
