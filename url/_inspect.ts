/**
 * What `url/inspect.ts` prints, kept here so tests reach it: a URL split as
 * Python's `urlsplit` splits it, next to the WHATWG parse where the two
 * differ, and its query as a multi-value table, or the same as JSON.
 *
 * @module
 */

import { parseQs } from "./parse_qs.ts";
import { parseQsl } from "./parse_qsl.ts";
import { parseUrl } from "./parse_url.ts";
import { urlparse } from "./urlparse.ts";

/** The fields both readings have, in the order they are shown. */
export const FIELDS = [
  "scheme",
  "netloc",
  "username",
  "password",
  "hostname",
  "port",
  "path",
  "params",
  "query",
  "fragment",
] as const;

/** One reading of a URL: each field, or `null` where it has none. */
export type UrlReading = Record<
  typeof FIELDS[number],
  string | number | null
>;

/** The JSON form of one inspected URL. */
export interface InspectedUrl {
  input: string;
  /** Python's `urlparse` of the input (`port` is an error message when Python would raise). */
  python: UrlReading;
  /** The WHATWG URL parser's reading, or `null` when it refuses the input. */
  whatwg: UrlReading | null;
  /** Why the WHATWG parser refused the input. */
  whatwgError: string | null;
  /** The WHATWG serialisation, when it parsed. */
  href: string | null;
  /** The fields where the two readings differ. */
  differences: string[];
  /** The query's pairs in order (Python's query), blank values kept. */
  pairs: [string, string][];
  /** The query's keys with all their values, blank values kept. */
  params: Record<string, string[]>;
}

function pythonReading(input: string): UrlReading {
  const parts = urlparse(input);
  let port: string | number | null;
  try {
    port = parts.port;
  } catch (error) {
    port = `(error: ${(error as Error).message})`;
  }
  return {
    scheme: parts.scheme,
    netloc: parts.netloc,
    username: parts.username,
    password: parts.password,
    hostname: parts.hostname,
    port,
    path: parts.path,
    params: parts.params,
    query: parts.query,
    fragment: parts.fragment,
  };
}

function whatwgReading(input: string): { reading: UrlReading; href: string } {
  const url = parseUrl(input);
  return {
    href: url.href,
    reading: {
      scheme: url.scheme,
      netloc: url.netloc,
      // WHATWG has no "no user name": an empty one is none, as Python's None.
      username: url.username === "" && !url.netloc.includes("@")
        ? null
        : url.username,
      password: url.password === "" ? null : url.password,
      hostname: url.hostname === "" ? null : url.hostname,
      port: url.port,
      path: url.path,
      params: "",
      query: url.query,
      fragment: url.fragment,
    },
  };
}

/**
 * Reads `input` both ways. Throws a `RangeError` when Python's split
 * raises (the WHATWG parser refusing the input is only reported).
 */
export function inspectUrl(input: string): InspectedUrl {
  const python = pythonReading(input);
  let whatwg: UrlReading | null = null;
  let href: string | null = null;
  let whatwgError: string | null = null;
  try {
    ({ reading: whatwg, href } = whatwgReading(input));
  } catch (error) {
    whatwgError = (error as Error).message;
  }
  const differences = whatwg === null
    ? []
    : FIELDS.filter((field) => python[field] !== whatwg[field]);
  const query = python.query as string;
  return {
    input,
    python,
    whatwg,
    whatwgError,
    href,
    differences,
    pairs: parseQsl(query, { keepBlankValues: true }),
    params: parseQs(query, { keepBlankValues: true }),
  };
}

function shown(value: string | number | null): string {
  return value === null ? "(none)" : value === "" ? "(empty)" : String(value);
}

/** The human form: one line per field (both readings where they differ), then the query table. */
export function formatInspectedUrl(inspected: InspectedUrl): string {
  const lines = [inspected.href ?? inspected.input];
  const width = Math.max(
    16,
    ...FIELDS.map((field) => shown(inspected.python[field]).length),
  );
  if (inspected.whatwg === null) {
    lines.push(
      `  (the WHATWG parser refuses it: ${inspected.whatwgError}; Python's split follows)`,
    );
  } else if (inspected.differences.length > 0) {
    lines.push(
      `  ${"".padEnd(9)} ${"Python urlparse".padEnd(width)}  WHATWG URL`,
    );
  }
  for (const field of FIELDS) {
    const python = shown(inspected.python[field]);
    const differs = inspected.differences.includes(field);
    const whatwg = differs ? `  ${shown(inspected.whatwg![field])}` : "";
    lines.push(
      `  ${field.padEnd(9)} ${
        differs ? python.padEnd(width) : python
      }${whatwg}`,
    );
  }
  const keys = Object.keys(inspected.params);
  if (keys.length === 0) return lines.join("\n");
  lines.push(
    "",
    `  query: ${inspected.pairs.length} field(s), ${keys.length} key(s)`,
  );
  const keyWidth = Math.max(
    3,
    ...keys.map((key) => JSON.stringify(key).length),
  );
  lines.push(`    ${"key".padEnd(keyWidth)}  n  values`);
  lines.push(`    ${"-".repeat(keyWidth)}  -  ------`);
  for (const key of keys) {
    const values = inspected.params[key]!;
    lines.push(
      `    ${JSON.stringify(key).padEnd(keyWidth)}  ${values.length}  ${
        values.map((value) => JSON.stringify(value)).join(", ")
      }`,
    );
  }
  return lines.join("\n");
}
