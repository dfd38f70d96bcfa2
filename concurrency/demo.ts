#!/usr/bin/env -S deno run --allow-read=.
/**
 * The concurrency/ section of `deno task demo`: the lost-update counter
 * (workers sharing memory with and without a `Lock`), then one item through
 * a `SharedQueue` from a worker, a worker's error of the program's own class,
 * three async tasks of one thread taking turns on an `RLock`, then primitives
 * freed and their memory reused, and last what the detector says when every
 * thread waits: a `join()` cycle, and a stall (possible, then proven). The
 * lock-cycle and interruption demos are scripts of their own.
 *
 * @module
 */

import { COMMON_USAGE, readPackageNeed, runScript } from "../_cli.ts";
import { Lock } from "./lock.ts";
import { registerErrorClass } from "./register_error_class.ts";
import { RLock } from "./rlock.ts";
import { SharedQueue } from "./shared_queue.ts";
import { spawn } from "./spawn.ts";
import { arenaUsage } from "./_arena.ts";
import { configure } from "./configure.ts";
import { DeadlockError } from "./deadlock_error.ts";
import { detectDeadlocks } from "./detect_deadlocks.ts";
import { Event } from "./event.ts";
import { threadDump } from "./thread_dump.ts";
import { countWithAndWithoutLock, printCounterDemo } from "./_counter.ts";

/** Creates and disposes Locks, and shows the runtime's memory did not grow. */
function showMemoryReuse(count: number): void {
  using first = new Lock();
  const before = arenaUsage().bufferWords;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    using lock = new Lock();
    lock.acquire();
    lock.release();
  }
  const elapsed = performance.now() - started;
  console.log(
    `Memory: ${
      count.toLocaleString("en")
    } Locks created, used and disposed in ${
      elapsed.toFixed(0)
    } ms; the runtime's memory stayed at ${
      (arenaUsage().bufferWords * 4 / 1024).toFixed(0)
    } KiB (was ${(before * 4 / 1024).toFixed(0)} KiB)`,
  );
  const handle = first.handle;
  first.dispose();
  try {
    Lock.from(handle);
  } catch (error) {
    console.log(`A disposed lock's handle no longer revives: ${error}`);
  }
}

const USAGE = `Usage: demo.ts [options]

The concurrency/ tour: workers counting with and without a Lock, then one
item through a SharedQueue. Workers load their modules from the package, so
it needs --allow-read for it (--allow-read=. from the package's folder).

Options:
${COMMON_USAGE}`;

async function main(args: string[]): Promise<void> {
  await runScript(args, {
    name: "demo.ts",
    usage: USAGE,
    options: {},
    needs: readPackageNeed(import.meta.url),
  }, tour);
}

async function tour(): Promise<void> {
  console.log("== concurrency/: workers sharing memory");
  printCounterDemo(
    await countWithAndWithoutLock({ workers: 4, increments: 200_000 }),
    4,
  );
  const queue = new SharedQueue<{ from: string; n: number }>({
    capacity: 1024,
  });
  const source =
    `export default (queue) => queue.put({ from: "worker", n: 42 }, { timeout: 5000 });`;
  const worker = spawn(`data:text/javascript,${encodeURIComponent(source)}`, {
    args: [queue],
    name: "producer",
  });
  try {
    const item = await queue.getAsync({ timeout: 5000 });
    console.log(
      `SharedQueue: main thread got ${
        JSON.stringify(item)
      } from worker "${worker.name}"`,
    );
    await worker.result;
  } finally {
    worker.terminate();
  }
  await showWorkerErrorClass();
  await showAsyncTasksTakingTurns();
  showMemoryReuse(100_000);
  await showJoinCycle();
  await showStall();
}

/** A worker started from a module source, with `args`. */
function spawnSource<T>(source: string, name: string, args: unknown[]) {
  return spawn<T>(`data:text/javascript,${encodeURIComponent(source)}`, {
    name,
    args,
  });
}

/** Resolves once `condition()` holds, polling; throws after 10 s. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!condition()) {
    if (performance.now() > deadline) {
      throw new Error(`Timed out after 10 s waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The main thread holds a lock and joins a worker that waits for it. */
