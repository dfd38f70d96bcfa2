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
import {
  DiskQuotaError,
  QuotaError,
  RenamedError,
} from "./workers/custom_errors.ts";

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

Deno.test("spawn() args and results keep shared and cyclic references and an array's named properties, as structured cloning does, with or without a primitive among them", async () => {
  await withWorkers(async (start) => {
    using lock = new Lock({ name: "carried" });
    for (const withLock of [false, true]) {
      const shared = { text: "shared" };
      const cyclic: Record<string, unknown> = { name: "cyclic" };
      cyclic.self = cyclic;
      const match = "a-b".match(/-/)!;
      const payload = {
        first: shared,
        second: shared,
        cyclic,
        match,
        ...(withLock ? { lock } : {}),
      };
      const worker = start<typeof payload>("spawn_worker.ts", {
        args: ["echo", payload],
      });
      const back = await within(worker.result);
      assert.equal(back.first, back.second, "a shared object stays one object");
      assert.equal(back.first.text, "shared");
      assert.equal(back.cyclic.self, back.cyclic, "a cycle stays a cycle");
      assert.deepEqual([...back.match], ["-"]);
      if (!withLock) {
        // Named properties of an array go whole when nothing is swapped.
        assert.equal(back.match.index, 1);
        assert.equal(back.match.input, "a-b");
      } else {
        assert.ok(back.lock instanceof Lock);
        assert.equal(back.lock.name, "carried");
        back.lock.dispose();
      }
      // The caller's objects are never changed on the way.
      assert.equal(payload.first, shared);
      assert.equal(cyclic.self, cyclic);
    }
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

/** The error `result` rejects with. */
async function rejection(result: Promise<unknown>): Promise<unknown> {
  return await within(result).then(
    () => assert.fail("the worker's result resolved"),
    (error: unknown) => error,
  );
}

Deno.test("spawn() result rejects with an instance of a registered error class, with its name, message, stack, cause and fields", async () => {
  await withWorkers(async (start) => {
    const worker = start("spawn_worker.ts", { args: ["throw-registered"] });
    const error = await rejection(worker.result);
    assert.ok(error instanceof QuotaError, String(error));
    assert.equal(error.name, "QuotaError");
    assert.equal(error.message, "Over the quota of 3");
    assert.equal(error.limit, 3);
    assert.match(error.stack ?? "", /^QuotaError: Over the quota of 3\n/);
    assert.match(error.stack ?? "", /spawn_worker\.ts/);
    assert.ok(error.cause instanceof RangeError);
    assert.equal(error.cause.message, "3 > 2");
  });
});

Deno.test("spawn() result keeps a registered class for its unregistered subclass, and a class registered under a name of its own", async () => {
  await withWorkers(async (start) => {
    const subclass = await rejection(
      start("spawn_worker.ts", { args: ["throw-subclass"] }).result,
    );
    assert.ok(subclass instanceof QuotaError, String(subclass));
    assert.equal(subclass instanceof DiskQuotaError, false);
    assert.equal(subclass.name, "DiskQuotaError");
    assert.equal(subclass.limit, 5);
    const renamed = await rejection(
      start("spawn_worker.ts", { args: ["throw-renamed"] }).result,
    );
    assert.ok(renamed instanceof RenamedError, String(renamed));
    assert.equal(renamed.message, "renamed");
  });
});

for (const scenario of ["throw-uncaught", "reject-unhandled"]) {
  Deno.test(`spawn() result keeps the class and fields of an error nobody caught in the worker (${scenario})`, async () => {
    await withWorkers(async (start) => {
      const worker = start("spawn_worker.ts", { args: [scenario] });
      const error = await rejection(worker.result);
      assert.ok(error instanceof QuotaError, String(error));
      assert.equal(error.name, "QuotaError");
      assert.match(error.stack ?? "", /spawn_worker\.ts/);
      assert.equal(await worker.join({ timeout: 5000 }), true);
    });
  });
}

Deno.test("registerErrorClass() refuses what is not an error class, and a name taken by another class", async () => {
  const { registerErrorClass } = await import("../../concurrency/mod.ts");
  assert.throws(
    () => registerErrorClass(Object as unknown as typeof Error),
    /Cannot register "Object" as an error class: it is not a class extending Error/,
  );
  class ParseError extends Error {}
  assert.throws(
    () => registerErrorClass(ParseError, { name: "TypeError" }),
    /Cannot register error class "TypeError": another class is registered under that name/,
  );
  // Registering the same class again is allowed.
  registerErrorClass(QuotaError);
});
