import assert from "node:assert/strict";
import {
  arenaUsage,
  PAGE_WORDS,
  releasePrimitive,
  setArenaLimit,
} from "../../concurrency/_arena.ts";
import {
  allocatePrimitive,
  claimThreadSlot,
  Header,
  markThreadEnded,
  Primitive,
  PrimitiveKind,
  runtime,
  ThreadState,
  words,
} from "../../concurrency/_runtime.ts";
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  RLock,
  Semaphore,
  SharedQueue,
  spawn,
  StopFlag,
} from "../../concurrency/mod.ts";
import type { FillReport } from "./workers/arena_worker.ts";
import { until, within, withWorkers } from "../_helpers/concurrency_workers.ts";
import { withConfig } from "../_helpers/concurrency_deadlock.ts";
import { SOAK } from "../_helpers/soak.ts";

// 10 million create/drop cycles with WIREWORK_SOAK=1 (and --allow-env);
// 200,000 in the default run, a few seconds.
if (!SOAK) {
  console.log(
    "arena_test: 200,000 create/drop cycles, not 10 million, and one million live primitives in the arena but not as one million Lock objects (a few hundred MB of heap): set WIREWORK_SOAK=1 (with --allow-env) for both",
  );
}

Deno.test("8 workers allocating at once up to the arena's limit never see a false full and never share a word", async () => {
  const workers = 8;
  const before = arenaUsage();
  // Room for 64 more pages, past the buffer's first length, so the buffer
  // grows while the workers allocate.
  const limit = before.next + 64 * PAGE_WORDS;
  assert.ok(limit > before.bufferWords, "the test must make the buffer grow");
  setArenaLimit(limit);
  try {
    await withWorkers(async (start) => {
      const gate = new Int32Array(new SharedArrayBuffer(8));
      gate[1] = workers;
      const handles = Array.from(
        { length: workers },
        (_, seed) =>
          start<FillReport>("arena_worker.ts", {
            args: ["fill", seed, gate],
          }),
      );
      // Generous: eight workers start (and load their modules) on two
      // shared cores; the work itself takes about a second.
      const reports = await within(
        Promise.all(handles.map((handle) => handle.result)),
        120_000,
      );
      for (const report of reports) {
        assert.equal(report.falseFull, 0, "a false full");
        assert.equal(report.corrupted, 0, "overlapping blocks");
        assert.ok(report.blocks > 0);
        assert.ok(report.viewWords >= limit - PAGE_WORDS);
      }
      const after = arenaUsage();
      assert.ok(after.next + PAGE_WORDS > limit, "the arena was not filled");
      assert.ok(after.bufferWords > before.bufferWords, "the buffer grew");
    });
  } finally {
    setArenaLimit(0);
  }
});

Deno.test("an allocation past the arena's limit is a RangeError naming the limit, and nothing is corrupted", () => {
  const kept: Lock[] = [];
  const usage = arenaUsage();
  setArenaLimit(usage.next + PAGE_WORDS);
  try {
    assert.throws(
      () => {
        for (let i = 0; i < 1_000_000; i++) kept.push(new Lock());
      },
      (error: unknown) =>
        error instanceof RangeError &&
        error.message.includes(`limit of ${usage.next + PAGE_WORDS} words`),
    );
    for (const lock of kept) {
      assert.equal(lock.acquire({ blocking: false }), true);
      lock.release();
    }
  } finally {
    setArenaLimit(0);
    for (const lock of kept) lock.dispose();
  }
});

