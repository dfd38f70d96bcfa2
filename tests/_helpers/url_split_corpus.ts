/**
 * A seeded generator of calls to every `urllib.parse` function, for the
 * differential test against python3: URLs and relative references with odd
 * schemes, user info, IPv6 hosts with zone ids, IPvFuture, bad brackets,
 * ports good and bad, `;params`, dot segments, unicode (NFKC traps
 * included), lone surrogates, percent garbage, leading controls and inner
 * tabs and newlines; queries and texts for the percent-encoding family with
 * each encoding and error handler; bytes; `urlencode` values of every kind.
 * Same seed, same calls.
 */

import { mulberry32 } from "./random.ts";
import type { Call } from "./url_cpython.ts";

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const SCHEMES = [
  "http",
  "https",
  "HTTP",
  "ftp",
  "file",
  "mailto",
  "foo",
  "svn+ssh",
  "a.b-c",
  "sip",
  "tel",
  "ws",
  "data",
  "1http",
  "h t",
  "ht%74p",
  "",
  "javascript",
  "x",
  "urn",
];
const USERINFO = [
  "",
  "",
  "",
  "user@",
  "user:pw@",
  ":@",
  "a:b:c@",
  "us%40er@",
  "@@",
  "ü:ß@",
  "User:PW@",
];
const HOSTS = [
  "a",
  "Example.COM",
  "127.0.0.1",
  "[::1]",
  "[fe80::1%eth0]",
  "[fe80::1%25EtH0]",
  "[FE80::A:B]",
  "[::ffff:1.2.3.4]",
  "[::ffff:1.2.3.04]",
  "[v1.fe]",
  "[v1.]",
  "[vG.x]",
  "[127.0.0.1]",
  "[bad]",
  "[::1",
  "::1]",
  "[1:2:3:4:5:6:7:8]",
  "[1:2:3:4:5:6:7:8:9]",
  "[1::2::3]",
  "[::]",
  "[:1]",
  "bücher.example",
  "xn--bcher-kva",
  "a\u2100b",
  "\uff21\uff22",
  "ℂ",
  "a%2Fb",
  "",
  "h\u0301",
  "[]",
  "ex ample",
];
const PORTS = [
  "",
  "",
  ":80",
  ":8080",
  ":",
  ":65535",
  ":65536",
  ":0",
  ":-1",
  ":abc",
  ":\uff18\uff10",
  ":00080",
  ":1:2",
  ": 80",
];
const SEGMENTS = [
  "a",
  "b",
  "..",
  ".",
  "",
  "c;p",
  "d;x=1;y",
  ";",
  "ü",
  "%zz",
  "%41",
  "%",
  "a b",
  "\ud800",
  "\udfff",
  "😀",
  "[x]",
  "@",
  ":",
  "~user",
];
const WORDS = [
  "a",
  "=",
  "&",
  ";",
  "+",
  "%20",
  "%E9",
  "%C3%A9",
  "%FF",
  "%",
  "%G1",
  "é",
  "€",
  "\ud800",
  "#",
  "?",
  "b=c",
  " ",
  "\t",
  "\n",
  "/",
];
const LEADING = ["", "", "", "", " ", "\x00", "\x1f ", "\t", "\n "];
const ENCODINGS = ["utf-8", "utf-8", "latin-1", "ascii"];
const DECODE_ERRORS = ["replace", "strict", "ignore"];
const ENCODE_ERRORS = [
  "strict",
  "replace",
  "ignore",
  "xmlcharrefreplace",
  "backslashreplace",
];
const SAFES = ["/", "", ":/?", "ü/", "%", "+ "];

function words(random: Random, max: number): string {
  let out = "";
  const count = Math.floor(random() * max);
  for (let i = 0; i < count; i++) out += pick(random, WORDS);
  return out;
}

function path(random: Random): string {
  const count = Math.floor(random() * 5);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(pick(random, SEGMENTS));
  const joined = parts.join("/");
  return random() < 0.7 ? "/" + joined : joined;
}

/** A URL or a relative reference, well-formed or not. */
export function randomUrl(random: Random): string {
  let url = pick(random, LEADING);
  const shape = random();
  if (shape < 0.6) {
    const scheme = pick(random, SCHEMES);
    if (scheme !== "") url += scheme + ":";
    if (random() < 0.85) {
      url += "//" + pick(random, USERINFO) + pick(random, HOSTS) +
        pick(random, PORTS);
    }
  } else if (shape < 0.7) {
    url += "//" + pick(random, HOSTS) + pick(random, PORTS);
  }
  url += path(random);
  if (random() < 0.4) url += "?" + words(random, 5);
  if (random() < 0.3) url += "#" + words(random, 3);
  if (random() < 0.05) {
    const at = Math.floor(random() * url.length);
    url = url.slice(0, at) + pick(random, ["\t", "\r", "\n"]) + url.slice(at);
  }
  return url;
}

