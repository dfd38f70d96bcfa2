#!/usr/bin/env -S deno run --allow-read=.
/**
 * The concurrency/ section of `deno task demo`: the lost-update counter
 * (workers sharing memory with and without a `Lock`), then one item through
 * a `SharedQueue` from a worker, then primitives freed and their memory
 * reused. The deadlock and interruption demos are scripts of their own.
 *
 * @module
 */

import { COMMON_USAGE, readPackageNeed, runScript } from "../_cli.ts";
import { Lock } from "./lock.ts";
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
  showMemoryReuse(100_000);
}

if (import.meta.main) await main(Deno.args);
