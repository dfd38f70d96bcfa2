/**
 * `quotePlus`: Python's `urllib.parse.quote_plus`.
 *
 * @module
 */

import { type QuoteOptions, quoteWithOptions } from "./quote.ts";

/**
 * Percent-encodes like {@linkcode quote} but writes spaces as `+`, as HTML
 * forms do, and keeps nothing but the always-safe characters by default:
 * Python's `urllib.parse.quote_plus`. A `+` in the input is escaped as
 * `%2B` unless `safe` holds it.
 *
 * @param value The text to quote, or bytes.
 * @param safe ASCII characters to leave unescaped besides the always-safe ones. Default `""`.
 * @param options The `encoding` and `errors` for a string.
 * @returns The quoted text, all ASCII.
 * @throws {URIError} When a character cannot be encoded and `errors` is `"strict"`.
 * @throws {TypeError} When `value` is neither a string nor a `Uint8Array`, or bytes come with `encoding` or `errors`.
 * @throws {RangeError} When `encoding` is not one this module knows.
 *
 * @example Usage
 * ```ts
 * import { quotePlus } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quotePlus("a b+c/d"), "a+b%2Bc%2Fd");
 * assert.equal(quotePlus("a b/", "/"), "a+b/");
 * assert.equal(quotePlus("é é", "", { encoding: "latin-1" }), "%E9+%E9");
 * ```
 */
export function quotePlus(
  value: string | Uint8Array,
  safe: string = "",
  options: QuoteOptions = {},
): string {
  const hasSpace = typeof value === "string"
    ? value.indexOf(" ") !== -1
    : value instanceof Uint8Array && value.indexOf(0x20) !== -1;
  if (!hasSpace) return quoteWithOptions(value, safe, options, "quotePlus");
  if (typeof safe !== "string") {
    throw new TypeError(`Cannot use safe ${String(safe)}: expected a string`);
  }
  return quoteWithOptions(value, safe + " ", options, "quotePlus")
    .replaceAll(" ", "+");
}
