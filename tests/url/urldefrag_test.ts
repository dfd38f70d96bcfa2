import assert from "node:assert/strict";
import { urldefrag, urljoin } from "../../url/mod.ts";

Deno.test("urldefrag() splits at the first # and keeps the rest of the fragment", () => {
  const result = urldefrag("http://a/b?c#d#e");
  assert.equal(result.url, "http://a/b?c");
  assert.equal(result.fragment, "d#e");
});

Deno.test("urldefrag() gives an empty fragment when there is none", () => {
  assert.deepEqual({ ...urldefrag("http://a/b") }, {
    url: "http://a/b",
    fragment: "",
  });
});

Deno.test("urldefrag() works on relative references and does not decode", () => {
  assert.deepEqual({ ...urldefrag("page.html#sec%201") }, {
    url: "page.html",
    fragment: "sec%201",
  });
});

Deno.test("urldefrag() drops an empty ? before the fragment, as urlunparse does", () => {
  assert.equal(urldefrag("http://a/b?#x").url, "http://a/b");
  assert.equal(urldefrag("http://a/b?").url, "http://a/b?");
});

Deno.test("urldefrag() returns a frozen result that iterates as [url, fragment]", () => {
  const result = urldefrag("a#b");
  assert.deepEqual([...result], ["a", "b"]);
  assert.equal(result.geturl(), "a#b");
  assert.ok(Object.isFrozen(result));
});

Deno.test("urldefrag() and urljoin() take a URL object as its href", () => {
  assert.equal(urldefrag(new URL("http://a/#x")).url, "http://a/");
  assert.equal(urljoin(new URL("http://a/b/c"), "d"), "http://a/b/d");
});
