/**
 * The query strings and texts the url/ benchmarks run on: realistic web
 * queries (tracking parameters, search terms with `+` and UTF-8 escapes,
 * repeated keys, bracketed names), generated from a fixed start value so every run
 * measures the same work. No blank values, so `URLSearchParams` and
 * `parse_qs` agree on the result.
 */

import { mulberry32 } from "../tests/_helpers/random.ts";

const KEYS = [
  "q",
  "page",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "tag",
  "sort",
  "lang",
  "filter%5Bprice%5D",
  "id",
];
const WORDS = [
  "newsletter",
  "email",
  "spring_sale",
  "caf%C3%A9",
  "au",
  "lait",
  "%E4%B8%AD%E6%96%87",
  "r%C3%A9sum%C3%A9",
  "-date",
  "10-20",
  "12345",
  "fr",
  "deno",
  "x%2By",
  "a%26b",
];

/** `count` query strings, 3 to 10 fields each. */
export function queryCorpus(count = 1000, start = 5): string[] {
  const random = mulberry32(start);
  const pick = <T>(items: T[]): T =>
    items[Math.floor(random() * items.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const fields: string[] = [];
    const n = 3 + Math.floor(random() * 8);
    for (let f = 0; f < n; f++) {
      const words = 1 + Math.floor(random() * 3);
      const value = Array.from({ length: words }, () => pick(WORDS)).join("+");
      fields.push(`${pick(KEYS)}=${value}`);
    }
    out.push(fields.join("&"));
  }
  return out;
}

/** Plain texts for quote/encodeURIComponent: ASCII, spaces, UTF-8. */
export function textCorpus(count = 1000, start = 7): string[] {
  const random = mulberry32(start);
  const pieces = [
    "hello",
    " ",
    "world",
    "/",
    "café",
    "中文",
    "a-b_c.d~e",
    "&",
    "=",
    "😀",
    "path",
    "file.txt",
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = "";
    const n = 2 + Math.floor(random() * 10);
    for (let p = 0; p < n; p++) {
      text += pieces[Math.floor(random() * pieces.length)];
    }
    out.push(text);
  }
  return out;
}

/** What `parseQs` returns, built from `URLSearchParams`: the peer. */
export function recordFromSearchParams(qs: string): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(qs)) {
    (record[key] ??= []).push(value);
  }
  return record;
}

/** ASCII-heavy texts: words, spaces and reserved characters, some UTF-8. */
export function asciiTextCorpus(count = 1000, start = 11): string[] {
  return texts(count, start, [
    "hello",
    " ",
    "world",
    "/",
    "a-b_c.d~e",
    "&",
    "=",
    "path",
    "file.txt",
    "user@example.com",
    "2024-01-01",
    "x+y",
  ]);
}

/** Unicode-heavy texts: accented Latin, CJK, emoji, with a few ASCII words. */
export function unicodeTextCorpus(count = 1000, start = 13): string[] {
  return texts(count, start, [
    "café",
    "中文",
    "😀",
    "résumé",
    "日本語",
    "Ünïcödé",
    "ß",
    "€",
    " ",
    "word",
  ]);
}

function texts(count: number, start: number, pieces: string[]): string[] {
  const random = mulberry32(start);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = "";
    const n = 2 + Math.floor(random() * 10);
    for (let p = 0; p < n; p++) {
      text += pieces[Math.floor(random() * pieces.length)];
    }
    out.push(text);
  }
  return out;
}

/**
 * URLs as programs meet them: absolute ones with user info, ports, IPv6
 * hosts, paths with `;params`, queries and fragments, and relative
 * references. 1,000 distinct strings, more than Python's `urlsplit` cache
 * holds (128), so python3 is timed splitting, not looking up.
 */
export function urlCorpus(count = 1000, start = 17): string[] {
  const random = mulberry32(start);
  const pick = <T>(items: T[]): T =>
    items[Math.floor(random() * items.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let url = "";
    if (random() < 0.85) {
      url += pick(["https", "http", "ftp", "wss"]) + "://";
      if (random() < 0.2) url += pick(["ann", "ann:s3cret", "bot"]) + "@";
      url += pick([
        "example.com",
        "api.example.org",
        "[::1]",
        "127.0.0.1",
        "cdn.example.net",
      ]);
      if (random() < 0.3) url += ":" + pick(["8080", "443", "8443"]);
    }
    const segments = 1 + Math.floor(random() * 4);
    for (let s = 0; s < segments; s++) {
      url += "/" +
        pick(["api", "v1", "users", "42", "search", "a;p=1", "docs"]);
    }
    if (random() < 0.6) url += `?q=${i}&page=${Math.floor(random() * 9)}`;
    if (random() < 0.2) url += "#" + pick(["top", "results", "s-2"]);
    out.push(url);
  }
  return out;
}
