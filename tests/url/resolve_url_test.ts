import assert from "node:assert/strict";
import { resolveUrl, urljoin } from "../../url/mod.ts";
import { runPython } from "../_helpers/url_python.ts";
import { pythonMissing } from "../_helpers/python.ts";

const BASE = "http://a/b/c/d;p?q";

/** RFC 3986 section 5.4.1, as printed in the RFC. */
const NORMAL: [string, string][] = [
  ["g:h", "g:h"],
  ["g", "http://a/b/c/g"],
  ["./g", "http://a/b/c/g"],
  ["g/", "http://a/b/c/g/"],
  ["/g", "http://a/g"],
  ["//g", "http://g"],
  ["?y", "http://a/b/c/d;p?y"],
  ["g?y", "http://a/b/c/g?y"],
  ["#s", "http://a/b/c/d;p?q#s"],
  ["g#s", "http://a/b/c/g#s"],
  ["g?y#s", "http://a/b/c/g?y#s"],
  [";x", "http://a/b/c/;x"],
  ["g;x", "http://a/b/c/g;x"],
  ["g;x?y#s", "http://a/b/c/g;x?y#s"],
  ["", "http://a/b/c/d;p?q"],
  [".", "http://a/b/c/"],
  ["./", "http://a/b/c/"],
  ["..", "http://a/b/"],
  ["../", "http://a/b/"],
  ["../g", "http://a/b/g"],
  ["../..", "http://a/"],
  ["../../", "http://a/"],
  ["../../g", "http://a/g"],
];

/** RFC 3986 section 5.4.2, as printed in the RFC (strict parsers). */
const ABNORMAL: [string, string][] = [
  ["../../../g", "http://a/g"],
  ["../../../../g", "http://a/g"],
  ["/./g", "http://a/g"],
  ["/../g", "http://a/g"],
  ["g.", "http://a/b/c/g."],
  [".g", "http://a/b/c/.g"],
  ["g..", "http://a/b/c/g.."],
  ["..g", "http://a/b/c/..g"],
  ["./../g", "http://a/b/g"],
  ["./g/.", "http://a/b/c/g/"],
  ["g/./h", "http://a/b/c/g/h"],
  ["g/../h", "http://a/b/c/h"],
  ["g;x=1/./y", "http://a/b/c/g;x=1/y"],
  ["g;x=1/../y", "http://a/b/c/y"],
  ["g?y/./x", "http://a/b/c/g?y/./x"],
  ["g?y/../x", "http://a/b/c/g?y/../x"],
  ["g#s/./x", "http://a/b/c/g#s/./x"],
  ["g#s/../x", "http://a/b/c/g#s/../x"],
  ["http:g", "http:g"],
];

/** Where WHATWG chose otherwise; documented in the module doc. */
const WHATWG_DISAGREES: Record<string, string> = {
  "//g": "http://g/",
  "http:g": "http://a/b/c/g",
};

for (
  const [label, examples] of [["normal", NORMAL], [
    "abnormal",
    ABNORMAL,
  ]] as const
) {
  Deno.test(`resolveUrl() gives RFC 3986's answer for every ${label} example WHATWG agrees with`, () => {
    for (const [ref, expected] of examples) {
      if (ref in WHATWG_DISAGREES) continue;
      assert.equal(resolveUrl(BASE, ref), expected, `reference "${ref}"`);
    }
  });
}

Deno.test("resolveUrl() gives WHATWG's answer where it disagrees with RFC 3986", () => {
  for (const [ref, expected] of Object.entries(WHATWG_DISAGREES)) {
    assert.equal(resolveUrl(BASE, ref), expected, `reference "${ref}"`);
  }
});

Deno.test("resolveUrl() resolves against a non-special hierarchical scheme", () => {
  assert.equal(resolveUrl("foo://a/b/c", "d"), "foo://a/b/d");
});

Deno.test("resolveUrl() throws a TypeError quoting both when the base cannot be one", () => {
  assert.throws(() => resolveUrl("mailto:a@b", "x"), {
    name: "TypeError",
    message:
      'Cannot join "x" to "mailto:a@b": the base is not a valid URL or cannot be a base',
  });
  assert.throws(() => resolveUrl("", "x"), TypeError);
});

const missing = await pythonMissing("urllib.parse");
if (missing) console.log(`Skipping the urljoin comparison: ${missing}`);

Deno.test("urljoin() gives Python's answers where WHATWG disagrees", () => {
  assert.equal(urljoin(BASE, "//g"), "http://g");
  assert.equal(urljoin(BASE, "http:g"), "http://a/b/c/g");
  assert.equal(urljoin("foo://a/b/c", "d"), "d");
  assert.equal(urljoin("mailto:a@b", "x"), "x");
  assert.equal(urljoin("", "x"), "x");
  assert.equal(urljoin("http://a/b/c/d;p?q#f", ""), "http://a/b/c/d;p?q#f");
  assert.equal(urljoin("http://", "x"), "http:///x");
});

Deno.test("urljoin() gives RFC 3986's answer for every normal example", () => {
  for (const [ref, expected] of NORMAL) {
    assert.equal(urljoin(BASE, ref), expected, `reference "${ref}"`);
  }
});

Deno.test({
  name: "python3's urljoin gives the answers the module documentation says",
  ignore: missing !== undefined,
  async fn() {
    const cases: [string, string][] = [
      [BASE, "//g"],
      [BASE, "http:g"],
      ["foo://a/b/c", "d"],
      ["mailto:a@b", "x"],
      ["", "x"],
      ["http://", "x"],
    ];
    const answers = await runPython(
      `import sys, json, urllib.parse as up
print(json.dumps([up.urljoin(b, r) for b, r in json.loads(sys.stdin.read())]))`,
      cases,
    );
    assert.deepEqual(answers, [
      "http://g",
      "http://a/b/c/g",
      "d",
      "x",
      "x",
      urljoin("http://", "x"),
    ]);
  },
});
