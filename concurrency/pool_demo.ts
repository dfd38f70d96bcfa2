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

import { parseArgs } from "node:util";
import { countPrimesInPool, progressLine, reportLines } from "./_pool_demo.ts";

const HELP = `Usage: deno run --allow-read=. concurrency/pool_demo.ts [options]

Counts the primes below N across a WorkerPool, with a live progress line on
stderr. Ctrl-C cancels: running chunks are interrupted, and the demo shows
how far each worker got and that every worker survived.

Options:
  --limit <n>          count the primes below n (default 5000000)
  --chunk <n>          numbers per task (default 100000)
  --workers <n>        pool size (default: the number of cores)
  --cancel-after <ms>  cancel by itself after ms, as Ctrl-C would
  -h, --help           show this help`;

function positiveInteger(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `Cannot use --${name} "${text}": it must be an integer >= 1`,
    );
  }
  return value;
}

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
  let limit: number, chunkSize: number, workers: number;
  let cancelAfter: number | undefined;
  try {
    const { values } = parseArgs({
      args,
      options: {
        limit: { type: "string", default: "5000000" },
        chunk: { type: "string", default: "100000" },
        workers: {
          type: "string",
          default: String(navigator.hardwareConcurrency),
        },
        "cancel-after": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(HELP);
      return;
    }
    limit = positiveInteger("limit", values.limit);
    chunkSize = positiveInteger("chunk", values.chunk);
    workers = positiveInteger("workers", values.workers);
    if (values["cancel-after"] !== undefined) {
      cancelAfter = positiveInteger("cancel-after", values["cancel-after"]);
    }
  } catch (error) {
    console.error(`pool_demo: ${(error as Error).message}`);
    Deno.exit(2);
  }
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort(new Error("Ctrl-C"));
  Deno.addSignalListener("SIGINT", onInterrupt);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const live = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  try {
    console.log(
      `counting primes below ${limit} in chunks of ${chunkSize} on a pool of ${workers}${
        cancelAfter === undefined ? "" : `, cancelling after ${cancelAfter} ms`
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
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

if (import.meta.main) await main(Deno.args);
