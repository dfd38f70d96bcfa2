/**
 * `quote`: Python's `urllib.parse.quote`.
 *
 * @module
 */

import {
  checkEncoding,
  checkErrors,
  type EncodeErrors,
  encodeText,
  type TextEncodingName,
} from "./_codec.ts";
import { quoteBytes, quoteString, quoteTable } from "./_percent.ts";

export type { EncodeErrors, TextEncodingName } from "./_codec.ts";

/** How {@linkcode quote} and `quotePlus` turn text into bytes, as Python's `encoding` and `errors`. */
export interface QuoteOptions {
  /**
   * The encoding of a string's characters: `"utf-8"` or `"latin-1"` (and
   * `"ascii"`). Not allowed with bytes, as in Python.
   *
   * @default {"utf-8"}
   */
  encoding?: TextEncodingName;
  /**
   * What to do with a character the encoding cannot write (a lone
   * surrogate in UTF-8, past U+00FF in Latin-1): throw a `URIError`
   * (`"strict"`), write `?` (`"replace"`), drop it (`"ignore"`), or write
   * it as `&#NNNN;` (`"xmlcharrefreplace"`) or `\uNNNN`
   * (`"backslashreplace"`). Not allowed with bytes.
   *
   * @default {"strict"}
   */
  errors?: EncodeErrors;
}

/** Encodes a string for quoting with the caller's encoding, or says it cannot take options. */
export function quoteWithOptions(
  value: string | Uint8Array,
  safe: string,
  options: QuoteOptions,
  name: string,
): string {
  const table = quoteTable(safe);
  const { encoding, errors } = options;
  if (typeof value === "string") {
    if (encoding === undefined && errors === undefined) {
      return quoteString(value, table);
    }
    const checkedEncoding = checkEncoding(encoding ?? "utf-8");
    const checkedErrors = checkErrors(errors ?? "strict");
    if (checkedEncoding === "utf-8" && checkedErrors === "strict") {
      return quoteString(value, table);
    }
    return quoteBytes(encodeText(value, checkedEncoding, checkedErrors), table);
  }
  if (value instanceof Uint8Array) {
    if (encoding !== undefined || errors !== undefined) {
      throw new TypeError(
        `Cannot quote bytes with ${
          encoding !== undefined ? "an encoding" : "errors"
        }: ${name}() takes them for strings only`,
      );
    }
    return quoteBytes(value, table);
  }
  throw new TypeError(
    `Cannot quote ${String(value)}: expected a string or a Uint8Array`,
  );
}

/**
 * Percent-encodes a string's bytes (or raw bytes) exactly as Python's
 * `urllib.parse.quote` does: letters, digits and `_.-~` are never escaped,
 * the ASCII characters of `safe` are kept too, everything else becomes
 * `%XX` in upper case. Non-ASCII characters in `safe` are ignored, as in
 * Python. A string is encoded as UTF-8 unless `options.encoding` says
 * otherwise.
 *
 * Unlike `encodeURIComponent`, it escapes `!'()*` and keeps `/` by default.
 *
 * @param value The text to quote, or bytes to quote as they are.
 * @param safe ASCII characters to leave unescaped besides the always-safe ones. Default `"/"`.
 * @param options The `encoding` and `errors` for a string.
 * @returns The quoted text, all ASCII.
 * @throws {URIError} When a character cannot be encoded and `errors` is `"strict"` (a lone surrogate: Python's `UnicodeEncodeError`).
 * @throws {TypeError} When `value` is neither a string nor a `Uint8Array`, or bytes come with `encoding` or `errors`.
 * @throws {RangeError} When `encoding` is not one this module knows.
 *
 * @example Usage
 * ```ts
 * import { quote } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quote("/a b/ü?"), "/a%20b/%C3%BC%3F");
 * assert.equal(quote("/a b", ""), "%2Fa%20b");
 * assert.equal(quote("ü", "/", { encoding: "latin-1" }), "%FC");
 * assert.equal(quote("a€", "/", { encoding: "latin-1", errors: "replace" }), "a%3F");
 * assert.equal(quote(new Uint8Array([0xff, 0x41])), "%FFA");
 * ```
 */
export function quote(
  value: string | Uint8Array,
  safe: string = "/",
  options?: QuoteOptions,
): string {
  if (options === undefined && typeof value === "string") {
    return quoteString(value, quoteTable(safe));
  }
  return quoteWithOptions(value, safe, options ?? {}, "quote");
}
