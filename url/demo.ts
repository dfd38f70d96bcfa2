#!/usr/bin/env -S deno run --allow-net=127.0.0.1
/**
 * The url/ section of `deno task demo`: parsing, a query as a multi-value
 * table, Python-parity quoting, joining, and fetching from a server on
 * 127.0.0.1 (a 200, then a 404 caught as an `HTTPError`). Offline, quick.
 *
 * @module
 */

import {
  fetchUrl,
  HTTPError,
  parseQs,
  parseQsl,
  parseUrl,
  quote,
  quotePlus,
  unquote,
  updateQuery,
  urlencode,
  urljoin,
} from "./mod.ts";

function show(label: string, value: unknown): void {
  console.log(`  ${label.padEnd(44)} ${JSON.stringify(value)}`);
}

async function main(): Promise<void> {
  console.log("== url/: parse, query strings, quoting, joining, fetching");

  const url = parseUrl(
    "https://ann@Example.com:8443/docs/../search?q=caf%C3%A9+au+lait&tag=a&tag=b&empty=#top",
  );
  console.log("-- parseUrl (WHATWG parsing, Python's field names)");
  for (
    const field of [
      "scheme",
      "netloc",
      "hostname",
      "port",
      "path",
      "query",
      "fragment",
    ] as const
  ) {
    show(field, url[field]);
  }

  console.log("-- the query, several values per key (parseQs, Python parity)");
  for (
    const [key, values] of Object.entries(
      parseQs(url.query, { keepBlankValues: true }),
    )
  ) {
    console.log(
      `  ${key.padEnd(8)} ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    );
  }
  show(
    'parseQsl("a=1;b=2", { separator: ";" })',
    parseQsl("a=1;b=2", { separator: ";" }),
  );

  console.log(
    "-- percent-encoding, byte for byte what Python's urllib.parse gives",
  );
  show('quote("/a b/ü?*")', quote("/a b/ü?*"));
  show(
    'encodeURIComponent("/a b/ü?*") for contrast',
    encodeURIComponent("/a b/ü?*"),
  );
  show('quotePlus("a b+c")', quotePlus("a b+c"));
  show('unquote("100%zz %E2%82%AC %FF")', unquote("100%zz %E2%82%AC %FF"));
  show(
    'urlencode({ tag: ["x y", "z"] }, { doseq })',
    urlencode({ tag: ["x y", "z"] }, { doseq: true }),
  );
  show(
    "updateQuery(…, set q, delete tag)",
    updateQuery(url.href, { set: { q: "tea" }, delete: ["tag"] }),
  );

  console.log("-- urljoin (RFC 3986 section 5.4 base)");
  const base = "http://a/b/c/d;p?q";
  for (const ref of ["g", "../g", "?y", "#s", "../../../g", "//g"]) {
    show(`urljoin(base, ${JSON.stringify(ref)})`, urljoin(base, ref));
  }

  console.log("-- fetchUrl against a server on 127.0.0.1");
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (request) =>
      new URL(request.url).pathname === "/"
        ? new Response("hello from loopback")
        : new Response("nothing here", {
          status: 404,
          statusText: "Not Found",
        }),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const response = await fetchUrl(`${origin}/`, { timeout: 5000 });
  console.log(
    `  GET / -> ${response.status} ${JSON.stringify(response.text())}`,
  );
  try {
    await fetchUrl(`${origin}/missing`, { timeout: 5000 });
  } catch (error) {
    if (!(error instanceof HTTPError)) throw error;
    console.log(
      `  GET /missing -> ${error.name} (reason ${error.reason}): status ${error.status}, body ${
        JSON.stringify(error.bodyPreview)
      }`,
    );
  }
}

if (import.meta.main) await main();
