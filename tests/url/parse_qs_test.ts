// Expected values below are python3.11's answers for the same calls.
import assert from "node:assert/strict";
import { parseQs } from "../../url/mod.ts";

Deno.test("parseQs() gathers every value of a key in order", () => {
  assert.deepEqual(parseQs("a=1&a=2&b=3&a="), { a: ["1", "2"], b: ["3"] });
  assert.deepEqual(parseQs("a=1&a=2&b=3&a=", { keepBlankValues: true }), {
    a: ["1", "2", ""],
    b: ["3"],
  });
});

Deno.test("parseQs() makes __proto__ and toString ordinary keys", () => {
  const result = parseQs("__proto__=x&toString=y&constructor=z");
  assert.deepEqual(Object.keys(result), [
    "__proto__",
    "toString",
    "constructor",
  ]);
  assert.deepEqual(result["__proto__"], ["x"]);
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.deepEqual(result["toString"], ["y"]);
});

Deno.test("parseQs() passes its options to the field parser", () => {
  assert.deepEqual(parseQs("a=1;a=2", { separator: ";" }), { a: ["1", "2"] });
  assert.throws(() => parseQs("a", { strictParsing: true }), TypeError);
});
