/**
 * The playground's parts that run in Deno too: the graph read from shared
 * memory, the worker scenarios, and the server's answers (isolation headers,
 * where spawn's bootstrap is served).
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  Barrier,
  Condition,
  Event,
  Lock,
  spawn,
  threadId,
} from "../../concurrency/mod.ts";
import { WaitKind } from "../../concurrency/_park.ts";
import { readGraph } from "../../concurrency/_playground/graph.ts";
import {
  answer,
  type BundledFiles,
} from "../../concurrency/_playground/server.ts";
import {
  fixture,
  untilAllParkedIn,
  untilParked,
  within,
} from "../_helpers/concurrency_workers.ts";

const WORKER = new URL(
  "../../concurrency/_playground/worker.ts",
  import.meta.url,
);

Deno.test("readGraph() shows a worker parked on an Event as waiting for it", async () => {
  const go = new Event({ name: "go" });
  const worker = spawn<string>(WORKER, {
    name: "sleeper",
    args: ["park", go],
  });
  try {
    await untilParked(worker.threadId);
    const graph = readGraph([]);
    const sleeper = graph.threads.find((t) => t.id === worker.threadId);
    assert.equal(sleeper?.name, "sleeper");
    assert.equal(sleeper?.waitsFor, go.handle.index);
    assert.equal(sleeper?.waitKind, "event");
    // A primitive a thread waits on is shown even when not asked for.
    const event = graph.primitives.find((p) => p.index === go.handle.index);
    assert.equal(event?.name, "go");
    assert.equal(event?.kind, "Event");
    go.set();
    assert.equal(await within(worker.result), "the event was set");
  } finally {
    worker.terminate();
  }
});

Deno.test("readGraph() shows a Condition taking its lock back as an acquire wait for that lock", async () => {
  const lock = new Lock({ name: "condition lock" });
  const condition = new Condition(lock);
  const other = new Lock({ name: "other" });
  const ready = new Barrier(2);
  const worker = spawn<string>(fixture("deadlock_worker.ts"), {
    name: "waiter",
    args: ["condition-waiter", condition, other, ready],
  });
  try {
    ready.wait({ timeout: 30_000 });
    {
      // Free once the worker sleeps in wait(); held while it takes it back.
      using _ = condition.hold({ timeout: 30_000 });
      condition.notify();
      await untilAllParkedIn(
        [worker.threadId],
        WaitKind.CONDITION_REACQUIRE,
      );
      const waiter = readGraph([]).threads.find((t) =>
        t.id === worker.threadId
      );
      assert.equal(waiter?.waitsFor, lock.handle.index);
      assert.equal(waiter?.waitKind, "acquire");
    }
    assert.equal(await within(worker.result), "woken");
  } finally {
    worker.terminate();
  }
});

Deno.test("readGraph() names the thread that holds a Lock, and none once it is released", () => {
  const lock = new Lock({ name: "held" });
  lock.acquire();
  try {
    const [held] = readGraph([lock.handle.index]).primitives;
    assert.equal(held?.owner, threadId());
    assert.equal(held?.name, "held");
  } finally {
    lock.release();
  }
  assert.equal(readGraph([lock.handle.index]).primitives[0]?.owner, 0);
});

Deno.test("the playground's counter scenario counts exactly under the lock in Deno too", async () => {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const lock = new Lock({ name: "counter" });
  const start = new Barrier(2);
  const workers = [1, 2].map((i) =>
    spawn<number>(WORKER, {
      name: `counter ${i}`,
      args: ["count", counter, lock, 20_000, start],
    })
  );
  try {
    await within(Promise.all(workers.map((worker) => worker.result)));
    assert.equal(Atomics.load(counter, 0), 40_000);
  } finally {
    for (const worker of workers) worker.terminate();
  }
});

const files: BundledFiles = new Map([
  ["/_worker_main.js", new TextEncoder().encode("// bootstrap")],
  ["/_playground/page.js", new TextEncoder().encode("// page")],
  ["/_playground/worker.js", new TextEncoder().encode("// worker")],
]);

function get(path: string, method = "GET"): Response {
  return answer(files, new Request(`http://127.0.0.1${path}`, { method }));
}

Deno.test("the playground server sends the isolation headers on every response", async () => {
  for (const path of ["/", "/_playground/page.js", "/missing.js"]) {
    const response = get(path);
    await response.body?.cancel();
    assert.equal(
      response.headers.get("cross-origin-opener-policy"),
      "same-origin",
    );
    assert.equal(
      response.headers.get("cross-origin-embedder-policy"),
      "require-corp",
    );
    assert.equal(
      response.headers.get("cross-origin-resource-policy"),
      "same-origin",
    );
  }
});

Deno.test("the playground server answers any .../_worker_main.ts with spawn's bundled bootstrap", async () => {
  for (const path of ["/_worker_main.ts", "/_playground/_worker_main.ts"]) {
    const response = get(path);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /javascript/);
    assert.equal(await response.text(), "// bootstrap");
  }
});

Deno.test("the playground server serves a source's .ts URL from its bundle and refuses the rest", async () => {
  const worker = get("/_playground/worker.ts");
  assert.equal(await worker.text(), "// worker");
  const missing = get("/nothing.ts");
  await missing.body?.cancel();
  assert.equal(missing.status, 404);
  const post = get("/", "POST");
  await post.body?.cancel();
  assert.equal(post.status, 405);
});
