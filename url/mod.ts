/**
 * All of Python's `urllib.parse` and `urllib.error`, with exactly CPython's
 * answers, beside the Web's URL parser under the Web's names.
 *
 * The rule: **a function named after Python's gives Python's answer, byte
 * for byte, exceptions included**; the WHATWG URL standard's answers keep
 * their own names.
 *
 * - **Python's**: `urlsplit`, `urlunsplit`, `urlparse`, `urlunparse`,
 *   `urljoin`, `urldefrag`, `parseQs`, `parseQsl`, `urlencode`, `quote`,
 *   `quotePlus`, `quoteFromBytes`, `unquote`, `unquotePlus`,
 *   `unquoteToBytes`, and the errors `URLError` and `HTTPError` that
 *   `fetchUrl` (Python's `urlopen`) throws. A test runs each against
 *   python3 on the calls CPython's own `test_urlparse` and `test_urllib`
 *   make and on reproducible generated calls, with zero differences. Results are
 *   frozen objects with Python's field names, iterable in Python's tuple
 *   order; `null` stands where Python has `None`. Python's ValueError is a
 *   `RangeError` (except "bad query field", a `TypeError`), its
 *   `UnicodeEncodeError` and `UnicodeDecodeError` a `URIError`.
 * - **The Web's**: `parseUrl` (`new URL` under Python's field names),
 *   `resolveUrl` (`new URL(ref, base)`) and `updateQuery`, which normalise
 *   as browsers do.
 *
 * Where the two disagree (the README has the full table, checked by a test):
 *
 * | input                            | Python (`urlparse`, `urljoin`) | WHATWG (`parseUrl`, `resolveUrl`) |
 * | -------------------------------- | ------------------------------ | --------------------------------- |
 * | `http://a:80/` `.port`           | `80`                           | `null`                            |
 * | `http://a/b/../c` `.path`        | `"/b/../c"`                    | `"/c"`                            |
 * | `HTTP://EXAMPLE.com/` `.netloc`  | `"EXAMPLE.com"`                | `"example.com"`                   |
 * | `/a?b` `.query`                  | `"b"`                          | throws a `TypeError`              |
 * | `http://h:65536/` `.port`        | throws a `RangeError`          | throws a `TypeError`              |
 * | join `//g` to `http://a/b/c/d;p?q` | `"http://g"`                 | `"http://g/"`                     |
 * | join `d` to `foo://a/b/c`        | `"d"`                          | `"foo://a/b/d"`                   |
 * | join `""` to `http://a/b?q#f`    | `"http://a/b?q#f"`             | `"http://a/b?q"`                  |
 *
 * @example Usage
 * ```ts
 * import { parseQs, quote, urlencode, urlparse, urlunparse } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const url = "https://example.com/search?q=caf%C3%A9+au+lait&tag=a&tag=b#top";
 * const parts = urlparse(url);
 * assert.deepEqual(parseQs(parts.query), { q: ["café au lait"], tag: ["a", "b"] });
 * assert.equal(
 *   urlunparse(parts.replace({ query: urlencode({ q: "tea" }) })),
 *   "https://example.com/search?q=tea#top",
 * );
 * assert.equal(quote("/path with space/ü"), "/path%20with%20space/%C3%BC");
 * ```
 *
 * @module
 */
export * from "./parse_url.ts";
export * from "./parse_qs.ts";
export * from "./parse_qsl.ts";
export * from "./urlencode.ts";
export * from "./quote.ts";
export * from "./quote_plus.ts";
export * from "./quote_from_bytes.ts";
export * from "./unquote.ts";
export * from "./unquote_plus.ts";
export * from "./unquote_to_bytes.ts";
export * from "./update_query.ts";
export * from "./urlsplit.ts";
export * from "./urlunsplit.ts";
export * from "./urlparse.ts";
export * from "./urlunparse.ts";
export * from "./netloc_result.ts";
export * from "./split_result.ts";
export * from "./parse_result.ts";
export * from "./urljoin.ts";
export * from "./resolve_url.ts";
export * from "./urldefrag.ts";
export * from "./url_error.ts";
export * from "./http_error.ts";
export * from "./fetch_url.ts";
