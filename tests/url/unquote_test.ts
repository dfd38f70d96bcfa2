// Expected values below are python3.11's answers for the same calls.
import assert from "node:assert/strict";
import { unquote, unquotePlus, unquoteToBytes } from "../../url/mod.ts";

Deno.test("unquote() replaces each maximal ill-formed UTF-8 subsequence with one U+FFFD", () => {
  assert.equal(
    unquote("%e2%82%ac %E2%82 %F0%9F%98%80 %ED%A0%80 %C0%AF"),
    "€ \ufffd 😀 \ufffd\ufffd\ufffd \ufffd\ufffd",
  );
});

Deno.test("unquote() with errors ignore drops invalid bytes", () => {
  assert.equal(unquote("%E2%82x", { errors: "ignore" }), "x");
});

Deno.test("unquote() with errors strict throws a URIError", () => {
  assert.throws(() => unquote("%E2%82", { errors: "strict" }), URIError);
  assert.equal(unquote("%E2%82%AC", { errors: "strict" }), "€");
});

Deno.test("unquote() copies unescaped characters through, lone surrogates included", () => {
  assert.equal(unquote("é%C3%A9\ud800%41"), "éé\ud800A");
});

Deno.test("unquote() decodes escapes split by a literal non-ASCII character separately", () => {
  assert.equal(unquote("%C3é%A9"), "\ufffdé\ufffd");
});

Deno.test("unquote() keeps a % not followed by two hex digits", () => {
  assert.equal(unquote("%"), "%");
  assert.equal(unquote("%zz%A%4g%%41"), "%zz%A%4g%A");
});

Deno.test("unquote() after a well-formed non-ASCII escape still keeps stray % and replaces bad bytes", () => {
  assert.equal(unquote("a%41%C3%A9%zz"), "aA\u00e9%zz");
  assert.equal(unquote("%E4%B8%AD100%"), "\u4e2d100%");
  assert.equal(unquote("%C3%A9%C3"), "\u00e9\ufffd");
  assert.equal(unquote("%C3%A9%ED%A0%80x"), "\u00e9\ufffd\ufffd\ufffdx");
  assert.throws(() => unquote("%C3%A9%C3", { errors: "strict" }), URIError);
});

Deno.test("unquote() leaves + alone and unquotePlus() reads it as a space", () => {
  assert.equal(unquote("a+b"), "a+b");
  assert.equal(unquotePlus("a+b%2B"), "a b+");
});

Deno.test("unquote() rejects an unknown errors handler with a TypeError", () => {
  assert.throws(
    () => unquote("%41", { errors: "surrogateescape" as "strict" }),
    TypeError,
  );
});

Deno.test("unquoteToBytes() gives raw bytes and encodes literal text as UTF-8", () => {
  assert.deepEqual(
    unquoteToBytes("é%FF%"),
    new Uint8Array([0xc3, 0xa9, 0xff, 0x25]),
  );
  assert.throws(() => unquoteToBytes("\ud800"), URIError);
});

Deno.test("unquote() decodes a long run of escapes containing invalid UTF-8", () => {
  // Past the decoder's 8,192-unit chunk, on the byte-by-byte path.
  const escaped = "%C3%A9".repeat(10_000) + "%FF" +
    "%F0%9F%98%80".repeat(5_000);
  assert.equal(
    unquote(escaped),
    "é".repeat(10_000) + "\ufffd" + "😀".repeat(5_000),
  );
});
