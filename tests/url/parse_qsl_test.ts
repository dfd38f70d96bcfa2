// Expected values below are python3.11's answers for the same calls.
import assert from "node:assert/strict";
import { parseQsl } from "../../url/mod.ts";

Deno.test("parseQsl() drops blank values unless keepBlankValues is set", () => {
  assert.deepEqual(parseQsl("a=1&&b=2&c&d="), [["a", "1"], ["b", "2"]]);
  assert.deepEqual(parseQsl("a=1&&b=2&c&d=", { keepBlankValues: true }), [
    ["a", "1"],
    ["b", "2"],
    ["c", ""],
    ["d", ""],
  ]);
});

Deno.test("parseQsl() keeps empty names", () => {
  assert.deepEqual(parseQsl("=x&y=&=", { keepBlankValues: true }), [
    ["", "x"],
    ["y", ""],
    ["", ""],
  ]);
});

Deno.test("parseQsl() splits a field on its first = only", () => {
  assert.deepEqual(parseQsl("a=1=2"), [["a", "1=2"]]);
});

Deno.test("parseQsl() splits on ; only when it is the separator", () => {
  assert.deepEqual(parseQsl("a=1;b=2"), [["a", "1;b=2"]]);
  assert.deepEqual(parseQsl("a=1;b=2", { separator: ";" }), [["a", "1"], [
    "b",
    "2",
  ]]);
});

Deno.test("parseQsl() accepts a separator of several characters", () => {
  assert.deepEqual(parseQsl("a=1XXb=2", { separator: "XX" }), [["a", "1"], [
    "b",
    "2",
  ]]);
});

Deno.test("parseQsl() rejects an empty separator with a TypeError", () => {
  assert.throws(() => parseQsl("a=1", { separator: "" }), TypeError);
});

Deno.test("parseQsl() reads + as a space and decodes escapes, keeping broken ones", () => {
  assert.deepEqual(parseQsl("%C3%A9=%E9+%zz%4&%2B=+"), [
    ["é", "\ufffd %zz%4"],
    ["+", " "],
  ]);
});

Deno.test("parseQsl() does not strip a leading ?", () => {
  assert.deepEqual(parseQsl("?a=1"), [["?a", "1"]]);
});

Deno.test("parseQsl() under strictParsing throws a TypeError for a field without =", () => {
  assert.throws(() => parseQsl("a=1&b", { strictParsing: true }), {
    name: "TypeError",
    message: 'Cannot parse query field "b": it has no "="',
  });
});

Deno.test("parseQsl() under strictParsing throws for an empty field but not an empty query", () => {
  assert.throws(() => parseQsl("a=1&&b=2", { strictParsing: true }), TypeError);
  assert.throws(() => parseQsl("a=1&", { strictParsing: true }), TypeError);
  assert.deepEqual(parseQsl("", { strictParsing: true }), []);
});

Deno.test("parseQsl() throws a RangeError past maxNumFields, counting blank fields", () => {
  assert.throws(() => parseQsl("a=1&b=2&c=3", { maxNumFields: 2 }), RangeError);
  assert.deepEqual(parseQsl("a=1&&", { maxNumFields: 3 }), [["a", "1"]]);
  assert.throws(() => parseQsl("a=1&&", { maxNumFields: 2 }), RangeError);
  assert.deepEqual(parseQsl("", { maxNumFields: 0 }), []);
});

Deno.test("parseQsl() with errors strict throws a URIError on invalid UTF-8", () => {
  assert.throws(() => parseQsl("a=%FF", { errors: "strict" }), URIError);
  assert.deepEqual(parseQsl("a=%FF"), [["a", "\ufffd"]]);
});
