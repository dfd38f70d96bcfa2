import assert from "node:assert/strict";
import {
  Barrier,
  DeadlockError,
  Event,
  InterruptedError,
  Lock,
  QueueFullError,
  sleep,
  threadId,
  WorkerPool,
  type WorkerPoolOptions,
} from "../../concurrency/mod.ts";
import {
  threadName,
  ThreadState,
  threadState,
} from "../../concurrency/_runtime.ts";
import { PAYLOAD_UNITS } from "../../concurrency/_pool_channel.ts";
import { fixture, until, within } from "../_helpers/concurrency_workers.ts";
import { mulberry32 } from "../_helpers/random.ts";

const TASKS = "pool_task_worker.ts";

/** Runs `body` with a pool of the task fixture, shut down on every path. */
async function withPool<T>(
  options: WorkerPoolOptions,
  body: (pool: WorkerPool) => Promise<T>,
  file = TASKS,
): Promise<T> {
  const pool = new WorkerPool(fixture(file), { name: "test", ...options });
  try {
    return await body(pool);
  } finally {
    await within(pool.shutdown({ cancelPending: true }));
  }
}

/** Settles `promise` into the error it rejects with (fails when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return await within(promise).then(
    (value) => assert.fail(`expected a rejection, got ${String(value)}`),
    (error: unknown) => error,
  );
}

/** Starts a task that parks in `Event.wait` and resolves once it has started. */
async function parkedTask(
  pool: WorkerPool,
  options: { signal?: AbortSignal; timeout?: number; name?: string } = {},
): Promise<{ result: Promise<unknown>; event: Event }> {
  const event = new Event();
  const started = new Event();
  const result = pool.submit(["wait-event", { event, started }], options);
  result.catch(() => {});
  assert.equal(await within(started.waitAsync({ timeout: 20_000 })), true);
  return { result, event };
}

Deno.test("WorkerPool.submit() resolves with the task's return value, JSON or structured-cloned", async () => {
  await withPool({ size: 2 }, async (pool) => {
    const plain = { text: "héllo \ud800", list: [1, 2.5, -3], none: null };
    assert.deepEqual(await within(pool.submit(["echo", plain])), plain);
    const cloned = {
      when: new Date(0),
      map: new Map([[1, "one"]]),
      bytes: new Uint8Array([1, 2, 3]),
      missing: undefined,
      minusZero: -0,
      big: 10n,
    };
    assert.deepEqual(await within(pool.submit(["echo", cloned])), cloned);
    const long = "x".repeat(5000);
    assert.equal(await within(pool.submit(["echo", long])), long);
    assert.equal(await within(pool.submit(["undefined"])), undefined);
    // An array with a named property: JSON has no text for the name, so it
    // goes as structured cloning carries it, both ways.
    const named = Object.assign([1, 2], { extra: "x" });
    const back = await within(pool.submit(["echo", named]));
    assert.deepEqual(back, named);
    assert.equal((back as typeof named).extra, "x");
  });
});

Deno.test("WorkerPool.submit() carries args and results whole on either side of the shared-memory size limit", async () => {
  await withPool({ size: 2 }, async (pool) => {
    // Args and results whose JSON fits in a cell (with the task's name, cut
    // at 64 units) travel in shared memory, the others by message: one unit
    // under, at and over the limit, for each, must come back the same.
    const argsOverhead = JSON.stringify(["echo", ""]).length;
    const resultOverhead = JSON.stringify("").length;
    for (const name of ["", "n".repeat(10), "long".repeat(20)]) {
      const room = PAYLOAD_UNITS - Math.min(name.length, 64) - argsOverhead;
      for (const length of [room - 1, room, room + 1]) {
        const text = "a".repeat(length);
        assert.equal(
          await within(pool.submit(["echo", text], { name })),
          text,
          `args of ${length} units, name of ${name.length}`,
        );
      }
    }
    for (const delta of [-1, 0, 1]) {
      const text = "b".repeat(PAYLOAD_UNITS - resultOverhead + delta);
      assert.equal(await within(pool.submit(["echo", text])), text);
    }
    // Short values, each with its own JSON text, and values JSON has no
    // text for: none may come back as another.
    const random = mulberry32(4242);
    const mixed = Array.from(
      { length: 200 },
      () =>
        String.fromCharCode(
          ...Array.from({ length: 40 }, () => Math.floor(random() * 0x10000)),
        ),
    );
    const values = [
      null,
      0,
      1.5,
      "",
      false,
      true,
      [],
      {},
      [null],
      undefined,
      ...mixed,
    ];
    const echoed = await within(
      Promise.all(values.map((value) => pool.submit(["echo", value]))),
    );
    assert.deepEqual(echoed, values);
    // An error thrown in the task comes back with its message, whether its
    // record fits in a cell or not.
    for (const detail of ["x", "y".repeat(PAYLOAD_UNITS)]) {
      const error = await rejection(pool.submit(["throw-custom", detail]));
      assert.ok(error instanceof Error);
      assert.equal(error.message, `custom failure ${detail}`);
    }
  });
});

