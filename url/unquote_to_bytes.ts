/**
 * `unquoteToBytes`: Python's `urllib.parse.unquote_to_bytes`.
 *
 * @module
 */

import { unquoteBytes, unquoteStringToBytes } from "./_percent.ts";

/**
 * Decodes `%XX` escapes to raw bytes, without any text decoding: Python's
 * `urllib.parse.unquote_to_bytes`. A string is first encoded as UTF-8; a `%`
 * not followed by two hex digits is kept as the byte `0x25`.
 *
 * @param value The text (or bytes) to decode.
 * @returns The bytes.
 * @throws {URIError} When `value` is a string holding a lone surrogate.
 * @throws {TypeError} When `value` is neither a string nor a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { unquoteToBytes } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(unquoteToBytes("a%FF%zz"), new Uint8Array([0x61, 0xff, 0x25, 0x7a, 0x7a]));
 * ```
 */
export function unquoteToBytes(value: string | Uint8Array): Uint8Array {
  if (typeof value === "string") return unquoteStringToBytes(value);
  if (value instanceof Uint8Array) return unquoteBytes(value);
  throw new TypeError(
    `Cannot unquote ${String(value)}: expected a string or a Uint8Array`,
  );
}
