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
 * What `quote` writes for each ASCII code (the character itself when safe,
 * its escape otherwise), and which codes are safe, for a quick test.
 */
export interface QuoteTable {
  /** By ASCII code: the character or its escape. */
  readonly text: readonly string[];
  /** By ASCII code: 1 when safe. */
  readonly safe: Uint8Array;
}

function buildTable(safe: string): QuoteTable {
  const text = ESCAPES.slice(0, 128);
  const safeCodes = new Uint8Array(128);
  for (const char of ALWAYS_SAFE + safe) {
    const code = char.charCodeAt(0);
    if (code < 128 && char.length === 1) {
      text[code] = char;
      safeCodes[code] = 1;
    }
  }
  return { text, safe: safeCodes };
}

const SLASH_TABLE = buildTable("/");
const EMPTY_TABLE = buildTable("");

/** The table for a `safe` set; the two defaults are built once. */
export function quoteTable(safe: string): QuoteTable {
  if (safe === "/") return SLASH_TABLE;
  if (safe === "") return EMPTY_TABLE;
  if (typeof safe !== "string") {
    throw new TypeError(`Cannot use safe ${String(safe)}: expected a string`);
  }
  return buildTable(safe);
}

// A character's escapes in at most three pieces from tables (a two-byte
// character's whole escape, a longer one's leading bytes then the rest), so
// each non-ASCII character costs one or two concatenations.
/** `%XX` of a continuation byte, by its low six bits. */
const LAST_BYTE: readonly string[] = Array.from(
  { length: 64 },
  (_, bits) => ESCAPES[0x80 | bits]!,
);
/** Both bytes of a two-byte sequence, by code (below 0x800). */
const TWO_BYTES: readonly string[] = Array.from(
  { length: 0x800 },
  (_, code) => ESCAPES[0xc0 | (code >> 6)]! + ESCAPES[0x80 | (code & 0x3f)],
);
/** The first two bytes of a four-byte sequence, by `point >> 12`. */
const LEAD_OF_FOUR: readonly string[] = Array.from(
  { length: 0x110 },
  (_, high) => ESCAPES[0xf0 | (high >> 6)]! + ESCAPES[0x80 | (high & 0x3f)],
);
/** The first two bytes of a three-byte sequence, by `code >> 6`. */
const LEAD_OF_THREE: readonly string[] = Array.from(
  { length: 1024 },
  (_, high) => ESCAPES[0xe0 | (high >> 6)]! + ESCAPES[0x80 | (high & 0x3f)],
);

/**
 * All three bytes of a three-byte sequence, by code, filled in as characters
 * are met: one lookup and one concatenation per character of CJK text.
 */
const THREE_BYTES: (string | undefined)[] = new Array(0x10000).fill(undefined);

function threeBytes(code: number): string {
  return THREE_BYTES[code] = LEAD_OF_THREE[code >> 6]! + LAST_BYTE[code & 0x3f];
}

/** Quotes a string's UTF-8 bytes; lone surrogates throw, as in Python. */
export function quoteString(value: string, table: QuoteTable): string {
  const length = value.length;
  const safe = table.safe;
  const text = table.text;
  let out = "";
  // Characters from `copied` on are safe so far and still to be copied, in
  // one slice, when the next character that needs escaping comes.
  let copied = 0;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80 && safe[code] === 1) continue;
    if (i > copied) out += value.slice(copied, i);
    if (code < 0x80) {
      out += text[code];
    } else if (code < 0x800) {
      out += TWO_BYTES[code];
    } else if (code < 0xd800 || code > 0xdfff) {
      out += THREE_BYTES[code] ?? threeBytes(code);
    } else {
      const low = value.charCodeAt(i + 1);
      if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
        throw loneSurrogate(value);
      }
      const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      out += LEAD_OF_FOUR[point >> 12]! + LAST_BYTE[(point >> 6) & 0x3f] +
        LAST_BYTE[point & 0x3f];
      i++;
    }
    copied = i + 1;
  }
  if (copied === 0) return value;
  return copied < length ? out + value.slice(copied) : out;
}

/** Quotes raw bytes: bytes of 128 and above are always escaped. */
export function quoteBytes(bytes: Uint8Array, table: QuoteTable): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    out += byte < 128 ? table.text[byte] : ESCAPES[byte];
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
  const at = value.indexOf("%");
  if (at === -1) return value;
  if (encoding !== "utf-8") return unquoteSlowly(value, at, errors, encoding);
  return unquoteWellFormed(value, at) ??
    unquoteSlowly(value, at, errors, encoding);
}

/** The value of each ASCII hex digit, -1 for other codes. */
const HEX_VALUE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let digit = 0; digit < 10; digit++) table[48 + digit] = digit;
  for (let letter = 0; letter < 6; letter++) {
    table[65 + letter] = 10 + letter;
    table[97 + letter] = 10 + letter;
  }
  return table;
})();

/** The byte of the escape at `at` (which holds a `%`), or -1. */
function escapedByte(value: string, at: number): number {
  const high = value.charCodeAt(at + 1);
  const low = value.charCodeAt(at + 2);
  // Past the end charCodeAt gives NaN, which fails this test too.
  if (!(high < 128 && low < 128)) return -1;
  const highValue = HEX_VALUE[high]!;
  const lowValue = HEX_VALUE[low]!;
  return (highValue | lowValue) < 0 ? -1 : (highValue << 4) | lowValue;
}

/**
 * Decodes a string whose every `%` starts an escape and whose escapes are
 * well-formed UTF-8, the common case; returns `undefined` at the first
 * irregularity, for the exact path to take over. Escapes of ASCII bytes are
 * decoded here; from the first escape of a non-ASCII byte on, the rest goes
 * to `decodeURIComponent`, which gives Python's answer whenever it succeeds:
 * it throws exactly where a `%` starts no escape or the escaped bytes are
 * not UTF-8 (overlong forms and surrogates included), the cases the exact
 * path handles, and it copies unescaped characters, lone surrogates
 * included, as Python does.
 */
function unquoteWellFormed(value: string, first: number): string | undefined {
  const length = value.length;
  let out = value.slice(0, first);
  let at = first;
  while (at < length) {
    const byte = escapedByte(value, at);
    if (byte < 0) return undefined;
    if (byte >= 0x80) {
      let rest: string;
      try {
        rest = decodeURIComponent(value.slice(at));
      } catch {
        return undefined;
      }
      return out + rest;
    }
    out += String.fromCharCode(byte);
    at += 3;
    if (at < length && value.charCodeAt(at) !== 37) {
      const next = value.indexOf("%", at);
      if (next === -1) return out + value.slice(at);
      out += value.slice(at, next);
      at = next;
    }
  }
  return out;
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
