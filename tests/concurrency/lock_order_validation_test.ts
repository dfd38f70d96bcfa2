import assert from "node:assert/strict";
import {
  Barrier,
  Event,
  Lock,
  LockOrderError,
  RLock,
} from "../../concurrency/mod.ts";
import { settle, withConfig } from "../_helpers/concurrency_deadlock.ts";
import {
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("lock-order validation reports an inversion between two workers that never deadlocked", async () => {
  await withConfig({ lockOrder: "throw" }, () =>
    withWorkers(async (start) => {
      const lock1 = new Lock({ name: "accounts" });
      const lock2 = new Lock({ name: "ledger" });
      // One after the other: the timing cannot deadlock.
      const first = start<string>("deadlock_lock_order_worker.ts", {
        name: "A",
        args: [[lock1, lock2]],
      });
      assert.equal(await within(first.result), "done");
      const second = start<string>("deadlock_lock_order_worker.ts", {
        name: "B",
        args: [[lock2, lock1]],
      });
      const [outcome] = await settle([second]);
      assert.equal(outcome!.ok, false);
      const { error } = outcome as { error: unknown };
      assert.ok(error instanceof LockOrderError, String(error));
      assert.deepEqual(
        error.cycle.map((
          edge,
        ) => [edge.from.name, edge.to.name, edge.threadName]),
        [["ledger", "accounts", "B"], ["accounts", "ledger", "A"]],
      );
      assert.equal(error.cycle[1]!.threadId, first.threadId);
      // The earlier order's stack was recorded in A and read in B.
      assert.match(
        error.cycle[1]!.stack ?? "",
        /deadlock_lock_order_worker\.ts/,
      );
      assert.equal(
        error.message,
        "Lock order inversion: worker 'B' takes 'accounts' while holding 'ledger', but worker 'A' took 'ledger' while holding 'accounts'",
      );
      // "throw" did not take the lock: nothing is left held.
      assert.equal(lock1.locked() || lock2.locked(), false);
    }));
});

Deno.test("a thread that started before lock-order validation was turned on is checked from its next acquire, and none is once it is off again", async () => {
  const first = new Lock({ name: "first" });
  const second = new Lock({ name: "second" });
  const go = new Event();
  await withWorkers(async (start) => {
    const early = start<string>("deadlock_lock_order_worker.ts", {
      name: "early",
      args: [[second, first], go],
    });
    await untilParked(early.threadId);
    await withConfig({ lockOrder: "throw" }, async () => {
      {
        using _first = first.hold();
        using _second = second.hold();
      }
      go.set();
      const [outcome] = await settle([early]);
      assert.equal(outcome!.ok, false, "the inversion was refused");
      const { error } = outcome as { error: unknown };
      assert.ok(error instanceof LockOrderError, String(error));
      assert.deepEqual(error.cycle.map((edge) => edge.threadName), [
        "early",
        "main",
      ]);
    });
    // Off again: the same inversion in this thread is not checked.
    using _second = second.hold();
    using _first = first.hold();
    assert.equal(first.locked() && second.locked(), true);
  });
});

Deno.test("lock-order validation finds a three-lock cycle across Lock and RLock", async () => {
  await withConfig({ lockOrder: "throw" }, () => {
    const a = new Lock({ name: "a" });
    const b = new RLock({ name: "b" });
    const c = new Lock({ name: "c" });
    {
      using _a = a.hold();
      using _b = b.hold();
    }
    {
      using _b = b.hold();
      using _c = c.hold();
    }
    using _c = c.hold();
    assert.throws(() => a.acquire(), (error: unknown) => {
      assert.ok(error instanceof LockOrderError);
      assert.deepEqual(
        error.cycle.map((edge) => `${edge.from.name}>${edge.to.name}`),
        ["c>a", "a>b", "b>c"],
      );
      return true;
    });
    assert.equal(a.locked(), false);
  });
});

Deno.test("lock-order validation in warn mode prints the inversion once and takes the lock", async () => {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    await withConfig({ lockOrder: "warn" }, () => {
      const x = new Lock({ name: "x" });
      const y = new Lock({ name: "y" });
      for (const [outer, inner] of [[x, y], [y, x], [y, x]] as const) {
        using _outer = outer.hold();
        using _inner = inner.hold();
        assert.equal(inner.locked(), true);
      }
    });
  } finally {
    console.warn = warn;
  }
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /takes 'x' while holding 'y'/);
  assert.match(warnings[0]!, /lock_order_validation_test\.ts/);
});

