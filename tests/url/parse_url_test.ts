import assert from "node:assert/strict";
import { parseUrl } from "../../url/mod.ts";
import { runPython } from "../_helpers/url_python.ts";
import { pythonMissing } from "../_helpers/python.ts";

Deno.test("parseUrl() splits every component of an absolute URL", () => {
  const url = parseUrl("https://ann:s3cret@Example.COM:8443/a/b?x=1&y=2#frag");
  assert.equal(url.scheme, "https");
  assert.equal(url.netloc, "ann:s3cret@example.com:8443");
  assert.equal(url.username, "ann");
  assert.equal(url.password, "s3cret");
  assert.equal(url.hostname, "example.com");
  assert.equal(url.port, 8443);
  assert.equal(url.path, "/a/b");
  assert.equal(url.query, "x=1&y=2");
  assert.equal(url.fragment, "frag");
  assert.equal(
    url.href,
    "https://ann:s3cret@example.com:8443/a/b?x=1&y=2#frag",
  );
  assert.equal(String(url), url.href);
});

Deno.test("parseUrl() returns a frozen result", () => {
  const url = parseUrl("http://a/");
  assert.ok(Object.isFrozen(url));
  assert.throws(() => {
    (url as { path: string }).path = "/x";
  }, TypeError);
});

Deno.test("parseUrl() gives an IPv6 hostname without brackets and keeps them in netloc", () => {
  const url = parseUrl("http://[2001:DB8::1]:8080/p");
  assert.equal(url.hostname, "2001:db8::1");
  assert.equal(url.netloc, "[2001:db8::1]:8080");
  assert.equal(url.port, 8080);
  assert.equal(parseUrl("http://[::1]/").hostname, "::1");
});

Deno.test("parseUrl() reads userinfo with only a user, and percent-encoded userinfo", () => {
  const user = parseUrl("ftp://anonymous@files.test/");
  assert.equal(user.username, "anonymous");
  assert.equal(user.password, "");
  assert.equal(user.netloc, "anonymous@files.test");
  const encoded = parseUrl("http://a%20b:p%40ss@h/");
  assert.equal(encoded.username, "a%20b");
  assert.equal(encoded.password, "p%40ss");
});

Deno.test("parseUrl() accepts ports 0 and 65535 and rejects 65536", () => {
  assert.equal(parseUrl("http://h:0/").port, 0);
  assert.equal(parseUrl("http://h:65535/").port, 65535);
  assert.throws(() => parseUrl("http://h:65536/"), {
    name: "TypeError",
    message: 'Cannot parse URL "http://h:65536/": it is not a valid URL',
  });
});

Deno.test("parseUrl() gives null for no port and for the scheme's default port", () => {
  assert.equal(parseUrl("http://h/").port, null);
  assert.equal(parseUrl("http://h:80/").port, null);
  assert.equal(parseUrl("https://h:443/").port, null);
  assert.equal(parseUrl("https://h:80/").port, 80);
});

Deno.test("parseUrl() gives empty strings for empty and missing components", () => {
  const url = parseUrl("http://h/?#");
  assert.equal(url.query, "");
  assert.equal(url.fragment, "");
  assert.equal(url.username, "");
  const file = parseUrl("file:///tmp/x");
  assert.equal(file.netloc, "");
  assert.equal(file.hostname, "");
  assert.equal(file.path, "/tmp/x");
});

Deno.test("parseUrl() resolves a reference against a base and quotes both when it cannot", () => {
  assert.equal(parseUrl("../c?d", "http://a/b/x").href, "http://a/c?d");
  assert.throws(() => parseUrl("x", "mailto:a@b"), {
    name: "TypeError",
    message: 'Cannot parse URL "x" against "mailto:a@b": it is not a valid URL',
  });
});

/**
 * The module documentation's table of differences from urlsplit, row by row:
 * our side asserted directly, Python's side asked of python3.
 */
