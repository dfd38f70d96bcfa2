/**
 * The hot-path measurements of bench/ab_compare.ts, run in a process of
 * their own against the `concurrency/` whose `mod.ts` it is given, so the
 * same code measures two versions of the library. Uses only public names
 * that every version has, plus the thread table's park word (`_runtime.ts`)
 * to interrupt a worker once it is parked. Prints one line of JSON: the
 * figures by name.
 *
 * @module
 */

import { parseArgs } from "node:util";
import type * as Library from "../concurrency/mod.ts";
import type * as Runtime from "../concurrency/_runtime.ts";

type Concurrency = typeof Library;

/** The figures of one run, by name. */
export type Figures = Record<string, number>;

/** How much each measurement does. */
export interface MeasureSizes {
  /** Uncontended acquire+release pairs per sample. */
  pairs: number;
  /** Hand-off steps and Condition round trips. */
  steps: number;
  /** SharedQueue messages. */
  messages: number;
  /** Interrupts timed. */
  interrupts: number;
}

const WORKER = new URL("./_ab_measure_worker.ts", import.meta.url);
const TIMEOUT = 60_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** ns per uncontended acquire+release on this thread: the median of 5 samples. */
function uncontended(library: Concurrency, pairs: number): number {
  const lock = new library.Lock();
  const run = (n: number): void => {
    for (let i = 0; i < n; i++) {
      lock.acquire();
      lock.release();
    }
  };
  run(Math.min(pairs, 100_000));
  const samples: number[] = [];
  for (let sample = 0; sample < 5; sample++) {
    const started = performance.now();
    run(pairs);
    samples.push(((performance.now() - started) * 1e6) / pairs);
  }
  return median(samples);
}

