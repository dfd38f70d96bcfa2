import assert from "node:assert/strict";
import {
  Condition,
  configure,
  type DumpedThread,
  Event,
  formatThreadDump,
  installThreadDump,
  Lock,
  RLock,
  Semaphore,
  SharedQueue,
  threadDump,
  threadId,
  type WorkerHandle,
  WorkerPool,
} from "../../concurrency/mod.ts";
import {
  fixture,
  isParked,
  sharedInts,
  until,
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";

const WORKER = "thread_dump_worker.ts";

function find(threads: DumpedThread[], id: number): DumpedThread {
  const thread = threads.find((candidate) => candidate.id === id);
  assert.ok(thread, `thread ${id} is in the dump`);
  return thread;
}

Deno.test("threadDump() reports every thread's state, wait, owner and holdings in a known scene", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "a" });
    const rlock = new RLock({ name: "b" });
    const event = new Event({ name: "go" });
    const condition = new Condition(undefined, { name: "cv" });
    const semaphore = new Semaphore(0, { name: "permits" });
    const queue = new SharedQueue<string>({ name: "jobs" });
    const spinFlag = sharedInts();
    const holder = start<boolean>(WORKER, {
      name: "holder",
      args: ["hold-two-then-wait", lock, rlock, event],
    });
    await untilParked(holder.threadId);
    const acquirer = start<string>(WORKER, {
      name: "acquirer",
      args: ["acquire", lock],
    });
    const waiter = start<boolean>(WORKER, {
      name: "waiter",
      args: ["condition", condition],
    });
    const taker = start<boolean>(WORKER, {
      name: "taker",
      args: ["semaphore", semaphore],
    });
    const getter = start<string>(WORKER, {
      name: "getter",
      args: ["queue-get", queue],
    });
    const ended = start<string>(WORKER, { name: "ended", args: ["return"] });
    const spinner = start<string>(WORKER, {
      name: "spinner",
      args: ["spin", spinFlag],
    });
    let joining: Promise<boolean> | undefined;
    try {
      assert.equal(await within(ended.result), "done");
      for (const worker of [acquirer, waiter, taker, getter]) {
        await untilParked(worker.threadId);
      }
      // The spinner runs its own loop: terminate() marks it, it runs on.
      await until(
        () => threadDump().threads.some((t) => t.id === spinner.threadId),
        "the spinner to start",
      );
      spinner.terminate();
      // The main thread joins the holder: recorded as a join wait.
      joining = holder.join({ timeout: 30_000 });

      const dump = threadDump();
      const threads = dump.threads;
      const main = find(threads, threadId());
      assert.equal(main.state, "parked");
      assert.deepEqual(main.waitsOn, {
        kind: "join",
        timed: true,
        thread: { id: holder.threadId, name: "holder" },
      });

      const held = find(threads, holder.threadId);
      assert.equal(held.state, "parked");
      assert.equal(held.name, "holder");
      assert.equal(held.parent, threadId());
      assert.deepEqual(held.waitsOn, {
        kind: "event",
        timed: false,
        primitive: { kind: "Event", id: event.id, name: "go" },
      });
      assert.deepEqual(held.holds, [
        { kind: "Lock", id: lock.id, name: "a", count: 1 },
        { kind: "RLock", id: rlock.id, name: "b", count: 2 },
      ]);
      assert.ok(held.parkedForMs! >= 0 && held.parkedForMs! < 60_000);
      assert.equal(held.parkedSince! + held.parkedForMs!, dump.takenAt);
      assert.equal(held.stack, undefined);

      assert.deepEqual(find(threads, acquirer.threadId).waitsOn, {
        kind: "acquire",
        timed: false,
        primitive: { kind: "Lock", id: lock.id, name: "a" },
        owner: { id: holder.threadId, name: "holder" },
      });
      const waiting = find(threads, waiter.threadId).waitsOn!;
      assert.equal(waiting.kind, "condition");
      assert.equal(waiting.timed, true);
      assert.deepEqual(waiting.primitive, {
        kind: "Condition",
        id: condition.id,
        name: "cv",
      });
      assert.deepEqual(find(threads, taker.threadId).waitsOn, {
        kind: "semaphore",
        timed: true,
        primitive: { kind: "Semaphore", id: semaphore.id, name: "permits" },
      });
      assert.deepEqual(find(threads, getter.threadId).waitsOn, {
        kind: "queue-get",
        timed: true,
        primitive: { kind: "SharedQueue", id: queue.id, name: "jobs" },
      });
      const done = find(threads, ended.threadId);
      assert.equal(done.state, "ended");
      assert.equal(done.waitsOn, undefined);
      assert.equal(find(threads, spinner.threadId).state, "terminated");
      assert.deepEqual(dump.cycles, []);
      // Timed waits end by themselves: no stall.
      assert.equal(dump.stall, "none");

      const live = threadDump({ includeEnded: false }).threads.map((t) => t.id);
      assert.ok(!live.includes(ended.threadId));
      assert.ok(!live.includes(spinner.threadId));
      assert.ok(live.includes(holder.threadId));
    } finally {
      Atomics.store(spinFlag, 0, 1);
      event.set();
      condition.acquire();
      condition.notifyAll();
      condition.release();
      semaphore.release();
      queue.put("item");
      await joining;
    }
    assert.equal(await within(holder.result), true);
    assert.equal(await within(acquirer.result), "acquired");
    assert.equal(isParked(threadId()), false);
  });
});

