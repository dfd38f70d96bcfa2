/**
 * `urlencode`: Python's `urllib.parse.urlencode`.
 *
 * @module
 */

import { quotePlus } from "./quote_plus.ts";

/** One key or value that {@linkcode urlencode} can write. */
export type UrlencodeScalar = string | number | bigint | boolean | Uint8Array;

/** A value: one scalar, or with `doseq` an iterable of them (one field each). */
export type UrlencodeValue = UrlencodeScalar | Iterable<UrlencodeScalar>;

/** What {@linkcode urlencode} accepts, as Python accepts a mapping or a sequence of pairs. */
export type UrlencodeQuery =
  | URLSearchParams
  | ReadonlyMap<UrlencodeScalar, UrlencodeValue>
  | Iterable<readonly [UrlencodeScalar, UrlencodeValue]>
  | Readonly<Record<string, UrlencodeValue>>;

/** Options for {@linkcode urlencode}, named after Python's. */
export interface UrlencodeOptions {
  /**
   * Write one field per element when a value is an iterable (other than a
   * string or bytes): `{ a: ["1", "2"] }` gives `a=1&a=2`. Without it an
   * iterable value throws a `TypeError` (Python would write its `repr`).
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
   * The quoting function for each key and value: `quotePlus` (spaces as `+`)
   * or `quote` (spaces as `%20`), or your own.
   *
   * @default {quotePlus}
   */
  quoteVia?: (value: string | Uint8Array, safe: string) => string;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === "object" && value !== null &&
    typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] ===
      "function";
}

function scalarText(value: unknown, what: string): string | Uint8Array {
  if (typeof value === "string" || value instanceof Uint8Array) return value;
  if (
    typeof value === "number" || typeof value === "bigint" ||
    typeof value === "boolean"
  ) {
    return String(value);
  }
  throw new TypeError(
    `Cannot urlencode ${what} ${
      String(value)
    }: expected a string, number, bigint, boolean or Uint8Array`,
  );
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
 * pairs are joined with `=` and `&`, in the input's order. Numbers, bigints
 * and booleans are written with `String()` (so `true`, where Python writes
 * `True`).
 *
 * @param query The pairs to encode.
 * @param options `doseq`, `safe` and `quoteVia`, as in Python.
 * @returns The query string, without a leading `?`.
 * @throws {TypeError} When the query is not one of the accepted shapes, a pair is not two elements, a value is not a scalar (or an iterable of them with `doseq`).
 * @throws {URIError} When a string holds a lone surrogate.
 *
 * @example Usage
 * ```ts
 * import { quote, urlencode } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(urlencode({ q: "a b&c", n: 1 }), "q=a+b%26c&n=1");
 * assert.equal(urlencode([["t", ["x", "y"]]], { doseq: true }), "t=x&t=y");
 * assert.equal(urlencode(new Map([["p", "/a b"]]), { quoteVia: quote, safe: "/" }), "p=/a%20b");
 * ```
 */
export function urlencode(
  query: UrlencodeQuery,
  options: UrlencodeOptions = {},
): string {
  const { doseq = false, safe = "", quoteVia = quotePlus } = options;
  const fields: string[] = [];
  for (const pair of pairsOf(query)) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError(
        `Cannot urlencode the pair ${String(pair)}: expected [key, value]`,
      );
    }
    const [rawKey, rawValue] = pair as [unknown, unknown];
    const key = quoteVia(scalarText(rawKey, "key"), safe);
    if (
      isIterable(rawValue) && !(rawValue instanceof Uint8Array)
    ) {
      if (!doseq) {
        throw new TypeError(
          `Cannot urlencode the value of "${
            String(rawKey)
          }": it is a sequence; set doseq to write one field per element`,
        );
      }
      for (const element of rawValue) {
        fields.push(key + "=" + quoteVia(scalarText(element, "value"), safe));
      }
    } else {
      fields.push(key + "=" + quoteVia(scalarText(rawValue, "value"), safe));
    }
  }
  return fields.join("&");
}