async function twoWorkers(
  library: Concurrency,
  libraryUrl: string,
  scenario: [string, string],
  args: (role: string) => unknown[],
): Promise<number[]> {
  const workers = scenario.map((name, i) =>
    library.spawn<number>(WORKER, {
      args: [libraryUrl, name, ...args(i === 0 ? "A" : "B")],
    })
  );
  try {
    return await Promise.all(workers.map((worker) => worker.result));
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

/** µs per round trip of two workers handing three `Lock`s around. */
async function handoff(
  library: Concurrency,
  libraryUrl: string,
  steps: number,
): Promise<number> {
  const locks = [new library.Lock(), new library.Lock(), new library.Lock()];
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const [elapsed] = await twoWorkers(
    library,
    libraryUrl,
    ["lock-rotation", "lock-rotation"],
    (role) => [role, locks, steps, ready],
  );
  return (elapsed! * 1000) / steps;
}

/** µs per round trip of two workers taking turns through one `Condition`. */
async function conditionPingPong(
  library: Concurrency,
  libraryUrl: string,
  rounds: number,
): Promise<number> {
  const condition = new library.Condition();
  const turn = new Int32Array(new SharedArrayBuffer(4));
  const times = await twoWorkers(
    library,
    libraryUrl,
    ["condition-ping-pong", "condition-ping-pong"],
    (role) => [role, condition, turn, rounds],
  );
  return (Math.max(...times) * 1000) / rounds;
}

/** 64-byte messages per second from one worker to another through a `SharedQueue`. */
async function queueRate(
  library: Concurrency,
  libraryUrl: string,
  messages: number,
): Promise<number> {
  const queue = new library.SharedQueue<unknown>({ capacity: 64 * 1024 });
  const start = new library.Barrier(2);
  const [, elapsed] = await twoWorkers(
    library,
    libraryUrl,
    ["queue-produce", "queue-consume"],
    () => [queue, start, messages],
  );
  return ((messages - 1) / elapsed!) * 1000;
}

/** µs from `interrupt()` to the parked worker's answer, over `count` interrupts (after 50 unrecorded). */
async function interruptLatency(
  library: Concurrency,
  libraryUrl: string,
  count: number,
): Promise<number[]> {
  const runtime: typeof Runtime = await import(
    new URL("./_runtime.ts", libraryUrl).href
  );
  const view = runtime.words();
  const lock = new library.Lock();
  lock.acquire();
  const ack = new Int32Array(new SharedArrayBuffer(8));
  const worker = library.spawn<number>(WORKER, {
    args: [libraryUrl, "parked-lock", lock, ack],
  });
  const parked = runtime.slotBase(worker.threadId) + runtime.Slot.PARK_INDEX;
  const untilParked = (): void => {
    const deadline = performance.now() + TIMEOUT;
    while (Atomics.load(view, parked) === 0) {
      if (performance.now() > deadline) {
        throw new Error("The worker did not park within 60 s");
      }
    }
  };
  const times: number[] = [];
  try {
    for (let round = 0; round < count + 50; round++) {
      untilParked();
      const seen = Atomics.load(ack, 0);
      const started = performance.now();
      worker.interrupt();
      if (Atomics.wait(ack, 0, seen, TIMEOUT) === "timed-out") {
        throw new Error("The worker did not answer an interrupt within 60 s");
      }
      if (round >= 50) times.push((performance.now() - started) * 1000);
    }
    Atomics.store(ack, 1, 1);
    untilParked();
    worker.interrupt();
    await worker.result;
  } finally {
    worker.terminate();
    lock.release();
  }
  return times;
}

/**
 * Runs every measurement once against the library whose `mod.ts` is at
 * `libraryUrl`.
 *
 * @param libraryUrl The URL of a `concurrency/mod.ts`.
 * @param sizes How much each measurement does.
 * @returns The figures by name.
 */
export async function measure(
  libraryUrl: string,
  sizes: MeasureSizes,
): Promise<Figures> {
  const library: Concurrency = await import(libraryUrl);
  const latencies = await interruptLatency(
    library,
    libraryUrl,
    sizes.interrupts,
  );
  return {
    uncontended: uncontended(library, sizes.pairs),
    handoff: await handoff(library, libraryUrl, sizes.steps),
    condition: await conditionPingPong(library, libraryUrl, sizes.steps),
    queue: await queueRate(library, libraryUrl, sizes.messages),
    "interrupt p50": median(latencies),
    "interrupt p99": percentile(latencies, 0.99),
  };
}

/** Two workers of one library that run a pair of scenarios once per `run()`. */
interface Burster {
  /** Runs one burst; returns each worker's ms. */
  run(): Promise<number[]>;
  /** Ends both workers. */
  stop(): Promise<void>;
}

function burster(
  library: Concurrency,
  libraryUrl: string,
  scenario: [string, string],
  args: (role: string) => unknown[],
): Burster {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const times = new Float64Array(new SharedArrayBuffer(16));
  const workers = scenario.map((name, slot) =>
    library.spawn<number>(WORKER, {
      args: [
        libraryUrl,
        "bursts",
        control,
        times,
        slot,
        name,
        ...args(slot === 0 ? "A" : "B"),
      ],
    })
  );
  // Settles only when a worker fails (or both end, after stop).
  const ended = Promise.all(workers.map((worker) => worker.result));
  ended.catch(() => {});
  let burst = 0;
  return {
    async run() {
      Atomics.store(control, 1, 0);
      Atomics.store(control, 0, ++burst);
      Atomics.notify(control, 0);
      const deadline = performance.now() + TIMEOUT;
      for (let done; (done = Atomics.load(control, 1)) < 2;) {
        const left = deadline - performance.now();
        if (left <= 0) throw new Error("A burst did not end within 60 s");
        const wait = Atomics.waitAsync(control, 1, done, left);
        if (wait.async) await Promise.race([wait.value, ended]);
      }
      return [times[0]!, times[1]!];
    },
    async stop() {
      Atomics.store(control, 0, -1);
      Atomics.notify(control, 0);
      // A worker's failure was thrown by the run it broke, and a worker
      // stuck in a broken burst is terminated after the time-out all the
      // same: the other side's workers must still be stopped.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise((resolve) =>
        timer = setTimeout(resolve, TIMEOUT)
      );
      await Promise.race([ended.catch(() => {}), late]);
      clearTimeout(timer);
      for (const worker of workers) worker.terminate();
    },
  };
}

/** Starts the two workers of one two-worker measure; returns them and how a burst's ms become its figure. */
function startMeasure(
  name: "condition" | "queue",
  library: Concurrency,
  libraryUrl: string,
  sizes: MeasureSizes,
): [Burster, (ms: number[]) => number] {
  if (name === "condition") {
    const condition = new library.Condition();
    const turn = new Int32Array(new SharedArrayBuffer(4));
    return [
      burster(
        library,
        libraryUrl,
        ["condition-ping-pong", "condition-ping-pong"],
        (role) => [role, condition, turn, sizes.steps],
      ),
      (ms) => (Math.max(...ms) * 1000) / sizes.steps,
    ];
  }
  const queue = new library.SharedQueue<unknown>({ capacity: 64 * 1024 });
  const start = new library.Barrier(2);
  return [
    burster(
      library,
      libraryUrl,
      ["queue-produce", "queue-consume"],
      () => [queue, start, sizes.messages],
    ),
    (ms) => ((sizes.messages - 1) / ms[1]!) * 1000,
  ];
}

/**
 * Measures `Condition` ping-pong and `SharedQueue` throughput for two
 * libraries in this one process: two workers per library stay up, and
 * bursts of each side take turns (old, new, new, old, …), so both see the
 * same process, the same moment of the machine and the same warm-up; a
 * drift of the machine falls on both sides of a pair.
 *
 * @param libraryUrls The `concurrency/mod.ts` of the old side and the new.
 * @param sizes Round trips (`steps`) and `messages` per burst.
 * @param bursts Bursts of each side, after two unrecorded ones.
 * @returns Each side's figures, one a burst.
 */
export async function measureTogether(
  libraryUrls: Record<"old" | "new", string>,
  sizes: MeasureSizes,
  bursts: number,
): Promise<Record<"old" | "new", Figures[]>> {
  const sides = ["old", "new"] as const;
  const figures: Record<"old" | "new", Figures[]> = {
    old: Array.from({ length: bursts }, () => ({})),
    new: Array.from({ length: bursts }, () => ({})),
  };
  const libraries: Concurrency[] = [];
  for (const side of sides) libraries.push(await import(libraryUrls[side]));
  for (const name of ["condition", "queue"] as const) {
    const measures: ReturnType<typeof startMeasure>[] = [];
    try {
      for (const [i, side] of sides.entries()) {
        measures.push(
          startMeasure(name, libraries[i]!, libraryUrls[side], sizes),
        );
      }
      for (let burst = -2; burst < bursts; burst++) {
        for (const i of burst % 2 === 0 ? [0, 1] : [1, 0]) {
          const [workers, figure] = measures[i]!;
          const value = figure(await workers.run());
          if (burst >= 0) figures[sides[i]!][burst]![name] = value;
        }
      }
    } finally {
      for (const [workers] of measures) await workers.stop();
    }
  }
  return figures;
}

/**
 * Runs {@linkcode measure} with `--library <url>` and the sizes as options,
 * and prints the figures as one line of JSON; with `--together --old <url>
 * --new <url> --bursts <n>`, runs {@linkcode measureTogether} instead and
 * prints both sides' figures.
 *
 * @param args The command-line arguments.
 */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      library: { type: "string" },
      pairs: { type: "string", default: "1000000" },
      steps: { type: "string", default: "5000" },
      messages: { type: "string", default: "100000" },
      interrupts: { type: "string", default: "300" },
      together: { type: "boolean", default: false },
      old: { type: "string" },
      new: { type: "string" },
      bursts: { type: "string", default: "200" },
    },
  });
  const sizes = {
    pairs: Number(values.pairs),
    steps: Number(values.steps),
    messages: Number(values.messages),
    interrupts: Number(values.interrupts),
  };
  if (values.together) {
    if (values.old === undefined || values.new === undefined) {
      throw new TypeError(
        "Cannot measure together: give --old and --new <url of mod.ts>",
      );
    }
    const libraries = { old: values.old, new: values.new };
    const figures = await measureTogether(
      libraries,
      sizes,
      Number(values.bursts),
    );
    console.log(JSON.stringify(figures));
    return;
  }
  if (values.library === undefined) {
    throw new TypeError("Cannot measure: give --library <url of mod.ts>");
  }
  const figures = await measure(values.library, sizes);
  console.log(JSON.stringify(figures));
}

if (import.meta.main) await main(Deno.args);
