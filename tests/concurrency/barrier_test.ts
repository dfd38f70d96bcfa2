import assert from "node:assert/strict";
import { Barrier, BrokenBarrierError } from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import {
  sharedInts,
  until,
  untilAllParkedIn,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("Barrier releases 3 workers together for 5 cycles, with indices 0..2 each cycle and one action per cycle", async () => {
  await withWorkers(async (start) => {
    const actions = sharedInts();
    // Every thread's Barrier needs the action; the workers give theirs to Barrier.from.
    const barrier = new Barrier(3, {
      action: () => Atomics.add(actions, 0, 1),
    });
    const cycles = 5;
    const workers = Array.from(
      { length: 3 },
      () =>
        start<number[]>("primitives_worker.ts", {
          args: ["barrier-cycles", barrier, cycles, actions],
        }),
    );
    const indices = await within(
      Promise.all(workers.map((worker) => worker.result)),
    );
    for (let cycle = 0; cycle < cycles; cycle++) {
      assert.deepEqual(
        indices.map((list) => list[cycle]).sort(),
        [0, 1, 2],
        `cycle ${cycle}`,
      );
    }
    assert.equal(Atomics.load(actions, 0), cycles);
    assert.equal(barrier.broken, false);
  });
});

Deno.test("Barrier.abort() breaks the wait of the workers at the barrier", async () => {
  await withWorkers(async (start) => {
    const barrier = new Barrier(3);
    const waiters = [0, 1].map(() =>
      start<number | string>("primitives_worker.ts", {
        args: ["barrier-wait", barrier, 10_000],
      })
    );
    await untilAllParkedIn(
      waiters.map((worker) => worker.threadId),
      WaitKind.BARRIER,
    );
    barrier.abort();
    assert.deepEqual(
      await within(Promise.all(waiters.map((worker) => worker.result))),
      [
        "BrokenBarrierError",
        "BrokenBarrierError",
      ],
    );
    assert.throws(() => barrier.wait({ timeout: 10 }), BrokenBarrierError);
  });
});

Deno.test("Barrier.reset() breaks the current waiters, and the barrier then works again", async () => {
  await withWorkers(async (start) => {
    const barrier = new Barrier(2);
    const waiter = start<number | string>("primitives_worker.ts", {
      args: ["barrier-wait", barrier, 10_000],
    });
    await untilAllParkedIn([waiter.threadId], WaitKind.BARRIER);
    barrier.reset();
    assert.equal(await within(waiter.result), "BrokenBarrierError");
    assert.equal(barrier.broken, false);
    const again = start<number | string>("primitives_worker.ts", {
      args: ["barrier-wait", barrier, 10_000],
    });
    const mine = await barrier.waitAsync({ timeout: 10_000 });
    const theirs = await within(again.result);
    assert.deepEqual([mine, theirs].sort(), [0, 1]);
  });
});

Deno.test("Barrier.wait({ timeout }) breaks the barrier for every party when it passes", async () => {
  await withWorkers(async (start) => {
    const barrier = new Barrier(3);
    const patient = start<number | string>("primitives_worker.ts", {
      args: ["barrier-wait", barrier, 10_000],
    });
    await untilAllParkedIn([patient.threadId], WaitKind.BARRIER);
    const started = performance.now();
    assert.throws(() => barrier.wait({ timeout: 50 }), BrokenBarrierError);
    assert.ok(performance.now() - started >= 45);
    assert.equal(barrier.broken, true);
    assert.equal(await within(patient.result), "BrokenBarrierError");
  });
});

Deno.test("Barrier's default timeout applies to wait() without one", () => {
  const barrier = new Barrier(2, { timeout: 20 });
  assert.throws(() => barrier.wait(), BrokenBarrierError);
});

Deno.test("Barrier breaks when its action throws, and the thread that ran it gets the error", () => {
  const barrier = new Barrier(1, {
    action: () => {
      throw new Error("action failed");
    },
  });
  assert.throws(() => barrier.wait(), /action failed/);
  assert.equal(barrier.broken, true);
  assert.throws(() => barrier.wait(), BrokenBarrierError);
});

Deno.test("Barrier reports parties and waiting, and refuses fewer than 1 party", async () => {
  const barrier = new Barrier(2);
  assert.equal(barrier.parties, 2);
  assert.equal(barrier.waiting, 0);
  const first = barrier.waitAsync({ timeout: 5000 });
  await until(() => barrier.waiting === 1, "the first party to wait");
  const second = await barrier.waitAsync({ timeout: 5000 });
  assert.deepEqual([await first, second].sort(), [0, 1]);
  assert.throws(() => new Barrier(0), RangeError);
});

Deno.test("Barrier's action runs exactly once per cycle whether the main thread or a worker arrives last", async () => {
  await withWorkers(async (start) => {
    const actions = sharedInts();
    const barrier = new Barrier(2, {
      action: () => Atomics.add(actions, 0, 1),
    });
    const cycles = 20;
    const worker = start<number[]>("primitives_worker.ts", {
      args: ["barrier-cycles", barrier, cycles, actions],
    });
    const mine: number[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      // Even cycles: the main thread mostly arrives last, after the worker parked.
      if (cycle % 2 === 0) {
        await untilAllParkedIn([worker.threadId], WaitKind.BARRIER);
      }
      mine.push(await barrier.waitAsync({ timeout: 10_000 }));
      assert.equal(Atomics.load(actions, 0), cycle + 1);
    }
    const theirs = await within(worker.result);
    assert.deepEqual(
      mine.map((index, cycle) => index + theirs[cycle]!),
      Array(cycles).fill(1),
    );
    assert.equal(Atomics.load(actions, 0), cycles);
  });
});

Deno.test("Barrier with an action refuses the wait of a worker that revived it without one, instead of skipping the action", async () => {
  await withWorkers(async (start) => {
    const actions = sharedInts();
    const barrier = new Barrier(2, {
      name: "phase",
      action: () => Atomics.add(actions, 0, 1),
    });
    const mine = barrier.waitAsync({ timeout: 10_000 });
    // spawn revives the barrier without an action: it would arrive last.
    const worker = start<number | string>("primitives_worker.ts", {
      args: ["barrier-wait", barrier, 10_000],
    });
    try {
      assert.equal(await within(worker.result), "TypeError");
      assert.equal(barrier.waiting, 1);
    } finally {
      barrier.abort();
      await assert.rejects(mine, BrokenBarrierError);
    }
    assert.equal(Atomics.load(actions, 0), 0);
    assert.throws(
      () => Barrier.from(structuredClone(barrier.handle)).wait(),
      /Cannot wait at barrier "phase": it has an action/,
    );
  });
});

Deno.test("Barrier.from() refuses an action for a barrier created without one", () => {
  const barrier = new Barrier(2, { name: "plain" });
  assert.throws(
    () => Barrier.from(structuredClone(barrier.handle), { action: () => {} }),
    (error) =>
      error instanceof TypeError &&
      /Cannot give barrier "plain" an action/.test(error.message),
  );
  assert.throws(
    () => new Barrier(2, { action: 42 as unknown as () => void }),
    TypeError,
  );
});
