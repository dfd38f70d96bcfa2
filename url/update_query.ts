/**
 * `updateQuery`: set, append and delete query parameters of a URL.
 *
 * @module
 */

import { unquoteFormComponent } from "./_percent.ts";
import { quotePlus } from "./quote_plus.ts";

/** One value or several, for a key of {@linkcode QueryChanges}. */
export type QueryValues = string | readonly string[];

/** What {@linkcode updateQuery} changes. Applied in order: delete, set, append. */
export interface QueryChanges {
  /** Keys whose every value is removed. */
  delete?: Iterable<string>;
  /**
   * Keys whose values are replaced: the new values take the place of the
   * key's first field and its other fields go; a key not present is added at
   * the end. An empty array removes the key.
   */
  set?: Readonly<Record<string, QueryValues>>;
  /** Fields added at the end, from a record or from pairs (in order). */
  append?:
    | Readonly<Record<string, QueryValues>>
    | Iterable<readonly [string, string]>;
}

function valuesOf(values: QueryValues): readonly string[] {
  return typeof values === "string" ? [values] : values;
}

function field(name: string, value: string): string {
  return quotePlus(name) + "=" + quotePlus(value);
}

function appendedPairs(
  append: QueryChanges["append"],
): Iterable<readonly [string, string]> {
  if (append === undefined) return [];
  if (Symbol.iterator in append) {
    return append as Iterable<readonly [string, string]>;
  }
  return Object.entries(append as Record<string, QueryValues>).flatMap((
    [name, values],
  ) => valuesOf(values).map((value) => [name, value] as const));
}

/**
 * Returns `url` with its query changed: keys deleted, keys set (in place, so
 * the order of the fields is kept), fields appended. Fields the changes do
 * not touch keep their exact bytes and order; new fields are written with
 * {@linkcode quotePlus}, as `urlencode` writes them. Keys are matched after
 * decoding (`a+b` and `a%20b` are the key `"a b"`). Empty fields (`&&`) are
 * dropped; the fragment is kept.
 *
 * @param url The URL to change; it is not modified.
 * @param changes The keys to delete, set and append.
 * @returns The new URL, serialised.
 * @throws {TypeError} When `url` is not a valid absolute URL.
 *
 * @example Usage
 * ```ts
 * import { updateQuery } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const url = "https://x.test/s?q=old&page=2&tag=a&tag=b#r";
 * assert.equal(
 *   updateQuery(url, { set: { q: "new term" }, delete: ["page"], append: { tag: "c" } }),
 *   "https://x.test/s?q=new+term&tag=a&tag=b&tag=c#r",
 * );
 * ```
 */
export function updateQuery(url: string | URL, changes: QueryChanges): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new TypeError(
      `Cannot update the query of "${String(url)}": it is not a valid URL`,
      { cause: error },
    );
  }
  const deleted = new Set(changes.delete ?? []);
  const set = new Map(
    Object.entries(changes.set ?? {}).map((
      [name, values],
    ) => [name, valuesOf(values)]),
  );
  const placed = new Set<string>();
  const fields: string[] = [];
  const query = parsed.search.slice(1);
  for (const raw of query === "" ? [] : query.split("&")) {
    if (raw === "") continue;
    const equals = raw.indexOf("=");
    const name = unquoteFormComponent(
      equals === -1 ? raw : raw.slice(0, equals),
      "replace",
    );
    if (deleted.has(name)) continue;
    const values = set.get(name);
    if (values === undefined) {
      fields.push(raw);
    } else if (!placed.has(name)) {
      placed.add(name);
      for (const value of values) fields.push(field(name, value));
    }
  }
  for (const [name, values] of set) {
    if (placed.has(name)) continue;
    for (const value of values) fields.push(field(name, value));
  }
  for (const [name, value] of appendedPairs(changes.append)) {
    fields.push(field(name, value));
  }
  parsed.search = fields.join("&");
  return parsed.href;
}
