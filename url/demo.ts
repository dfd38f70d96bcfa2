#!/usr/bin/env -S deno run --allow-net=127.0.0.1
/**
 * The url/ section of `deno task demo`: Python's urlsplit/urlparse and their
 * round trip, a query as a multi-value table, Python-parity quoting with
 * encodings, Python's urljoin beside the WHATWG join, and fetching from a
 * server on 127.0.0.1 (a 200, a form POST, then a 404 caught as an
 * `HTTPError` with Python's `code` and `reason`). Offline, quick.
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
  resolveUrl,
  unquote,
  updateQuery,
  urlencode,
  urljoin,
  urlparse,
  urlsplit,
  urlunparse,
} from "./mod.ts";

function show(label: string, value: unknown): void {
  console.log(`  ${label.padEnd(52)} ${JSON.stringify(value)}`);
}

async function main(): Promise<void> {
  console.log("== url/: Python's urllib.parse, the WHATWG URL, fetching");

  const input =
    "HTTPS://ann@Example.com:8443/docs/../search;v=2?q=caf%C3%A9+au+lait&tag=a&tag=b&empty=#top";
  const parts = urlparse(input);
  console.log("-- urlparse (Python's split: nothing normalised)");
  for (
    const field of [
      "scheme",
      "netloc",
      "path",
      "params",
      "query",
      "fragment",
      "username",
      "password",
      "hostname",
      "port",
    ] as const
  ) {
    show(field, parts[field]);
  }
  console.log("-- the same URL through the WHATWG parser (parseUrl)");
  const web = parseUrl(input);
  for (const field of ["netloc", "path", "port"] as const) {
    show(field, web[field]);
  }
  show(
    "urlunparse(urlparse(url).replace({ query }))",
    urlunparse(parts.replace({ query: urlencode({ q: "tea", page: 2 }) })),
  );
  show('[...urlsplit("/relative;p?x=1#f")]', [
    ...urlsplit("/relative;p?x=1#f"),
  ]);
  try {
    urlsplit("http://h:99999/").port;
  } catch (error) {
    show('urlsplit("http://h:99999/").port', `${(error as Error).name}`);
  }

  console.log("-- the query, several values per key (parseQs, Python parity)");
  for (
    const [key, values] of Object.entries(
      parseQs(parts.query, { keepBlankValues: true }),
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
  show(
    'parseQsl("q=caf%E9", { encoding: "latin-1" })',
    parseQsl("q=caf%E9", { encoding: "latin-1" }),
  );

  console.log(
    "-- percent-encoding, byte for byte what Python's urllib.parse gives",
  );
  show('quote("/a b/ü?*")', quote("/a b/ü?*"));
  show(
    'encodeURIComponent("/a b/ü?*") for contrast',
    encodeURIComponent("/a b/ü?*"),
  );
  show(
    'quote("café", "/", { encoding: "latin-1" })',
    quote("café", "/", {
      encoding: "latin-1",
    }),
  );
  show('quotePlus("a b+c")', quotePlus("a b+c"));
  show('unquote("100%zz %E2%82%AC %FF")', unquote("100%zz %E2%82%AC %FF"));
  show(
    "urlencode({ a: null, b: true, c: 1.5, t: [1, 2] })",
    urlencode({ a: null, b: true, c: 1.5, t: [1, 2] }),
  );
  show(
    'urlencode({ tag: ["x y", "z"] }, { doseq: true })',
    urlencode({ tag: ["x y", "z"] }, { doseq: true }),
  );
  show(
    "updateQuery(…, set q, delete tag)",
    updateQuery(web.href, { set: { q: "tea" }, delete: ["tag"] }),
  );

  console.log(
    "-- urljoin (Python's) beside resolveUrl (WHATWG), base http://a/b/c/d;p?q",
  );
  const base = "http://a/b/c/d;p?q";
  for (const ref of ["g", "../g", "?y", "#s", "//g", "../../../g"]) {
    show(
      `${JSON.stringify(ref)}`,
      `${urljoin(base, ref)}   (WHATWG ${resolveUrl(base, ref)})`,
    );
  }
  show('urljoin("foo://a/b/c", "d")', urljoin("foo://a/b/c", "d"));

  console.log("-- fetchUrl against a server on 127.0.0.1");
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      if (path === "/") return new Response("hello from loopback");
      if (path === "/form") {
        return new Response(
          `${request.method} ${
            request.headers.get("content-type")
          }: ${await request
            .text()}`,
        );
      }
      return new Response("nothing here", { status: 404 });
    },
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const response = await fetchUrl(`${origin}/`, { timeout: 5000 });
  console.log(
    `  GET / -> ${response.status} ${JSON.stringify(response.text())}`,
  );
  const posted = await fetchUrl(`${origin}/form`, {
    data: urlencode({ q: "tea", page: 2 }),
    timeout: 5000,
  });
  console.log(`  data=urlencode(...) -> ${posted.text()}`);
  try {
    await fetchUrl(`${origin}/missing`, { timeout: 5000 });
  } catch (e) {
    if (!(e instanceof HTTPError)) throw e;
    console.log(
      `  GET /missing -> ${e.name}: e.code ${e.code}, e.reason ${
        JSON.stringify(e.reason)
      }, body ${JSON.stringify(e.text())}`,
    );
  }
}

if (import.meta.main) await main();
