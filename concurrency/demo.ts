#!/usr/bin/env -S deno run --allow-read=.
/**
 * The concurrency/ section of `deno task demo`: the lost-update counter
 * (workers sharing memory with and without a `Lock`), then one item through
 * a `SharedQueue` from a worker. The deadlock and interruption demos are
 * scripts of their own.
 *
 * @module
 */

import { COMMON_USAGE, readPackageNeed, runScript } from "../_cli.ts";
import { SharedQueue } from "./shared_queue.ts";
import { spawn } from "./spawn.ts";
import { countWithAndWithoutLock, printCounterDemo } from "./_counter.ts";

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
}

if (import.meta.main) await main(Deno.args);