async function showJoinCycle(): Promise<void> {
  const config = new Lock({ name: "config" });
  config.acquire();
  const reader = spawnSource<void>(
    `export default (lock) => { lock.acquire(); lock.release(); };`,
    "reader",
    [config],
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    // A join without a timeout (a timed one would not count), bounded here.
    await Promise.race([
      reader.join(),
      new Promise((resolve) => timer = setTimeout(resolve, 10_000)),
    ]);
    config.release();
    await reader.result;
    console.log("join(): the worker got the lock (no cycle reported)");
  } catch (error) {
    console.log(
      `join(): the main thread holds a lock and joins a worker that waits for it; the worker's acquire threw ${error}`,
    );
  } finally {
    clearTimeout(timer);
    reader.terminate();
  }
}

/** Two workers wait on things only a waiting thread could end. */
async function showStall(): Promise<void> {
  const shutdown = new Event({ name: "shutdown" });
  const jobs = new SharedQueue<string>({ name: "jobs" });
  const watcher = spawnSource<boolean>(
    `export default (event) => event.wait();`,
    "watcher",
    [shutdown],
  );
  const consumer = spawnSource<string>(
    `export default (queue) => queue.get();`,
    "consumer",
    [jobs],
  );
  // The demo's own waits are bounded; counting timed waits lets the main
  // thread's bounded wait below count as a wait without a timeout.
  const previous = configure({ countTimedWaits: true });
  try {
    await until(
      () =>
        threadDump().threads.filter((thread) =>
          (thread.id === watcher.threadId ||
            thread.id === consumer.threadId) && thread.state === "parked"
        ).length === 2,
      "both workers to wait",
    );
    const joined = watcher.join({ timeout: 10_000 });
    await until(
      () => detectDeadlocks().stall !== undefined,
      "detectDeadlocks() to see the stall",
    );
    const stall = detectDeadlocks().stall!;
    console.log(
      `Stall: while the main thread awaits a join, detectDeadlocks() reports a ${stall.certainty} stall: ${
        stall.threads.map((thread) =>
          `${thread.threadName} (${thread.wait}${
            thread.waitsOn ? ` '${thread.waitsOn.name}'` : ""
          })`
        ).join(", ")
      }`,
    );
    await until(() => {
      // A join pending while it runs a callback: the main thread may still
      // wake someone. Blocked, it cannot: the stall is proven, and thrown.
      try {
        new Event({ name: "done" }).wait({ timeout: 10_000 });
      } catch (error) {
        if (!(error instanceof DeadlockError)) throw error;
        console.log(
          `Stall: the main thread blocks too, and its wait throws ${error}`,
        );
        return true;
      }
      return false;
    }, "the stall to be thrown");
    shutdown.set();
    jobs.put("done", { timeout: 5000 });
    await joined;
    await consumer.result;
  } finally {
    configure(previous);
    shutdown.set();
    watcher.terminate();
    consumer.terminate();
  }
}

/** The program's own error class, registered, arrives as itself. */
class QuotaError extends Error {
  override name = "QuotaError";
  limit = 0;
}

async function showWorkerErrorClass(): Promise<void> {
  registerErrorClass(QuotaError);
  const source = `class QuotaError extends Error {
    name = "QuotaError";
    limit = 3;
  }
  export default () => { throw new QuotaError("Over the quota of 3"); };`;
  const worker = spawn(`data:text/javascript,${encodeURIComponent(source)}`, {
    name: "quota",
  });
  try {
    await worker.result;
  } catch (error) {
    console.log(
      `registerErrorClass: worker "${worker.name}" threw, and the main thread caught ${
        error instanceof QuotaError
          ? `a QuotaError (limit ${error.limit})`
          : `something else: ${error}`
      }`,
    );
  } finally {
    worker.terminate();
  }
}

async function showAsyncTasksTakingTurns(): Promise<void> {
  const lock = new RLock({ name: "cache" });
  let inside = 0;
  let most = 0;
  const task = async (): Promise<void> => {
    for (let round = 0; round < 3; round++) {
      await using _ = await lock.holdAsync({ timeout: 5000 });
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inside--;
    }
  };
  await Promise.all([task(), task(), task()]);
  console.log(
    `RLock: 3 async tasks of the main thread, 9 turns, at most ${most} inside at once`,
  );
}

if (import.meta.main) await main(Deno.args);