Deno.test("WorkerPool.submit() rejects with a TypeError naming the worker when the task's result cannot be cloned", async () => {
  const source =
    "export default (kind) => kind === 'function' ? () => 1 : 'plain';";
  const pool = new WorkerPool(
    `data:text/javascript,${encodeURIComponent(source)}`,
    { size: 1, name: "uncloneable" },
  );
  try {
    const error = await rejection(pool.submit(["function"]));
    assert.ok(error instanceof TypeError);
    assert.equal(
      error.message,
      'Cannot send the result of a task of worker "uncloneable#0" back: it cannot be cloned',
    );
    assert.ok(error.cause instanceof Error);
    assert.equal((error.cause as Error).name, "DataCloneError");
    // The worker serves on.
    assert.equal(await within(pool.submit(["other"])), "plain");
  } finally {
    await within(pool.shutdown());
  }
});

Deno.test("WorkerPool.submit() revives primitives in the arguments", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const event = new Event();
    assert.equal(await within(pool.submit(["set-event", event])), "set");
    assert.equal(event.isSet(), true);
  });
});

Deno.test("WorkerPool.submit() rejects with the task's error: class, fields and the worker's stack", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const typeError = await rejection(pool.submit(["throw-type-error"]));
    assert.ok(typeError instanceof TypeError);
    assert.equal(typeError.message, "bad argument in worker");
    assert.match(typeError.stack ?? "", /pool_task_worker\.ts/);
    const custom = await rejection(pool.submit(["throw-custom", 7]));
    assert.ok(custom instanceof Error);
    assert.equal(custom.name, "CustomError");
    assert.equal((custom as Error & { code: string }).code, "E_CUSTOM");
    assert.equal(custom.message, "custom failure 7");
  });
});

Deno.test("WorkerPool.map() yields 10,000 results in input order", async () => {
  await withPool({ size: 2 }, async (pool) => {
    const random = mulberry32(15);
    const inputs = Array.from(
      { length: 10_000 },
      () => Math.floor(random() * 1_000_000),
    );
    const results: number[] = [];
    for await (
      const square of pool.map<number>(inputs.map((n) => ["square", n]))
    ) results.push(square);
    assert.deepEqual(results, inputs.map((n) => n * n));
  });
});

Deno.test("WorkerPool.map() with ordered false yields all 10,000 results as they complete", async () => {
  await withPool({ size: 2 }, async (pool) => {
    const results: number[] = [];
    const inputs = Array.from({ length: 10_000 }, (_, i) => ["square", i]);
    for await (
      const square of pool.map<number>(inputs, { ordered: false })
    ) results.push(square);
    assert.equal(results.length, 10_000);
    assert.deepEqual(
      new Set(results),
      new Set(inputs.map(([, n]) => (n as number) ** 2)),
    );
  });
});

Deno.test("WorkerPool.map() keeps few tasks in flight, so an endless input works", async () => {
  await withPool({ size: 2 }, async (pool) => {
    function* endless(): Generator<unknown[]> {
      for (let i = 0;; i++) yield ["square", i];
    }
    let seen = 0;
    let mostInFlight = 0;
    for await (const square of pool.map<number>(endless())) {
      assert.equal(square, seen * seen);
      mostInFlight = Math.max(mostInFlight, pool.pending + pool.running);
      if (++seen === 500) break;
    }
    // map() keeps at most size + 16 tasks submitted and unconsumed; the
    // pending and running counters may both count, for an instant, a task
    // a worker is claiming, so the bound allows one such task per worker.
    assert.ok(
      mostInFlight <= 2 * pool.size + 16,
      `${mostInFlight} in flight`,
    );
  });
});

Deno.test("WorkerPool.map() ends with the first task's error", async () => {
  await withPool({ size: 2 }, async (pool) => {
    const inputs = [["square", 2], ["throw-custom", 1], ["square", 3]];
    const results: unknown[] = [];
    const error = await rejection((async () => {
      for await (const value of pool.map(inputs)) results.push(value);
    })());
    assert.equal((error as Error).name, "CustomError");
    assert.deepEqual(results, [4]);
  });
});

