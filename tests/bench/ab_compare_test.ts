import assert from "node:assert/strict";
import {
  instructionsPerOperation,
  MEASURES,
  NO_VALGRIND,
  pairedRatio,
  parseAbArgs,
  parseInstructionRefs,
  summarize,
  summarizeInstructions,
  TOGETHER_MEASURES,
  UsageError,
} from "../../bench/ab_compare.ts";
import { INSTRUCTION_OPERATIONS } from "../../bench/_ab_instructions.ts";

/** Runs a bench script with read access to this tree; returns its exit code and output. */
function runBenchScript(
  script: string,
  args: string[],
): Promise<Deno.CommandOutput> {
  return new Deno.Command("deno", {
    args: ["run", "--lock=bench/deno.lock", "--allow-read=.", script, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
}

Deno.test("bench:ab takes one revision and positive sizes, and refuses anything else as a usage error", () => {
  const options = parseAbArgs(["ba446c3", "--rounds", "3"]);
  assert.equal(options?.revision, "ba446c3");
  assert.equal(options?.rounds, 3);
  assert.equal(options?.sizes.interrupts, 300);
  assert.equal(parseAbArgs(["--help"]), undefined);
  assert.throws(() => parseAbArgs([]), UsageError);
  assert.throws(() => parseAbArgs(["a", "b"]), UsageError);
  assert.throws(
    () => parseAbArgs(["HEAD", "--rounds", "0"]),
    /Cannot use --rounds "0"/,
  );
  assert.throws(() => parseAbArgs(["HEAD", "--fast"]), UsageError);
});

Deno.test("bench:ab's table gives each measure's medians and the new/old ratio, and says which way is better", () => {
  const run = (scale: number) =>
    Object.fromEntries(
      MEASURES.map((measure) => [measure.name, 100 * scale]),
    );
  const lines = summarize([run(1), run(3), run(2)], [run(1.5), run(0.5)]);
  assert.equal(lines.length, MEASURES.length + 1);
  // Old median 200, new median 100 (the mean of the middle two).
  const handoff = lines.find((line) => line.startsWith("two-worker"))!;
  // Spread: half the range over the median, (300 - 100) / 2 / 200 and (150 - 50) / 2 / 100.
  assert.match(handoff, /200\.0 µs ±50% +100\.0 µs ±50% +0\.50x \(better\)/);
  const queue = lines.find((line) => line.startsWith("SharedQueue"))!;
  assert.match(queue, /200\/s ±50% +100\/s ±50% +0\.50x \(worse\)/);
});

Deno.test("bench:ab pairs each round's old and new runs: the geometric mean of their ratios, with a 95% interval that narrows as rounds agree", () => {
  // Every round twice as slow: the ratio is 2 and the interval has no width.
  const steady = pairedRatio([10, 20, 40], [20, 40, 80])!;
  assert.ok(Math.abs(steady.ratio - 2) < 1e-9);
  assert.ok(
    Math.abs(steady.low - 2) < 1e-9 && Math.abs(steady.high - 2) < 1e-9,
  );
  // The machine slows between rounds (100, then 300), which widens the
  // medians' spread, but each round's ratio is 1.1 or 1/1.1: the pairs
  // cancel the drift, and the interval holds 1.
  const drifting = pairedRatio([100, 300, 100, 300], [
    110,
    300 / 1.1,
    110,
    300 / 1.1,
  ])!;
  assert.ok(Math.abs(drifting.ratio - 1) < 1e-9);
  assert.ok(drifting.low < 1 && drifting.high > 1);
  // Two rounds: Student's t for one degree of freedom (12.71), not 1.96.
  const two = pairedRatio([1, 1], [Math.E, Math.E ** 3])!;
  assert.ok(Math.abs(Math.log(two.ratio) - 2) < 1e-9);
  assert.ok(Math.abs(Math.log(two.high) - (2 + 12.71)) < 1e-9);
  assert.equal(pairedRatio([1], [2]), undefined);
  // The table carries it after the medians' ratio.
  const figures = (value: number) =>
    Object.fromEntries(MEASURES.map((measure) => [measure.name, value]));
  const lines = summarize([figures(10), figures(20)], [
    figures(20),
    figures(40),
  ]);
  assert.match(
    lines[1]!,
    /2\.00x \((better|worse)\) +2\.000x \(2\.000-2\.000\)$/,
  );
});

Deno.test("bench:ab exits 2 with one line when it is called wrongly", async () => {
  const output = await runBenchScript("bench/ab_compare.ts", []);
  assert.equal(output.code, 2);
  const stderr = new TextDecoder().decode(output.stderr).trim();
  assert.equal(stderr, "Cannot compare: give one revision (got 0)");
});

Deno.test("bench:ab counts instructions only when --instructions is given, which takes no value", () => {
  assert.equal(parseAbArgs(["ba446c3"])?.instructions, false);
  const options = parseAbArgs(["ba446c3", "--instructions"]);
  assert.equal(options?.instructions, true);
  assert.equal(options?.revision, "ba446c3");
  assert.throws(
    () => parseAbArgs(["ba446c3", "--instructions=yes"]),
    UsageError,
  );
  assert.throws(() => parseAbArgs(["--instructions"]), UsageError);
});

Deno.test("bench:ab times in one process only when --together is given, with a positive number of bursts", () => {
  const plain = parseAbArgs(["ba446c3"]);
  assert.equal(plain?.together, false);
  assert.equal(plain?.bursts, 200);
  const options = parseAbArgs(["ba446c3", "--together", "--bursts", "40"]);
  assert.equal(options?.together, true);
  assert.equal(options?.bursts, 40);
  assert.throws(
    () => parseAbArgs(["ba446c3", "--together", "--bursts", "0"]),
    /Cannot use --bursts "0"/,
  );
  assert.throws(
    () => parseAbArgs(["ba446c3", "--together=yes"]),
    UsageError,
  );
});

Deno.test("bench:ab --together shows only the two-worker measures it times, paired burst by burst", () => {
  const burst = (condition: number, queue: number) => ({ condition, queue });
  const lines = summarize(
    [burst(50, 1000), burst(60, 900)],
    [burst(55, 1100), burst(66, 990)],
    TOGETHER_MEASURES,
  );
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^Condition ping-pong.*1\.100x \(1\.100-1\.100\)$/);
  assert.match(lines[2]!, /^SharedQueue.*\(better\) +1\.100x/);
});

Deno.test("bench:ab's one-process measure runs both libraries in alternating bursts and gives each side a figure a burst", async () => {
  const library = new URL("../../concurrency/mod.ts", import.meta.url).href;
  const output = await runBenchScript("bench/_ab_measure.ts", [
    "--together",
    "--old",
    library,
    "--new",
    library,
    "--bursts",
    "3",
    "--steps",
    "20",
    "--messages",
    "200",
  ]);
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const figures = JSON.parse(new TextDecoder().decode(output.stdout));
  for (const side of ["old", "new"]) {
    assert.equal(figures[side].length, 3);
    for (const burst of figures[side]) {
      assert.deepEqual(Object.keys(burst).sort(), ["condition", "queue"]);
      assert.ok(burst.condition > 0 && Number.isFinite(burst.condition));
      assert.ok(burst.queue > 0 && Number.isFinite(burst.queue));
    }
  }
});

Deno.test("bench:ab reads the instructions executed from valgrind's summary and nothing else", () => {
  const stderr = [
    "==2248== Cachegrind, a cache and branch-prediction profiler",
    "==2248== Command: deno run script.ts 2000000",
    "--2248-- warning: L3 cache found, using its data for the LL simulation.",
    "==2248== ",
    "==2248== I   refs:      1,373,957,782",
    "==2248== I1  misses:        1,234",
    "==2248== D   refs:        987,654,321",
  ].join("\n");
  assert.equal(parseInstructionRefs(stderr), 1_373_957_782);
  assert.equal(parseInstructionRefs("I   refs: 42\n"), 42);
  assert.throws(
    () => parseInstructionRefs("==1== D   refs: 5\nerror: Uncaught"),
    /no "I refs:" line/,
  );
});

Deno.test("bench:ab takes the instructions per operation from the difference of two runs, so what they share cancels", () => {
  const startUp = 123_456_789;
  const small = { count: 2_000_000, refs: startUp + 2_000_000 * 367.25 };
  const large = { count: 6_000_000, refs: startUp + 6_000_000 * 367.25 };
  assert.equal(instructionsPerOperation(small, large), 367.25);
  assert.equal(instructionsPerOperation(large, small), 367.25);
  assert.throws(() => instructionsPerOperation(small, small), RangeError);
});

Deno.test("bench:ab's instruction table gives the ratio, says which way is better, and shows a missing side as n/a", () => {
  const lines = summarizeInstructions([
    { label: "Lock acquire+release", old: 400, new: 367.25 },
    { label: "Condition wait, timeout 0", old: 8000, new: 8400 },
    { label: "Event set+isSet+clear", old: 1000, new: 1000.8 },
    { label: "Event wait, timeout 0, not set", old: 1000, new: 1004 },
    { label: "SharedQueue put+get, 64 bytes", old: undefined, new: 5000 },
  ]);
  assert.equal(lines.length, 6);
  assert.match(
    lines[0]!,
    /^operation +old instr\/op +new instr\/op +new\/old$/,
  );
  assert.match(
    lines[1]!,
    /^Lock acquire\+release +400\.0 +367\.3 +0\.918x \(better\)$/,
  );
  assert.match(lines[2]!, /8,000\.0 +8,400\.0 +1\.050x \(worse\)$/);
  // Within 0.1%: the counts repeat to a few hundredths of a percent.
  assert.match(lines[3]!, /1,000\.0 +1,000\.8 +1\.001x$/);
  assert.match(lines[4]!, /1,000\.0 +1,004\.0 +1\.004x \(worse\)$/);
  assert.match(lines[5]!, / n\/a +5,000\.0 +n\/a$/);
});

Deno.test("bench:ab's counted operations each run at two different counts that are whole batches", () => {
  const names = INSTRUCTION_OPERATIONS.map((operation) => operation.name);
  assert.equal(new Set(names).size, names.length);
  for (const operation of INSTRUCTION_OPERATIONS) {
    const [small, large] = operation.counts;
    assert.ok(small > 0 && large > small, operation.name);
    assert.equal(small % operation.batch, 0, operation.name);
    assert.equal(large % operation.batch, 0, operation.name);
  }
});

Deno.test("bench:ab --instructions exits 1 with one line when valgrind is not installed", async () => {
  // python3 finds deno on this PATH, then runs it with a PATH that holds no
  // valgrind (Deno looks a command up on the PATH it passes to the child).
  const withoutValgrind =
    "import os, shutil, sys; deno = shutil.which('deno'); os.environ['PATH'] = '/nonexistent'; os.execv(deno, [deno, *sys.argv[1:]])";
  const output = await new Deno.Command("python3", {
    args: [
      "-c",
      withoutValgrind,
      "run",
      "--lock=bench/deno.lock",
      "--allow-read=.",
      "--allow-run=valgrind",
      "bench/ab_compare.ts",
      "HEAD",
      "--instructions",
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 1);
  // Deno itself notes, before the script starts, that --allow-run names no
  // binary it can find; the script's own output is the one line.
  const lines = new TextDecoder().decode(output.stderr).trim().split("\n")
    .filter((line) => !line.includes("Failed to resolve"));
  assert.deepEqual(lines, [NO_VALGRIND]);
  assert.equal(new TextDecoder().decode(output.stdout), "");
});

Deno.test("bench:ab's help names --instructions and --together", async () => {
  const output = await runBenchScript("bench/ab_compare.ts", ["--help"]);
  assert.equal(output.code, 0);
  assert.match(new TextDecoder().decode(output.stdout), /--instructions/);
  assert.match(new TextDecoder().decode(output.stdout), /--together/);
});

Deno.test("bench:ab's counted loop says which public name a library lacks, so that side shows as n/a", async () => {
  const output = await runBenchScript("bench/_ab_instructions.ts", [
    "data:text/javascript,export class Lock {}",
    "condition",
    "0",
  ]);
  assert.equal(output.code, 3);
  assert.equal(
    new TextDecoder().decode(output.stdout).trim(),
    "missing Condition",
  );
});
