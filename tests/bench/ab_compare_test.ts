import assert from "node:assert/strict";
import {
  MEASURES,
  parseAbArgs,
  summarize,
  UsageError,
} from "../../bench/ab_compare.ts";

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

Deno.test("bench:ab exits 2 with one line when it is called wrongly", async () => {
  const output = await new Deno.Command("deno", {
    args: [
      "run",
      "--lock=bench/deno.lock",
      "--allow-read=.",
      "bench/ab_compare.ts",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 2);
  const stderr = new TextDecoder().decode(output.stderr).trim();
  assert.equal(stderr, "Cannot compare: give one revision (got 0)");
});