Deno.test("WorkerPool.map() with ordered false ends with the first task's error", async () => {
  await withPool({ size: 2 }, async (pool) => {
    const inputs = [["square", 2], ["throw-custom", 1], ["square", 3]];
    const results: unknown[] = [];
    const error = await rejection((async () => {
      for await (const value of pool.map(inputs, { ordered: false })) {
        results.push(value);
      }
    })());
    assert.equal((error as Error).name, "CustomError");
    assert.ok(
      results.every((value) => value === 4 || value === 9),
      `${results}`,
    );
  });
});

/** Inputs for map() on a pool of 1: a quick task, one that parks its worker, then tasks that wait behind it. */
function parkingInputs(): { inputs: unknown[][]; event: Event } {
  const event = new Event();
  const started = new Event();
  const inputs = [
    ["square", 2],
    ["wait-event", { event, started }],
    ...[3, 4, 5].map((n) => ["square", n]),
  ];
  return { inputs, event };
}

Deno.test("WorkerPool.map() ended early cancels the tasks it still has in flight", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const { inputs } = parkingInputs();
    const results: unknown[] = [];
    for await (const value of pool.map(inputs)) {
      results.push(value);
      break;
    }
    assert.deepEqual(results, [4]);
    // The waiting ones are withdrawn, the parked one interrupted.
    assert.equal(pool.pending, 0);
    await until(() => pool.running === 0, "the parked task to be interrupted");
    assert.equal(await within(pool.submit(["square", 6])), 36);
  });
});

Deno.test("WorkerPool.map() ends with its signal's reason when the signal aborts, and cancels what is in flight", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const { inputs } = parkingInputs();
    const controller = new AbortController();
    const reason = new Error("map no longer wanted");
    const results: unknown[] = [];
    const error = await rejection((async () => {
      for await (
        const value of pool.map(inputs, { signal: controller.signal })
      ) {
        results.push(value);
        controller.abort(reason);
      }
    })());
    assert.equal(error, reason);
    assert.deepEqual(results, [4]);
    assert.equal(pool.pending, 0);
    await until(() => pool.running === 0, "the parked task to be interrupted");
  });
});

Deno.test("WorkerPool cancels a pending task: it is removed and rejects with the signal's reason", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const { result, event } = await parkedTask(pool);
    const controller = new AbortController();
    const queued = pool.submit(["square", 3], { signal: controller.signal });
    assert.equal(pool.pending, 1);
    const reason = new Error("not needed any more");
    controller.abort(reason);
    assert.equal(await rejection(queued), reason);
    assert.equal(pool.pending, 0);
    event.set();
    assert.equal(await within(result), "set");
  });
});

Deno.test("WorkerPool interrupts a cancelled running task, and the same worker takes the next task", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const before = await within(pool.submit<number>(["thread-id"]));
    const controller = new AbortController();
    const { result } = await parkedTask(pool, { signal: controller.signal });
    const reason = new Error("cancelled while it waits");
    controller.abort(reason);
    assert.equal(await rejection(result), reason);
    // The next task runs uninterrupted on the same thread.
    assert.equal(await within(pool.submit<number>(["thread-id"])), before);
    const again = await parkedTask(pool);
    again.event.set();
    assert.equal(await within(again.result), "set");
  });
});

Deno.test("WorkerPool aborts interruptSignal() inside a cancelled running task", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const before = await within(pool.submit<number>(["thread-id"]));
    const controller = new AbortController();
    const started = new Event();
    const result = pool.submit(["wait-signal", { started }], {
      signal: controller.signal,
    });
    result.catch(() => {});
    assert.equal(await within(started.waitAsync({ timeout: 20_000 })), true);
    controller.abort(new Error("stop"));
    await rejection(result);
    // The worker is free again only once the task ended: its result is dropped.
    await until(() => pool.running === 0, "the worker to be free");
    assert.equal(await within(pool.submit<number>(["thread-id"])), before);
  });
});

Deno.test("WorkerPool replaces a worker whose task ignores the interrupt for grace ms, and keeps its size", async () => {
  await withPool({ size: 2, grace: 100 }, async (pool) => {
    const controller = new AbortController();
    const started = new Event();
    const stubborn = pool.submit(["swallow-interrupts", { started }], {
      signal: controller.signal,
    });
    stubborn.catch(() => {});
    assert.equal(await within(started.waitAsync({ timeout: 20_000 })), true);
    controller.abort(new Error("stop"));
    await rejection(stubborn);
    await until(() => pool.running === 0, "the stubborn worker to go");
    // Two tasks that meet at a barrier finish only if two workers serve.
    const barrier = new Barrier(2);
    const ids = await within(Promise.all([
      pool.submit<number>(["barrier", barrier]),
      pool.submit<number>(["barrier", barrier]),
    ]));
    assert.equal(new Set(ids).size, 2);
  });
});

