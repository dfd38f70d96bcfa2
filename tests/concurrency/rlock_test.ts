import assert from "node:assert/strict";
import { RLock } from "../../concurrency/mod.ts";
import {
  sharedInts,
  until,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("RLock can be taken again by its owner and is freed by the last release", () => {
  const lock = new RLock();
  for (let i = 0; i < 3; i++) {
    assert.equal(lock.acquire({ blocking: false }), true);
  }
  lock.release();
  lock.release();
  assert.equal(lock.locked(), true);
  lock.release();
  assert.equal(lock.locked(), false);
});

Deno.test("RLock held twice by another thread stays out of reach until both releases", async () => {
  await withWorkers(async (start) => {
    const lock = new RLock();
    const flag = sharedInts(2);
    const holder = start<string>("primitives_worker.ts", {
      args: ["rlock-hold-nested", lock, flag],
    });
    try {
      await until(
        () => Atomics.load(flag, 1) === 1,
        "the worker to hold the lock",
      );
      assert.equal(lock.acquire({ blocking: false }), false);
      assert.equal(lock.owned(), false);
    } finally {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    }
    assert.equal(await within(holder.result), "released");
    assert.equal(lock.acquire({ blocking: false }), true);
    lock.release();
  });
});

Deno.test("RLock.release() throws when another thread owns the lock", async () => {
  await withWorkers(async (start) => {
    const lock = new RLock({ name: "tree" });
    const flag = sharedInts(2);
    const holder = start<string>("primitives_worker.ts", {
      args: ["rlock-hold-nested", lock, flag],
    });
    try {
      await until(
        () => Atomics.load(flag, 1) === 1,
        "the worker to hold the lock",
      );
      assert.throws(
        () => lock.release(),
        new RegExp(
          `Cannot release reentrant lock "tree": thread \\d+ does not hold it \\(thread ${holder.threadId} does\\)`,
        ),
      );
    } finally {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    }
    await within(holder.result);
  });
});

Deno.test("RLock.release() throws when the lock is not held at all", () => {
  assert.throws(() => new RLock().release(), /does not hold it$/);
});

Deno.test("RLock is taken by a worker once its owner released it fully", async () => {
  await withWorkers(async (start) => {
    const lock = new RLock();
    lock.acquire();
    lock.acquire();
    lock.release();
    assert.equal(
      await within(
        start<boolean>("primitives_worker.ts", { args: ["rlock-try", lock] })
          .result,
      ),
      false,
    );
    lock.release();
    assert.equal(
      await within(
        start<boolean>("primitives_worker.ts", { args: ["rlock-try", lock] })
          .result,
      ),
      true,
    );
  });
});

Deno.test("RLock.acquire({ timeout }) returns false after about its timeout when held elsewhere", async () => {
  await withWorkers(async (start) => {
    const lock = new RLock();
    const flag = sharedInts(2);
    const holder = start<string>("primitives_worker.ts", {
      args: ["rlock-hold-nested", lock, flag],
    });
    try {
      await until(
        () => Atomics.load(flag, 1) === 1,
        "the worker to hold the lock",
      );
      const started = performance.now();
      assert.equal(lock.acquire({ timeout: 60 }), false);
      assert.ok(performance.now() - started >= 55);
    } finally {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    }
    await within(holder.result);
  });
});

/** Runs three async tasks of this thread, each holding through awaits; returns the most inside at once. */
async function mostInsideAtOnce(
  hold: () => Promise<Disposable & AsyncDisposable>,
): Promise<{ most: number; entries: number }> {
  let inside = 0;
  let most = 0;
  let entries = 0;
  const task = async (): Promise<void> => {
    for (let round = 0; round < 5; round++) {
      await using _ = await hold();
      inside++;
      entries++;
      most = Math.max(most, inside);
      // Yield to the other tasks while holding the lock.
      for (let i = 0; i < 3; i++) await Promise.resolve();
      await new Promise((resolve) => setTimeout(resolve, 0));
      inside--;
    }
  };
  await within(Promise.all([task(), task(), task()]));
  return { most, entries };
}

Deno.test("RLock.acquireAsync() lets one of three async tasks of a thread in at a time", async () => {
  const lock = new RLock({ name: "cache" });
  const { most, entries } = await mostInsideAtOnce(() =>
    lock.holdAsync({ timeout: 5000 })
  );
  assert.equal(entries, 15);
  assert.equal(most, 1);
  assert.equal(lock.locked(), false);
});

Deno.test("RLock.acquireAsync() waits while this thread holds the lock with a blocking acquire", async () => {
  const lock = new RLock();
  lock.acquire();
  try {
    assert.equal(await lock.acquireAsync({ timeout: 5 }), false);
    const waiting = lock.acquireAsync({ timeout: 5000 });
    lock.release();
    assert.equal(await waiting, true);
    assert.equal(lock.owned(), true);
  } finally {
    lock.release();
  }
  assert.equal(lock.locked(), false);
});

Deno.test("RLock.acquire() refuses to block on a lock an async task of this thread holds", async () => {
  const lock = new RLock({ name: "tree" });
  assert.equal(await lock.acquireAsync(), true);
  try {
    assert.equal(lock.acquire({ blocking: false }), false);
    assert.throws(
      () => lock.acquire(),
      /Cannot take reentrant lock "tree" with a blocking acquire: an async task of thread \d+ holds it/,
    );
    assert.throws(() => lock.hold({ timeout: 5 }), /an async task/);
  } finally {
    lock.release();
  }
  assert.equal(lock.locked(), false);
  // Blocking holds stay reentrant.
  lock.acquire();
  lock.acquire();
  lock.release();
  lock.release();
  assert.equal(lock.locked(), false);
});