Deno.test("timed and non-blocking acquires add no lock order", async () => {
  await withConfig({ lockOrder: "throw" }, () => {
    const p = new Lock({ name: "p" });
    const q = new Lock({ name: "q" });
    {
      using _p = p.hold();
      assert.equal(q.acquire({ timeout: 100 }), true);
      q.release();
    }
    using _q = q.hold();
    assert.equal(p.acquire({ blocking: false }), true);
    p.release();
    // Blocking now: q→p is the first blocking order, so it is not an inversion.
    using _p = p.hold();
  });
});

Deno.test("1,000 random consistent-order schedules over 4 workers and 6 locks report nothing", async () => {
  await withConfig(
    { lockOrder: "throw", deadlockDetection: true, countTimedWaits: false },
    () =>
      withWorkers(async (start) => {
        const locks = [
          new Lock({ name: "L0" }),
          new RLock({ name: "R1" }),
          new Lock({ name: "L2" }),
          new RLock({ name: "R3" }),
          new Lock({ name: "L4" }),
          new RLock({ name: "R5" }),
        ];
        const barrier = new Barrier(4);
        const seed = Date.now() >>> 0;
        const workers = [0, 1, 2, 3].map((i) =>
          start<{ rounds: number; errors: string[]; slowHolds: number }>(
            "deadlock_schedules_worker.ts",
            { args: [locks, barrier, 1000, seed + i], name: `schedules-${i}` },
          )
        );
        const outcomes = await settle(workers, 45_000);
        let slowHolds = 0;
        for (const outcome of outcomes) {
          assert.equal(
            outcome.ok,
            true,
            `seed ${seed}: ${String((outcome as { error?: unknown }).error)}`,
          );
          const { rounds, errors } = (outcome as {
            value: { rounds: number; errors: string[] };
          }).value;
          assert.deepEqual(errors, [], `seed ${seed}`);
          assert.equal(rounds, 1000);
          slowHolds += (outcome as { value: { slowHolds: number } }).value
            .slowHolds;
        }
        // Some holds lasted past the detector's threshold, so it did run.
        assert.ok(slowHolds > 0);
      }),
  );
});

Deno.test("async acquires add no lock order, but count as held for a blocking one", async () => {
  await withConfig({ lockOrder: "throw" }, async () => {
    const m = new Lock({ name: "m" });
    const n = new Lock({ name: "n" });
    const o = new Lock({ name: "o" });
    {
      using _m = m.hold();
      // Another async task of this thread could hold m: no m→n order.
      await using _n = await n.holdAsync();
    }
    {
      using _n = n.hold();
      using _m = m.hold();
    }
    {
      // n is held (taken async) while this thread blocks for o: n→o is real.
      await using _n = await n.holdAsync();
      using _o = o.hold();
    }
    using _o = o.hold();
    assert.throws(() => n.acquire(), LockOrderError);
  });
});

const canRunDeno =
  (await Deno.permissions.query({ name: "run", command: "deno" })).state ===
    "granted";

async function runFullGraphProgram(
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const program = new URL(
    "./workers/lock_order_full_main.ts",
    import.meta.url,
  );
  const child = new Deno.Command("deno", {
    args: ["run", "--allow-read=.", program.pathname, ...args],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  });
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, out: decoder.decode(stdout), err: decoder.decode(stderr) };
}

for (const mode of ["warn", "throw"]) {
  Deno.test({
    name:
      `lock-order validation in ${mode} mode with no room for its graph warns once and never throws into locking`,
    ignore: !canRunDeno,
    fn: async () => {
      const { code, out, err } = await runFullGraphProgram("arena", mode);
      assert.equal(code, 0, err);
      if (out.startsWith("arena never full")) {
        console.log("skipped: the arena grows, so it cannot be filled");
        return;
      }
      assert.equal(out, "ok\nok\nok\nok\ndone\n");
      assert.equal(
        err.match(/Lock-order validation is unavailable/g)?.length,
        1,
        err,
      );
    },
  });
}

Deno.test({
  name:
    "lock-order validation in throw mode with its graph full checks no new order but still refuses a recorded inversion",
  ignore: !canRunDeno,
  fn: async () => {
    const { code, out, err } = await runFullGraphProgram("edges", "throw");
    assert.equal(code, 0, err);
    assert.equal(out, "ok\nok\nLockOrderError\ndone\n");
    assert.equal(err.match(/its limit/g)?.length, 1, err);
  },
});
if (!canRunDeno) {
  console.log(
    "lock_order_validation_test: skipping the full-graph tests: they need --allow-run=deno",
  );
}