/** Replaces ids, times and the date with fixed marks, so the text can be compared. */
function mask(text: string, ids: Map<number, string>): string {
  return text
    .replace(/Thread dump at \S+/, "Thread dump at <time>")
    .replace(/#(\d+)/g, (_, id) => `#${ids.get(Number(id)) ?? "?"}`)
    .replace(/for \d+(\.\d)? m?s/g, "for <time>");
}

Deno.test("formatThreadDump() draws each thread, the wait-for chains and a deadlock cycle", () => {
  // A dump made by hand: the text depends on the dump only.
  const dump = {
    takenAt: 0,
    threads: [
      { id: 1, name: "main", state: "running", parent: 0, holds: [] },
      {
        id: 2,
        name: "left",
        state: "parked",
        parent: 1,
        parkedForMs: 2500,
        parkedSince: -2500,
        waitsOn: {
          kind: "acquire",
          timed: false,
          primitive: { kind: "Lock", id: 11, name: "b" },
          owner: { id: 3, name: "right" },
        },
        holds: [{ kind: "Lock", id: 10, name: "a", count: 1 }],
      },
      {
        id: 3,
        name: "right",
        state: "parked",
        parent: 1,
        parkedForMs: 1500,
        parkedSince: -1500,
        waitsOn: {
          kind: "acquire",
          timed: false,
          primitive: { kind: "Lock", id: 10, name: "a" },
          owner: { id: 2, name: "left" },
        },
        holds: [{ kind: "RLock", id: 11, name: "b", count: 2 }],
        stack: "at right (file:///right.ts:3:5)",
      },
      {
        id: 4,
        name: "joiner",
        state: "parked",
        parent: 1,
        parkedForMs: 20,
        parkedSince: -20,
        waitsOn: { kind: "join", timed: true, thread: { id: 2, name: "left" } },
        holds: [],
      },
      { id: 5, name: "gone", state: "ended", parent: 1, holds: [] },
    ],
    cycles: [[2, 3]],
    stall: "none",
  } satisfies ReturnType<typeof threadDump>;
  assert.equal(
    formatThreadDump(dump),
    `Thread dump at 1970-01-01T00:00:00.000Z

"main" #1 running

"left" #2 parked, parent #1, for 2.5 s
    - waiting (acquire) on Lock "b" #11 owned by "right" #3  <- in a deadlock cycle
    - holds Lock "a" #10

"right" #3 parked, parent #1, for 1.5 s
    - waiting (acquire) on Lock "a" #10 owned by "left" #2  <- in a deadlock cycle
    - holds RLock "b" #11 (2 times)
        at right (file:///right.ts:3:5)

"joiner" #4 parked, parent #1, for 20 ms
    - waiting (join, timed) for "left" #2 to end

"gone" #5 ended, parent #1

Wait-for chains:
  "joiner" #4 --(join)--> "left" #2 --(acquire Lock "b" #11)--> "right" #3 --(acquire Lock "a" #10)--> "left" #2
  "left" #2 --(acquire Lock "b" #11)--> "right" #3 --(acquire Lock "a" #10)--> "left" #2  [deadlock cycle]

5 threads, 2 parked for over 1 s, 1 deadlock cycle`,
  );
});

Deno.test("formatThreadDump() of live workers matches its golden text with ids and times masked", async () => {
  await withWorkers(async (start) => {
    const a = new Lock({ name: "a" });
    const b = new RLock({ name: "b" });
    const event = new Event({ name: "go" });
    const left = start<boolean>(WORKER, {
      name: "left",
      args: ["hold-two-then-wait", a, b, event],
    });
    try {
      await untilParked(left.threadId);
      const right = start<string>(WORKER, {
        name: "right",
        args: ["acquire", a],
      });
      await untilParked(right.threadId);
      const ids = new Map<number, string>([
        [threadId(), "main"],
        [left.threadId, "L"],
        [right.threadId, "R"],
        [a.id, "a"],
        [b.id, "b"],
        [event.id, "go"],
      ]);
      const dump = threadDump();
      // Other test files' threads may share the process: keep this scene's.
      dump.threads = dump.threads.filter((t) =>
        [threadId(), left.threadId, right.threadId].includes(t.id)
      );
      assert.equal(
        mask(formatThreadDump(dump), ids).replace(/^\d+ parked/m, "N parked")
          .replace(/, \d+ parked for over/, ", N parked for over"),
        `Thread dump at <time>

"main" #main running

"left" #L parked, parent #main, for <time>
    - waiting (event) on Event "go" #go
    - holds Lock "a" #a
    - holds RLock "b" #b (2 times)

"right" #R parked, parent #main, for <time>
    - waiting (acquire) on Lock "a" #a owned by "left" #L

Wait-for chains:
  "right" #R --(acquire Lock "a" #a)--> "left" #L

3 threads, N parked for over 1 s, 0 deadlock cycles`,
      );
    } finally {
      event.set();
    }
    assert.equal(await within(left.result), true);
  });
});

Deno.test("threadDump() reports a possible stall of workers on an Event, a Condition and a queue get while the main thread joins, and none while it runs", async () => {
  await withWorkers(async (start) => {
    const event = new Event({ name: "never" });
    const condition = new Condition(undefined, { name: "cv" });
    const queue = new SharedQueue<string>({ name: "jobs" });
    const workers = [
      start<boolean>(WORKER, { name: "e", args: ["stall-event", event] }),
      start<boolean>(WORKER, {
        name: "c",
        args: ["stall-condition", condition],
      }),
      start<string>(WORKER, { name: "q", args: ["stall-queue", queue] }),
    ];
    let joining: Promise<boolean> | undefined;
    try {
      for (const worker of workers) await untilParked(worker.threadId);
      // Other live threads of the process would change the answer.
      const others = threadDump({ includeEnded: false }).threads.filter((t) =>
        t.id !== threadId() && !workers.some((w) => w.threadId === t.id)
      );
      assert.deepEqual(others, []);
      assert.equal(threadDump().stall, "none", "the main thread runs");
      joining = workers[0]!.join();
      const dump = threadDump();
      assert.equal(find(dump.threads, threadId()).waitsOn?.kind, "join");
      assert.equal(dump.stall, "possible");
      assert.match(
        formatThreadDump(dump),
        /, a possible stall: every live thread waits without a timeout$/,
      );
    } finally {
      event.set();
      condition.acquire();
      condition.notifyAll();
      condition.release();
      queue.put("item");
    }
    assert.equal(await within(joining!), true);
    assert.equal(await within<unknown>(workers[2]!.result), "item");
    const timed = workers[0]!.join({ timeout: 1 });
    assert.equal(threadDump().stall, "none");
    await timed;
  });
});

Deno.test("threadDump() finds a join cycle: the main thread joins a worker that waits for a lock the main thread holds", async () => {
  // Off, so the cycle stays while the dump reads it: on, the worker throws.
  const previous = configure({ deadlockDetection: false });
  try {
    await joinCycleScene();
  } finally {
    configure(previous);
  }
});

async function joinCycleScene(): Promise<void> {
  await withWorkers(async (start) => {
    const lock = new Lock({ name: "held-by-main" });
    lock.acquire();
    let joining: Promise<boolean> | undefined;
    let worker: WorkerHandle<string> | undefined;
    try {
      worker = start<string>(WORKER, { name: "w", args: ["acquire", lock] });
      await untilParked(worker.threadId);
      joining = worker.join();
      const dump = threadDump();
      assert.deepEqual(dump.cycles, [[threadId(), worker.threadId]]);
      const text = formatThreadDump(dump);
      assert.match(
        text,
        /"main" #\d+ --\(join\)--> "w" #\d+ --\(acquire Lock "held-by-main" #\d+\)--> "main" #\d+ {2}\[deadlock cycle\]/,
      );
      assert.match(text, /, 1 deadlock cycle/);
    } finally {
      lock.release();
    }
    assert.equal(await within(joining!), true);
    assert.equal(await within(worker!.result), "acquired");
  });
}

Deno.test("threadDump() lists the semaphore permits a worker took through guards", async () => {
  await withWorkers(async (start) => {
    const semaphore = new Semaphore(3, { name: "slots" });
    const event = new Event({ name: "go" });
    const worker = start<boolean>(WORKER, {
      name: "permits",
      args: ["hold-permits", semaphore, event],
    });
    try {
      await untilParked(worker.threadId);
      const thread = find(threadDump().threads, worker.threadId);
      assert.deepEqual(thread.holds, [{
        kind: "Semaphore",
        id: semaphore.id,
        name: "slots",
        count: 2,
      }]);
      assert.match(
        formatThreadDump(threadDump()),
        /- holds 2 permits of Semaphore "slots" #\d+/,
      );
      // Taken without a guard: any thread may give it back, so it is no one's.
      assert.equal(semaphore.acquire({ timeout: 1000 }), true);
      assert.deepEqual(find(threadDump().threads, threadId()).holds, []);
      semaphore.release();
    } finally {
      event.set();
    }
    assert.equal(await within(worker.result), true);
    assert.equal(semaphore.value, 3);
    assert.deepEqual(find(threadDump().threads, worker.threadId).holds, []);
  });
});

Deno.test("threadDump() lists the task a WorkerPool worker runs", async () => {
  const pool = new WorkerPool(fixture("pool_task_worker.ts"), {
    name: "dumped",
    size: 1,
  });
  const event = new Event();
  const started = new Event();
  try {
    const result = pool.submit(["wait-event", { event, started }], {
      name: "resize",
    });
    assert.equal(await within(started.waitAsync({ timeout: 20_000 })), true);
    const worker = threadDump().threads.find((thread) =>
      thread.name.startsWith("dumped#")
    );
    assert.ok(worker, "the pool worker is in the dump");
    const task = worker.holds.find((held) => held.kind === "task");
    assert.equal(task?.name, "resize");
    assert.equal(task?.count, 1);
    assert.ok((task?.id ?? 0) > 0);
    assert.match(
      formatThreadDump(threadDump()),
      /- runs pool task "resize" #\d+/,
    );
    event.set();
    assert.equal(await within(result), "set");
    await until(
      () =>
        !threadDump().threads.some((thread) =>
          thread.holds.some((held) => held.kind === "task")
        ),
      "the finished task to leave the dump",
    );
  } finally {
    event.set();
    await within(pool.shutdown({ cancelPending: true }));
  }
});

Deno.test("configure({ captureStacks: true }) makes a dump show where a worker parked", async () => {
  const previous = configure({ captureStacks: true });
  try {
    await withWorkers(async (start) => {
      const event = new Event({ name: "go" });
      const worker = start<boolean>(WORKER, {
        name: "stacked",
        args: ["hold-two-then-wait", new Lock(), new RLock(), event],
      });
      try {
        await untilParked(worker.threadId);
        const thread = find(threadDump().threads, worker.threadId);
        assert.match(thread.stack ?? "", /thread_dump_worker\.ts:\d+:\d+/);
        assert.doesNotMatch(thread.stack ?? "", /_park\.ts/);
      } finally {
        event.set();
      }
      assert.equal(await within(worker.result), true);
    });
  } finally {
    configure(previous);
  }
  assert.equal(configure().captureStacks, previous.captureStacks);
});

Deno.test("installThreadDump() rejects a call with nothing to wait for, and a bad delay", () => {
  assert.throws(() => installThreadDump({}), TypeError);
  assert.throws(() => installThreadDump({ after: -1 }), RangeError);
  assert.throws(() => installThreadDump({ after: Number.NaN }), RangeError);
});

Deno.test(
  "SIGQUIT to a deno process prints its thread dump to stderr and the process keeps running",
  {
    ignore: Deno.build.os === "windows",
  },
  async () => {
    const child = new Deno.Command("deno", {
      args: ["run", "--allow-read=.", fixture("thread_dump_main.ts").pathname],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stdout = child.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
    const stderr = child.stderr.pipeThrough(new TextDecoderStream())
      .getReader();
    const writer = child.stdin.getWriter();
    const kill = setTimeout(() => child.kill("SIGKILL"), 45_000);
    try {
      assert.equal((await readUntil(stdout, "ready\n")).trim(), "ready");
      child.kill("SIGQUIT");
      const text = await readUntil(stderr, "deadlock cycle");
      assert.match(text, /^Thread dump at /);
      assert.match(text, /"parked-worker" #\d+ parked, parent #\d+, for /);
      assert.match(text, /waiting \(event, timed\) on Event "never"/);
      // Still running: it answers on stdin, then exits by itself.
      await writer.write(new TextEncoder().encode("stop\n"));
      assert.equal((await readUntil(stdout, "stopped\n")).trim(), "stopped");
      await writer.close();
      const status = await child.status;
      assert.equal(status.code, 0);
    } finally {
      clearTimeout(kill);
      await stdout.cancel().catch(() => {});
      await stderr.cancel().catch(() => {});
      try {
        child.kill("SIGKILL");
      } catch {
        // Already exited.
      }
      await child.status;
    }
  },
);

async function readUntil(
  reader: ReadableStreamDefaultReader<string>,
  marker: string,
): Promise<string> {
  let text = "";
  while (!text.includes(marker)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`Stream ended before "${marker}": ${text}`);
    text += value;
  }
  return text;
}

Deno.test("deadlock_demo.ts --dump-after prints a thread dump on stderr, and rejects a bad value in one line", async () => {
  const run = (flag: string) =>
    new Deno.Command("deno", {
      args: [
        "run",
        "--allow-read=.",
        "concurrency/deadlock_demo.ts",
        flag,
      ],
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(60_000),
    }).output();
  const decoder = new TextDecoder();
  const dumped = await run("--dump-after=1");
  const stderr = decoder.decode(dumped.stderr);
  assert.match(stderr, /^Thread dump at /m);
  assert.match(stderr, /"main" #\d+ /);
  assert.match(
    stderr,
    /\d+ threads, \d+ parked for over 1 s, \d+ deadlock cycles?/,
  );
  assert.equal(dumped.code, 1, "the demo still reports its deadlock");
  const bad = await run("--dump-after=soon");
  assert.equal(bad.code, 2);
  assert.equal(
    decoder.decode(bad.stderr).trim(),
    'deadlock_demo.ts: Cannot use --dump-after "soon": it must be an integer from 0 to 3600000 (see --help)',
  );
});
