#!/usr/bin/env -S deno run --allow-read=.
/**
 * The interruption tour, part of `deno task demo`: seven ways to end a
 * worker, one after the other, each printing what happened and how long it
 * took. Runs offline in a few seconds and exits 0.
 *
 * ```sh
 * deno run --allow-read=. concurrency/interrupt_demo.ts
 * ```
 *
 * @module
 */

import {
  COMMON_USAGE,
  integerFlag,
  readPackageNeed,
  runScript,
  ScriptError,
} from "../_cli.ts";
import {
  Event,
  installThreadDump,
  InterruptedError,
  Lock,
  SharedQueue,
  sleepAsync,
  spawn,
  StopFlag,
  type WorkerHandle,
} from "./mod.ts";

const WORKER = new URL("./_interrupt_demo_worker.ts", import.meta.url);

const HELP = `Usage: interrupt_demo.ts [options]

Shows seven ways to end a worker: a stop flag, an Event-based stop, interrupt()
waking an Event wait, interrupt() waking a blocked lock acquire, stop() of a
worker that ignores interrupts, a daemon worker, and terminate() of a worker
blocked in a queue get() that Deno lets run on. Needs --allow-read to load
the worker module.

Options:
      --dump-after=MS    print a thread dump to stderr if still running after MS ms
${COMMON_USAGE}`;

function elapsed(since: number): string {
  return `${(performance.now() - since).toFixed(1)} ms`;
}

function start<T>(
  scene: string,
  primitive: unknown,
  ready: Event,
  extra: { counter?: Int32Array; daemon?: boolean } = {},
): WorkerHandle<T> {
  return spawn<T>(WORKER, {
    args: [scene, primitive, ready, extra.counter],
    name: scene,
    daemon: extra.daemon,
  });
}

async function readyFor(ready: Event): Promise<void> {
  if (!await ready.waitAsync({ timeout: 5000 })) {
    throw new ScriptError("a worker did not start within 5 s");
  }
}

/**
 * Scenes 1 and 2: a worker loops until `flag` is set; set it after `pause`
 * ms and time how soon the worker's result arrives.
 */
async function setToStopScene(
  flag: StopFlag | Event,
  scene: string,
  pause: number,
  report: (count: number, after: string) => string,
): Promise<void> {
  const ready = new Event();
  const worker = start<number>(scene, flag, ready);
  try {
    await readyFor(ready);
    await sleepAsync(pause);
    const set = performance.now();
    flag.set();
    const count = await worker.result;
    console.log(report(count, elapsed(set)));
  } finally {
    worker.terminate();
  }
}

async function interruptedError(
  worker: WorkerHandle<unknown>,
): Promise<string> {
  try {
    await worker.result;
    return "returned";
  } catch (error) {
    return error instanceof InterruptedError
      ? "InterruptedError"
      : String(error);
  }
}

/**
 * Scenes 3 and 4: interrupt a worker parked in a wait on `primitive` and
 * time how soon its result (an InterruptedError) arrives.
 */
async function interruptScene(
  primitive: Event | Lock,
  scene: string,
  report: (outcome: string, after: string) => string,
): Promise<void> {
  const ready = new Event();
  const worker = start(scene, primitive, ready);
  try {
    await readyFor(ready);
    const sent = performance.now();
    worker.interrupt();
    const outcome = await interruptedError(worker);
    console.log(report(outcome, elapsed(sent)));
  } finally {
    worker.terminate();
  }
}

async function stopScene(): Promise<void> {
  const never = new Event({ name: "never set" });
  const ready = new Event();
  const worker = start("stubborn", never, ready);
  try {
    await readyFor(ready);
    const sent = performance.now();
    const outcome = await worker.stop({ grace: 200 });
    console.log(
      `5. stop({ grace: 200 }) of a worker blocked for ever that swallows interrupts: "${outcome}" after ${
        elapsed(sent)
      }`,
    );
  } finally {
    worker.terminate();
  }
}

async function daemonScene(): Promise<void> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const ready = new Event();
  const worker = start("daemon-ticks", null, ready, { counter, daemon: true });
  await readyFor(ready);
  const started = performance.now();
  await sleepAsync(100);
  console.log(
    `7. daemon worker: it ticked ${Atomics.load(counter, 0)} times in ${
      elapsed(started)
    }; it is still running (alive: ${worker.alive}), and the process exits without waiting for it`,
  );
}

async function terminateScene(): Promise<void> {
  const queue = new SharedQueue<number>({ name: "jobs" });
  const report = new Int32Array(new SharedArrayBuffer(4));
  const ready = new Event();
  const worker = start("consume-queue", queue, ready, { counter: report });
  await readyFor(ready);
  await sleepAsync(20);
  const sent = performance.now();
  worker.terminate();
  const seen = Atomics.waitAsync(report, 0, 0, 2000);
  if (seen.async) await seen.value;
  for (let i = 1; i <= 3; i++) queue.put(i);
  const got = [1, 2, 3].map(() => queue.get({ timeout: 1000 }));
  const what = [
    "it was stopped for real",
    "it ran on and threw ThreadEndedError",
    "it took an item",
    "it threw something else",
  ][
    Atomics.load(report, 0)
  ];
  console.log(
    `6. terminate() of a worker blocked in queue.get(): ${what} (${
      elapsed(sent)
    }); the next 3 items all reached the main thread: [${got.join(", ")}]`,
  );
}

/** Runs the tour. */
export async function main(args: string[]): Promise<void> {
  await runScript(args, {
    name: "interrupt_demo.ts",
    usage: HELP,
    options: { "dump-after": { type: "string" } },
    needs: readPackageNeed(import.meta.url),
  }, async (values) => {
    const after = values["dump-after"];
    using _dump = after === undefined ? undefined : installThreadDump({
      after: integerFlag(after, "--dump-after", 0, 0, 3_600_000),
    });
    console.log("== concurrency/: interrupting workers");
    await setToStopScene(
      new StopFlag({ name: "stop" }),
      "count-until-flag",
      50,
      (count, after) =>
        `1. stop flag: the worker counted to ${count} in its loop; its result arrived ${after} after flag.set()`,
    );
    await setToStopScene(
      new Event({ name: "stop" }),
      "tick-until-event",
      100,
      (ticks, after) =>
        `2. Event-based stop: the worker ticked ${ticks} times (every 20 ms) and its result arrived ${after} after stop.set()`,
    );
    await interruptScene(
      new Event({ name: "never set" }),
      "wait-event",
      (outcome, after) =>
        `3. interrupt() of a worker in Event.wait(): its result was ${outcome}, ${after} later`,
    );
    const lock = new Lock({ name: "held by main" });
    lock.acquire();
    try {
      await interruptScene(
        lock,
        "acquire-lock",
        (outcome, after) =>
          `4. interrupt() of a worker blocked on a lock held elsewhere: its result was ${outcome}, ${after} later, without the lock (main still holds it: ${lock.locked()})`,
      );
    } finally {
      lock.release();
    }
    await stopScene();
    await terminateScene();
    await daemonScene();
  });
}

if (import.meta.main) await main(Deno.args);
