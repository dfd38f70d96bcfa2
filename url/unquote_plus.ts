/**
 * `unquotePlus`: Python's `urllib.parse.unquote_plus`.
 *
 * @module
 */

import { unquoteFormComponent } from "./_percent.ts";
import { checkDecodeErrors } from "./_utf8.ts";
import { checkEncoding } from "./_codec.ts";
import type { UnquoteOptions } from "./unquote.ts";

/**
 * Decodes form data: replaces every `+` by a space, then decodes `%XX`
 * escapes as {@linkcode unquote} does. Python's
 * `urllib.parse.unquote_plus`.
 *
 * @param value The text to decode.
 * @param options The encoding of the escaped bytes, and how to treat bytes it cannot decode.
 * @returns The decoded text.
 * @throws {URIError} When escapes decode to invalid UTF-8 and `errors` is `"strict"`.
 * @throws {TypeError} When `value` is not a string or `errors` is unknown.
 *
 * @example Usage
 * ```ts
 * import { unquotePlus } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(unquotePlus("a+b%2Bc%7e"), "a b+c~");
 * ```
 */
export function unquotePlus(
  value: string,
  options: UnquoteOptions = {},
): string {
  if (typeof value !== "string") {
    throw new TypeError(`Cannot unquote ${String(value)}: expected a string`);
  }
  return unquoteFormComponent(
    value,
    checkDecodeErrors(options.errors ?? "replace"),
    checkEncoding(options.encoding ?? "utf-8"),
  );
}