Deno.test("WorkerPool keeps a worker whose cancelled task finished within grace ms, though its result was not read yet and it runs the next task", async () => {
  await withPool({ size: 1, grace: 100 }, async (pool) => {
    await within(pool.submit(["thread-id"]));
    const controller = new AbortController();
    const started = new Event();
    const done = new Event();
    const late = pool.submit(["finish-late", { started, done }], {
      signal: controller.signal,
    });
    late.catch(() => {});
    assert.equal(await within(started.waitAsync({ timeout: 20_000 })), true);
    // Plain JSON arguments: the worker takes this task from the ring with
    // no help from this thread.
    const next = pool.submit<string>(["sleep", 400]);
    controller.abort(new Error("stop"));
    await rejection(late);
    // This thread reads no result while the cancelled task finishes, the
    // worker takes the next one, and the grace period runs out.
    done.set();
    sleep(300);
    assert.equal(await within(next), "slept");
  });
});

Deno.test("WorkerPool delivers a result before its worker runs a long next task", async () => {
  await withPool({ size: 1 }, async (pool) => {
    await within(pool.submit(["thread-id"]));
    const event = new Event();
    const started = new Event();
    // Back to back on the one worker: a quick task's result, written just
    // after the worker last woke this thread, then a task that waits until
    // this thread has that result.
    const first = pool.submit<number>(["square", 2]);
    const quick = pool.submit<number>(["square", 3]);
    const long = pool.submit<string>(["wait-event", { event, started }]);
    try {
      assert.equal(await within(first), 4);
      assert.equal(await within(quick, 10_000), 9);
    } finally {
      event.set();
    }
    assert.equal(await within(long), "set");
  });
});

Deno.test("WorkerPool.submit() with a timeout rejects with TimeoutError, pending or running", async () => {
  await withPool({ size: 1 }, async (pool) => {
    // A started worker, so the running task's timer counts its run only.
    await within(pool.submit(["thread-id"]));
    const { result } = await parkedTask(pool, { timeout: 1000 });
    const queued = pool.submit(["square", 2], { timeout: 10 });
    const queuedError = await rejection(queued);
    assert.ok(queuedError instanceof DOMException);
    assert.equal(queuedError.name, "TimeoutError");
    const runningError = await rejection(result);
    assert.equal((runningError as DOMException).name, "TimeoutError");
    assert.equal(await within(pool.submit(["square", 4])), 16);
  });
});

Deno.test("WorkerPool names its workers and their running task in the thread table", async () => {
  await withPool({ size: 1, name: "crunchers" }, async (pool) => {
    const id = await within(pool.submit<number>(["thread-id"]));
    assert.equal(threadName(id), "crunchers#0");
    const { result, event } = await parkedTask(pool, { name: "chunk 7" });
    assert.equal(threadName(id), "crunchers#0 chunk 7");
    event.set();
    await within(result);
    await until(() => threadName(id) === "crunchers#0", "the name back");
  });
});

Deno.test("WorkerPool tasks that deadlock get DeadlockError naming the pool, the workers and the tasks", async () => {
  await withPool({ size: 2, name: "bank" }, async (pool) => {
    const a = new Lock({ name: "a" });
    const b = new Lock({ name: "b" });
    const barrier = new Barrier(2);
    const outcomes = await within(Promise.allSettled([
      pool.submit(["lock-pair", { first: a, second: b, barrier }], {
        name: "a then b",
      }),
      pool.submit(["lock-pair", { first: b, second: a, barrier }], {
        name: "b then a",
      }),
    ]));
    const failed = outcomes.filter((outcome) => outcome.status === "rejected");
    assert.equal(failed.length, 1, "one victim, the other takes both");
    const error = (failed[0] as PromiseRejectedResult).reason;
    assert.ok(error instanceof DeadlockError);
    // Either worker may take either task: the names pair them as they ran.
    const names = error.cycle.map((entry) => entry.threadName);
    assert.equal(names.length, 2);
    for (const name of names) assert.match(name, /^bank#[01] [ab] then [ab]$/);
    assert.deepEqual(
      names.map((name) => name.slice("bank#0 ".length)).sort(),
      ["a then b", "b then a"],
    );
    assert.notEqual(names[0]!.slice(0, 6), names[1]!.slice(0, 6));
  });
});

Deno.test("WorkerPool.submit() rejects with QueueFullError beyond maxQueue", async () => {
  await withPool({ size: 1, maxQueue: 1 }, async (pool) => {
    const { result, event } = await parkedTask(pool);
    const waiting = pool.submit(["square", 2]);
    const error = await rejection(pool.submit(["square", 3]));
    assert.ok(error instanceof QueueFullError);
    assert.match(error.message, /maxQueue/);
    event.set();
    assert.equal(await within(waiting), 4);
    await within(result);
  });
});

Deno.test("WorkerPool replaces a worker that dies outside its task; the task rejects", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const before = await within(pool.submit<number>(["thread-id"]));
    const error = await rejection(pool.submit(["die"]));
    assert.match(String((error as Error).message), /died on purpose/);
    const after = await within(pool.submit<number>(["thread-id"]));
    assert.notEqual(after, before);
  });
});

