/**
 * `quoteFromBytes`: Python's `urllib.parse.quote_from_bytes`.
 *
 * @module
 */

import { quoteBytes, quoteTable } from "./_percent.ts";

/**
 * Percent-encodes raw bytes, as Python's `urllib.parse.quote_from_bytes`
 * does: bytes of 128 and above are always escaped, ASCII bytes are kept when
 * always safe (`A-Z a-z 0-9 _.-~`) or in `safe`.
 *
 * @param bytes The bytes to quote.
 * @param safe ASCII characters to leave unescaped besides the always-safe ones. Default `"/"`.
 * @returns The quoted text, all ASCII.
 * @throws {TypeError} When `bytes` is not a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { quoteFromBytes } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quoteFromBytes(new Uint8Array([0x61, 0x20, 0x2f, 0xe9])), "a%20/%E9");
 * ```
 */
export function quoteFromBytes(bytes: Uint8Array, safe: string = "/"): string {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(
      `Cannot quote ${String(bytes)}: quoteFromBytes() expects a Uint8Array`,
    );
  }
  return quoteBytes(bytes, quoteTable(safe));
}
