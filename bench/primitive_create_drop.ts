#!/usr/bin/env -S deno run --allow-read=. --allow-write=bench/results.json
/**
 * What a primitive costs to create and drop, each kind against the cheapest
 * shared word JavaScript offers, `new Int32Array(new SharedArrayBuffer(16))`:
 * create + `dispose()` (the block goes back to its free list at once), and
 * for `Lock` create + drop to the garbage collector (its finalizer frees the
 * block later). Ratios are measured in one run and recorded in
 * `bench/results.json`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  Lock,
  RLock,
  Semaphore,
  SharedQueue,
  StopFlag,
} from "../concurrency/mod.ts";
import { type Comparison, recordComparisons } from "./_results.ts";
import { bestNsPerOp } from "./_timing.ts";

const HELP =
  `Usage: deno run --allow-read=. --allow-write=bench/results.json bench/primitive_create_drop.ts [options]

Options:
  --iterations <n>     creations per sample (default 100000)
  --samples <n>        samples per measure; the best is kept (default 5)
  -h, --help           show this help`;

/** The kinds measured, each made the way a caller would. */
const KINDS: [string, () => Disposable][] = [
  ["Lock", () => new Lock()],
  ["RLock", () => new RLock()],
  ["Condition", () => new Condition()],
  ["Semaphore", () => new Semaphore(1)],
  ["BoundedSemaphore", () => new BoundedSemaphore(1)],
  ["Event", () => new Event()],
  ["Barrier", () => new Barrier(2)],
  ["SharedQueue", () => new SharedQueue({ capacity: 64 })],
  ["StopFlag", () => new StopFlag()],
];

let sink = 0;

function reference(iterations: number): void {
  for (let i = 0; i < iterations; i++) {
    sink += new Int32Array(new SharedArrayBuffer(16)).length;
  }
}

function createAndDispose(make: () => Disposable): (n: number) => void {
  return (iterations) => {
    for (let i = 0; i < iterations; i++) {
      using _ = make();
    }
  };
}

/** Lock create + drop, the collector freeing: timed with turns of the event loop in between, so finalizers run. */
async function createAndDrop(iterations: number): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < iterations; done += 10_000) {
    for (let i = 0; i < 10_000; i++) sink += new Lock().id;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return ((performance.now() - started) * 1e6) / iterations;
}

/** Measures every kind against the reference and records the ratios. */
export async function run(iterations: number, samples: number): Promise<void> {
  const measured: Comparison[] = [];
  const floor = bestNsPerOp(reference, iterations, samples, 10_000);
  console.log(
    `Create + drop, main thread (best of ${samples} samples of ${iterations}, ns per primitive):`,
  );
  console.log(
    `  ${"new Int32Array(new SharedArrayBuffer(16))".padEnd(44)}${
      floor.toFixed(0).padStart(8)
    } ns`,
  );
  for (const [kind, make] of KINDS) {
    const cost = bestNsPerOp(
      createAndDispose(make),
      iterations,
      samples,
      10_000,
    );
    console.log(
      `  ${`${kind} create + dispose()`.padEnd(44)}${
        cost.toFixed(0).padStart(8)
      } ns  ${(cost / floor).toFixed(2)}x`,
    );
    measured.push({
      id: `concurrency.create_dispose.${kind}`,
      title: `${kind} create + dispose()`,
      ratio: cost / floor,
      peer: "new Int32Array(new SharedArrayBuffer(16))",
      figures: { wirework: cost, reference: floor },
      unit: "ns/op",
    });
  }
  let dropped = Infinity;
  for (let sample = 0; sample < samples; sample++) {
    dropped = Math.min(dropped, await createAndDrop(iterations));
  }
  console.log(
    `  ${"Lock create + drop (the collector frees)".padEnd(44)}${
      dropped.toFixed(0).padStart(8)
    } ns  ${(dropped / floor).toFixed(2)}x`,
  );
  measured.push({
    id: "concurrency.create_drop.Lock",
    title: "Lock create + drop to the garbage collector",
    ratio: dropped / floor,
    peer: "new Int32Array(new SharedArrayBuffer(16))",
    figures: { wirework: dropped, reference: floor },
    unit: "ns/op",
  });
  if (sink === -1) console.log(sink);
  await recordComparisons("bench:concurrency", measured);
}

/** The command line: `--iterations`, `--samples`, `--help`. */
export async function main(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        iterations: { type: "string", default: "100000" },
        samples: { type: "string", default: "5" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const iterations = Number(values.iterations);
  const samples = Number(values.samples);
  if (!(Number.isInteger(iterations) && iterations >= 10_000)) {
    console.error(
      `Bad --iterations "${values.iterations}": a whole number >= 10000`,
    );
    Deno.exit(2);
  }
  if (!(Number.isInteger(samples) && samples >= 1)) {
    console.error(`Bad --samples "${values.samples}": a whole number >= 1`);
    Deno.exit(2);
  }
  await run(iterations, samples);
}

if (import.meta.main) await main(Deno.args);