Deno.test("WorkerPool rejects every submit clearly when the task module fails to load", async () => {
  await withPool({ size: 2 }, async (pool) => {
    const first = await rejection(pool.submit([]));
    assert.match(
      (first as Error).message,
      /pool "test".*failed to load: cannot load on purpose/,
    );
    assert.equal(
      ((first as Error).cause as Error).message,
      "cannot load on purpose",
    );
    const later = await rejection(pool.submit([]));
    assert.match((later as Error).message, /failed to load/);
  }, "pool_load_failure_worker.ts");
});

Deno.test("WorkerPool rejects a module whose default export is not a function", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const error = await rejection(pool.submit([]));
    assert.match((error as Error).message, /default export is not a function/);
  }, "not_a_function.ts");
});

Deno.test("WorkerPool ends a worker idle for idleTimeout and starts one when work comes", async () => {
  await withPool({ size: 1, idleTimeout: 30 }, async (pool) => {
    const first = await within(pool.submit<number>(["thread-id"]));
    await until(
      () => threadState(first) !== ThreadState.RUNNING,
      "the idle worker to end",
    );
    const second = await within(pool.submit<number>(["thread-id"]));
    assert.notEqual(second, first);
  });
});

Deno.test("WorkerPool.shutdown() runs the pending tasks, then rejects new ones", async () => {
  const pool = new WorkerPool(fixture(TASKS), { size: 1 });
  const tasks = [1, 2, 3].map((n) => pool.submit(["square", n]));
  await within(pool.shutdown());
  assert.deepEqual(await within(Promise.all(tasks)), [1, 4, 9]);
  assert.match(
    ((await rejection(pool.submit(["square", 1]))) as Error).message,
    /shut down/,
  );
});

Deno.test("WorkerPool.shutdown({ cancelPending }) cancels pending tasks and lets the running one finish", async () => {
  const pool = new WorkerPool(fixture(TASKS), { size: 1 });
  const { result, event } = await parkedTask(pool);
  const pending = [pool.submit(["square", 2]), pool.submit(["square", 3])];
  const closed = pool.shutdown({ cancelPending: true });
  for (const task of pending) {
    assert.equal(((await rejection(task)) as DOMException).name, "AbortError");
  }
  assert.equal(pool.pending, 0);
  event.set();
  assert.equal(await within(result), "set");
  await within(closed);
});

Deno.test("WorkerPool with await using ends its workers; a parked worker is not the main thread", async () => {
  let id = 0;
  {
    await using pool = new WorkerPool(fixture(TASKS), { size: 1 });
    id = await within(pool.submit<number>(["thread-id"]));
  }
  assert.notEqual(id, threadId());
  assert.equal(threadName(id), "pool#0");
});

Deno.test("WorkerPool rejects bad options with RangeError and a bad URL with TypeError", () => {
  assert.throws(() => new WorkerPool("./relative.ts"), TypeError);
  assert.throws(() => new WorkerPool(fixture(TASKS), { size: 0 }), RangeError);
  assert.throws(
    () => new WorkerPool(fixture(TASKS), { grace: -1 }),
    RangeError,
  );
  const pool = new WorkerPool(fixture(TASKS), { size: 1 });
  assert.throws(() => pool.submit([], { timeout: -1 }), RangeError);
  assert.throws(
    () => pool.submit("x" as unknown as unknown[]),
    TypeError,
  );
});

Deno.test("WorkerPool passes InterruptedError from a task through as its class", async () => {
  await withPool({ size: 1 }, async (pool) => {
    const controller = new AbortController();
    const { result } = await parkedTask(pool, { signal: controller.signal });
    controller.abort(new InterruptedError("cancelled by the caller"));
    const error = await rejection(result);
    assert.ok(error instanceof InterruptedError);
  });
});
