/**
 * `urlparse`: Python's `urllib.parse.urlparse`.
 *
 * @module
 */

import {
  checkSplitArguments,
  splitParams,
  splitUrl,
  USES_PARAMS,
} from "./_split.ts";
import { ParseResult } from "./parse_result.ts";
import type { UrlsplitOptions } from "./urlsplit.ts";

/**
 * Splits a URL into six parts exactly as Python's `urllib.parse.urlparse`
 * does: `urlsplit`'s five, with the last path segment's `;params` split off
 * the path for the schemes Python lists (`http`, `https`, `ftp`, no scheme,
 * and a few more).
 *
 * @param url The URL or relative reference.
 * @param options The default scheme, and whether to split off the fragment.
 * @returns The six parts.
 * @throws {RangeError} Where Python raises ValueError (see `urlsplit`).
 * @throws {TypeError} When `url` or `scheme` is not a string.
 *
 * @example Usage
 * ```ts
 * import { urlparse, urlunparse } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const url = "http://x.test/a/b;type=d?q=1#f";
 * const parts = urlparse(url);
 * assert.equal(parts.path, "/a/b");
 * assert.equal(parts.params, "type=d");
 * assert.equal(urlunparse(parts.replace({ query: "q=2" })), "http://x.test/a/b;type=d?q=2#f");
 * ```
 */
export function urlparse(
  url: string,
  options: UrlsplitOptions = {},
): ParseResult {
  const { scheme, allowFragments } = checkSplitArguments(url, options);
  const [s, netloc, path, query, fragment] = splitUrl(
    url,
    scheme,
    allowFragments,
  );
  if (USES_PARAMS.has(s) && path.includes(";")) {
    const [bare, params] = splitParams(path);
    return new ParseResult(s, netloc, bare, params, query, fragment);
  }
  return new ParseResult(s, netloc, path, "", query, fragment);
}
