/**
 * The one query-string parsing loop behind `parseQsl` and `parseQs`, a line
 * by line port of CPython 3.11's `parse_qsl`.
 *
 * @module
 */

import { unquoteFormComponent } from "./_percent.ts";
import { checkDecodeErrors, type DecodeErrors } from "./_utf8.ts";
import type { ParseQsOptions } from "./parse_qsl.ts";

/** The options, checked, with their defaults filled in. */
export interface CheckedParseQsOptions {
  keepBlankValues: boolean;
  strictParsing: boolean;
  maxNumFields: number | undefined;
  separator: string;
  errors: DecodeErrors;
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
  const { keepBlankValues, strictParsing, separator, errors } = options;
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
          onPair(unquoteFormComponent(qs.slice(start, end), errors), "");
        }
      } else if (equals + 1 < end || keepBlankValues) {
        onPair(
          unquoteFormComponent(qs.slice(start, equals), errors),
          unquoteFormComponent(qs.slice(equals + 1, end), errors),
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
