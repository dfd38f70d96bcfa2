/**
 * CPython 3.11's `urlsplit`, `urlunsplit` and the netloc getters of its
 * results, line by line, on strings: the one place the Python split lives.
 * `urlsplit`, `urlparse`, `urljoin` and `urldefrag` are all built on it.
 *
 * @module
 */

import type { UrlsplitOptions } from "./urlsplit.ts";

/** The scheme lists of CPython's `urllib/parse.py`. */
export const USES_RELATIVE: ReadonlySet<string> = new Set([
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "imap",
  "wais",
  "file",
  "https",
  "shttp",
  "mms",
  "prospero",
  "rtsp",
  "rtspu",
  "sftp",
  "svn",
  "svn+ssh",
  "ws",
  "wss",
]);

/** Schemes whose URLs have a `//netloc`. */
export const USES_NETLOC: ReadonlySet<string> = new Set([
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "telnet",
  "imap",
  "wais",
  "file",
  "mms",
  "https",
  "shttp",
  "snews",
  "prospero",
  "rtsp",
  "rtspu",
  "rsync",
  "svn",
  "svn+ssh",
  "sftp",
  "nfs",
  "git",
  "git+ssh",
  "ws",
  "wss",
]);

/** Schemes whose last path segment may carry `;params`. */
export const USES_PARAMS: ReadonlySet<string> = new Set([
  "",
  "ftp",
  "hdl",
  "prospero",
  "http",
  "imap",
  "https",
  "shttp",
  "rtsp",
  "rtspu",
  "sip",
  "sips",
  "mms",
  "sftp",
  "tel",
]);

/** The five parts, in Python's tuple order. */
export type SplitParts = [
  scheme: string,
  netloc: string,
  path: string,
  query: string,
  fragment: string,
];

/** `A-Z a-z 0-9 + - .`, by char code. */
const SCHEME_CHARS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  const chars =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.";
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
})();

/** C0 controls and space, which Python strips from the start of a URL. */
function isC0OrSpace(code: number): boolean {
  return code <= 0x20;
}

const UNSAFE = /[\t\r\n]/g;

function stripScheme(scheme: string): string {
  let start = 0;
  let end = scheme.length;
  while (start < end && isC0OrSpace(scheme.charCodeAt(start))) start++;
  while (end > start && isC0OrSpace(scheme.charCodeAt(end - 1))) end--;
  const stripped = scheme.slice(start, end);
  return stripped.length === 0 ? stripped : stripped.replace(UNSAFE, "");
}

/** Python raises ValueError; here that is a RangeError naming the URL. */
function invalid(url: string, why: string): RangeError {
  return new RangeError(`Cannot split URL "${url}": ${why}`);
}

/** `url` without leading C0 controls and spaces, and without tabs and newlines. */
export function cleanUrl(url: string): string {
  let start = 0;
  while (start < url.length && isC0OrSpace(url.charCodeAt(start))) start++;
  if (start > 0) url = url.slice(start);
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code === 9 || code === 10 || code === 13) {
      return url.replace(UNSAFE, "");
    }
  }
  return url;
}

/**
 * Python's `urlsplit(url, scheme, allow_fragments)`.
 *
 * @throws {RangeError} Where Python raises ValueError: unbalanced brackets,
 *   a bracketed host that is no IPv6 address or IPvFuture, a netloc that
 *   NFKC normalisation turns into one with `/?#@:`.
 */
export function splitUrl(
  input: string,
  defaultScheme: string,
  allowFragments: boolean,
): SplitParts {
  let url = cleanUrl(input);
  let scheme = defaultScheme.length === 0 ? "" : stripScheme(defaultScheme);
  let netloc = "";
  let query = "";
  let fragment = "";
  const colon = url.indexOf(":");
  if (colon > 0) {
    const first = url.charCodeAt(0) | 0x20;
    if (first >= 97 && first <= 122) {
      let i = 1;
      for (; i < colon; i++) {
        const code = url.charCodeAt(i);
        if (code >= 128 || SCHEME_CHARS[code] === 0) break;
      }
      if (i === colon) {
        scheme = url.slice(0, colon).toLowerCase();
        url = url.slice(colon + 1);
      }
    }
  }
  if (url.charCodeAt(0) === 47 && url.charCodeAt(1) === 47) {
    let end = url.length;
    for (let i = 2; i < url.length; i++) {
      const code = url.charCodeAt(i);
      if (code === 47 || code === 63 || code === 35) {
        end = i;
        break;
      }
    }
    netloc = url.slice(2, end);
    url = url.slice(end);
    const open = netloc.indexOf("[");
    const close = netloc.indexOf("]");
    if ((open === -1) !== (close === -1)) {
      throw invalid(input, "invalid IPv6 URL");
    }
    if (open !== -1) {
      const afterOpen = netloc.slice(open + 1);
      const end = afterOpen.indexOf("]");
      checkBracketedHost(
        input,
        end === -1 ? afterOpen : afterOpen.slice(0, end),
      );
    }
  }
  if (allowFragments) {
    const hash = url.indexOf("#");
    if (hash !== -1) {
      fragment = url.slice(hash + 1);
      url = url.slice(0, hash);
    }
  }
  const question = url.indexOf("?");
  if (question !== -1) {
    query = url.slice(question + 1);
    url = url.slice(0, question);
  }
  checkNetloc(input, netloc);
  return [scheme, netloc, url, query, fragment];
}

