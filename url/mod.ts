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
export * from "./parse_qs.ts";
export * from "./parse_qsl.ts";
export * from "./urlencode.ts";
export * from "./quote.ts";
export * from "./quote_plus.ts";
export * from "./quote_from_bytes.ts";
export * from "./unquote.ts";
export * from "./unquote_plus.ts";
export * from "./unquote_to_bytes.ts";
export * from "./parse_url.ts";
export * from "./urljoin.ts";
export * from "./urldefrag.ts";
export * from "./update_query.ts";
export * from "./url_error.ts";
export * from "./http_error.ts";
export * from "./fetch_url.ts";
