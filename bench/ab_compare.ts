#!/usr/bin/env -S deno run --allow-read --allow-write=/tmp --allow-run=git,deno,valgrind --allow-sys=loadavg
/**
 * Before and after, for the hot paths of `concurrency/`: checks a revision
 * out into a temporary git worktree outside the repository, then runs the
 * same measurements (bench/_ab_measure.ts, each run a process of its own)
 * against that revision's library and this tree's, alternating (old, new,
 * new, old, …) for several rounds, and prints the median of each figure and
 * the new/old ratio: uncontended `Lock` acquire+release, the two-worker
 * `Lock` hand-off, `Condition` ping-pong, `SharedQueue` throughput and
 * interrupt latency (median and 99th percentile).
 *
 * With `--together` it times the two-worker measures that move most
 * between processes, `Condition` ping-pong and `SharedQueue` throughput,
 * with both libraries in one process instead: two workers per library stay
 * up and their bursts take turns, so each pair of bursts shares the
 * process, its warm-up and the moment of the machine.
 *
 * With `--instructions` it counts instead of timing: each operation of
 * bench/_ab_instructions.ts runs on one thread under valgrind (cachegrind,
 * V8 on one thread with fixed random and hash seeds) at two counts, and the
 * difference of the instructions executed, over the difference of the
 * counts, is the instructions per operation. Start-up cancels out and what
 * is left repeats to a few hundredths of a percent from run to run, where
 * the times move by tens of percent on a busy machine; it measures work
 * done, not waiting, cache misses or contention.
 *
 * A development aid: it records nothing (bench/results.json is left alone)
 * and removes its worktree on every way out, Ctrl-C included.
 *
 * @module
 */

import { parseArgs } from "node:util";
import type { Figures } from "./_ab_measure.ts";
import {
  INSTRUCTION_OPERATIONS,
  type InstructionOperation,
} from "./_ab_instructions.ts";

const HELP = `Usage: deno task bench:ab <revision> [options]

Measures concurrency/'s hot paths at <revision> (checked out into a temporary
git worktree, removed afterwards) and in this tree, alternating, and prints
the medians and the new/old ratios. Records nothing.

Options:
  --rounds <n>       runs of each side (default 5)
  --pairs <n>        uncontended acquire+release pairs per sample (default 1000000)
  --steps <n>        hand-off steps and Condition round trips (default 5000)
  --messages <n>     SharedQueue messages (default 100000)
  --interrupts <n>   interrupts timed per run (default 300)
  --together         time Condition ping-pong and SharedQueue throughput with
                     both libraries in one process, in alternating bursts of
                     --steps round trips and --messages messages; pairs the
                     bursts instead of the runs (the other measures and
                     --rounds are for separate processes)
  --bursts <n>       bursts of each side with --together (default 200)
  --instructions     count instructions per operation under valgrind instead
                     of timing (single-thread Lock, Semaphore, Event,
                     Condition and SharedQueue operations; repeats to a few
                     hundredths of a percent; takes several minutes; the
                     options above are for the timed runs)
  -h, --help         show this help`;

/** What the command line asked for. */
export interface AbOptions {
  /** The revision to compare this tree with. */
  revision: string;
  /** Runs of each side. */
  rounds: number;
  /** Sizes passed on to bench/_ab_measure.ts, as its options. */
  sizes: Record<"pairs" | "steps" | "messages" | "interrupts", number>;
  /** Count instructions under valgrind instead of timing. */
  instructions: boolean;
  /** Time the two-worker measures with both libraries in one process. */
  together: boolean;
  /** Bursts of each side, with `together`. */
  bursts: number;
}