// deno-lint-ignore no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Python's `_checknetloc`: NFKC must not conjure up a URL delimiter. */
function checkNetloc(input: string, netloc: string): void {
  if (netloc.length === 0 || !NON_ASCII.test(netloc)) return;
  const bare = netloc.replace(/[@:#?]/g, "");
  const normalised = bare.normalize("NFKC");
  if (bare === normalised) return;
  if (/[/?#@:]/.test(normalised)) {
    throw invalid(
      input,
      `netloc "${netloc}" contains invalid characters under NFKC normalization`,
    );
  }
}

const IPV_FUTURE = /^v[a-fA-F0-9]+\.[^\n]+$/;

/** Python's `_check_bracketed_host`. */
function checkBracketedHost(input: string, host: string): void {
  if (host.startsWith("v")) {
    if (!IPV_FUTURE.test(host)) {
      throw invalid(input, `IPvFuture address "${host}" is invalid`);
    }
    return;
  }
  if (isIPv4(host)) {
    throw invalid(input, `an IPv4 address ("${host}") cannot be in brackets`);
  }
  if (!isIPv6(host)) {
    throw invalid(
      input,
      `"${host}" does not appear to be an IPv4 or IPv6 address`,
    );
  }
}

/** Python's `ipaddress.IPv4Address` parse: four decimal octets, no leading zeros. */
function isIPv4(text: string): boolean {
  if (text.length === 0 || text.includes("/")) return false;
  const octets = text.split(".");
  if (octets.length !== 4) return false;
  for (const octet of octets) {
    if (!/^[0-9]{1,3}$/.test(octet)) return false;
    if (octet !== "0" && octet[0] === "0") return false;
    if (Number(octet) > 255) return false;
  }
  return true;
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** Python's `ipaddress.IPv6Address` parse, scope id included. */
function isIPv6(text: string): boolean {
  if (text.includes("/")) return false;
  const percent = text.indexOf("%");
  let address = text;
  if (percent !== -1) {
    const scope = text.slice(percent + 1);
    if (scope.length === 0 || scope.includes("%")) return false;
    address = text.slice(0, percent);
  }
  if (address.length === 0) return false;
  const parts = address.split(":");
  if (parts.length < 3) return false;
  if (parts[parts.length - 1]!.includes(".")) {
    if (!isIPv4(parts.pop()!)) return false;
    parts.push("0", "0");
  }
  if (parts.length > 9) return false;
  let skipIndex = -1;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] === "") {
      if (skipIndex !== -1) return false;
      skipIndex = i;
    }
  }
  let high: number;
  let low: number;
  if (skipIndex !== -1) {
    high = skipIndex;
    low = parts.length - skipIndex - 1;
    if (parts[0] === "") {
      high--;
      if (high !== 0) return false;
    }
    if (parts[parts.length - 1] === "") {
      low--;
      if (low !== 0) return false;
    }
    if (8 - (high + low) < 1) return false;
  } else {
    if (parts.length !== 8) return false;
    if (parts[0] === "" || parts[parts.length - 1] === "") return false;
    high = parts.length;
    low = 0;
  }
  for (let i = 0; i < high; i++) if (!HEXTET.test(parts[i]!)) return false;
  for (let i = parts.length - low; i < parts.length; i++) {
    if (!HEXTET.test(parts[i]!)) return false;
  }
  return true;
}

/** Python's `urlunsplit`. */
export function joinParts(
  scheme: string,
  netloc: string,
  path: string,
  query: string,
  fragment: string,
): string {
  let url = path;
  if (
    netloc.length > 0 ||
    (scheme.length > 0 && USES_NETLOC.has(scheme) &&
      !(url.charCodeAt(0) === 47 && url.charCodeAt(1) === 47))
  ) {
    if (url.length > 0 && url.charCodeAt(0) !== 47) url = "/" + url;
    url = "//" + netloc + url;
  }
  if (scheme.length > 0) url = scheme + ":" + url;
  if (query.length > 0) url = url + "?" + query;
  if (fragment.length > 0) url = url + "#" + fragment;
  return url;
}

/** Python's `_userinfo`: `[username, password]`, `null` where Python has `None`. */
export function userinfoOf(netloc: string): [string | null, string | null] {
  const at = netloc.lastIndexOf("@");
  if (at === -1) return [null, null];
  const userinfo = netloc.slice(0, at);
  const colon = userinfo.indexOf(":");
  if (colon === -1) return [userinfo, null];
  return [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
}

/** Python's `_hostinfo`: `[hostname, port text or null]`. */
function hostinfoOf(netloc: string): [string, string | null] {
  const hostinfo = netloc.slice(netloc.lastIndexOf("@") + 1);
  const open = hostinfo.indexOf("[");
  let hostname: string;
  let port: string;
  if (open !== -1) {
    const bracketed = hostinfo.slice(open + 1);
    const close = bracketed.indexOf("]");
    if (close === -1) {
      hostname = bracketed;
      port = "";
    } else {
      hostname = bracketed.slice(0, close);
      const rest = bracketed.slice(close + 1);
      const colon = rest.indexOf(":");
      port = colon === -1 ? "" : rest.slice(colon + 1);
    }
  } else {
    const colon = hostinfo.indexOf(":");
    hostname = colon === -1 ? hostinfo : hostinfo.slice(0, colon);
    port = colon === -1 ? "" : hostinfo.slice(colon + 1);
  }
  return [hostname, port.length === 0 ? null : port];
}

/** Python's `hostname` getter: lower case, except an IPv6 zone id. */
export function hostnameOf(netloc: string): string | null {
  const [hostname] = hostinfoOf(netloc);
  if (hostname.length === 0) return null;
  const percent = hostname.indexOf("%");
  if (percent === -1) return hostname.toLowerCase();
  return hostname.slice(0, percent).toLowerCase() + hostname.slice(percent);
}

/**
 * Python's `port` getter.
 *
 * @throws {RangeError} Where Python raises ValueError: not ASCII digits, or past 65535.
 */
export function portOf(netloc: string): number | null {
  const [, port] = hostinfoOf(netloc);
  if (port === null) return null;
  if (!/^[0-9]+$/.test(port)) {
    throw new RangeError(
      `Cannot read the port of "${netloc}": "${port}" is not an integer`,
    );
  }
  const value = Number(port);
  if (value > 65535) {
    throw new RangeError(
      `Cannot read the port of "${netloc}": ${port} is out of range 0-65535`,
    );
  }
  return value;
}

/** Python's `_splitparams`: the path before the last segment's `;`, and the params. */
export function splitParams(path: string): [string, string] {
  const slash = path.lastIndexOf("/");
  const semicolon = path.indexOf(";", slash === -1 ? 0 : slash);
  if (semicolon === -1) return [path, ""];
  return [path.slice(0, semicolon), path.slice(semicolon + 1)];
}

/** Throws a `TypeError` unless every part is a string. */
export function checkStrings(
  what: string,
  parts: readonly unknown[],
  count: number,
): string[] {
  if (parts.length !== count) {
    throw new TypeError(
      `Cannot ${what}: expected ${count} parts, got ${parts.length}`,
    );
  }
  for (const part of parts) {
    if (typeof part !== "string") {
      throw new TypeError(
        `Cannot ${what}: part ${String(part)} is not a string`,
      );
    }
  }
  return parts as string[];
}

/** Throws a `RangeError` naming fields `replace()` does not know, as Python's `_replace`. */
export function checkReplaceFields(
  changes: object,
  fields: readonly string[],
): void {
  if (typeof changes !== "object" || changes === null) {
    throw new TypeError(
      `Cannot replace fields with ${String(changes)}: expected an object`,
    );
  }
  const unknown = Object.keys(changes).filter((key) => !fields.includes(key));
  if (unknown.length > 0) {
    throw new RangeError(
      `Cannot replace unexpected field names ${JSON.stringify(unknown)}`,
    );
  }
}

/** Reads the options both `urlsplit` and `urlparse` take. */
export function checkSplitArguments(
  url: unknown,
  options: UrlsplitOptions,
): { scheme: string; allowFragments: boolean } {
  if (typeof url !== "string") {
    throw new TypeError(`Cannot split ${String(url)}: expected a string`);
  }
  const scheme = options.scheme ?? "";
  if (typeof scheme !== "string") {
    throw new TypeError(
      `Cannot use scheme ${String(scheme)}: expected a string`,
    );
  }
  return { scheme, allowFragments: options.allowFragments !== false };
}
