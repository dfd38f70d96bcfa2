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

Deno.test("urlencode() writes a list value's repr without doseq, as Python does", () => {
  assert.equal(urlencode({ b: ["1", 2] }), "b=%5B%271%27%2C+2%5D");
  assert.equal(
    urlencode({ b: [["x", null]] }, { doseq: true }),
    "b=%5B%27x%27%2C+None%5D",
  );
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

Deno.test("urlencode() writes null, numbers and booleans as Python's str() does", () => {
  assert.equal(
    urlencode({ n: 1.5, t: true, f: false, big: 10n, none: null, tiny: 1e-5 }),
    "n=1.5&t=True&f=False&big=10&none=None&tiny=1e-05",
  );
});

Deno.test("urlencode() rejects a string, a bad pair and an undefined value", () => {
  assert.throws(
    () => urlencode("a=1" as unknown as Record<string, string>),
    TypeError,
  );
  assert.throws(
    () => urlencode([["a"]] as unknown as [string, string][]),
    TypeError,
  );
  assert.throws(
    () => urlencode({ a: undefined } as unknown as Record<string, string>),
    TypeError,
  );
});
