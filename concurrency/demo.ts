#!/usr/bin/env -S deno run --allow-read=.
/**
 * The concurrency/ section of `deno task demo`: the lost-update counter
 * (workers sharing memory with and without a `Lock`), then one item through
 * a `SharedQueue` from a worker, a worker's error of the program's own class,
 * three async tasks of one thread taking turns on an `RLock`, then primitives
 * freed and their memory reused. The deadlock and interruption demos are
 * scripts of their own.
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
