// Expected values below are python3.11's answers for the same calls, except
// where a comment says wirework chose otherwise.
import assert from "node:assert/strict";
import { quote, urlencode } from "../../url/mod.ts";

Deno.test("urlencode() writes a record's pairs in order with quotePlus", () => {
  assert.equal(urlencode({ q: "a b/c", n: "1" }), "q=a+b%2Fc&n=1");
});

Deno.test("urlencode() passes safe and quoteVia through", () => {
  assert.equal(urlencode({ q: "a b/c" }, { safe: "/" }), "q=a+b/c");
  assert.equal(urlencode({ q: "a b/c" }, { quoteVia: quote }), "q=a%20b%2Fc");
});

Deno.test("urlencode() writes one field per element with doseq", () => {
  assert.equal(urlencode({ a: 1, b: [1, 2] }, { doseq: true }), "a=1&b=1&b=2");
});

Deno.test("urlencode() refuses a sequence value without doseq", () => {
  // Python writes the list's repr ("b=%5B1%2C+2%5D"); nobody wants that.
  assert.throws(() => urlencode({ b: ["1", "2"] }), TypeError);
});

Deno.test("urlencode() accepts a Map, pairs and URLSearchParams", () => {
  assert.equal(urlencode(new Map([["a", "1"], ["b", "2"]])), "a=1&b=2");
  assert.equal(urlencode([["a", "1"], ["a", "2"]]), "a=1&a=2");
  assert.equal(urlencode(new URLSearchParams("x=1&y=a b")), "x=1&y=a+b");
});

Deno.test("urlencode() quotes bytes as they are", () => {
  assert.equal(
    urlencode([["k", new Uint8Array([0xff, 0x20, 0x76])]]),
    "k=%FF+v",
  );
});

Deno.test("urlencode() writes numbers and booleans with String()", () => {
  // Python would write True; JavaScript's spelling is kept.
  assert.equal(urlencode({ n: 1.5, t: true, big: 10n }), "n=1.5&t=true&big=10");
});

Deno.test("urlencode() rejects a string, a bad pair and a null value", () => {
  assert.throws(
    () => urlencode("a=1" as unknown as Record<string, string>),
    TypeError,
  );
  assert.throws(
    () => urlencode([["a"]] as unknown as [string, string][]),
    TypeError,
  );
  assert.throws(
    () => urlencode({ a: null } as unknown as Record<string, string>),
    TypeError,
  );
});
