// WorkerPool on Node.js: its workers are node:worker_threads Workers; every
// task of a run is answered, in order through map(), by the pool's threads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { load, workerUrl } from "./_load.mjs";

const { Event, WorkerPool } = await load("concurrency");
const { mulberry32 } = await load("random");

const TASK = workerUrl("_spawn_task.mjs");

test("a WorkerPool of 2 runs 300 tasks, each answered with its own square", async () => {
  const pool = new WorkerPool(TASK, { size: 2 });
  try {
    const random = mulberry32(7919);
    const inputs = Array.from(
      { length: 300 },
      () => Math.floor(random() * 1_000_000),
    );
    const answers = await Promise.all(
      inputs.map((n) => pool.submit(["square", n])),
    );
    assert.deepEqual(
      answers.map((answer) => answer.square),
      inputs.map((n) => n * n),
    );
    const threads = new Set(answers.map((answer) => answer.threadId));
    assert.ok(
      threads.size >= 1 && threads.size <= 2,
      `threads: ${[...threads]}`,
    );
    const mapped = [];
    for await (
      const answer of pool.map(inputs.slice(0, 50).map((n) => ["square", n]))
    ) {
      mapped.push(answer.square);
    }
    assert.deepEqual(mapped, inputs.slice(0, 50).map((n) => n * n));
  } finally {
    await pool.shutdown();
  }
});

test("a WorkerPool of 2 answers bursts of 20,000 no-op tasks: no result waits on a wake that was lost", async () => {
  const pool = new WorkerPool(TASK, { size: 2 });
  try {
    // Results go back in batches; many quick tasks in flight make the main
    // thread sleep and wake often, so a wake lost between its last read and
    // its sleep would leave a batch waiting for ever.
    await Promise.all(Array.from({ length: 64 }, () => pool.submit(["noop"])));
    for (let burst = 0; burst < 3; burst++) {
      let timer;
      const answered = await Promise.race([
        Promise.all(
          Array.from({ length: 20_000 }, () => pool.submit(["noop"])),
        ),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`burst ${burst} took over 30 s`)),
            30_000,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      assert.equal(answered.length, 20_000);
    }
  } finally {
    // Bounded too: with a result lost, shutdown would wait for it.
    let timer;
    await Promise.race([
      pool.shutdown(),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 10_000);
      }),
    ]).finally(() => clearTimeout(timer));
  }
});

test("a WorkerPool worker that exits mid-task rejects that task, and a new worker takes the next", async () => {
  const pool = new WorkerPool(TASK, { size: 1 });
  try {
    const first = await pool.submit(["square", 3]);
    await assert.rejects(pool.submit(["exit", 5]), /exited with code 5/);
    const next = await pool.submit(["square", 4]);
    assert.equal(next.square, 16);
    assert.notEqual(next.threadId, first.threadId);
  } finally {
    await pool.shutdown();
  }
});

test("cancelling a WorkerPool task parked in Event.wait interrupts it, and the same worker takes the next", async () => {
  const pool = new WorkerPool(TASK, { size: 1 });
  try {
    const first = await pool.submit(["square", 2]);
    const ready = new Event();
    const never = new Event();
    const controller = new AbortController();
    const parked = pool.submit(["waitForever", ready, never], {
      signal: controller.signal,
    });
    assert.equal(await ready.waitAsync({ timeout: 20_000 }), true);
    controller.abort();
    await assert.rejects(parked);
    const next = await pool.submit(["square", 5]);
    assert.equal(next.square, 25);
    // Not replaced: the interrupt reached the task, which ended.
    assert.equal(next.threadId, first.threadId);
  } finally {
    await pool.shutdown();
  }
});
