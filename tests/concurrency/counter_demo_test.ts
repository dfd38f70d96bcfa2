import assert from "node:assert/strict";
import { countWithAndWithoutLock } from "../../concurrency/_counter.ts";

Deno.test("countWithAndWithoutLock() keeps the locked total exact and never over-counts without the lock", async () => {
  const { expected, withLock, withoutLock } = await countWithAndWithoutLock({
    workers: 2,
    increments: 20_000,
  });
  assert.equal(expected, 40_000);
  assert.equal(withLock, expected);
  assert.ok(withoutLock > 0 && withoutLock <= expected, `${withoutLock}`);
});

Deno.test("countWithAndWithoutLock() refuses a worker count below 1", async () => {
  await assert.rejects(countWithAndWithoutLock({ workers: 0 }), RangeError);
});

Deno.test("countWithAndWithoutLock() reports progress that only grows and ends at each round's total", async () => {
  const seen: { without: number[]; with: number[] } = { without: [], with: [] };
  const { expected, withoutLock } = await countWithAndWithoutLock({
    workers: 2,
    increments: 20_000,
    onProgress: (round, count, total) => {
      assert.equal(total, 40_000);
      seen[round].push(count);
    },
  });
  for (const counts of [seen.without, seen.with]) {
    assert.ok(counts.length >= 1);
    assert.deepEqual(counts, counts.toSorted((a, b) => a - b));
  }
  assert.equal(seen.without.at(-1), withoutLock);
  assert.equal(seen.with.at(-1), expected);
});