function randomBytes(random: Random): { b: string } {
  const length = Math.floor(random() * 8);
  let hex = "";
  for (let i = 0; i < length; i++) {
    const byte = random() < 0.5
      ? pick(random, [0x25, 0x2b, 0x3d, 0x26, 0x41, 0x20, 0x32, 0x46])
      : Math.floor(random() * 256);
    hex += byte.toString(16).padStart(2, "0");
  }
  return { b: hex };
}

function asciiBytes(text: string): { b: string } | null {
  let hex = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code > 0x7f) return null;
    hex += code.toString(16).padStart(2, "0");
  }
  return { b: hex };
}

const VALUES: unknown[] = [
  "x y",
  "é",
  null,
  true,
  false,
  0,
  -7,
  1.5,
  0.00001,
  1e-7,
  123.25,
  ["a", 1],
  ["q'x", 'd"q', null, [true]],
  [],
  { b: "41ff20" },
  "\ud800",
  "€",
];

/** `count` calls spread over every function. */
export function urlCalls(seed: number, count: number): Call[] {
  const random = mulberry32(seed);
  const calls: Call[] = [];
  for (let i = 0; i < count; i++) {
    const url = randomUrl(random);
    const allowFragments = random() < 0.8;
    const scheme = random() < 0.8 ? "" : pick(random, SCHEMES);
    calls.push(["urlsplit", { url, scheme, allow_fragments: allowFragments }]);
    calls.push(["urlparse", { url, scheme, allow_fragments: allowFragments }]);
    calls.push(["urljoin", {
      base: random() < 0.3 ? "http://a/b/c/d;p?q" : randomUrl(random),
      url: randomUrl(random),
      allow_fragments: allowFragments,
    }]);
    calls.push(["urldefrag", { url }]);
    const five = [
      pick(random, SCHEMES).toLowerCase(),
      random() < 0.5 ? "" : pick(random, HOSTS),
      random() < 0.3 ? "//x" + path(random) : path(random),
      words(random, 3),
      words(random, 2),
    ];
    calls.push(["urlunsplit", { components: { tuple: five } }]);
    calls.push(["urlunparse", {
      components: {
        tuple: [
          ...five.slice(0, 3),
          random() < 0.5 ? "" : "p=1",
          ...five.slice(3),
        ],
      },
    }]);
    const qs = words(random, 8);
    const encoding = pick(random, ENCODINGS);
    const qsArgs = {
      keep_blank_values: random() < 0.5,
      strict_parsing: random() < 0.2,
      encoding,
      errors: pick(random, DECODE_ERRORS),
      max_num_fields: random() < 0.1 ? Math.floor(random() * 4) : null,
      separator: random() < 0.8 ? "&" : pick(random, [";", "&&", "=", "ab"]),
    };
    const qsBytes = random() < 0.2
      ? (asciiBytes(qs) ?? randomBytes(random))
      : null;
    calls.push(["parse_qsl", { qs: qsBytes ?? qs, ...qsArgs }]);
    calls.push(["parse_qs", { qs: qsBytes ?? qs, ...qsArgs }]);
    const text = words(random, 6);
    const safe = pick(random, SAFES);
    const quoteEncoding = random() < 0.5 ? null : encoding;
    const quoteErrors = random() < 0.5 ? null : pick(random, ENCODE_ERRORS);
    for (const name of ["quote", "quote_plus"]) {
      calls.push([name, {
        string: text,
        safe,
        encoding: quoteEncoding,
        errors: quoteErrors,
      }]);
    }
    const bytes = randomBytes(random);
    calls.push(["quote", {
      string: bytes,
      safe,
      encoding: null,
      errors: null,
    }]);
    calls.push(["quote_from_bytes", { bs: bytes, safe }]);
    for (const name of ["unquote", "unquote_plus"]) {
      calls.push([name, {
        string: text,
        encoding,
        errors: pick(random, DECODE_ERRORS),
      }]);
    }
    calls.push(["unquote", {
      string: bytes,
      encoding,
      errors: pick(random, DECODE_ERRORS),
    }]);
    calls.push(["unquote_to_bytes", { string: random() < 0.5 ? text : bytes }]);
    const pairs: unknown[] = [];
    const pairCount = Math.floor(random() * 4);
    for (let p = 0; p < pairCount; p++) {
      pairs.push({
        tuple: [
          random() < 0.8 ? words(random, 2) : pick(random, VALUES),
          random() < 0.5 ? words(random, 3) : pick(random, VALUES),
        ],
      });
    }
    calls.push(["urlencode", {
      query: pairs,
      doseq: random() < 0.5,
      safe: pick(random, SAFES),
      encoding: random() < 0.6 ? null : encoding,
      errors: random() < 0.6 ? null : pick(random, ENCODE_ERRORS),
      quote_via: { fn: random() < 0.7 ? "quote_plus" : "quote" },
    }]);
  }
  return calls;
}
