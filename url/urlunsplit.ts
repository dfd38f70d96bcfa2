/**
 * `urlunsplit`: Python's `urllib.parse.urlunsplit`.
 *
 * @module
 */

import { checkStrings, joinParts } from "./_split.ts";

/**
 * Puts five parts back into a URL, as Python's `urllib.parse.urlunsplit`
 * does: `//` goes before a netloc (and before the path of a scheme that uses
 * one), `?` and `#` only before a non-empty query and fragment, so
 * `urlunsplit(urlsplit(url))` may drop an empty `?` or `#`.
 *
 * @param parts A `SplitResult`, or any five strings in its order.
 * @returns The URL.
 * @throws {TypeError} When there are not five parts or one is not a string.
 *
 * @example Usage
 * ```ts
 * import { urlsplit, urlunsplit } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(urlunsplit(["https", "x.test", "/a", "q=1", ""]), "https://x.test/a?q=1");
 * assert.equal(urlunsplit(urlsplit("http://a/b?#")), "http://a/b");
 * ```
 */
export function urlunsplit(parts: Iterable<string>): string {
  if (typeof parts !== "object" || parts === null) {
    throw new TypeError(
      `Cannot unsplit ${String(parts)}: expected five strings`,
    );
  }
  const list = Array.isArray(parts) ? parts : [...parts];
  const [scheme, netloc, path, query, fragment] = checkStrings(
    "unsplit a URL",
    list,
    5,
  ) as [string, string, string, string, string];
  return joinParts(scheme, netloc, path, query, fragment);
}
