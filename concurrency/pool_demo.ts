#!/usr/bin/env -S deno run --allow-read=.
/**
 * The `WorkerPool` demo: counts the primes below N, split in chunks across a
 * pool, with a live progress line on stderr. Ctrl-C (or `--cancel-after`)
 * cancels cooperatively: the running chunks are interrupted, each worker
 * stops at its next check, and the demo prints how far each worker got and
 * that every worker survived (the same threads answer a roll call after).
 * Offline.
 *
 * ```sh
 * deno run --allow-read=. concurrency/pool_demo.ts --limit 20000000
 * ```
 *
 * @module
 */

import {
  COMMON_USAGE,
  integerFlag,
  readPackageNeed,
  runScript,
} from "../_cli.ts";
import { countPrimesInPool, progressLine, reportLines } from "./_pool_demo.ts";
import { installThreadDump } from "./install_thread_dump.ts";

const HELP = `Usage: deno run --allow-read=. concurrency/pool_demo.ts [options]

Counts the primes below N across a WorkerPool, with a live progress line on
stderr. Ctrl-C cancels: running chunks are interrupted, and the demo shows
how far each worker got and that every worker survived (exit 130).

Options:
      --limit N          count the primes below N (default 5000000)
      --chunk N          numbers per task (default 100000)
      --workers N        pool size, 1 to 64 (default: the number of cores)
      --cancel-after MS  cancel by itself after MS, as Ctrl-C would
      --dump-after MS    print a thread dump to stderr if still running after MS
${COMMON_USAGE}`;

/**
 * The command line: parses the flags, counts, prints the report.
 *
 * @param args Command-line arguments (see `--help`).
 *
 * @example Print the help
 * ```ts
 * import { main } from "./pool_demo.ts";
 *
 * await main(["--help"]);
 * ```
 */
export async function main(args: string[]): Promise<void> {
  await runScript(args, {
    name: "pool_demo.ts",
    usage: HELP,
    options: {
      limit: { type: "string" },
      chunk: { type: "string" },
      workers: { type: "string" },
      "cancel-after": { type: "string" },
      "dump-after": { type: "string" },
    },
    needs: readPackageNeed(import.meta.url),
    onInterrupt: "stop",
  }, async (values, _positionals, { signal }) => {
    const limit = integerFlag(values.limit, "--limit", 5_000_000, 1, 2 ** 31);
    const chunkSize = integerFlag(values.chunk, "--chunk", 100_000, 1, 2 ** 31);
    const workers = integerFlag(
      values.workers,
      "--workers",
      Math.min(navigator.hardwareConcurrency, 64),
      1,
      64,
    );
    const cancelAfter = values["cancel-after"] === undefined
      ? undefined
      : integerFlag(values["cancel-after"], "--cancel-after", 0, 1);
    const dumpAfter = values["dump-after"];
    using _dump = dumpAfter === undefined ? undefined : installThreadDump({
      after: integerFlag(dumpAfter, "--dump-after", 0, 0, 3_600_000),
    });
    // Ctrl-C (the script's signal) and --cancel-after both cancel.
    const controller = new AbortController();
    const onInterrupt = (): void => controller.abort(new Error("Ctrl-C"));
    signal.addEventListener("abort", onInterrupt, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const live = Deno.stderr.isTerminal();
    const encoder = new TextEncoder();
    try {
      console.log(
        `counting primes below ${limit} in chunks of ${chunkSize} on a pool of ${workers}${
          cancelAfter === undefined
            ? ""
            : `, cancelling after ${cancelAfter} ms`
        } (Ctrl-C cancels)`,
      );
      const report = await countPrimesInPool({
        limit,
        chunkSize,
        workers,
        signal: controller.signal,
        onStart: () => {
          if (cancelAfter === undefined) return;
          timer = setTimeout(
            () => controller.abort(new Error("--cancel-after")),
            cancelAfter,
          );
        },
        onProgress: (checked) => {
          if (!live) return;
          Deno.stderr.writeSync(
            encoder.encode(`\r\x1b[K${progressLine(checked, limit)}`),
          );
        },
      });
      if (live) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
      for (const line of reportLines(report, limit)) console.log(line);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", onInterrupt);
    }
  });
}

if (import.meta.main) await main(Deno.args);
