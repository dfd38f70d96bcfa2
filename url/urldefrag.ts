/**
 * `urldefrag`: Python's `urllib.parse.urldefrag`.
 *
 * @module
 */

/** A URL split at its fragment. */
export interface DefragResult {
  /** The URL without its fragment and without the `#`. */
  readonly url: string;
  /** The fragment without the `#`, as written (not decoded); `""` when none. */
  readonly fragment: string;
}

/**
 * Splits a URL (or a relative reference) at its first `#`, as Python's
 * `urllib.parse.urldefrag` does. It is a string operation: nothing is
 * parsed, normalised or decoded, so it never throws on a string. (Python
 * additionally drops an empty `?` before the `#`; this keeps it.)
 *
 * @param url The URL or reference.
 * @returns The URL without its fragment, and the fragment.
 *
 * @example Usage
 * ```ts
 * import { urldefrag } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   { ...urldefrag("https://x.test/doc?a=1#sec-2") },
 *   { url: "https://x.test/doc?a=1", fragment: "sec-2" },
 * );
 * assert.equal(urldefrag("page.html").fragment, "");
 * ```
 */
export function urldefrag(url: string | URL): DefragResult {
  const text = typeof url === "string" ? url : url.href;
  const hash = text.indexOf("#");
  if (hash === -1) return Object.freeze({ url: text, fragment: "" });
  return Object.freeze({
    url: text.slice(0, hash),
    fragment: text.slice(hash + 1),
  });
}
