/**
 * A seeded generator of hostile query strings and texts for the differential
 * test against Python's `urllib.parse`. Same seed, same corpus: a failure
 * reproduces from the seed and the case index it prints.
 *
 * Lone surrogates are generated on purpose (about one case in forty): they
 * travel to python3 as `\uD800` escapes, which both `JSON.stringify` and
 * Python's `json` module read and write losslessly, so they test the
 * UnicodeEncodeError/URIError mapping and unquote's pass-through rather than
 * the transport.
 */

import { mulberry32 } from "./random.ts";

/** One generated case: everything each function under test is called with. */
export interface UrlCase {
  /** Text fed to parse_qs(l), unquote(_plus), quote(_plus). */
  text: string;
  /** max_num_fields for this case, or null. */
  maxNumFields: number | null;
  /** A `safe` argument for quote and quote_plus. */
  safe: string;
  /** Pairs for urlencode; with `doseq`, some values are lists. */
  pairs: [string, string | string[]][];
  /** Raw bytes (as numbers) for quote_from_bytes. */
  bytes: number[];
}

const RESERVED = ":/?#[]@!$&'()*+,;=";
const UNRESERVED =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
const HEX = "0123456789abcdefABCDEF";
const WIDE = [
  "é",
  "ü",
  "€",
  "中",
  "ß",
  "😀",
  "𝄞",
  "\u00a0",
  "\u2028",
  "\ufeff",
];
const LONE = ["\ud800", "\udbff", "\udc00", "\udfff"];

type Random = () => number;

function pick<T>(random: Random, items: readonly T[] | string): T {
  return items[Math.floor(random() * items.length)] as T;
}

function hexByte(byte: number, random: Random): string {
  const hex = byte.toString(16).padStart(2, "0");
  return "%" + (random() < 0.5 ? hex.toUpperCase() : hex);
}

/** An escape sequence: valid UTF-8, invalid bytes, or a broken `%`. */
function escape(random: Random): string {
  const roll = random();
  if (roll < 0.3) {
    const char = pick(random, [...WIDE, "a", " ", "+", "%", "&", "="]);
    return [...new TextEncoder().encode(char)].map((b) => hexByte(b, random))
      .join("");
  }
  if (roll < 0.45) return hexByte(0x80 + Math.floor(random() * 128), random);
  if (roll < 0.55) {
    // Overlong, surrogate-in-UTF-8, truncated and out-of-range sequences.
    return pick(random, [
      "%C0%AF",
      "%ED%A0%80",
      "%E2%82",
      "%F4%90%80%80",
      "%F0%9F%98",
      "%E0%80%80",
      "%C2",
      "%FE",
      "%FF%FF",
    ]);
  }
  if (roll < 0.65) return hexByte(Math.floor(random() * 128), random);
  // A `%` followed by anything at all.
  return pick(random, [
    "%",
    "%%",
    "%zz",
    "%A",
    "%Ag",
    "%g1",
    "%é",
    "%A€",
    "%+",
    "% 1",
    "%-1",
    "%0",
    "%" + pick(random, HEX),
  ]);
}

/** One token of text. */
function token(random: Random, loneRate: number): string {
  const roll = random();
  if (roll < 0.3) {
    let word = "";
    const n = 1 + Math.floor(random() * 6);
    for (let i = 0; i < n; i++) word += pick(random, UNRESERVED);
    return word;
  }
  if (roll < 0.45) return pick(random, RESERVED);
  if (roll < 0.65) return escape(random);
  if (roll < 0.75) return pick(random, WIDE);
  if (roll < 0.83) return pick(random, [" ", "+", "++", " + "]);
  if (roll < 0.88) {
    return String.fromCharCode(pick(random, [0, 9, 10, 13, 31, 127, 0x80]));
  }
  if (roll < 0.88 + loneRate) return pick(random, LONE);
  return pick(random, ["=", "==", "&", "&&", ";", ";;", "=&", "&=", ""]);
}

function text(random: Random, tokens: number, loneRate: number): string {
  let out = "";
  for (let i = 0; i < tokens; i++) out += token(random, loneRate);
  return out;
}

/** A query-shaped string: fields of name=value over `&` and `;`, some blank. */
function query(random: Random, fields: number, loneRate: number): string {
  const parts: string[] = [];
  for (let i = 0; i < fields; i++) {
    const roll = random();
    const name = text(random, Math.floor(random() * 3), loneRate);
    const value = text(random, Math.floor(random() * 4), loneRate);
    if (roll < 0.1) parts.push("");
    else if (roll < 0.25) parts.push(name);
    else if (roll < 0.35) parts.push(name + "=");
    else parts.push(name + "=" + value);
  }
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out += random() < 0.75 ? "&" : ";";
    out += parts[i];
  }
  return out;
}

/** The corpus: `count` cases from `seed`, one in two hundred very long (thousands of characters). */
export function urlCorpus(seed: number, count: number): UrlCase[] {
  const random = mulberry32(seed);
  const cases: UrlCase[] = [];
  for (let index = 0; index < count; index++) {
    const loneRate = random() < 0.025 ? 0.05 : 0;
    const long = index % 200 === 199;
    const fields = long
      ? 200 + Math.floor(random() * 600)
      : Math.floor(random() * 7);
    const body = random() < 0.75
      ? query(random, fields, loneRate)
      : text(random, long ? 1500 : Math.floor(random() * 12), loneRate);
    const maxRoll = random();
    const separators = body.split("&").length;
    const maxNumFields = maxRoll < 0.6
      ? null
      : maxRoll < 0.8
      ? separators
      : Math.max(0, separators - 1 - Math.floor(random() * 2));
    const safeLength = Math.floor(random() * 4);
    let safe = "";
    for (let i = 0; i < safeLength; i++) {
      safe += random() < 0.85
        ? pick(random, RESERVED + " %")
        : pick(random, WIDE);
    }
    const pairs: [string, string | string[]][] = [];
    const pairCount = Math.floor(random() * 4);
    for (let i = 0; i < pairCount; i++) {
      const key = text(random, 1 + Math.floor(random() * 3), loneRate);
      if (random() < 0.3) {
        const values: string[] = [];
        const n = Math.floor(random() * 3);
        for (let j = 0; j < n; j++) {
          values.push(text(random, Math.floor(random() * 4), loneRate));
        }
        pairs.push([key, values]);
      } else {
        pairs.push([key, text(random, Math.floor(random() * 4), loneRate)]);
      }
    }
    const bytes: number[] = [];
    const byteCount = Math.floor(random() * 8);
    for (let i = 0; i < byteCount; i++) {
      bytes.push(Math.floor(random() * 256));
    }
    cases.push({ text: body, maxNumFields, safe, pairs, bytes });
  }
  return cases;
}