Deno.test("create/dispose cycles of every primitive kind run in flat memory (200,000; 10 million with WIREWORK_SOAK=1)", () => {
  const makers: (() => Disposable)[] = [
    () => new Lock(),
    () => new RLock({ name: "named" }),
    () => new Condition(),
    () => new Semaphore(2),
    () => new BoundedSemaphore(2),
    () => new Event(),
    () => new Barrier(2),
    () => new SharedQueue({ capacity: 64 }),
    () => new StopFlag(),
  ];
  const cycles = SOAK ? 10_000_000 : 200_000;
  // Warm every size class up, then measure.
  for (let i = 0; i < 1_000; i++) {
    using _ = makers[i % makers.length]!();
  }
  const start = arenaUsage();
  for (let i = 0; i < cycles; i++) {
    using _ = i % 10 === 0 ? makers[(i / 10) % makers.length]!() : new Lock();
  }
  const end = arenaUsage();
  assert.equal(end.next, start.next, "the arena took new pages");
  assert.equal(end.bufferWords, start.bufferWords);
});

Deno.test("Locks dropped without dispose() are freed by the garbage collector", async () => {
  const script = new URL("./workers/arena_gc_main.ts", import.meta.url);
  const child = new Deno.Command("deno", {
    args: [
      "run",
      "--v8-flags=--expose-gc",
      "--allow-read=.",
      script.pathname,
      String(SOAK ? 10_000_000 : 200_000),
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output;
  try {
    output = await within(child.output(), SOAK ? 900_000 : 120_000);
  } catch (error) {
    child.kill();
    await child.status;
    throw error;
  }
  const { code, stdout, stderr } = output;
  const out = new TextDecoder().decode(stdout);
  assert.equal(code, 0, out + new TextDecoder().decode(stderr));
  const report = JSON.parse(out) as {
    pagesAtStart: number;
    pagesAtEnd: number;
  };
  assert.equal(report.pagesAtEnd, report.pagesAtStart);
});

Deno.test("one million live primitives fit, and all of their memory is reused once released", () => {
  const count = 1_000_000;
  const indices = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    indices[i] = allocatePrimitive(PrimitiveKind.Lock, 1, "");
  }
  const filled = arenaUsage();
  // Each one is a live lock a handle revives.
  for (const i of [0, 1, 500_000, count - 1]) {
    const index = indices[i]!;
    const id = words()[index + Primitive.ID]!;
    const lock = Lock.from({ kind: "Lock", runtime: runtime(), index, id });
    assert.equal(lock.id, id);
    lock.dispose();
  }
  const seen = new Set(indices);
  assert.equal(seen.size, count, "two primitives share a block");
  for (const index of indices) releasePrimitive(index);
  for (let i = 0; i < count; i++) {
    indices[i] = allocatePrimitive(PrimitiveKind.Lock, 1, "");
  }
  assert.equal(arenaUsage().next, filled.next, "freed blocks were not reused");
  for (const index of indices) releasePrimitive(index);
});

Deno.test({
  name:
    "one million live Lock objects work side by side (with WIREWORK_SOAK=1)",
  ignore: !SOAK,
  fn() {
    const locks: Lock[] = [];
    for (let i = 0; i < 1_000_000; i++) locks.push(new Lock());
    for (const lock of locks) {
      assert.equal(lock.acquire({ blocking: false }), true);
    }
    assert.equal(
      new Set(locks.map((lock) => lock.handle.index)).size,
      locks.length,
    );
    for (const lock of locks) {
      lock.release();
      lock.dispose();
    }
  },
});

Deno.test("a disposed primitive throws a clear TypeError on every use; other objects over it keep working", () => {
  const cases: [SharedPrimitiveLike, (p: never) => unknown][] = [
    [new Lock(), (lock: Lock) => lock.acquire()],
    [new RLock(), (lock: RLock) => lock.release()],
    [new Condition(), (condition: Condition) => condition.notify()],
    [new Semaphore(1), (semaphore: Semaphore) => semaphore.value],
    [
      new BoundedSemaphore(1),
      (semaphore: BoundedSemaphore) => semaphore.release(),
    ],
    [new Event(), (event: Event) => event.set()],
    [new Barrier(2), (barrier: Barrier) => barrier.parties],
    [new SharedQueue(), (queue: SharedQueue<number>) => queue.put(1)],
    [new StopFlag(), (flag: StopFlag) => flag.set()],
  ];
  for (const [primitive, use] of cases) {
    const kind = primitive.constructor.name;
    const other = (primitive.constructor as unknown as {
      from(handle: unknown): SharedPrimitiveLike;
    }).from(primitive.handle);
    primitive.dispose();
    primitive.dispose();
    assert.throws(
      () => use(primitive as never),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.includes(`of a ${kind} that was disposed`),
      kind,
    );
    assert.throws(() => primitive.name, /disposed/);
    assert.equal(other.name, `${kind} ${other.id}`);
    other.dispose();
  }
});

interface SharedPrimitiveLike {
  readonly handle: object;
  readonly id: number;
  readonly name: string;
  dispose(): void;
}

Deno.test("a handle whose primitive was freed does not revive, even once its block is reused", () => {
  const lock = new Lock();
  const handle = lock.handle;
  lock.dispose();
  const next = new Lock();
  assert.equal(next.handle.index, handle.index, "the block is reused");
  assert.throws(() => Lock.from(handle), /freed/);
  assert.equal(next.acquire({ blocking: false }), true);
  next.release();
  next.dispose();
});

Deno.test("a primitive passed to spawn survives its creator disposing it while the start message is in flight", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    const id = lock.id;
    const worker = start<number>("arena_worker.ts", {
      args: ["use-lock", lock],
    });
    lock.dispose();
    assert.equal(await within(worker.result), id);
  });
});

