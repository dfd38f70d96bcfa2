/**
 * `quotePlus`: Python's `urllib.parse.quote_plus`.
 *
 * @module
 */

import { quote } from "./quote.ts";

/**
 * Percent-encodes like {@linkcode quote} but writes spaces as `+`, as HTML
 * forms do, and keeps nothing but the always-safe characters by default:
 * Python's `urllib.parse.quote_plus`. A `+` in the input is escaped as
 * `%2B` unless `safe` holds it.
 *
 * @param value The text to quote (encoded as UTF-8), or bytes.
 * @param safe ASCII characters to leave unescaped besides the always-safe ones. Default `""`.
 * @returns The quoted text, all ASCII.
 * @throws {URIError} When `value` is a string holding a lone surrogate.
 * @throws {TypeError} When `value` is neither a string nor a `Uint8Array`.
 *
 * @example Usage
 * ```ts
 * import { quotePlus } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quotePlus("a b+c/d"), "a+b%2Bc%2Fd");
 * assert.equal(quotePlus("a b/", "/"), "a+b/");
 * ```
 */
export function quotePlus(
  value: string | Uint8Array,
  safe: string = "",
): string {
  const hasSpace = typeof value === "string"
    ? value.indexOf(" ") !== -1
    : value instanceof Uint8Array && value.indexOf(0x20) !== -1;
  if (!hasSpace) return quote(value, safe);
  return quote(value, safe + " ").replaceAll(" ", "+");
}
