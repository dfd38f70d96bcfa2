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
