/**
 * `parseQsl`: Python's `urllib.parse.parse_qsl`.
 *
 * @module
 */

import {
  asciiBytes,
  asciiQuery,
  checkParseQsOptions,
  forEachQueryPair,
} from "./_query.ts";
import type { DecodeErrors } from "./_utf8.ts";
import type { TextEncodingName } from "./_codec.ts";

/** Options for {@linkcode parseQsl} and `parseQs`, named after Python's. */
export interface ParseQsOptions {
  /**
   * Keep fields whose value is empty (`a=`) or missing (`a`), with the value
   * `""`. Python's `keep_blank_values`.
   *
   * @default {false}
   */
  keepBlankValues?: boolean;
  /**
   * Throw on a field without `=` or an empty field (`a=1&&b=2`, a trailing
   * separator) instead of skipping it. Python's `strict_parsing`.
   *
   * @default {false}
   */
  strictParsing?: boolean;
  /**
   * Throw a `RangeError` when the query has more fields than this (counted
   * as separators plus one, blank fields included), before parsing any.
   * Python's `max_num_fields`.
   *
   * @default {undefined} no limit
   */
  maxNumFields?: number;
  /**
   * What separates fields: any non-empty string. Python's `separator`.
   *
   * @default {"&"}
   */
  separator?: string;
  /**
   * What to do when escapes decode to invalid UTF-8: `"replace"` with U+FFFD,
   * throw (`"strict"`), or drop the bytes (`"ignore"`). Python's `errors`.
   *
   * @default {"replace"}
   */
  errors?: DecodeErrors;
  /**
   * The encoding escaped bytes are decoded with: `"utf-8"` or `"latin-1"`
   * (and `"ascii"`). Python's `encoding`.
   *
   * @default {"utf-8"}
   */
  encoding?: TextEncodingName;
}

/**
 * Splits a query string into name/value pairs, as Python's
 * `urllib.parse.parse_qsl` does: fields split on `separator`, name and value
 * split on the first `=`, `+` read as a space, `%XX` escapes decoded as
 * UTF-8. Fields with an empty or missing value are dropped unless
 * `keepBlankValues` is set; empty fields are always dropped (or rejected under
 * `strictParsing`). Unlike `URLSearchParams`, it does not strip a leading `?`.
 * Bytes in give bytes out, as in Python: the query and every decoded name
 * and value must then be ASCII.
 *
 * @param qs The query string (or ASCII bytes), without the leading `?`.
 * @param options How to treat blank values, bad fields and separators.
 * @returns The pairs, in order, percent-decoded.
 * @throws {RangeError} When the query has more fields than `maxNumFields`.
 * @throws {TypeError} When `strictParsing` is set and a field has no `=` (Python's `ValueError`), or an option is invalid.
 * @throws {URIError} When `errors` is `"strict"` and escapes do not decode, or bytes in or out are not ASCII.
 *
 * @example Usage
 * ```ts
 * import { parseQsl } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseQsl("a=1&b=x+y&c=&d"), [["a", "1"], ["b", "x y"]]);
 * assert.deepEqual(
 *   parseQsl("a=1;c=", { separator: ";", keepBlankValues: true }),
 *   [["a", "1"], ["c", ""]],
 * );
 * assert.throws(() => parseQsl("a=1&b", { strictParsing: true }), TypeError);
 * assert.deepEqual(parseQsl("q=caf%E9", { encoding: "latin-1" }), [["q", "café"]]);
 * ```
 */
export function parseQsl(
  qs: string,
  options?: ParseQsOptions,
): [string, string][];
/**
 * The same on an ASCII bytes query: the names and values come back as
 * bytes, as Python returns them.
 *
 * @param qs The query, as ASCII bytes.
 * @param options How to treat blank values, bad fields and separators.
 * @returns The decoded pairs, as bytes.
 */
export function parseQsl(
  qs: Uint8Array,
  options?: ParseQsOptions,
): [Uint8Array, Uint8Array][];
export function parseQsl(
  qs: string | Uint8Array,
  options: ParseQsOptions = {},
): [string, string][] | [Uint8Array, Uint8Array][] {
  const checked = checkParseQsOptions(options);
  if (qs instanceof Uint8Array) {
    const pairs: [Uint8Array, Uint8Array][] = [];
    forEachQueryPair(asciiQuery(qs), checked, (name, value) => {
      pairs.push([asciiBytes(name), asciiBytes(value)]);
    });
    return pairs;
  }
  const pairs: [string, string][] = [];
  forEachQueryPair(qs, checked, (name, value) => {
    pairs.push([name, value]);
  });
  return pairs;
}
