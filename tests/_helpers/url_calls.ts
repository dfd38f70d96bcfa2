/**
 * Runs a `urllib.parse` call (as `url_cpython.ts` describes it) through
 * wirework's function of the same name, and shapes the answer as the
 * python3 side shapes its own, so the two compare with one deepEqual.
 */

import {
  parseQs,
  parseQsl,
  type ParseQsOptions,
  quote,
  quoteFromBytes,
  type QuoteOptions,
  quotePlus,
  unquote,
  type UnquoteOptions,
  unquotePlus,
  unquoteToBytes,
  urldefrag,
  urlencode,
  type UrlencodeOptions,
  urljoin,
  urlparse,
  urlsplit,
  urlunparse,
  urlunsplit,
} from "../../url/mod.ts";
import type { Call } from "./url_cpython.ts";

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  }
  return out;
}

/** A JSON value from the Python side, as our functions take it. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (typeof value === "object" && value !== null) {
    const tagged = value as Record<string, unknown>;
    if (typeof tagged.b === "string") return fromHex(tagged.b);
    if (Array.isArray(tagged.tuple)) return tagged.tuple.map(decode);
    if (Array.isArray(tagged.dict)) {
      return new Map(
        (tagged.dict as unknown[][]).map(([k, v]) => [decode(k), decode(v)]),
      );
    }
    if (tagged.fn === "quote") return quote;
    if (tagged.fn === "quote_plus") return quotePlus;
  }
  return value;
}

/** Our answer in the shape the Python side prints. */
function shape(result: unknown): unknown {
  if (result instanceof Uint8Array) return { b: hex(result) };
  if (Array.isArray(result)) return result.map(shape);
  return result;
}

function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return ["!", (error as Error).name, (error as Error).message];
  }
}

function splitShape(
  result: {
    geturl(): string;
    username: string | null;
    password: string | null;
    hostname: string | null;
    port: number | null;
  } & Iterable<string>,
): unknown {
  return {
    parts: [...result],
    geturl: result.geturl(),
    username: attempt(() => result.username),
    password: attempt(() => result.password),
    hostname: attempt(() => result.hostname),
    port: attempt(() => result.port),
  };
}

function text(value: unknown): string {
  return value as string;
}

function codecOptions(
  args: Record<string, unknown>,
): QuoteOptions & UnquoteOptions {
  const options: Record<string, unknown> = {};
  if (args.encoding !== null && args.encoding !== undefined) {
    options.encoding = args.encoding;
  }
  if (args.errors !== null && args.errors !== undefined) {
    options.errors = args.errors;
  }
  return options as QuoteOptions & UnquoteOptions;
}

function qsOptions(args: Record<string, unknown>): ParseQsOptions {
  return {
    keepBlankValues: Boolean(args.keep_blank_values),
    strictParsing: Boolean(args.strict_parsing),
    maxNumFields: (args.max_num_fields as number | null) ?? undefined,
    separator: args.separator as string,
    ...codecOptions(args),
  } as ParseQsOptions;
}

/** Calls our function for a Python call and shapes the answer (or the error). */
export function callOurs([name, rawArgs]: Call): unknown {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rawArgs)) args[key] = decode(value);
  return attempt(() => {
    switch (name) {
      case "urlsplit":
        return splitShape(urlsplit(text(args.url), {
          scheme: text(args.scheme),
          allowFragments: Boolean(args.allow_fragments),
        }));
      case "urlparse":
        return splitShape(urlparse(text(args.url), {
          scheme: text(args.scheme),
          allowFragments: Boolean(args.allow_fragments),
        }));
      case "urlunsplit":
        return urlunsplit(args.components as string[]);
      case "urlunparse":
        return urlunparse(args.components as string[]);
      case "urljoin":
        return urljoin(text(args.base), text(args.url), {
          allowFragments: Boolean(args.allow_fragments),
        });
      case "urldefrag": {
        const result = urldefrag(text(args.url));
        return { parts: [...result], geturl: result.geturl() };
      }
      case "parse_qs": {
        const result = parseQs(args.qs as string, qsOptions(args));
        // Bytes in, bytes out: Python's keys are bytes where ours are their
        // ASCII text.
        const bytesIn = args.qs instanceof Uint8Array;
        return {
          dict: Object.entries(result).map(([k, v]) => [
            bytesIn ? shape(new TextEncoder().encode(k)) : k,
            shape(v),
          ]),
        };
      }
      case "parse_qsl":
        return shape(parseQsl(args.qs as string, qsOptions(args)));
      case "quote":
        return quote(
          args.string as string,
          args.safe as string,
          codecOptions(args),
        );
      case "quote_plus":
        return quotePlus(
          args.string as string,
          args.safe as string,
          codecOptions(args),
        );
      case "quote_from_bytes":
        return quoteFromBytes(args.bs as Uint8Array, args.safe as string);
      case "unquote":
        return unquote(args.string as string, codecOptions(args));
      case "unquote_plus":
        return unquotePlus(args.string as string, codecOptions(args));
      case "unquote_to_bytes":
        return shape(unquoteToBytes(args.string as string));
      case "urlencode": {
        const options: UrlencodeOptions = {
          doseq: Boolean(args.doseq),
          safe: args.safe as string,
          ...codecOptions(args),
        };
        if (args.quote_via !== undefined) {
          options.quoteVia = args.quote_via as UrlencodeOptions["quoteVia"];
        }
        return urlencode(
          args.query as Parameters<typeof urlencode>[0],
          options,
        );
      }
      default:
        throw new Error(`No wirework function for ${name}`);
    }
  });
}

/** The error class ours must throw where python3 raised `pythonName`. */
export function expectedErrorName(
  pythonName: string,
  message: string,
): string {
  switch (pythonName) {
    case "UnicodeEncodeError":
    case "UnicodeDecodeError":
      return "URIError";
    case "ValueError":
      if (message.startsWith("bad query field")) return "TypeError";
      if (message.startsWith("Separator must be")) return "TypeError";
      return "RangeError";
    case "LookupError":
      return "RangeError";
    case "TypeError":
    case "AttributeError":
      return "TypeError";
    default:
      return `an error for Python's ${pythonName}`;
  }
}

/** Whether a value is an error triple `["!", name, message]`. */
export function isError(value: unknown): value is [string, string, string] {
  return Array.isArray(value) && value.length === 3 && value[0] === "!" &&
    typeof value[1] === "string";
}

/**
 * Compares python3's answer with ours, errors by class; returns why they
 * differ, or `undefined`.
 */
export function difference(theirs: unknown, mine: unknown): string | undefined {
  if (isError(theirs)) {
    const expected = expectedErrorName(theirs[1], theirs[2]);
    if (isError(mine) && mine[1] === expected) return undefined;
    return `python3 raised ${theirs[1]} (${theirs[2]}), expected a ${expected}`;
  }
  if (isError(mine)) return `we threw ${mine[1]}: ${mine[2]}`;
  if (
    typeof theirs === "object" && theirs !== null && !Array.isArray(theirs) &&
    typeof mine === "object" && mine !== null && !Array.isArray(mine)
  ) {
    const a = theirs as Record<string, unknown>;
    const b = mine as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const why = difference(a[key], b[key]);
      if (why !== undefined) return `${key}: ${why}`;
    }
    return undefined;
  }
  if (JSON.stringify(theirs) === JSON.stringify(mine)) return undefined;
  return "the answers differ";
}
