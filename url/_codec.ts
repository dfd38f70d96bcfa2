/**
 * Text encodings and error handlers as Python's `str.encode` and
 * `bytes.decode` know them, for the `encoding` and `errors` parameters of
 * the query and percent-encoding functions: UTF-8, Latin-1 and ASCII, each
 * with the `"strict"`, `"replace"` and `"ignore"` handlers.
 *
 * @module
 */

import { type DecodeErrors, decodeUtf8, loneSurrogate } from "./_utf8.ts";

/** A text encoding, by the names Python accepts for it. */
export type TextEncodingName =
  | "utf-8"
  | "utf8"
  | "latin-1"
  | "latin1"
  | "iso-8859-1"
  | "ascii";

/** The three encodings, normalised. */
export type Encoding = "utf-8" | "latin-1" | "ascii";

/** Python's error handlers: throw, write a replacement, or drop. */
export type CodecErrors = DecodeErrors;

/**
 * The handlers for encoding: the three of decoding, and Python's two that
 * write the character another way (`&#8364;`, `\u20ac`).
 */
export type EncodeErrors =
  | DecodeErrors
  | "xmlcharrefreplace"
  | "backslashreplace";

const ENCODING_NAMES: Readonly<Record<string, Encoding>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf_8": "utf-8",
  "latin-1": "latin-1",
  latin1: "latin-1",
  "latin_1": "latin-1",
  "iso-8859-1": "latin-1",
  "iso8859-1": "latin-1",
  "iso_8859_1": "latin-1",
  l1: "latin-1",
  ascii: "ascii",
  "us-ascii": "ascii",
};

/** The encoding a name stands for; throws a `RangeError` for another name. */
export function checkEncoding(name: unknown): Encoding {
  if (typeof name === "string") {
    const found = ENCODING_NAMES[name.toLowerCase()];
    if (found !== undefined) return found;
  }
  throw new RangeError(
    `Cannot use encoding "${
      String(name)
    }": expected "utf-8", "latin-1" or "ascii"`,
  );
}

/** The error handler a name stands for; throws a `TypeError` for another. */
export function checkErrors(errors: unknown): EncodeErrors {
  if (
    errors === "replace" || errors === "strict" || errors === "ignore" ||
    errors === "xmlcharrefreplace" || errors === "backslashreplace"
  ) {
    return errors;
  }
  throw new TypeError(
    `Cannot use errors "${
      String(errors)
    }": expected "strict", "replace" or "ignore"`,
  );
}

function unencodable(value: string, at: number, encoding: Encoding): URIError {
  const point = value.codePointAt(at)!;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new URIError(
    `Cannot encode "${shown.toWellFormed()}" as ${encoding}: U+${
      point.toString(16).toUpperCase().padStart(4, "0")
    } at index ${at} has no byte form there`,
  );
}

/**
 * Encodes text as Python's `str.encode(encoding, errors)` does: characters
 * the encoding cannot write (a lone surrogate in UTF-8, anything past U+00FF
 * in Latin-1, past U+007F in ASCII) throw, become `?`, or are dropped.
 *
 * @throws {URIError} When a character cannot be encoded and `errors` is `"strict"`.
 */
export function encodeText(
  value: string,
  encoding: Encoding,
  errors: EncodeErrors,
): Uint8Array {
  const out: number[] = [];
  const limit = encoding === "latin-1"
    ? 0xff
    : encoding === "ascii"
    ? 0x7f
    : -1;
  for (let i = 0; i < value.length; i++) {
    let code = value.charCodeAt(i);
    const start = i;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = value.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    const lone = code >= 0xd800 && code <= 0xdfff;
    if (limit === -1 ? lone : code > limit) {
      if (errors === "strict") {
        throw limit === -1
          ? loneSurrogate(value)
          : unencodable(value, start, encoding);
      }
      if (errors === "replace") out.push(0x3f);
      else if (errors === "xmlcharrefreplace") pushAscii(out, `&#${code};`);
      else if (errors === "backslashreplace") {
        pushAscii(
          out,
          code <= 0xff
            ? `\\x${code.toString(16).padStart(2, "0")}`
            : code <= 0xffff
            ? `\\u${code.toString(16).padStart(4, "0")}`
            : `\\U${code.toString(16).padStart(8, "0")}`,
        );
      }
      continue;
    }
    if (limit !== -1 || code < 0x80) {
      out.push(code);
    } else if (code < 0x800) {
      out.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      out.push(
        0xe0 | (code >> 12),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    } else {
      out.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
  return new Uint8Array(out);
}

function pushAscii(out: number[], text: string): void {
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i));
}

/**
 * Decodes `bytes[0, length)` as Python's `bytes.decode(encoding, errors)`
 * does: invalid UTF-8 (or a byte past 0x7F in ASCII) throws, becomes
 * U+FFFD, or is dropped; Latin-1 maps every byte to a character.
 *
 * @throws {URIError} When the bytes cannot be decoded and `errors` is `"strict"`.
 */
export function decodeText(
  bytes: ArrayLike<number>,
  length: number,
  encoding: Encoding,
  errors: CodecErrors,
): string {
  if (encoding === "utf-8") return decodeUtf8(bytes, length, errors);
  let out = "";
  for (let i = 0; i < length; i++) {
    const byte = bytes[i]!;
    if (encoding === "ascii" && byte > 0x7f) {
      if (errors === "strict") {
        throw new URIError(
          `Cannot decode byte 0x${
            byte.toString(16).toUpperCase()
          } at position ${i}: not ASCII`,
        );
      }
      if (errors === "replace") out += "\uFFFD";
      continue;
    }
    out += String.fromCharCode(byte);
  }
  return out;
}
