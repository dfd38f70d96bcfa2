#!/usr/bin/env -S deno run --allow-read=.
/**
 * The lost-update demo: N workers increment one shared counter, first with a
 * plain read-modify-write, then holding a `Lock` around it, and the two
 * totals are printed. Without the lock, increments that raced are lost; with
 * it the total is exact.
 *
 * ```sh
 * deno run --allow-read=. concurrency/counter_demo.ts --workers 4 --increments 200000
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { countWithAndWithoutLock, printCounterDemo } from "./_counter.ts";

const HELP =
  `Usage: deno run --allow-read=. concurrency/counter_demo.ts [options]

N workers increment one shared counter without and with a Lock; prints both totals.

Options:
  --workers <n>       workers (default 4)
  --increments <n>    increments per worker (default 200000)
  -h, --help          show this help`;

/**
 * The command line: parses the flags and prints both totals.
 *
 * @param args Command-line arguments (see `--help`).
 *
 * @example Print the help
 * ```ts
 * import { main } from "./counter_demo.ts";
 *
 * await main(["--help"]);
 * ```
 */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      workers: { type: "string", default: "4" },
      increments: { type: "string", default: "200000" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const workers = Number(values.workers);
  printCounterDemo(
    await countWithAndWithoutLock({
      workers,
      increments: Number(values.increments),
    }),
    workers,
  );
}

if (import.meta.main) await main(Deno.args);
