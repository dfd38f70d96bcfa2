import assert from "node:assert/strict";
import {
  InterruptedError,
  Lock,
  spawn,
  threadId,
} from "../../concurrency/mod.ts";
import {
  fixture,
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

Deno.test("spawn() resolves result with the default export's return value", async () => {
  await withWorkers(async (start) => {
    const payload = {
      text: "héllo",
      list: [1, 2, 3],
      nested: { when: new Date(0) },
    };
    const worker = start<typeof payload>("spawn_worker.ts", {
      args: ["echo", payload],
    });
    assert.deepEqual(await within(worker.result), payload);
  });
});

Deno.test("spawn() awaits an async default export", async () => {
  await withWorkers(async (start) => {
    assert.equal(
      await within(
        start<string>("spawn_worker.ts", { args: ["async"] }).result,
      ),
      "later",
    );
  });
});

Deno.test("spawn() gives the worker its own thread id, the handle's threadId", async () => {
  await withWorkers(async (start) => {
    const worker = start<number>("spawn_worker.ts", { args: ["thread-id"] });
    const id = await within(worker.result);
    assert.equal(id, worker.threadId);
    assert.notEqual(id, threadId());
  });
});

Deno.test("spawn() result rejects with the worker's TypeError, its class and its stack", async () => {
  await withWorkers(async (start) => {
    const worker = start("spawn_worker.ts", { args: ["throw-type-error"] });
    const error = await within(worker.result).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(error instanceof TypeError);
    assert.equal(error.message, "bad argument in worker");
    assert.match(error.stack ?? "", /spawn_worker\.ts/);
  });
});

Deno.test("spawn() result keeps the name and fields of an error class it does not know", async () => {
  await withWorkers(async (start) => {
    const worker = start("spawn_worker.ts", { args: ["throw-custom"] });
    await assert.rejects(within(worker.result), {
      name: "CustomError",
      message: "custom failure",
      code: "E_CUSTOM",
    });
  });
});

Deno.test("spawn() result re-throws InterruptedError as an InterruptedError", async () => {
  await withWorkers(async (start) => {
    const worker = start("spawn_worker.ts", { args: ["throw-interrupted"] });
    const error = await within(worker.result).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(error instanceof InterruptedError);
    assert.equal(error.threadId, worker.threadId);
  });
});

Deno.test("spawn() revives primitives nested in args, and in the result", async () => {
  await withWorkers(async (start) => {
    const locks = [new Lock({ name: "a" }), new Lock({ name: "b" })];
    const names = start<unknown[]>("spawn_worker.ts", {
      args: ["nested", { locks }],
    });
    assert.deepEqual(await within(names.result), ["a", "b"]);
    const made = start<{ lock: Lock }>("spawn_worker.ts", {
      args: ["new-lock"],
    });
    const { lock } = await within(made.result);
    assert.ok(lock instanceof Lock);
    assert.equal(lock.name, "made in worker");
    assert.equal(lock.acquire({ blocking: false }), true);
    lock.release();
  });
});

Deno.test("WorkerHandle.join({ timeout }) is false while the worker runs and true once it ended", async () => {
  await withWorkers(async (start) => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = start<string>("spawn_worker.ts", {
      args: ["wait-flag", flag],
    });
    try {
      assert.equal(await worker.join({ timeout: 30 }), false);
      assert.equal(worker.alive, true);
    } finally {
      Atomics.store(flag, 0, 1);
    }
    assert.equal(await worker.join({ timeout: 5000 }), true);
    assert.equal(worker.alive, false);
    assert.equal(await worker.result, "flag seen");
  });
});

Deno.test("spawn() result rejects with a TypeError when the default export is not a function", async () => {
  await withWorkers(async (start) => {
    await assert.rejects(within(start("not_a_function.ts").result), TypeError);
  });
});

Deno.test("spawn() refuses a module URL that is not absolute", () => {
  assert.throws(() => spawn("./workers/spawn_worker.ts"), TypeError);
  assert.ok(fixture("spawn_worker.ts").href.startsWith("file:"));
});

Deno.test("WorkerHandle.terminate() ends a worker parked on a lock, and result rejects", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    lock.acquire();
    try {
      const worker = start("lock_worker.ts", {
        args: ["acquire-forever", lock],
      });
      await untilParked(worker.threadId);
      worker.terminate();
      await assert.rejects(within(worker.result), /was terminated/);
      assert.equal(worker.alive, false);
    } finally {
      lock.release();
    }
  });
});
