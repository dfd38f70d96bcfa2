import assert from "node:assert/strict";
import { BoundedSemaphore, Semaphore } from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import {
  sharedInts,
  until,
  untilAllParkedIn,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("Semaphore hands out as many units as its value, then refuses", () => {
  const semaphore = new Semaphore(2);
  assert.equal(semaphore.acquire({ blocking: false }), true);
  assert.equal(semaphore.acquire({ blocking: false }), true);
  assert.equal(semaphore.acquire({ blocking: false }), false);
  assert.equal(semaphore.value, 0);
  semaphore.release();
  assert.equal(semaphore.acquire({ blocking: false }), true);
});

Deno.test("Semaphore.acquire({ timeout }) returns false after about the timeout at 0", () => {
  const semaphore = new Semaphore(0);
  const started = performance.now();
  assert.equal(semaphore.acquire({ timeout: 50 }), false);
  assert.ok(performance.now() - started >= 45);
});

Deno.test("Semaphore.release(2) lets exactly 2 of 3 waiting workers through, release() the third", async () => {
  await withWorkers(async (start) => {
    const semaphore = new Semaphore(0);
    const passed = sharedInts();
    const workers = Array.from(
      { length: 3 },
      () =>
        start<boolean>("primitives_worker.ts", {
          args: ["semaphore-acquire", semaphore, passed],
        }),
    );
    await untilAllParkedIn(
      workers.map((worker) => worker.threadId),
      WaitKind.SEMAPHORE,
    );
    semaphore.release(2);
    await until(() => Atomics.load(passed, 0) === 2, "2 workers to pass");
    await until(
      () => workers.filter((worker) => worker.alive).length === 1,
      "2 workers to end",
    );
    assert.equal(semaphore.value, 0, "no unit is left for the third");
    assert.equal(Atomics.load(passed, 0), 2);
    semaphore.release();
    assert.deepEqual(
      await within(Promise.all(workers.map((worker) => worker.result))),
      [true, true, true],
    );
  });
});

Deno.test("Semaphore.acquireAsync() on the main thread waits for a release from a worker's side", async () => {
  const semaphore = new Semaphore(0);
  const acquiring = semaphore.acquireAsync({ timeout: 5000 });
  Semaphore.from(structuredClone(semaphore.handle)).release();
  assert.equal(await acquiring, true);
});

Deno.test("Semaphore refuses a negative value and a release count below 1", () => {
  assert.throws(() => new Semaphore(-1), RangeError);
  assert.throws(() => new Semaphore(1.5), RangeError);
  assert.throws(() => new Semaphore().release(0), RangeError);
});

Deno.test("BoundedSemaphore.release() past the initial value throws and leaves the value", () => {
  const semaphore = new BoundedSemaphore(2);
  assert.throws(() => semaphore.release(), RangeError);
  semaphore.acquire();
  assert.throws(() => semaphore.release(2), RangeError);
  assert.equal(semaphore.value, 1);
  semaphore.release();
  assert.equal(semaphore.value, 2);
});

Deno.test("BoundedSemaphore.from() keeps its bound across a handle", () => {
  const semaphore = new BoundedSemaphore(1);
  const revived = BoundedSemaphore.from(structuredClone(semaphore.handle));
  assert.ok(revived instanceof BoundedSemaphore);
  assert.throws(() => revived.release(), RangeError);
  assert.throws(() => Semaphore.from(semaphore.handle), TypeError);
});
