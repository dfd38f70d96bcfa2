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

import {
  COMMON_USAGE,
  integerFlag,
  readPackageNeed,
  runScript,
  UsageError,
} from "../_cli.ts";
import { countWithAndWithoutLock, printCounterDemo } from "./_counter.ts";

/** The most workers the demo starts: each is a thread with its own V8 isolate. */
export const MAX_WORKERS = 64;

const HELP = `Usage: counter_demo.ts [options]

N workers increment one shared counter without and with a Lock; prints both
totals. Needs --allow-read for the package (workers load their modules).

Options:
      --workers N        workers, 1 to ${MAX_WORKERS} (default 4)
      --increments N     increments per worker, 1 to 10000000 (default 200000)
${COMMON_USAGE}`;

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
  await runScript(args, {
    name: "counter_demo.ts",
    usage: HELP,
    options: {
      workers: { type: "string" },
      increments: { type: "string" },
    },
    needs: readPackageNeed(import.meta.url),
  }, async (values) => {
    const workers = integerFlag(values.workers, "--workers", 4, 1, MAX_WORKERS);
    const increments = integerFlag(
      values.increments,
      "--increments",
      200_000,
      1,
      10_000_000,
    );
    if (workers * increments > 0x7fff_ffff) {
      throw new UsageError(
        `Cannot count to ${
          workers * increments
        }: the shared counter is a 32-bit integer, so keep --workers x --increments under 2147483648`,
      );
    }
    // A live progress line on a terminal; nothing extra when piped.
    const live = Deno.stderr.isTerminal();
    const encoder = new TextEncoder();
    const result = await countWithAndWithoutLock({
      workers,
      increments,
      onProgress: live
        ? (round, count, expected) =>
          Deno.stderr.writeSync(encoder.encode(
            `\r  ${round} the lock: ${count.toLocaleString("en")} of ${
              expected.toLocaleString("en")
            } (${Math.floor((count / expected) * 100)}%)\x1b[K`,
          ))
        : undefined,
    });
    if (live) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
    printCounterDemo(result, workers);
  });
}

if (import.meta.main) await main(Deno.args);
