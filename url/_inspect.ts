/**
 * What `url/inspect.ts` prints, kept here so tests reach it: a URL's parts
 * and its query as a multi-value table, or the same as JSON.
 *
 * @module
 */

import { parseQs } from "./parse_qs.ts";
import { parseQsl } from "./parse_qsl.ts";
import { type ParsedUrl, parseUrl } from "./parse_url.ts";

/** The JSON form of one inspected URL. */
export interface InspectedUrl {
  input: string;
  scheme: string;
  netloc: string;
  username: string;
  password: string;
  hostname: string;
  port: number | null;
  path: string;
  query: string;
  fragment: string;
  href: string;
  /** The query's pairs in order, blank values kept. */
  pairs: [string, string][];
  /** The query's keys with all their values, blank values kept. */
  params: Record<string, string[]>;
}

/** Parses `input` into the JSON form; throws a TypeError when it is no URL. */
export function inspectUrl(input: string): InspectedUrl {
  const url: ParsedUrl = parseUrl(input);
  return {
    input,
    scheme: url.scheme,
    netloc: url.netloc,
    username: url.username,
    password: url.password,
    hostname: url.hostname,
    port: url.port,
    path: url.path,
    query: url.query,
    fragment: url.fragment,
    href: url.href,
    pairs: parseQsl(url.query, { keepBlankValues: true }),
    params: parseQs(url.query, { keepBlankValues: true }),
  };
}

const FIELDS = [
  "scheme",
  "netloc",
  "username",
  "password",
  "hostname",
  "port",
  "path",
  "query",
  "fragment",
] as const;

/** The human form: one line per component, then the query table. */
export function formatInspectedUrl(inspected: InspectedUrl): string {
  const lines = [inspected.href];
  for (const field of FIELDS) {
    const value = inspected[field];
    const shown = value === null ? "(none)" : value === "" ? "(empty)" : value;
    lines.push(`  ${field.padEnd(9)} ${shown}`);
  }
  const keys = Object.keys(inspected.params);
  if (keys.length === 0) return lines.join("\n");
  lines.push(
    "",
    `  query: ${inspected.pairs.length} field(s), ${keys.length} key(s)`,
  );
  const width = Math.max(3, ...keys.map((key) => JSON.stringify(key).length));
  lines.push(`    ${"key".padEnd(width)}  n  values`);
  lines.push(`    ${"-".repeat(width)}  -  ------`);
  for (const key of keys) {
    const values = inspected.params[key]!;
    lines.push(
      `    ${JSON.stringify(key).padEnd(width)}  ${values.length}  ${
        values.map((value) => JSON.stringify(value)).join(", ")
      }`,
    );
  }
  return lines.join("\n");
}
