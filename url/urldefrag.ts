/**
 * `urldefrag`: Python's `urllib.parse.urldefrag`.
 *
 * @module
 */

import { joinParts, splitParams, splitUrl, USES_PARAMS } from "./_split.ts";

/**
 * A URL split at its fragment, as Python's `DefragResult`: frozen, iterable
 * as `[url, fragment]`, with `geturl()`.
 *
 * @example Usage
 * ```ts
 * import { DefragResult } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const result = new DefragResult("http://a/b", "top");
 * assert.equal(result.geturl(), "http://a/b#top");
 * assert.deepEqual([...result], ["http://a/b", "top"]);
 * ```
 */
export class DefragResult implements Iterable<string> {
  /** The URL without its fragment. */
  readonly url: string;
  /** The fragment without `#`, as written (not decoded); `""` when none. */
  readonly fragment: string;

  /**
   * Makes the result.
   *
   * @param url The URL without its fragment.
   * @param fragment The fragment.
   * @throws {TypeError} When either is not a string.
   */
  constructor(url: string, fragment: string) {
    if (typeof url !== "string" || typeof fragment !== "string") {
      throw new TypeError(
        `Cannot make a DefragResult of ${String(url)} and ${
          String(fragment)
        }: expected strings`,
      );
    }
    this.url = url;
    this.fragment = fragment;
    Object.freeze(this);
  }

  /**
   * The URL with its fragment, when it has one.
   *
   * @returns The URL.
   */
  geturl(): string {
    return this.fragment.length > 0 ? `${this.url}#${this.fragment}` : this.url;
  }

  /**
   * `url`, then `fragment`, as Python's tuple.
   *
   * @returns An iterator over the two.
   */
  *[Symbol.iterator](): Iterator<string> {
    yield this.url;
    yield this.fragment;
  }
}

/**
 * Removes the fragment from a URL, as Python's `urllib.parse.urldefrag`
 * does: when there is a `#`, the URL is split and put back together
 * without it (so an empty `?` or `;` goes too, as `urlunparse` drops
 * them); without one, the URL comes back untouched.
 *
 * @param url The URL or reference (a `URL` object is taken as its `href`).
 * @returns The URL without its fragment, and the fragment.
 * @throws {RangeError} Where Python raises ValueError while splitting (see `urlsplit`).
 * @throws {TypeError} When `url` is not a string.
 *
 * @example Usage
 * ```ts
 * import { urldefrag } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const { url, fragment } = urldefrag("https://x.test/doc?a=1#sec-2");
 * assert.equal(url, "https://x.test/doc?a=1");
 * assert.equal(fragment, "sec-2");
 * assert.equal(urldefrag("http://a/b?#f").url, "http://a/b");
 * assert.equal(urldefrag("page.html").fragment, "");
 * ```
 */
export function urldefrag(url: string | URL): DefragResult {
  if (url instanceof URL) url = url.href;
  if (typeof url !== "string") {
    throw new TypeError(`Cannot defrag ${String(url)}: expected a string`);
  }
  if (!url.includes("#")) return new DefragResult(url, "");
  const [scheme, netloc, path, query, fragment] = splitUrl(url, "", true);
  let [bare, params] = [path, ""];
  if (USES_PARAMS.has(scheme) && path.includes(";")) {
    [bare, params] = splitParams(path);
  }
  const defragged = joinParts(
    scheme,
    netloc,
    params.length > 0 ? `${bare};${params}` : bare,
    query,
    "",
  );
  return new DefragResult(defragged, fragment);
}
