/**
 * `parseQs`: Python's `urllib.parse.parse_qs`.
 *
 * @module
 */

import {
  asciiBytes,
  asciiQuery,
  checkParseQsOptions,
  forEachQueryPair,
} from "./_query.ts";
import type { ParseQsOptions } from "./parse_qsl.ts";

/**
 * Parses a query string into a record from each name to all its values, in
 * order of appearance, as Python's `urllib.parse.parse_qs` does. The fields
 * are read exactly as {@linkcode parseQsl} reads them. The record is a plain
 * object; a field named `__proto__` becomes an ordinary own property.
 * With bytes in, the values come back as bytes (the names, ASCII as Python
 * requires, stay the record's string keys).
 *
 * @param qs The query string (or ASCII bytes), without the leading `?`.
 * @param options How to treat blank values, bad fields and separators.
 * @returns Each name with the list of its values.
 * @throws {RangeError} When the query has more fields than `maxNumFields`.
 * @throws {TypeError} When `strictParsing` is set and a field has no `=`, or an option is invalid.
 * @throws {URIError} When `errors` is `"strict"` and escapes do not decode, or bytes in or out are not ASCII.
 *
 * @example Usage
 * ```ts
 * import { parseQs } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseQs("tag=a&tag=b&q=x%20y&empty="), {
 *   tag: ["a", "b"],
 *   q: ["x y"],
 * });
 * assert.deepEqual(parseQs("empty=", { keepBlankValues: true }), { empty: [""] });
 * ```
 */
export function parseQs(
  qs: string,
  options?: ParseQsOptions,
): Record<string, string[]>;
/**
 * The same on an ASCII bytes query: the names and values come back as
 * bytes, as Python returns them.
 *
 * @param qs The query, as ASCII bytes.
 * @param options How to treat blank values, bad fields and separators.
 * @returns The decoded values, by name.
 */
export function parseQs(
  qs: Uint8Array,
  options?: ParseQsOptions,
): Record<string, Uint8Array[]>;
export function parseQs(
  qs: string | Uint8Array,
  options: ParseQsOptions = {},
): Record<string, string[]> | Record<string, Uint8Array[]> {
  const checked = checkParseQsOptions(options);
  if (qs instanceof Uint8Array) {
    const result: Record<string, Uint8Array[]> = {};
    forEachQueryPair(asciiQuery(qs), checked, (name, value) => {
      asciiBytes(name);
      addValue(result, name, asciiBytes(value));
    });
    return result;
  }
  const result: Record<string, string[]> = {};
  forEachQueryPair(qs, checked, (name, value) => {
    addValue(result, name, value);
  });
  return result;
}

/** Appends a value under `name`, keeping `__proto__` an ordinary key. */
function addValue<T>(
  result: Record<string, T[]>,
  name: string,
  value: T,
): void {
  if (Object.hasOwn(result, name)) {
    result[name]!.push(value);
  } else if (name === "__proto__") {
    Object.defineProperty(result, name, {
      value: [value],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    result[name] = [value];
  }
}
