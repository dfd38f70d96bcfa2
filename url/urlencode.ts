/**
 * `urlencode`: Python's `urllib.parse.urlencode`.
 *
 * @module
 */

import type { EncodeErrors, TextEncodingName } from "./_codec.ts";
import { pythonStr } from "./_python_str.ts";
import { quotePlus } from "./quote_plus.ts";
import type { QuoteOptions } from "./quote.ts";

/**
 * One key or value that {@linkcode urlencode} can write: text and bytes as
 * they are, anything else as Python's `str()` writes it (`null` is `None`,
 * `true` is `True`, `1.5` is `1.5`, an array is its `repr()`).
 */
export type UrlencodeScalar =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array;

/** A value: a scalar, or an array (with `doseq` one field per element, else its `repr()`). */
export type UrlencodeValue =
  | UrlencodeScalar
  | Iterable<UrlencodeScalar | readonly unknown[]>
  | readonly unknown[];

/** What {@linkcode urlencode} accepts, as Python accepts a mapping or a sequence of pairs. */
export type UrlencodeQuery =
  | URLSearchParams
  | ReadonlyMap<UrlencodeScalar, UrlencodeValue>
  | Iterable<readonly [UrlencodeScalar, UrlencodeValue]>
  | Readonly<Record<string, UrlencodeValue>>;

/** Options for {@linkcode urlencode}, named after Python's. */
export interface UrlencodeOptions {
  /**
   * Write one field per element when a value is an array or another
   * iterable (other than a string or bytes): `{ a: ["1", "2"] }` gives
   * `a=1&a=2`. Without it the value is written as Python's `str()` writes a
   * list: `a=%5B%271%27%2C+%272%27%5D`.
   *
   * @default {false}
   */
  doseq?: boolean;
  /**
   * ASCII characters `quoteVia` leaves unescaped.
   *
   * @default {""}
   */
  safe?: string;
  /**
   * The encoding of text keys and values, passed to `quoteVia`.
   *
   * @default {"utf-8"}
   */
  encoding?: TextEncodingName;
  /**
   * What to do with characters the encoding cannot write, passed to
   * `quoteVia`.
   *
   * @default {"strict"}
   */
  errors?: EncodeErrors;
  /**
   * The quoting function for each key and value: `quotePlus` (spaces as `+`)
   * or `quote` (spaces as `%20`), or your own. Bytes get no options, as in
   * Python.
   *
   * @default {quotePlus}
   */
  quoteVia?: (
    value: string | Uint8Array,
    safe: string,
    options?: QuoteOptions,
  ) => string;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === "object" && value !== null &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] ===
      "function";
}

/**
 * What Python's `doseq` loops over: a value with a length other than text
 * and bytes. A Map or a record is a dict, whose loop gives its keys.
 */
function sequenceOf(value: unknown): Iterable<unknown> | undefined {
  if (typeof value === "string" || value instanceof Uint8Array) return;
  if (value instanceof Map) return value.keys();
  if (isIterable(value)) return value;
  if (
    typeof value === "object" && value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    return Object.keys(value);
  }
}

function pairsOf(query: UrlencodeQuery): Iterable<readonly unknown[]> {
  if (typeof query === "string") {
    throw new TypeError(
      `Cannot urlencode the string "${query}": pass a record, a Map, pairs or URLSearchParams`,
    );
  }
  if (isIterable(query)) return query as Iterable<readonly unknown[]>;
  if (typeof query === "object" && query !== null) return Object.entries(query);
  throw new TypeError(
    `Cannot urlencode ${
      String(query)
    }: pass a record, a Map, pairs or URLSearchParams`,
  );
}

/**
 * Encodes a record, a Map, an iterable of pairs or `URLSearchParams` into a
 * query string, as Python's `urllib.parse.urlencode` does: each key and value
 * goes through `quoteVia` (`quotePlus` by default, so spaces become `+`),
 * pairs are joined with `=` and `&`, in the input's order. A value that is
 * neither text nor bytes is written as Python's `str()` writes it: `null` as
 * `None`, booleans as `True`/`False`, numbers as `int` or `float` (`1.5`,
 * `1e-05`), arrays (without `doseq`, or nested in one) as their `repr()`.
 *
 * @param query The pairs to encode.
 * @param options `doseq`, `safe`, `encoding`, `errors` and `quoteVia`, as in Python.
 * @returns The query string, without a leading `?`.
 * @throws {TypeError} When the query is not one of the accepted shapes, a pair is not two elements, or a value has no Python counterpart (`undefined`, a function).
 * @throws {URIError} When a character cannot be encoded (a lone surrogate in UTF-8) and `errors` is `"strict"`.
 *
 * @example Usage
 * ```ts
 * import { quote, urlencode } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(urlencode({ q: "a b&c", n: 1 }), "q=a+b%26c&n=1");
 * assert.equal(urlencode({ a: null, b: true, c: 1.5 }), "a=None&b=True&c=1.5");
 * assert.equal(urlencode([["t", ["x", "y"]]], { doseq: true }), "t=x&t=y");
 * assert.equal(urlencode({ t: ["x", 1] }), "t=%5B%27x%27%2C+1%5D");
 * assert.equal(urlencode(new Map([["p", "/a b"]]), { quoteVia: quote, safe: "/" }), "p=/a%20b");
 * assert.equal(urlencode({ q: "é" }, { encoding: "latin-1" }), "q=%E9");
 * ```
 */
export function urlencode(
  query: UrlencodeQuery,
  options: UrlencodeOptions = {},
): string {
  const { doseq = false, safe = "", quoteVia = quotePlus } = options;
  const quoteOptions: QuoteOptions = {};
  if (options.encoding !== undefined) quoteOptions.encoding = options.encoding;
  if (options.errors !== undefined) quoteOptions.errors = options.errors;
  const hasOptions = options.encoding !== undefined ||
    options.errors !== undefined;
  const quoted = (value: unknown): string =>
    value instanceof Uint8Array
      ? quoteVia(value, safe)
      : hasOptions
      ? quoteVia(pythonStr(value), safe, quoteOptions)
      : quoteVia(pythonStr(value), safe);
  const fields: string[] = [];
  for (const pair of pairsOf(query)) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(
        `Cannot urlencode the pair ${String(pair)}: expected [key, value]`,
      );
    }
    const [rawKey, rawValue] = pair as [unknown, unknown];
    const key = quoted(rawKey);
    const elements = doseq ? sequenceOf(rawValue) : undefined;
    if (elements !== undefined) {
      for (const element of elements) fields.push(key + "=" + quoted(element));
    } else {
      fields.push(key + "=" + quoted(rawValue));
    }
  }
  return fields.join("&");
}
