/**
 * `resolveUrl`: resolving a reference against a base URL, the WHATWG way.
 *
 * @module
 */

/**
 * Resolves `ref` against `base` as a browser does (`new URL(ref, base)`),
 * and returns the result as a string: the Web's join, where `urljoin` is
 * Python's. This passes the normal and abnormal
 * examples of RFC 3986 section 5.4 except two, where WHATWG chose otherwise:
 * `"//g"` gives `"http://g/"` (a special scheme always has a path), and
 * `"http:g"` gives `"http://a/b/c/g"` (the "backward compatible" reading the
 * RFC allows, which Python's `urljoin` also picks). Unlike Python's
 * `urljoin`, it resolves against any hierarchical scheme (`foo://a/b` +
 * `c` gives `foo://a/c`, where Python returns `c`) and throws rather than
 * returning `ref` when `base` cannot serve as a base (`mailto:`, `""`).
 *
 * @param base The absolute URL to resolve against.
 * @param ref The reference: relative (`../x`, `?q`, `#f`, `//host/p`) or absolute.
 * @returns The resolved URL, serialised.
 * @throws {TypeError} When `base` is not a valid absolute URL or `ref` cannot be resolved against it; the message quotes both.
 *
 * @example Usage
 * ```ts
 * import { resolveUrl } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const base = "http://a/b/c/d;p?q";
 * assert.equal(resolveUrl(base, "../g"), "http://a/b/g");
 * assert.equal(resolveUrl(base, "?y"), "http://a/b/c/d;p?y");
 * assert.equal(resolveUrl(base, "g:h"), "g:h");
 * ```
 */
export function resolveUrl(base: string | URL, ref: string | URL): string {
  try {
    return new URL(ref, base).href;
  } catch (error) {
    throw new TypeError(
      `Cannot join "${String(ref)}" to "${
        String(base)
      }": the base is not a valid URL or cannot be a base`,
      { cause: error },
    );
  }
}
