/**
 * `urlunparse`: Python's `urllib.parse.urlunparse`.
 *
 * @module
 */

import { checkStrings, joinParts } from "./_split.ts";

/**
 * Puts six parts back into a URL, as Python's `urllib.parse.urlunparse`
 * does: `;params` goes after the path when not empty, then as
 * `urlunsplit`.
 *
 * @param parts A `ParseResult`, or any six strings in its order.
 * @returns The URL.
 * @throws {TypeError} When there are not six parts or one is not a string.
 *
 * @example Usage
 * ```ts
 * import { urlparse, urlunparse } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const url = "https://x.test/search?q=old#results";
 * assert.equal(
 *   urlunparse(urlparse(url).replace({ query: "q=new" })),
 *   "https://x.test/search?q=new#results",
 * );
 * assert.equal(urlunparse(["http", "a", "/p", "x", "", ""]), "http://a/p;x");
 * ```
 */
export function urlunparse(parts: Iterable<string>): string {
  if (typeof parts !== "object" || parts === null) {
    throw new TypeError(
      `Cannot unparse ${String(parts)}: expected six strings`,
    );
  }
  const list = Array.isArray(parts) ? parts : [...parts];
  const [scheme, netloc, path, params, query, fragment] = checkStrings(
    "unparse a URL",
    list,
    6,
  ) as [string, string, string, string, string, string];
  return joinParts(
    scheme,
    netloc,
    params.length > 0 ? `${path};${params}` : path,
    query,
    fragment,
  );
}
