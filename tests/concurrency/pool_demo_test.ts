import assert from "node:assert/strict";
import {
  countPrimesInPool,
  reportLines,
} from "../../concurrency/_pool_demo.ts";
import { main } from "../../concurrency/pool_demo.ts";
import { within } from "../_helpers/concurrency_workers.ts";

/** The primes below `limit` by a sieve of Eratosthenes: another method than the demo's trial division. */
function sieveCount(limit: number): number {
  const composite = new Uint8Array(limit);
  let count = 0;
  for (let n = 2; n < limit; n++) {
    if (composite[n]) continue;
    count++;
    for (let multiple = n * n; multiple < limit; multiple += n) {
      composite[multiple] = 1;
    }
  }
  return count;
}

Deno.test("pool_demo counts the primes below N as a sieve does, every worker checking its share", async () => {
  const limit = 300_000;
  const report = await within(
    countPrimesInPool({ limit, chunkSize: 25_000, workers: 2 }),
  );
  assert.equal(report.complete, true);
  assert.equal(report.primes, sieveCount(limit));
  const checked = [...report.checked.values()].reduce((a, b) => a + b, 0);
  assert.equal(checked, limit);
  assert.deepEqual(report.workersAfter, report.workersBefore);
});

Deno.test("pool_demo cancelled mid-run stops early and every worker survives", async () => {
  const controller = new AbortController();
  let ticks = 0;
  const report = await within(
    countPrimesInPool({
      limit: 1_000_000_000,
      chunkSize: 1_000_000,
      workers: 2,
      signal: controller.signal,
      onProgress: (checked) => {
        // Cancel once work is under way, as Ctrl-C would.
        if ([...checked.values()].some((n) => n > 0) && ++ticks === 1) {
          controller.abort(new Error("Ctrl-C"));
        }
      },
    }),
  );
  assert.equal(report.complete, false);
  assert.deepEqual(report.workersAfter, report.workersBefore);
  const lines = reportLines(report, 1_000_000_000);
  assert.match(lines[0]!, /^cancelled after/);
  assert.match(lines.at(-1)!, /every worker survived/);
});

Deno.test("pool_demo --help prints the usage", async () => {
  const printed: string[] = [];
  const log = console.log;
  console.log = (line: string) => printed.push(line);
  try {
    await main(["--help"]);
  } finally {
    console.log = log;
  }
  assert.match(printed.join("\n"), /Ctrl-C cancels/);
});
