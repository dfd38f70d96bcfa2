/**
 * `parseQs`: Python's `urllib.parse.parse_qs`.
 *
 * @module
 */

import { checkParseQsOptions, forEachQueryPair } from "./_query.ts";
import type { ParseQsOptions } from "./parse_qsl.ts";

/**
 * Parses a query string into a record from each name to all its values, in
 * order of appearance, as Python's `urllib.parse.parse_qs` does. The fields
 * are read exactly as {@linkcode parseQsl} reads them. The record is a plain
 * object; a field named `__proto__` becomes an ordinary own property.
 *
 * @param qs The query string, without the leading `?`.
 * @param options How to treat blank values, bad fields and separators.
 * @returns Each name with the list of its values.
 * @throws {RangeError} When the query has more fields than `maxNumFields`.
 * @throws {TypeError} When `strictParsing` is set and a field has no `=`, or an option is invalid.
 * @throws {URIError} When `errors` is `"strict"` and an escape decodes to invalid UTF-8.
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
  options: ParseQsOptions = {},
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  forEachQueryPair(qs, checkParseQsOptions(options), (name, value) => {
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
  });
  return result;
}
