/**
 * `urljoin`: Python's `urllib.parse.urljoin`.
 *
 * @module
 */

import { joinParts, USES_NETLOC, USES_RELATIVE } from "./_split.ts";
import { urlparse } from "./urlparse.ts";

/** Options for {@linkcode urljoin}. */
export interface UrljoinOptions {
  /**
   * Treat `#` as starting a fragment. Python's `allow_fragments`.
   *
   * @default {true}
   */
  allowFragments?: boolean;
}

function unparse(
  scheme: string,
  netloc: string,
  path: string,
  params: string,
  query: string,
  fragment: string,
): string {
  return joinParts(
    scheme,
    netloc,
    params.length > 0 ? `${path};${params}` : path,
    query,
    fragment,
  );
}

/**
 * Resolves a reference against a base URL exactly as Python's
 * `urllib.parse.urljoin` does (RFC 3986 section 5.2, as Python reads it):
 * only schemes in Python's `uses_relative` list resolve (`foo://a/b` and
 * `c` give `c`), an empty base or reference returns the other, and nothing
 * is normalised beyond the dot segments. For the browser's answer use
 * `resolveUrl`; the README tables where the two differ.
 *
 * @param base The base URL (a `URL` object is taken as its `href`).
 * @param url The reference: relative (`../x`, `?q`, `#f`, `//host/p`) or absolute.
 * @param options Whether `#` starts a fragment.
 * @returns The resolved URL.
 * @throws {RangeError} Where Python raises ValueError while splitting either URL (see `urlsplit`).
 * @throws {TypeError} When `base` or `url` is not a string.
 *
 * @example Usage
 * ```ts
 * import { urljoin } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const base = "http://a/b/c/d;p?q";
 * assert.equal(urljoin(base, "../g"), "http://a/b/g");
 * assert.equal(urljoin(base, "//g"), "http://g");
 * assert.equal(urljoin(base, "?y"), "http://a/b/c/d;p?y");
 * assert.equal(urljoin("http://a/b/c/d;p?q#f", ""), "http://a/b/c/d;p?q#f");
 * assert.equal(urljoin("foo://a/b", "c"), "c");
 * ```
 */
export function urljoin(
  base: string | URL,
  url: string | URL,
  options: UrljoinOptions = {},
): string {
  if (base instanceof URL) base = base.href;
  if (url instanceof URL) url = url.href;
  if (typeof base !== "string" || typeof url !== "string") {
    throw new TypeError(
      `Cannot join ${JSON.stringify(url) ?? String(url)} to ${
        JSON.stringify(base) ?? String(base)
      }: both must be strings`,
    );
  }
  if (base.length === 0) return url;
  if (url.length === 0) return base;
  const allowFragments = options.allowFragments !== false;
  const b = urlparse(base, { allowFragments });
  const r = urlparse(url, { scheme: b.scheme, allowFragments });
  const scheme = r.scheme;
  let { netloc, path, params, query } = r;
  const fragment = r.fragment;
  if (scheme !== b.scheme || !USES_RELATIVE.has(scheme)) return url;
  if (USES_NETLOC.has(scheme)) {
    if (netloc.length > 0) {
      return unparse(scheme, netloc, path, params, query, fragment);
    }
    netloc = b.netloc;
  }
  if (path.length === 0 && params.length === 0) {
    path = b.path;
    params = b.params;
    if (query.length === 0) query = b.query;
    return unparse(scheme, netloc, path, params, query, fragment);
  }
  const baseParts = b.path.split("/");
  if (baseParts[baseParts.length - 1] !== "") baseParts.pop();
  let segments: string[];
  if (path.charCodeAt(0) === 47) {
    segments = path.split("/");
  } else {
    segments = [...baseParts, ...path.split("/")];
    // Empty inner segments would make doubled slashes: Python drops them.
    if (segments.length > 2) {
      segments = [
        segments[0]!,
        ...segments.slice(1, -1).filter((segment) => segment !== ""),
        segments[segments.length - 1]!,
      ];
    }
  }
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === "..") resolved.pop();
    else if (segment !== ".") resolved.push(segment);
  }
  const last = segments[segments.length - 1];
  if (last === "." || last === "..") resolved.push("");
  return unparse(
    scheme,
    netloc,
    resolved.join("/") || "/",
    params,
    query,
    fragment,
  );
}
