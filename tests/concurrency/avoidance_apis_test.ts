import assert from "node:assert/strict";
import {
  acquireAll,
  acquireWithBackoff,
  Barrier,
  configure,
  Lock,
} from "../../concurrency/mod.ts";
import { settle, withConfig } from "../_helpers/concurrency_deadlock.ts";
import { withWorkers } from "../_helpers/concurrency_workers.ts";
import { sharedInts } from "../_helpers/concurrency_workers.ts";

/** A lock double that records what happens to it. */
function recorder(id: number, log: string[], free = true) {
  return {
    id,
    name: `r${id}`,
    acquire(): boolean {
      log.push(`acquire ${id}`);
      return free;
    },
    release(): void {
      log.push(`release ${id}`);
    },
  };
}

Deno.test("acquireAll() takes locks by ascending id, each once, and releases them in reverse", () => {
  const log: string[] = [];
  const [a, b, c] = [recorder(3, log), recorder(1, log), recorder(2, log)];
  {
    using _ = acquireAll([a, b, c, b]);
    log.push("body");
  }
  assert.deepEqual(log, [
    "acquire 1",
    "acquire 2",
    "acquire 3",
    "body",
    "release 3",
    "release 2",
    "release 1",
  ]);
});

Deno.test("acquireAll() releases what it took when a later lock times out", () => {
  const first = new Lock({ name: "first" });
  const busy = new Lock({ name: "busy" });
  busy.acquire();
  try {
    assert.throws(
      () => acquireAll([busy, first], { timeout: 20 }),
      (error: unknown) =>
        error instanceof DOMException && error.name === "TimeoutError" &&
        /"busy"/.test(error.message),
    );
    assert.equal(first.locked(), false);
  } finally {
    busy.release();
  }
});

Deno.test("acquireAll() and acquireWithBackoff() refuse what is not a list of locks", () => {
  assert.throws(() => acquireAll(42 as never), TypeError);
  assert.throws(() => acquireWithBackoff([{}] as never), TypeError);
  assert.throws(() => acquireAll([], { timeout: -1 }), RangeError);
  assert.throws(() => acquireWithBackoff([], { retries: -1 }), RangeError);
});

for (const strategy of ["all", "backoff"] as const) {
  const api = strategy === "all" ? "acquireAll()" : "acquireWithBackoff()";
  Deno.test(`${api} lets two workers listing two locks in opposite orders run 200 rounds without a deadlock`, async () => {
    // Detection on: a deadlock would surface as a DeadlockError, not a hang.
    await withConfig(
      { deadlockDetection: true },
      () =>
        withWorkers(async (start) => {
          const lock1 = new Lock({ name: "lock1" });
          const lock2 = new Lock({ name: "lock2" });
          const barrier = new Barrier(2);
          const counter = sharedInts();
          const workers = [[lock1, lock2], [lock2, lock1]].map((locks) =>
            start<number>("deadlock_avoidance_worker.ts", {
              args: [strategy, locks, barrier, 200, counter],
            })
          );
          const outcomes = await settle(workers, 45_000);
          assert.deepEqual(outcomes, [
            { ok: true, value: 200 },
            { ok: true, value: 200 },
          ]);
          assert.equal(counter[0], 400);
          assert.equal(lock1.locked() || lock2.locked(), false);
        }),
    );
  });
}

Deno.test("acquireWithBackoff() gives up after its retries and leaves nothing held", () => {
  const free = new Lock({ name: "free" });
  const taken = new Lock({ name: "taken" });
  taken.acquire();
  try {
    const started = performance.now();
    assert.throws(
      () =>
        acquireWithBackoff([free, taken], {
          retries: 3,
          attemptTimeout: 1,
          maxBackoff: 2,
        }),
      (error: unknown) =>
        error instanceof DOMException && error.name === "TimeoutError" &&
        /"taken" stayed busy through 3 retries/.test(error.message),
    );
    assert.ok(performance.now() - started < 1000);
    assert.equal(free.locked(), false);
  } finally {
    taken.release();
  }
});

Deno.test("acquireWithBackoff() in opposite orders raises no lock-order report", async () => {
  await withConfig({ lockOrder: "throw" }, () => {
    const a = new Lock({ name: "a" });
    const b = new Lock({ name: "b" });
    {
      using _ = acquireWithBackoff([a, b]);
    }
    using _ = acquireWithBackoff([b, a]);
    assert.equal(configure().lockOrder, "throw");
  });
});