/** A usage error: the script prints its message and exits with 2. */
export class UsageError extends Error {
  /** Creates the error. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(
      `Cannot use --${name} "${text}": give a positive whole number`,
    );
  }
  return value;
}

/**
 * Reads the command line.
 *
 * @returns The options, or undefined when help was asked for.
 * @throws {UsageError} When the arguments are wrong.
 */
export function parseAbArgs(args: string[]): AbOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        rounds: { type: "string", default: "5" },
        pairs: { type: "string", default: "1000000" },
        steps: { type: "string", default: "5000" },
        messages: { type: "string", default: "100000" },
        interrupts: { type: "string", default: "300" },
        instructions: { type: "boolean", default: false },
        together: { type: "boolean", default: false },
        bursts: { type: "string", default: "200" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  if (positionals.length !== 1) {
    throw new UsageError(
      `Cannot compare: give one revision (got ${positionals.length})`,
    );
  }
  return {
    revision: positionals[0]!,
    rounds: positiveInteger("rounds", values.rounds),
    sizes: {
      pairs: positiveInteger("pairs", values.pairs),
      steps: positiveInteger("steps", values.steps),
      messages: positiveInteger("messages", values.messages),
      interrupts: positiveInteger("interrupts", values.interrupts),
    },
    instructions: values.instructions,
    together: values.together,
    bursts: positiveInteger("bursts", values.bursts),
  };
}

/** What a figure is, and which way is better. */
export interface Measure {
  /** Its name in the figures. */
  name: string;
  /** Its name in the table. */
  label: string;
  /** Its unit: `ns`, `µs` or `/s`. */
  unit: string;
  /** Whether a higher figure is better. */
  higherIsBetter: boolean;
}

/** The timed measures, in the table's order. */
export const MEASURES: readonly Measure[] = [
  {
    name: "uncontended",
    label: "uncontended Lock acquire+release",
    unit: "ns",
    higherIsBetter: false,
  },
  {
    name: "handoff",
    label: "two-worker Lock hand-off, round trip",
    unit: "µs",
    higherIsBetter: false,
  },
  {
    name: "condition",
    label: "Condition ping-pong, round trip",
    unit: "µs",
    higherIsBetter: false,
  },
  {
    name: "queue",
    label: "SharedQueue 64-byte messages",
    unit: "/s",
    higherIsBetter: true,
  },
  {
    name: "interrupt p50",
    label: "interrupt latency, median",
    unit: "µs",
    higherIsBetter: false,
  },
  {
    name: "interrupt p99",
    label: "interrupt latency, 99th percentile",
    unit: "µs",
    higherIsBetter: false,
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function formatFigure(value: number, unit: string): string {
  if (unit === "/s") return `${Math.round(value).toLocaleString("en")}/s`;
  return `${value.toFixed(1)} ${unit}`;
}

/** The median and, after it, how far the runs spread: half their range, in % of the median. */
function formatRuns(values: number[], unit: string): string {
  const middle = median(values);
  const spread = (Math.max(...values) - Math.min(...values)) / 2 / middle;
  return `${formatFigure(middle, unit)} ±${(spread * 100).toFixed(0)}%`;
}

/** Student's t at 97.5% for 1 to 30 degrees of freedom; 1.96 beyond. */
const T_975 = [
  12.71,
  4.3,
  3.18,
  2.78,
  2.57,
  2.45,
  2.36,
  2.31,
  2.26,
  2.23,
  2.2,
  2.18,
  2.16,
  2.14,
  2.13,
  2.12,
  2.11,
  2.1,
  2.09,
  2.09,
  2.08,
  2.07,
  2.07,
  2.06,
  2.06,
  2.06,
  2.05,
  2.05,
  2.05,
  2.04,
];

/** A new/old ratio with its 95% confidence interval. */
export interface PairedRatio {
  /** The geometric mean of the rounds' ratios. */
  ratio: number;
  /** The interval's lower end. */
  low: number;
  /** The interval's upper end. */
  high: number;
}

/**
 * The geometric mean of each round's new/old ratio, with its 95% interval
 * (Student's t over the logarithms). Each round runs both sides back to
 * back, so a drift of the machine's speed over minutes falls on both and
 * drops out of the ratio, where it widens the medians' spread.
 *
 * @param old The old side's figure, one a round.
 * @param current The new side's figure, one a round, in the same order.
 * @returns The ratio; undefined with fewer than two rounds.
 */
export function pairedRatio(
  old: number[],
  current: number[],
): PairedRatio | undefined {
  const rounds = Math.min(old.length, current.length);
  if (rounds < 2) return undefined;
  const logs = Array.from(
    { length: rounds },
    (_, i) => Math.log(current[i]! / old[i]!),
  );
  const mean = logs.reduce((sum, x) => sum + x, 0) / rounds;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) /
    (rounds - 1);
  const half = (T_975[rounds - 2] ?? 1.96) * Math.sqrt(variance / rounds);
  return {
    ratio: Math.exp(mean),
    low: Math.exp(mean - half),
    high: Math.exp(mean + half),
  };
}

/**
 * The table of medians (with the spread of the runs), new/old ratios of the
 * medians, and the paired ratio with its 95% interval, one line a measure.
 *
 * @param old The figures of each run of the old revision.
 * @param current The figures of each run of this tree.
 * @param measures The measures to show, in order.
 * @returns The lines to print.
 */
export function summarize(
  old: Figures[],
  current: Figures[],
  measures: readonly Measure[] = MEASURES,
): string[] {
  const lines = [
    `${"measure".padEnd(38)} ${"old".padStart(20)} ${
      "new".padStart(20)
    }  new/old         paired, 95% interval`,
  ];
  for (const measure of measures) {
    const olds = old.map((figures) => figures[measure.name]!);
    const news = current.map((figures) => figures[measure.name]!);
    const before = median(olds);
    const after = median(news);
    const ratio = after / before;
    const better = measure.higherIsBetter ? ratio > 1 : ratio < 1;
    const same = ratio.toFixed(2) === "1.00";
    const verdict = same ? "" : better ? " (better)" : " (worse)";
    const paired = pairedRatio(olds, news);
    const interval = paired === undefined
      ? ""
      : `  ${paired.ratio.toFixed(3)}x (${paired.low.toFixed(3)}-${
        paired.high.toFixed(3)
      })`;
    lines.push(
      `${measure.label.padEnd(38)} ${
        formatRuns(olds, measure.unit).padStart(20)
      } ${formatRuns(news, measure.unit).padStart(20)}  ${
        `${ratio.toFixed(2)}x${verdict}`.padEnd(14)
      }${interval}`,
    );
  }
  return lines;
}

/** Runs git in the repository; returns its trimmed output. */
async function git(repository: string, args: string[]): Promise<string> {
  const output = await new Deno.Command("git", {
    args: ["-C", repository, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const message = new TextDecoder().decode(output.stderr).trim()
      .split("\n")[0];
    throw new Error(`git ${args[0]} failed: ${message}`);
  }
  return new TextDecoder().decode(output.stdout).trim();
}

const MEASURE_SCRIPT = new URL("./_ab_measure.ts", import.meta.url);

/**
 * Runs bench/_ab_measure.ts with `args` after its permissions; returns the
 * last line of its output, read as JSON. `what` names what it measured, for
 * the error.
 */
async function runMeasure(
  args: string[],
  what: string,
  signal: AbortSignal,
): Promise<unknown> {
  const [permissions, ...rest] = args;
  const output = await new Deno.Command("deno", {
    args: [
      "run",
      `--lock=${new URL("./deno.lock", import.meta.url).pathname}`,
      permissions!,
      MEASURE_SCRIPT.href,
      ...rest,
    ],
    // Uncoloured, so its error line starts with "error".
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
    signal,
  }).output();
  if (!output.success) {
    const message = new TextDecoder().decode(output.stderr).trim().split("\n")
      .find((line) => line.startsWith("error")) ?? `exit ${output.code}`;
    throw new Error(`A measurement of ${what} failed: ${message}`);
  }
  const lines = new TextDecoder().decode(output.stdout).trim().split("\n");
  return JSON.parse(lines[lines.length - 1]!);
}

/** Runs bench/_ab_measure.ts once against the library at `library`. */
async function measureOnce(
  library: URL,
  readable: string[],
  options: AbOptions,
  signal: AbortSignal,
): Promise<Figures> {
  const sizes = Object.entries(options.sizes).flatMap(([name, value]) => [
    `--${name}`,
    String(value),
  ]);
  return await runMeasure(
    [
      `--allow-read=${readable.join(",")}`,
      "--library",
      library.href,
      ...sizes,
    ],
    library.pathname,
    signal,
  ) as Figures;
}

function loadAverage(): string {
  try {
    return Deno.loadavg().map((load) => load.toFixed(2)).join(" ");
  } catch {
    return "unknown";
  }
}

/** The two libraries compared, and where they are. */
interface Sides {
  /** The top of this tree. */
  repository: string;
  /** The temporary worktree of the old revision. */
  tree: string;
  /** The commit checked out there. */
  commit: string;
  /** The `concurrency/mod.ts` of each side. */
  libraries: Record<"old" | "new", URL>;
}

/**
 * Checks `revision` out into a temporary worktree, runs `use` on both
 * sides, and removes the worktree on every way out.
 */
async function withOldRevision(
  revision: string,
  use: (sides: Sides) => Promise<void>,
): Promise<void> {
  const repository = await git(".", ["rev-parse", "--show-toplevel"]);
  const commit = await git(repository, [
    "rev-parse",
    "--verify",
    "--quiet",
    `${revision}^{commit}`,
  ]).catch(() => {
    throw new Error(`Cannot compare: no commit "${revision}"`);
  });
  const temporary = await Deno.makeTempDir({ prefix: "wirework-ab-" });
  const tree = `${temporary}/old`;
  try {
    await git(repository, ["worktree", "add", "--detach", tree, commit]);
    await use({
      repository,
      tree,
      commit,
      libraries: {
        old: new URL(`file://${tree}/concurrency/mod.ts`),
        new: new URL(`file://${repository}/concurrency/mod.ts`),
      },
    });
  } finally {
    await git(repository, ["worktree", "remove", "--force", tree]).catch(
      () => {},
    );
    await Deno.remove(temporary, { recursive: true }).catch(() => {});
  }
}

/**
 * Checks `options.revision` out into a temporary worktree, measures both
 * libraries alternately (in separate processes, or with `together` in one)
 * and prints the table; removes the worktree on every way out.
 *
 * @param options What to compare.
 * @param signal Stops the runs (Ctrl-C).
 * @param print Where the lines go.
 */
export async function compareWithRevision(
  options: AbOptions,
  signal: AbortSignal,
  print: (line: string) => void = console.log,
): Promise<void> {
  await withOldRevision(options.revision, async (sides) => {
    if (options.together) {
      return await timeTogether(sides, options, signal, print);
    }
    const { repository, tree, commit, libraries } = sides;
    const runs: Record<"old" | "new", Figures[]> = { old: [], new: [] };
    print(
      `concurrency/ hot paths: ${options.revision} (${
        commit.slice(0, 7)
      }) as old, this tree as new; ${options.rounds} rounds, alternating; load average ${loadAverage()}`,
    );
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0
        ? (["old", "new"] as const)
        : (["new", "old"] as const);
      for (const side of order) {
        signal.throwIfAborted();
        runs[side].push(
          await measureOnce(
            libraries[side],
            [repository, tree],
            options,
            signal,
          ),
        );
      }
      print(`  round ${round + 1} of ${options.rounds} done`);
    }
    print("");
    for (const line of summarize(runs.old, runs.new)) print(line);
    print(
      `medians of ${options.rounds} runs a side; paired: the geometric mean of each round's new/old, with its 95% interval (one that holds 1 shows no change these runs can tell; more rounds narrow it); load average now ${loadAverage()}`,
    );
  });
}

/** The measures `--together` times. */
export const TOGETHER_MEASURES: readonly Measure[] = MEASURES.filter((
  measure,
) => measure.name === "condition" || measure.name === "queue");

/**
 * Times the two-worker measures with both libraries in one process
 * (`--together`) and prints the table, pairing each burst of the old side
 * with its neighbour of the new.
 */
async function timeTogether(
  sides: Sides,
  options: AbOptions,
  signal: AbortSignal,
  print: (line: string) => void,
): Promise<void> {
  const { repository, tree, commit, libraries } = sides;
  print(
    `concurrency/ two-worker paths: ${options.revision} (${
      commit.slice(0, 7)
    }) as old, this tree as new, in one process; ${options.bursts} bursts a side, alternating; load average ${loadAverage()}`,
  );
  const runs = await runMeasure(
    [
      `--allow-read=${repository},${tree}`,
      "--together",
      "--old",
      libraries.old.href,
      "--new",
      libraries.new.href,
      "--bursts",
      String(options.bursts),
      "--steps",
      String(options.sizes.steps),
      "--messages",
      String(options.sizes.messages),
    ],
    "the two libraries",
    signal,
  ) as Record<"old" | "new", Figures[]>;
  print("");
  for (const line of summarize(runs.old, runs.new, TOGETHER_MEASURES)) {
    print(line);
  }
  print(
    `medians of ${options.bursts} bursts a side (${options.sizes.steps} round trips, ${options.sizes.messages} messages each); paired: the geometric mean of each pair of bursts' new/old, with its 95% interval; load average now ${loadAverage()}`,
  );
}

/** The one line printed when valgrind cannot be run. */
export const NO_VALGRIND =
  "Cannot count instructions: valgrind is not installed (apt-get install valgrind)";

/**
 * Reads the number of instructions executed from valgrind's summary on
 * stderr (cachegrind's `I   refs:      1,694,875,651` line).
 *
 * @param stderr What valgrind wrote to stderr.
 * @returns The instructions executed.
 * @throws {Error} When there is no such line.
 */
export function parseInstructionRefs(stderr: string): number {
  const match = /^(?:==\d+== )?I\s+refs:\s+([\d,]+)\s*$/m.exec(stderr);
  if (match === null) {
    throw new Error(
      'Cannot read valgrind\'s summary: no "I refs:" line on its stderr',
    );
  }
  return Number(match[1]!.replaceAll(",", ""));
}

/** The instructions a run executed, and how many operations it did. */
export interface InstructionRun {
  /** Operations in the counted part. */
  count: number;
  /** Instructions executed by the whole process. */
  refs: number;
}

/**
 * The instructions of one operation: the difference of two runs' totals
 * over the difference of their counts, which cancels everything the runs
 * share (start-up, warm-up, exit).
 *
 * @param small The run with fewer operations.
 * @param large The run with more.
 * @returns Instructions per operation.
 * @throws {RangeError} When the counts are the same.
 */
export function instructionsPerOperation(
  small: InstructionRun,
  large: InstructionRun,
): number {
  if (small.count === large.count) {
    throw new RangeError(
      `Cannot take a difference of two runs of ${small.count} operations`,
    );
  }
  return (large.refs - small.refs) / (large.count - small.count);
}

/** One line of the instruction table: undefined where a side lacks the operation. */
export interface InstructionRow {
  /** What one operation is. */
  label: string;
  /** Instructions per operation at the old revision. */
  old: number | undefined;
  /** Instructions per operation in this tree. */
  new: number | undefined;
}

function formatInstructions(value: number | undefined): string {
  if (value === undefined) return "n/a";
  return value.toLocaleString("en", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

/**
 * The table of instructions per operation and new/old ratios, one line an
 * operation; fewer instructions is better, and a ratio within 0.1% of 1 is
 * left unjudged (the counts repeat to a few hundredths of a percent).
 *
 * @param rows The counts of each operation.
 * @returns The lines to print.
 */
export function summarizeInstructions(rows: InstructionRow[]): string[] {
  const lines = [
    `${"operation".padEnd(32)} ${"old instr/op".padStart(14)} ${
      "new instr/op".padStart(14)
    }  new/old`,
  ];
  for (const row of rows) {
    let ratio = "n/a";
    if (row.old !== undefined && row.new !== undefined) {
      const value = row.new / row.old;
      ratio = `${value.toFixed(3)}x${
        Math.abs(value - 1) < 0.001 ? "" : value < 1 ? " (better)" : " (worse)"
      }`;
    }
    lines.push(
      `${row.label.padEnd(32)} ${formatInstructions(row.old).padStart(14)} ${
        formatInstructions(row.new).padStart(14)
      }  ${ratio}`,
    );
  }
  return lines;
}

const INSTRUCTIONS_SCRIPT = new URL("./_ab_instructions.ts", import.meta.url);
const VALGRIND = [
  "--tool=cachegrind",
  "--cache-sim=no",
  "--cachegrind-out-file=/dev/null",
];

/** Throws the one-line {@linkcode NO_VALGRIND} when valgrind is not on PATH. */
async function checkValgrind(signal: AbortSignal): Promise<void> {
  try {
    await new Deno.Command("valgrind", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
      signal,
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new Error(NO_VALGRIND);
    throw error;
  }
}

/**
 * Runs bench/_ab_instructions.ts once, under valgrind or (with `count` 0,
 * to check the library has the names and to fill Deno's cache so the
 * counted runs start alike) without.
 */
async function runCounted(
  library: URL,
  readable: string[],
  operation: InstructionOperation,
  count: number,
  signal: AbortSignal,
): Promise<Deno.CommandOutput> {
  const deno = [
    "deno",
    "run",
    `--lock=${new URL("./deno.lock", import.meta.url).pathname}`,
    `--allow-read=${readable.join(",")}`,
    // Compiling on this thread, and fixed seeds for V8's random numbers and
    // hash tables, make the runs alike: start-up then moves by some ten
    // thousand instructions between runs rather than by a million.
    "--v8-flags=--single-threaded,--random_seed=1,--hash_seed=1",
    INSTRUCTIONS_SCRIPT.href,
    library.href,
    operation.name,
    String(count),
  ];
  const [command, ...args] = count === 0
    ? deno
    : ["valgrind", ...VALGRIND, ...deno];
  return await new Deno.Command(command!, {
    args,
    stdout: "piped",
    stderr: "piped",
    signal,
  }).output();
}

/** The instructions per operation at `library`, or undefined when it lacks the operation. */
async function countOperation(
  library: URL,
  readable: string[],
  operation: InstructionOperation,
  signal: AbortSignal,
): Promise<number | undefined> {
  const runs: InstructionRun[] = [];
  for (const count of [0, ...operation.counts]) {
    signal.throwIfAborted();
    const output = await runCounted(
      library,
      readable,
      operation,
      count,
      signal,
    );
    const stdout = new TextDecoder().decode(output.stdout);
    if (output.code === 3 && stdout.startsWith("missing ")) return undefined;
    const stderr = new TextDecoder().decode(output.stderr);
    if (!output.success) {
      const message = stderr.trim().split("\n")
        .find((line) => line.startsWith("error")) ?? `exit ${output.code}`;
      throw new Error(
        `Counting ${operation.name} at ${library.pathname} failed: ${message}`,
      );
    }
    if (count > 0) runs.push({ count, refs: parseInstructionRefs(stderr) });
  }
  return instructionsPerOperation(runs[0]!, runs[1]!);
}

/**
 * Checks `options.revision` out into a temporary worktree, counts the
 * instructions of each operation of bench/_ab_instructions.ts on both sides
 * under valgrind and prints the table; removes the worktree on every way
 * out.
 *
 * @param options What to compare.
 * @param signal Stops the runs (Ctrl-C).
 * @param print Where the lines go.
 * @throws {Error} {@linkcode NO_VALGRIND} when valgrind is not installed.
 */
export async function compareInstructions(
  options: AbOptions,
  signal: AbortSignal,
  print: (line: string) => void = console.log,
): Promise<void> {
  await checkValgrind(signal);
  await withOldRevision(options.revision, async (sides) => {
    const { repository, tree, commit, libraries } = sides;
    print(
      `concurrency/ instructions per operation, counted by valgrind: ${options.revision} (${
        commit.slice(0, 7)
      }) as old, this tree as new`,
    );
    const rows: InstructionRow[] = [];
    for (const operation of INSTRUCTION_OPERATIONS) {
      const row: InstructionRow = {
        label: operation.label,
        old: undefined,
        new: undefined,
      };
      for (const side of ["old", "new"] as const) {
        row[side] = await countOperation(
          libraries[side],
          [repository, tree],
          operation,
          signal,
        );
      }
      rows.push(row);
      print(
        `  ${operation.label}: old ${formatInstructions(row.old)}, new ${
          formatInstructions(row.new)
        }`,
      );
    }
    print("");
    for (const line of summarizeInstructions(rows)) print(line);
    print(
      "each figure: the instructions of two runs (valgrind's I refs) apart by the difference of their operation counts, so start-up cancels out; single thread, no waiting, so it counts work done, not parking, contention or cache misses",
    );
  });
}

/**
 * The command line: `deno task bench:ab <revision> [options]`.
 *
 * @param args The command-line arguments.
 */
export async function main(args: string[]): Promise<void> {
  let options: AbOptions | undefined;
  try {
    options = parseAbArgs(args);
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  if (options === undefined) {
    console.log(HELP);
    return;
  }
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  Deno.addSignalListener("SIGINT", stop);
  try {
    const compare = options.instructions
      ? compareInstructions
      : compareWithRevision;
    await compare(options, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      console.error("Stopped; the temporary worktree is removed");
      Deno.exit(130);
    }
    console.error((error as Error).message);
    Deno.exit(1);
  } finally {
    Deno.removeSignalListener("SIGINT", stop);
  }
}

if (import.meta.main) await main(Deno.args);
