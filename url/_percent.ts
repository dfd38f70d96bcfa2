/**
 * The percent-encoding engine behind `quote`, `unquote` and the query-string
 * functions, following CPython 3.11's `urllib/parse.py` step by step:
 *
 * - quoting encodes to UTF-8 and escapes every byte that is not
 *   `A-Z a-z 0-9 _ . - ~` or one of the ASCII characters of `safe`
 *   (non-ASCII characters of `safe` are ignored), as `%XX` in upper case;
 * - unquoting turns each `%XX` (two hex digits, either case) into a byte and
 *   leaves a `%` followed by anything else as it is; each run of ASCII
 *   characters is decoded as UTF-8 on its own, and non-ASCII characters are
 *   copied through untouched (so a lone surrogate survives unquoting).
 *
 * @module
 */

import { decodeText, type Encoding } from "./_codec.ts";
import { type DecodeErrors, encodeUtf8Strict, loneSurrogate } from "./_utf8.ts";

/** `"%00"` … `"%FF"`, indexed by byte. */
const ESCAPES: readonly string[] = Array.from(
  { length: 256 },
  (_, byte) => "%" + byte.toString(16).toUpperCase().padStart(2, "0"),
);

const ALWAYS_SAFE =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

/**
 * For each ASCII code, what `quote` writes for it: the character itself when
 * safe, its escape otherwise.
 */
export type QuoteTable = readonly string[];

function buildTable(safe: string): QuoteTable {
  const table = ESCAPES.slice(0, 128);
  for (const char of ALWAYS_SAFE + safe) {
    const code = char.charCodeAt(0);
    if (code < 128 && char.length === 1) table[code] = char;
  }
  return table;
}

const SLASH_TABLE = buildTable("/");
const EMPTY_TABLE = buildTable("");

/** The table for a `safe` set; the two defaults are built once. */
export function quoteTable(safe: string): QuoteTable {
  if (typeof safe !== "string") {
    throw new TypeError(`Cannot use safe ${String(safe)}: expected a string`);
  }
  if (safe === "/") return SLASH_TABLE;
  if (safe === "") return EMPTY_TABLE;
  return buildTable(safe);
}

/** Quotes a string's UTF-8 bytes; lone surrogates throw, as in Python. */
export function quoteString(value: string, table: QuoteTable): string {
  const length = value.length;
  let i = 0;
  // Fast path: the longest prefix that needs no escaping is copied as is.
  for (; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || table[code]!.length !== 1) break;
  }
  if (i === length) return value;
  let out = value.slice(0, i);
  for (; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) {
      out += table[code];
    } else if (code < 0x800) {
      out += ESCAPES[0xc0 | (code >> 6)]! + ESCAPES[0x80 | (code & 0x3f)];
    } else if (code < 0xd800 || code > 0xdfff) {
      out += ESCAPES[0xe0 | (code >> 12)]! +
        ESCAPES[0x80 | ((code >> 6) & 0x3f)] +
        ESCAPES[0x80 | (code & 0x3f)];
    } else {
      const low = value.charCodeAt(i + 1);
      if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
        throw loneSurrogate(value);
      }
      const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      out += ESCAPES[0xf0 | (point >> 18)]! +
        ESCAPES[0x80 | ((point >> 12) & 0x3f)] +
        ESCAPES[0x80 | ((point >> 6) & 0x3f)] +
        ESCAPES[0x80 | (point & 0x3f)];
      i++;
    }
  }
  return out;
}

/** Quotes raw bytes: bytes of 128 and above are always escaped. */
export function quoteBytes(bytes: Uint8Array, table: QuoteTable): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    out += byte < 128 ? table[byte] : ESCAPES[byte];
  }
  return out;
}

/** The value of a hex digit's char code, or -1. */
function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/**
 * Python's `unquote` on a string. The caller has already replaced `+` where
 * that applies.
 */
export function unquoteString(
  value: string,
  errors: DecodeErrors,
  encoding: Encoding = "utf-8",
): string {
  let at = value.indexOf("%");
  if (at === -1) return value;
  if (encoding !== "utf-8") return unquoteSlowly(value, at, errors, encoding);
  // Fast path: when every `%` starts an escape and the escapes are valid
  // UTF-8, the engine's decodeURIComponent gives exactly Python's answer
  // (it copies unescaped characters, lone surrogates included, as Python
  // does). Anything else makes it throw, and the exact path below runs.
  try {
    return decodeURIComponent(value);
  } catch {
    // A broken escape or invalid UTF-8: decode the way Python does.
  }
  return unquoteSlowly(value, at, errors, encoding);
}

/** The exact path of {@linkcode unquoteString}, from the first `%`. */
function unquoteSlowly(
  value: string,
  at: number,
  errors: DecodeErrors,
  encoding: Encoding,
): string {
  const length = value.length;
  let out = "";
  let literalStart = 0;
  const pending: number[] = [];
  let pendingLength = 0;
  while (at !== -1) {
    const high = hexValue(value.charCodeAt(at + 1));
    const low = high < 0 ? -1 : hexValue(value.charCodeAt(at + 2));
    if (low < 0) {
      at = value.indexOf("%", at + 1);
      continue;
    }
    if (at > literalStart) {
      // Literal text ends the run of escaped bytes before it.
      if (pendingLength > 0) {
        out += decodeText(pending, pendingLength, encoding, errors);
        pendingLength = 0;
      }
      out += value.slice(literalStart, at);
    }
    pending[pendingLength++] = high * 16 + low;
    at += 3;
    literalStart = at;
    if (value.charCodeAt(at) !== 37) at = value.indexOf("%", at);
  }
  if (pendingLength > 0) {
    out += decodeText(pending, pendingLength, encoding, errors);
  }
  if (literalStart < length) out += value.slice(literalStart);
  return out;
}

/** Python's `unquote_to_bytes` on bytes. */
export function unquoteBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let written = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 37 && i + 2 < bytes.length) {
      const high = hexValue(bytes[i + 1]!);
      const low = high < 0 ? -1 : hexValue(bytes[i + 2]!);
      if (low >= 0) {
        out[written++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    out[written++] = byte;
  }
  return out.slice(0, written);
}

/** Python's `unquote_to_bytes` on a string: UTF-8 first, strictly. */
export function unquoteStringToBytes(value: string): Uint8Array {
  return unquoteBytes(encodeUtf8Strict(value));
}

/** Replaces `+` by a space, then unquotes: one form-encoded component. */
export function unquoteFormComponent(
  value: string,
  errors: DecodeErrors,
  encoding: Encoding = "utf-8",
): string {
  if (value.indexOf("+") !== -1) value = value.replaceAll("+", " ");
  return unquoteString(value, errors, encoding);
}
