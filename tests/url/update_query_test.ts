import assert from "node:assert/strict";
import { parseQsl, updateQuery } from "../../url/mod.ts";

Deno.test("updateQuery() sets a key in place of its first field and drops its others", () => {
  assert.equal(
    updateQuery("http://h/?a=1&b=2&a=3&c=4", { set: { a: "x" } }),
    "http://h/?a=x&b=2&c=4",
  );
});

Deno.test("updateQuery() sets several values for one key", () => {
  const url = updateQuery("http://h/?t=1&z=0", { set: { t: ["a", "b"] } });
  assert.deepEqual(parseQsl(new URL(url).search.slice(1)), [
    ["t", "a"],
    ["t", "b"],
    ["z", "0"],
  ]);
});

Deno.test("updateQuery() adds a set key that was absent at the end", () => {
  assert.equal(
    updateQuery("http://h/?a=1", { set: { b: "2" } }),
    "http://h/?a=1&b=2",
  );
});

Deno.test("updateQuery() appends from a record or from pairs, in order", () => {
  assert.equal(
    updateQuery("http://h/?a=1", { append: [["a", "2"], ["b", "3"]] }),
    "http://h/?a=1&a=2&b=3",
  );
  assert.equal(
    updateQuery("http://h/", { append: { a: ["1", "2"] } }),
    "http://h/?a=1&a=2",
  );
});

Deno.test("updateQuery() deletes every field of a key, matching keys after decoding", () => {
  assert.equal(
    updateQuery("http://h/?a+b=1&keep=2&a%20b=3", { delete: ["a b"] }),
    "http://h/?keep=2",
  );
});

Deno.test("updateQuery() keeps untouched fields byte for byte and the fragment", () => {
  assert.equal(
    updateQuery("http://h/?x=%7e+y&n=1#frag", { set: { n: "2 3" } }),
    "http://h/?x=%7e+y&n=2+3#frag",
  );
});

Deno.test("updateQuery() removes the ? when no field is left", () => {
  assert.equal(
    updateQuery("http://h/p?a=1#f", { delete: ["a"] }),
    "http://h/p#f",
  );
});

Deno.test("updateQuery() quotes new fields as urlencode does", () => {
  assert.equal(
    updateQuery("http://h/", { set: { "q&r": "a b/é" } }),
    "http://h/?q%26r=a+b%2F%C3%A9",
  );
});

Deno.test("updateQuery() throws a TypeError quoting an invalid URL", () => {
  assert.throws(() => updateQuery("nope", {}), {
    name: "TypeError",
    message: 'Cannot update the query of "nope": it is not a valid URL',
  });
});
