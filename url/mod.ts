/**
 * URL processing on the Web `URL` class, with answers identical to Python's
 * `urllib.parse` for query strings and percent-encoding, and fetching with
 * typed errors.
 *
 * Two standards meet here, on purpose:
 *
 * - **Query strings and percent-encoding follow Python.** `parseQs`,
 *   `parseQsl`, `urlencode`, `quote`, `quotePlus`, `unquote`, `unquotePlus`,
 *   `quoteFromBytes` and `unquoteToBytes` give CPython 3.11's answers, byte
 *   for byte, including its edge cases: a `%` not followed by two hex digits
 *   is kept, invalid UTF-8 becomes U+FFFD per maximal ill-formed subsequence
 *   (or throws with `errors: "strict"`), blank values are dropped unless
 *   asked for, `;` separates only when it is the `separator`. A test feeds
 *   10,000 generated inputs to both and compares. Python's exceptions become
 *   thrown errors: `UnicodeEncodeError` (a lone surrogate) and
 *   `UnicodeDecodeError` a `URIError` (as `encodeURIComponent` throws), "bad
 *   query field" under `strictParsing` a `TypeError`, "Max number of fields
 *   exceeded" a `RangeError`.
 * - **Parsing and joining URLs follow the WHATWG URL standard**, as `new
 *   URL()` and browsers do: `parseUrl`, `urljoin`, `updateQuery`.
 *
 * ## `parseUrl` and Python's `urlsplit`
 *
 * `parseUrl` returns the fields of `urlsplit` (plus `href`), but the WHATWG
 * parser normalises where `urlsplit` only splits:
 *
 * | difference                                  | input                    | `parseUrl`                          | Python `urlsplit`                         |
 * | ------------------------------------------- | ------------------------ | ----------------------------------- | ----------------------------------------- |
 * | the scheme's default port is dropped        | `http://a:80/`           | `port: null`, `netloc: "a"`         | `port: 80`, `netloc: "a:80"`              |
 * | an empty port is dropped                    | `http://h:/`             | `netloc: "h"`                       | `netloc: "h:"`                            |
 * | dot segments are resolved                   | `http://a/b/../c`        | `path: "/c"`                        | `path: "/b/../c"`                         |
 * | special schemes' hosts are lower-cased      | `HTTP://EXAMPLE.com/`    | `netloc: "example.com"`             | `netloc: "EXAMPLE.com"`                   |
 * | other schemes' hosts keep their case        | `foo://EXAMPLE/P`        | `hostname: "EXAMPLE"`               | `hostname: "example"`                     |
 * | a special scheme's empty path becomes `/`   | `http://a`               | `path: "/"`                         | `path: ""`                                |
 * | spaces and non-ASCII in the path are quoted | `http://a/b c`           | `path: "/b%20c"`                    | `path: "/b c"`                            |
 * | host names go through IDNA                  | `http://Bücher.example/` | `hostname: "xn--bcher-kva.example"` | `hostname: "bücher.example"`              |
 * | IPv4 numbers are normalised                 | `http://0x7f.1/`         | `hostname: "127.0.0.1"`             | `hostname: "0x7f.1"`                      |
 * | `\` is a `/` in special schemes             | `http:\\a\b`             | `hostname: "a"`, `path: "/b"`       | `netloc: ""`, `path` is `\\a\b`           |
 * | a port over 65535 is invalid                | `http://h:65536/`        | throws a `TypeError`                | splits; reading `.port` raises ValueError |
 * | a relative reference needs a base           | `/a?b`                   | throws a `TypeError`                | `scheme: ""`, `path: "/a"`, `query: "b"`  |
 * | `mailto:` (an opaque path) is no base       | `x` against `mailto:a@b` | throws a `TypeError`                | `urljoin` returns `"x"`                   |
 *
 * Both agree on `mailto:a@b` itself (`path: "a@b"`, empty `netloc`), on
 * IPv6 (`hostname: "::1"`, without brackets, for `http://[::1]:8080/`) and
 * on percent-escapes already present (kept as written). `username` and
 * `password` are `""` rather than `None` when absent.
 *
 * ## `urljoin` and RFC 3986 section 5.4
 *
 * `urljoin(base, ref)` is `new URL(ref, base).href`. Against the RFC's base
 * `http://a/b/c/d;p?q` it gives every normal and abnormal example's answer
 * except two:
 *
 * | reference | RFC 3986   | `urljoin` (WHATWG) | Python `urljoin` |
 * | --------- | ---------- | ------------------ | ---------------- |
 * | `//g`     | `http://g` | `http://g/`        | `http://g`       |
 * | `http:g`  | `http:g`   | `http://a/b/c/g`   | `http://a/b/c/g` |
 *
 * (`http:g` resolved as a relative reference is the "backward compatible"
 * answer RFC 3986 section 5.4.2 allows.) Python's `urljoin` also differs
 * elsewhere: it resolves only schemes in its `uses_relative` list
 * (`urljoin("foo://a/b/c", "d")` is `"d"`; here it is `"foo://a/b/d"`), and
 * it returns `ref` for a base that cannot be one (`""`, `mailto:a@b`), where
 * `urljoin` throws a `TypeError`.
 *
 * @example Usage
 * ```ts
 * import { parseQs, parseUrl, quote, urljoin } from "@wirework/wirework/url";
 * import assert from "node:assert/strict";
 *
 * const url = parseUrl("https://example.com/search?q=caf%C3%A9+au+lait&tag=a&tag=b");
 * assert.deepEqual(parseQs(url.query), { q: ["café au lait"], tag: ["a", "b"] });
 * assert.equal(quote("/path with space/ü"), "/path%20with%20space/%C3%BC");
 * assert.equal(urljoin(url.href, "../docs/"), "https://example.com/docs/");
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
export * from "./split_result.ts";
export * from "./parse_result.ts";
export * from "./urljoin.ts";
export * from "./resolve_url.ts";
export * from "./urldefrag.ts";
export * from "./url_error.ts";
export * from "./http_error.ts";
export * from "./fetch_url.ts";