const DIFFERENCES: {
  input: string;
  base?: string;
  ours: Record<string, unknown> | "throws";
  python: string;
  pythonAnswer: unknown;
}[] = [
  {
    input: "http://a:80/",
    ours: { port: null, netloc: "a" },
    python: "[s.port, s.netloc]",
    pythonAnswer: [80, "a:80"],
  },
  {
    input: "http://h:/",
    ours: { netloc: "h" },
    python: "s.netloc",
    pythonAnswer: "h:",
  },
  {
    input: "http://a/b/../c",
    ours: { path: "/c" },
    python: "s.path",
    pythonAnswer: "/b/../c",
  },
  {
    input: "HTTP://EXAMPLE.com/",
    ours: { netloc: "example.com" },
    python: "s.netloc",
    pythonAnswer: "EXAMPLE.com",
  },
  {
    input: "foo://EXAMPLE/P",
    ours: { hostname: "EXAMPLE" },
    python: "s.hostname",
    pythonAnswer: "example",
  },
  {
    input: "http://a",
    ours: { path: "/" },
    python: "s.path",
    pythonAnswer: "",
  },
  {
    input: "http://a/b c",
    ours: { path: "/b%20c" },
    python: "s.path",
    pythonAnswer: "/b c",
  },
  {
    input: "http://Bücher.example/",
    ours: { hostname: "xn--bcher-kva.example" },
    python: "s.hostname",
    pythonAnswer: "bücher.example",
  },
  {
    input: "http://0x7f.1/",
    ours: { hostname: "127.0.0.1" },
    python: "s.hostname",
    pythonAnswer: "0x7f.1",
  },
  {
    input: "http:\\\\a\\b",
    ours: { hostname: "a", path: "/b" },
    python: "[s.netloc, s.path]",
    pythonAnswer: ["", "\\\\a\\b"],
  },
  {
    input: "http://h:65536/",
    ours: "throws",
    python: "port_error(s)",
    pythonAnswer: "ValueError",
  },
  {
    input: "/a?b",
    ours: "throws",
    python: "[s.scheme, s.path, s.query]",
    pythonAnswer: ["", "/a", "b"],
  },
  {
    input: "x",
    base: "mailto:a@b",
    ours: "throws",
    python: 'up.urljoin("mailto:a@b", "x")',
    pythonAnswer: "x",
  },
  {
    input: "mailto:a@b",
    ours: { path: "a@b", netloc: "" },
    python: "[s.path, s.netloc]",
    pythonAnswer: ["a@b", ""],
  },
  {
    input: "http://[::1]:8080/",
    ours: { hostname: "::1", port: 8080 },
    python: "[s.hostname, s.port]",
    pythonAnswer: ["::1", 8080],
  },
];

Deno.test("parseUrl() differs from urlsplit exactly as the module documentation's table says", () => {
  for (const row of DIFFERENCES) {
    if (row.ours === "throws") {
      assert.throws(() => parseUrl(row.input, row.base), TypeError, row.input);
      continue;
    }
    const url = parseUrl(row.input, row.base) as unknown as Record<
      string,
      unknown
    >;
    for (const [field, value] of Object.entries(row.ours)) {
      assert.equal(url[field], value, `${row.input}: ${field}`);
    }
  }
});

const missing = await pythonMissing("urllib.parse");
if (missing) console.log(`Skipping the urlsplit comparison: ${missing}`);

Deno.test({
  name: "python3's urlsplit gives the answers the differences table says",
  ignore: missing !== undefined,
  async fn() {
    const script = String.raw`
import sys, json, urllib.parse as up
def port_error(s):
    try:
        return s.port
    except ValueError:
        return "ValueError"
rows = json.loads(sys.stdin.read())
print(json.dumps([eval(row["python"], {"up": up, "port_error": port_error,
                                      "s": up.urlsplit(row["input"])})
                  for row in rows]))
`;
    const answers = await runPython(script, DIFFERENCES) as unknown[];
    for (const [index, row] of DIFFERENCES.entries()) {
      assert.deepEqual(answers[index], row.pythonAnswer, row.input);
    }
  },
});
