/**
 * `SplitResult`: what `urlsplit` returns, as Python's namedtuple.
 *
 * @module
 */

import { checkReplaceFields, checkStrings, joinParts } from "./_split.ts";
import { NetlocResult } from "./netloc_result.ts";

/** The fields of a {@linkcode SplitResult}, for {@linkcode SplitResult.replace}. */
export interface SplitFields {
  /** The scheme, lower-cased, without `:`; `""` when none. */
  scheme: string;
  /** The network location as written (`user:pw@host:port`); `""` when none. */
  netloc: string;
  /** The path, as written. */
  path: string;
  /** The query without `?`; `""` when none. */
  query: string;
  /** The fragment without `#`; `""` when none. */
  fragment: string;
}

const FIELDS = ["scheme", "netloc", "path", "query", "fragment"] as const;

/**
 * The five parts of a URL as Python's `urlsplit` returns them: a frozen
 * object with Python's field names, iterable in Python's tuple order
 * (`const [scheme, netloc, path, query, fragment] = urlsplit(url)`), with
 * the `username`, `password`, `hostname` and `port` getters of Python's
 * result. `null` stands where Python has `None`; a `RangeError` where it
 * raises ValueError.
 *
 * @example Usage
 * ```ts
 * import { SplitResult } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const parts = new SplitResult("https", "ann@Example.com:8443", "/a", "q=1", "");
 * assert.equal(parts.hostname, "example.com");
 * assert.equal(parts.port, 8443);
 * assert.equal(parts.password, null);
 * assert.equal(parts.replace({ query: "q=2" }).geturl(), "https://ann@Example.com:8443/a?q=2");
 * assert.deepEqual([...parts], ["https", "ann@Example.com:8443", "/a", "q=1", ""]);
 * ```
 */
export class SplitResult extends NetlocResult
  implements SplitFields, Iterable<string> {
  /** The scheme, lower-cased, without `:`; `""` when none. */
  readonly scheme: string;
  /** The network location as written (`user:pw@host:port`); `""` when none. */
  readonly netloc: string;
  /** The path, as written. */
  readonly path: string;
  /** The query without `?`; `""` when none. */
  readonly query: string;
  /** The fragment without `#`; `""` when none. */
  readonly fragment: string;

  /**
   * Makes a result from its five parts, as Python's `SplitResult(...)`.
   *
   * @param scheme The scheme.
   * @param netloc The network location.
   * @param path The path.
   * @param query The query.
   * @param fragment The fragment.
   * @throws {TypeError} When a part is not a string.
   */
  constructor(
    scheme: string,
    netloc: string,
    path: string,
    query: string,
    fragment: string,
  ) {
    checkStrings("make a SplitResult", [
      scheme,
      netloc,
      path,
      query,
      fragment,
    ], 5);
    super();
    this.scheme = scheme;
    this.netloc = netloc;
    this.path = path;
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
  replace(changes: Partial<SplitFields>): SplitResult {
    checkReplaceFields(changes, FIELDS);
    return new SplitResult(
      changes.scheme ?? this.scheme,
      changes.netloc ?? this.netloc,
      changes.path ?? this.path,
      changes.query ?? this.query,
      changes.fragment ?? this.fragment,
    );
  }

  /**
   * The URL put back together: `urlunsplit(this)`.
   *
   * @returns The URL.
   */
  geturl(): string {
    return joinParts(
      this.scheme,
      this.netloc,
      this.path,
      this.query,
      this.fragment,
    );
  }

  /**
   * The parts in Python's tuple order.
   *
   * @returns An iterator over scheme, netloc, path, query and fragment.
   */
  *[Symbol.iterator](): Iterator<string> {
    yield this.scheme;
    yield this.netloc;
    yield this.path;
    yield this.query;
    yield this.fragment;
  }
}
