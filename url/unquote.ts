/**
 * `unquote`: Python's `urllib.parse.unquote`.
 *
 * @module
 */

import { checkEncoding, decodeText, type TextEncodingName } from "./_codec.ts";
import { unquoteBytes, unquoteString } from "./_percent.ts";
import { checkDecodeErrors, type DecodeErrors } from "./_utf8.ts";

export type { DecodeErrors } from "./_utf8.ts";

/** Options for {@linkcode unquote} and {@linkcode unquotePlus}. */
export interface UnquoteOptions {
  /**
   * What to do with escapes that decode to invalid UTF-8, as Python's
   * `errors=`: `"replace"` writes U+FFFD for each maximal ill-formed
   * subsequence, `"strict"` throws a `URIError`, `"ignore"` drops the bytes.
   *
   * @default {"replace"}
   */
  errors?: DecodeErrors;
  /**
   * The encoding the escaped bytes are decoded with: `"utf-8"` or
   * `"latin-1"` (and `"ascii"`). Python's `encoding=`.
   *
   * @default {"utf-8"}
   */
  encoding?: TextEncodingName;
}

/**
 * Decodes `%XX` escapes exactly as Python's `urllib.parse.unquote` does.
 * A `%` not followed by two hex digits is kept as it is (where
 * `decodeURIComponent` would throw); escaped bytes are decoded as UTF-8 with
 * `errors` deciding about invalid sequences; characters that were not
 * escaped, even non-ASCII ones and lone surrogates, are copied through.
 * `+` is left alone: use {@linkcode unquotePlus} for form data.
 *
 * @param value The text to decode, or bytes (decoded as UTF-8 after unescaping).
 * @param options The encoding of the escaped bytes, and how to treat bytes it cannot decode.
 * @returns The decoded text.
 * @throws {URIError} When escapes decode to invalid UTF-8 and `errors` is `"strict"`.
 * @throws {TypeError} When `errors` is not one of the three handlers.
 * @throws {RangeError} When `encoding` is not one this module knows.
 *
 * @example Usage
 * ```ts
 * import { unquote } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(unquote("a%20b%C3%A9+c"), "a bé+c");
 * assert.equal(unquote("100%zz %4"), "100%zz %4");
 * assert.equal(unquote("%FF"), "\uFFFD");
 * assert.throws(() => unquote("%FF", { errors: "strict" }), URIError);
 * assert.equal(unquote("caf%E9", { encoding: "latin-1" }), "café");
 * ```
 */
export function unquote(
  value: string | Uint8Array,
  options?: UnquoteOptions,
): string {
  if (options === undefined && typeof value === "string") {
    return unquoteString(value, "replace", "utf-8");
  }
  options ??= {};
  const errors = checkDecodeErrors(options.errors ?? "replace");
  const encoding = checkEncoding(options.encoding ?? "utf-8");
  if (typeof value === "string") return unquoteString(value, errors, encoding);
  if (value instanceof Uint8Array) {
    const bytes = unquoteBytes(value);
    return decodeText(bytes, bytes.length, encoding, errors);
  }
  throw new TypeError(
    `Cannot unquote ${String(value)}: expected a string or a Uint8Array`,
  );
}
