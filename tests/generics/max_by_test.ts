import assert from "node:assert/strict";
import { maxBy } from "../../generics/max_by.ts";
import { Random } from "../_helpers/generics_random.ts";

Deno.test("maxBy() returns the first element with the largest key, as Python's max(key=) does", () => {
  const random = new Random(3);
  for (let round = 0; round < 200; round++) {
    const items = Array.from(
      { length: random.int(1, 30) },
      (_, index) => ({ index, key: random.int(-5, 5) }),
    );
    // The model: a stable sort, largest key first, keeps the first of equals.
    const expected = items.toSorted((a, b) => b.key - a.key)[0];
    assert.equal(maxBy(items, (item) => item.key), expected, `round ${round}`);
  }
});

Deno.test("maxBy() returns undefined for no elements and reads any iterable once", () => {
  assert.equal(maxBy([], (n: number) => n), undefined);
  function* once(): Generator<number> {
    yield 2;
    yield -Infinity;
    yield 9;
  }
  assert.equal(maxBy(once(), (n) => -n), -Infinity);
});

Deno.test("maxBy() calls the key function once per element", () => {
  let calls = 0;
  maxBy([1, 2, 3, 4], (n) => {
    calls++;
    return n;
  });
  assert.equal(calls, 4);
});

Deno.test("maxBy() throws a RangeError for a NaN key", () => {
  assert.throws(() => maxBy([1, 2], (n) => (n === 2 ? Number.NaN : n)), {
    name: "RangeError",
    message: 'Cannot compare element 1: its key is "NaN"',
  });
});
