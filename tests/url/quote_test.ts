// Expected values below are python3.11's answers for the same calls.
import assert from "node:assert/strict";
import { quote, quoteFromBytes, quotePlus } from "../../url/mod.ts";

Deno.test("quote() keeps letters, digits, _.-~ and / and escapes every other ASCII", () => {
  assert.equal(
    quote("abc-_.~!*'();:@&=+$,/?#[] "),
    "abc-_.~%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C/%3F%23%5B%5D%20",
  );
});

Deno.test("quote() ignores non-ASCII characters in safe", () => {
  assert.equal(quote("é", "é"), "%C3%A9");
});

Deno.test("quote() escapes / when safe is empty", () => {
  assert.equal(quote("a/b"), "a/b");
  assert.equal(quote("a/b", ""), "a%2Fb");
  assert.equal(quote(""), "");
});

Deno.test("quote() writes astral characters as four UTF-8 escapes", () => {
  assert.equal(quote("😀"), "%F0%9F%98%80");
});

Deno.test("quote() throws a URIError for a lone surrogate, as Python raises UnicodeEncodeError", () => {
  assert.throws(() => quote("a\ud800b"), URIError);
  assert.throws(() => quote("\udc00"), URIError);
});

Deno.test("quote() on bytes escapes every byte of 128 and above", () => {
  assert.equal(quote(new Uint8Array([0x7e, 0x80, 0xff, 0x2f])), "~%80%FF/");
  assert.equal(quoteFromBytes(new Uint8Array([0x20]), ""), "%20");
});

Deno.test("quotePlus() writes spaces as + and escapes + unless safe", () => {
  assert.equal(quotePlus("a b+c"), "a+b%2Bc");
  assert.equal(quotePlus("a b", "+"), "a+b");
  assert.equal(quotePlus("a b", " "), "a+b");
});

Deno.test("quote() rejects a value that is neither text nor bytes", () => {
  assert.throws(() => quote(42 as unknown as string), TypeError);
});
