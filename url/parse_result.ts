/**
 * `ParseResult`: what `urlparse` returns, as Python's namedtuple.
 *
 * @module
 */

import { checkReplaceFields, checkStrings, joinParts } from "./_split.ts";
import { NetlocResult } from "./netloc_result.ts";

/** The fields of a {@linkcode ParseResult}, for {@linkcode ParseResult.replace}. */
export interface ParseFields {
  /** The scheme, lower-cased, without `:`; `""` when none. */
  scheme: string;
  /** The network location as written (`user:pw@host:port`); `""` when none. */
  netloc: string;
  /** The path, as written, without the last segment's `;params`. */
  path: string;
  /** The parameters of the last path segment, without `;`; `""` when none. */
  params: string;
  /** The query without `?`; `""` when none. */
  query: string;
  /** The fragment without `#`; `""` when none. */
  fragment: string;
}

const FIELDS = [
  "scheme",
  "netloc",
  "path",
  "params",
  "query",
  "fragment",
] as const;

/**
 * The six parts of a URL as Python's `urlparse` returns them: a frozen
 * object with Python's field names, iterable in Python's tuple order
 * (`const [scheme, netloc, path, params, query, fragment] = urlparse(url)`), with
 * the `username`, `password`, `hostname` and `port` getters of Python's
 * result. `null` stands where Python has `None`; a `RangeError` where it
 * raises ValueError.
 *
 * @example Usage
 * ```ts
 * import { ParseResult } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const parts = new ParseResult("https", "ann@Example.com:8443", "/a", "b", "q=1", "");
 * assert.equal(parts.hostname, "example.com");
 * assert.equal(parts.port, 8443);
 * assert.equal(parts.password, null);
 * assert.equal(parts.replace({ query: "q=2" }).geturl(), "https://ann@Example.com:8443/a;b?q=2");
 * assert.deepEqual([...parts], ["https", "ann@Example.com:8443", "/a", "b", "q=1", ""]);
 * ```
 */
export class ParseResult extends NetlocResult
  implements ParseFields, Iterable<string> {
  /** The scheme, lower-cased, without `:`; `""` when none. */
  readonly scheme: string;
  /** The network location as written (`user:pw@host:port`); `""` when none. */
  readonly netloc: string;
  /** The path, as written, without the last segment's `;params`. */
  readonly path: string;
  /** The parameters of the last path segment, without `;`; `""` when none. */
  readonly params: string;
  /** The query without `?`; `""` when none. */
  readonly query: string;
  /** The fragment without `#`; `""` when none. */
  readonly fragment: string;

  /**
   * Makes a result from its five parts, as Python's `ParseResult(...)`.
   *
   * @param scheme The scheme.
   * @param netloc The network location.
   * @param path The path.
   * @param params The parameters of the last path segment.
   * @param query The query.
   * @param fragment The fragment.
   * @throws {TypeError} When a part is not a string.
   */
  constructor(
    scheme: string,
    netloc: string,
    path: string,
    params: string,
    query: string,
    fragment: string,
  ) {
    checkStrings("make a ParseResult", [
      scheme,
      netloc,
      path,
      params,
      query,
      fragment,
    ], 6);
    super();
    this.scheme = scheme;
    this.netloc = netloc;
    this.path = path;
    this.params = params;
    this.query = query;
    this.fragment = fragment;
    Object.freeze(this);
  }

  /**
   * A copy with some fields changed: Python's `_replace`.
   *
   * @param changes The fields to change.
   * @returns The new result.
   * @throws {RangeError} When `changes` names a field a split result has not.
   */
  replace(changes: Partial<ParseFields>): ParseResult {
    checkReplaceFields(changes, FIELDS);
    return new ParseResult(
      changes.scheme ?? this.scheme,
      changes.netloc ?? this.netloc,
      changes.path ?? this.path,
      changes.params ?? this.params,
      changes.query ?? this.query,
      changes.fragment ?? this.fragment,
    );
  }

  /**
   * The URL put back together: `urlunparse(this)`.
   *
   * @returns The URL.
   */
  geturl(): string {
    return joinParts(
      this.scheme,
      this.netloc,
      this.params.length > 0 ? `${this.path};${this.params}` : this.path,
      this.query,
      this.fragment,
    );
  }

  /**
   * The parts in Python's tuple order.
   *
   * @returns An iterator over scheme, netloc, path, params, query and fragment.
   */
  *[Symbol.iterator](): Iterator<string> {
    yield this.scheme;
    yield this.netloc;
    yield this.path;
    yield this.params;
    yield this.query;
    yield this.fragment;
  }
}
