/**
 * UTF-8 encoding and decoding with Python's error handlers. Hand-written
 * rather than `TextDecoder` because a query-string parser decodes many tiny
 * runs of bytes, where a call into `TextDecoder` costs more than the work,
 * and because Python's `"ignore"` handler has no `TextDecoder` equivalent.
 *
 * The replacement policy is "one U+FFFD per maximal subpart of an ill-formed
 * sequence" (Unicode chapter 3, WHATWG Encoding), which is also what
 * CPython's UTF-8 decoder does: the differential test checks it.
 *
 * @module
 */

/** How invalid UTF-8 is handled when decoding, as Python's `errors=`. */
export type DecodeErrors = "replace" | "strict" | "ignore";

const REPLACEMENT = 0xfffd;

/** Throws unless `errors` is one of the handlers this module implements. */
export function checkDecodeErrors(errors: unknown): DecodeErrors {
  if (errors === "replace" || errors === "strict" || errors === "ignore") {
    return errors;
  }
  throw new TypeError(
    `Cannot use errors "${
      String(errors)
    }": expected "replace", "strict" or "ignore"`,
  );
}

function invalidUtf8(bytes: ArrayLike<number>, at: number): URIError {
  const hex = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
  return new URIError(
    `Cannot decode byte 0x${hex} at position ${at}: invalid UTF-8`,
  );
}

/**
 * Decodes `bytes[0, length)` as UTF-8. ASCII-only input takes a fast path.
 *
 * @throws {URIError} When the bytes are not UTF-8 and `errors` is `"strict"`.
 */
export function decodeUtf8(
  bytes: ArrayLike<number>,
  length: number,
  errors: DecodeErrors,
): string {
  let ascii = true;
  for (let i = 0; i < length; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  const units: number[] = [];
  if (ascii) {
    for (let i = 0; i < length; i++) units.push(bytes[i]!);
    return unitsToString(units);
  }
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let sequenceStart = 0;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i]!;
    if (needed === 0) {
      sequenceStart = i;
      if (byte < 0x80) {
        units.push(byte);
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = byte & 0x07;
      } else {
        if (errors === "strict") throw invalidUtf8(bytes, i);
        if (errors === "replace") units.push(REPLACEMENT);
      }
      continue;
    }
    if (byte < lower || byte > upper) {
      // The maximal subpart so far is ill-formed: one replacement for it, and
      // this byte starts afresh.
      if (errors === "strict") throw invalidUtf8(bytes, sequenceStart);
      if (errors === "replace") units.push(REPLACEMENT);
      needed = seen = codePoint = 0;
      lower = 0x80;
      upper = 0xbf;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    if (++seen === needed) {
      if (codePoint > 0xffff) {
        const offset = codePoint - 0x10000;
        units.push(0xd800 | (offset >> 10), 0xdc00 | (offset & 0x3ff));
      } else {
        units.push(codePoint);
      }
      needed = seen = codePoint = 0;
    }
  }
  if (needed !== 0) {
    if (errors === "strict") throw invalidUtf8(bytes, sequenceStart);
    if (errors === "replace") units.push(REPLACEMENT);
  }
  return unitsToString(units);
}

/** `String.fromCharCode` in chunks, so long inputs do not overflow the stack. */
function unitsToString(units: number[]): string {
  const CHUNK = 8192;
  if (units.length <= CHUNK) return String.fromCharCode(...units);
  let out = "";
  for (let i = 0; i < units.length; i += CHUNK) {
    out += String.fromCharCode(...units.slice(i, i + CHUNK));
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * Encodes a string as UTF-8, refusing lone surrogates as Python's
 * `str.encode("utf-8")` does (`TextEncoder` would silently write U+FFFD).
 *
 * @throws {URIError} When the string holds a lone surrogate.
 */
export function encodeUtf8Strict(value: string): Uint8Array {
  if (!value.isWellFormed()) throw loneSurrogate(value);
  return encoder.encode(value);
}

/** The error for a string that has no UTF-8 form. */
export function loneSurrogate(value: string): URIError {
  let at = 0;
  for (; at < value.length; at++) {
    const unit = value.charCodeAt(at);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        at++;
        continue;
      }
      break;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) break;
  }
  const unit = value.charCodeAt(at).toString(16).toUpperCase();
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return new URIError(
    `Cannot encode "${shown.toWellFormed()}" as UTF-8: lone surrogate U+${unit} at index ${at}`,
  );
}
