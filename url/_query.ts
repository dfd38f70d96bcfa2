/**
 * The one query-string parsing loop behind `parseQsl` and `parseQs`, a line
 * by line port of CPython 3.11's `parse_qsl`.
 *
 * @module
 */

import { unquoteFormComponent } from "./_percent.ts";
import { checkDecodeErrors, type DecodeErrors } from "./_utf8.ts";
import { checkEncoding, type Encoding } from "./_codec.ts";
import type { ParseQsOptions } from "./parse_qsl.ts";

/** The options, checked, with their defaults filled in. */
export interface CheckedParseQsOptions {
  keepBlankValues: boolean;
  strictParsing: boolean;
  maxNumFields: number | undefined;
  separator: string;
  errors: DecodeErrors;
  encoding: Encoding;
}

/** Validates {@linkcode ParseQsOptions}; shared with `parseQs`. */
export function checkParseQsOptions(
  options: ParseQsOptions,
): CheckedParseQsOptions {
  const separator = options.separator ?? "&";
  if (typeof separator !== "string" || separator.length === 0) {
    throw new TypeError(
      `Cannot split a query on separator "${
        String(separator)
      }": it must be a non-empty string`,
    );
  }
  const maxNumFields = options.maxNumFields;
  if (
    maxNumFields !== undefined &&
    (typeof maxNumFields !== "number" || Number.isNaN(maxNumFields))
  ) {
    throw new TypeError(
      `Cannot use maxNumFields "${String(maxNumFields)}": it must be a number`,
    );
  }
  return {
    keepBlankValues: options.keepBlankValues ?? false,
    strictParsing: options.strictParsing ?? false,
    maxNumFields,
    separator,
    errors: checkDecodeErrors(options.errors ?? "replace"),
    encoding: checkEncoding(options.encoding ?? "utf-8"),
  };
}

/**
 * Calls `onPair` for each name/value pair of a query, in order, decoded.
 * The one parsing loop behind `parseQsl` and `parseQs`.
 */
export function forEachQueryPair(
  qs: string,
  options: CheckedParseQsOptions,
  onPair: (name: string, value: string) => void,
): void {
  if (typeof qs !== "string") {
    throw new TypeError(`Cannot parse query ${String(qs)}: expected a string`);
  }
  const { keepBlankValues, strictParsing, separator, errors, encoding } =
    options;
  const step = separator.length;
  if (options.maxNumFields !== undefined) {
    let fields = 0;
    if (qs.length > 0) {
      fields = 1;
      for (
        let at = qs.indexOf(separator);
        at !== -1;
        at = qs.indexOf(separator, at + step)
      ) {
        fields++;
      }
    }
    if (options.maxNumFields < fields) {
      throw new RangeError(
        `Cannot parse query with ${fields} fields: more than maxNumFields (${options.maxNumFields})`,
      );
    }
  }
  if (qs.length === 0) return;
  let start = 0;
  while (true) {
    let end = qs.indexOf(separator, start);
    const last = end === -1;
    if (last) end = qs.length;
    if (start === end) {
      if (strictParsing) throw badField("");
    } else {
      let equals = qs.indexOf("=", start);
      if (equals >= end) equals = -1;
      if (equals === -1) {
        if (strictParsing) throw badField(qs.slice(start, end));
        if (keepBlankValues) {
          onPair(
            unquoteFormComponent(qs.slice(start, end), errors, encoding),
            "",
          );
        }
      } else if (equals + 1 < end || keepBlankValues) {
        onPair(
          unquoteFormComponent(qs.slice(start, equals), errors, encoding),
          unquoteFormComponent(qs.slice(equals + 1, end), errors, encoding),
        );
      }
    }
    if (last) return;
    start = end + step;
  }
}

function badField(field: string): TypeError {
  return new TypeError(
    `Cannot parse query field "${field}": it has no "="`,
  );
}

/**
 * Python's reading of a bytes query: the bytes must be ASCII (they are
 * decoded strictly), and so must every decoded name and value, which come
 * back as bytes.
 */
export function asciiQuery(qs: Uint8Array): string {
  let text = "";
  for (let i = 0; i < qs.length; i++) {
    const byte = qs[i]!;
    if (byte > 0x7f) {
      throw new URIError(
        `Cannot parse a bytes query with byte 0x${
          byte.toString(16).toUpperCase()
        } at position ${i}: a bytes query must be ASCII`,
      );
    }
    text += String.fromCharCode(byte);
  }
  return text;
}

/** A decoded name or value back to bytes; throws unless it is ASCII. */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) {
      throw new URIError(
        `Cannot return "${text.toWellFormed()}" as bytes: U+${
          code.toString(16).toUpperCase().padStart(4, "0")
        } at index ${i} is not ASCII`,
      );
    }
    out[i] = code;
  }
  return out;
}
