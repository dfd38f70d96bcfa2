/**
 * `quote`: Python's `urllib.parse.quote`.
 *
 * @module
 */

import { quoteBytes, quoteString, quoteTable } from "./_percent.ts";

/**
 * Percent-encodes a string's UTF-8 bytes (or raw bytes) exactly as Python's
 * `urllib.parse.quote` does: letters, digits and `_.-~` are never escaped,
 * the ASCII characters of `safe` are kept too, everything else becomes
 * `%XX` in upper case. Non-ASCII characters in `safe` are ignored, as in
 * Python.
 *
 * Unlike `encodeURIComponent`, it escapes `!'()*` and keeps `/` by default.
 *
 * @param value The text to quote (encoded as UTF-8), or bytes to quote as they are.
 * @param safe ASCII characters to leave unescaped besides the always-safe ones. Default `"/"`.
 * @returns The quoted text, all ASCII.
 * @throws {URIError} When `value` is a string holding a lone surrogate (Python's `UnicodeEncodeError`).
 * @throws {TypeError} When `value` is neither a string nor a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { quote } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quote("/a b/ü?"), "/a%20b/%C3%BC%3F");
 * assert.equal(quote("/a b", ""), "%2Fa%20b");
 * assert.equal(quote(new Uint8Array([0xff, 0x41])), "%FFA");
 * ```
 */
export function quote(value: string | Uint8Array, safe: string = "/"): string {
  const table = quoteTable(safe);
  if (typeof value === "string") return quoteString(value, table);
  if (value instanceof Uint8Array) return quoteBytes(value, table);
  throw new TypeError(
    `Cannot quote ${String(value)}: expected a string or a Uint8Array`,
  );
}