Deno.test("a primitive a worker returns revives in the parent after the worker ended", async () => {
  await withWorkers(async (start) => {
    const worker = start<Lock>("arena_worker.ts", { args: ["return-lock"] });
    const lock = await within(worker.result);
    assert.equal(lock.name, "made in a worker");
    assert.equal(lock.acquire({ blocking: false }), true);
    lock.release();
    lock.dispose();
  });
});

Deno.test("the references a worker still holds when it ends are released", async () => {
  await withWorkers(async (start) => {
    const worker = start<[number, number][]>("arena_worker.ts", {
      args: ["leak", 500],
    });
    const locks = await within(worker.result);
    assert.equal(locks.length, 500);
    // A freed primitive's id is cleared (and its block may hold another).
    await until(
      () => locks.every(([index, id]) => words()[index + Primitive.ID] !== id),
      "the worker's locks to be freed",
    );
  });
});

Deno.test("with lock-order validation on, new locks never inherit the orders of freed ones", async () => {
  await withConfig({ lockOrder: "throw" }, () => {
    const first = new Lock({ name: "first" });
    const second = new Lock({ name: "second" });
    const indices = [first.handle.index, second.handle.index];
    first.acquire();
    second.acquire();
    second.release();
    first.release();
    first.dispose();
    second.dispose();
    // New locks take other blocks, so the reverse order is no inversion.
    const later = [new Lock(), new Lock(), new Lock(), new Lock()];
    for (const lock of later) {
      assert.ok(!indices.includes(lock.handle.index), "a block was reused");
    }
    // Reused blocks would come back last-freed first: this order is the
    // inverse of first-then-second on the same two blocks.
    later[0]!.acquire();
    later[1]!.acquire();
    later[1]!.release();
    later[0]!.release();
    for (const lock of later) lock.dispose();
  });
});

Deno.test("a thread that ended holding the arena lock does not stop allocation", () => {
  const dead = claimThreadSlot("ended while allocating");
  markThreadEnded(dead, ThreadState.DIED);
  Atomics.store(words(), Header.ARENA_LOCK, dead);
  using lock = new Lock();
  assert.equal(lock.acquire({ blocking: false }), true);
  lock.release();
  assert.equal(Atomics.load(words(), Header.ARENA_LOCK), 0);
});

Deno.test("spawn() refuses the handle of a freed primitive at once, and starts no worker", () => {
  const lock = new Lock();
  const handle = lock.handle;
  lock.dispose();
  assert.throws(
    () =>
      spawn(new URL("./workers/arena_worker.ts", import.meta.url), {
        args: ["use-lock", handle],
      }),
    (error: unknown) =>
      error instanceof TypeError && /freed/.test(error.message),
  );
});
