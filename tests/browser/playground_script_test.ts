/**
 * The `concurrency/playground.ts` script's command line (serving is tested
 * in Chromium by playground_test.ts).
 *
 * @module
 */

import assert from "node:assert/strict";
import { main } from "../../concurrency/playground.ts";

/** Runs `main` with console output captured. */
async function run(args: string[]): Promise<{ status: number; out: string }> {
  const lines: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  console.error = console.log;
  try {
    return { status: await main(args), out: lines.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

Deno.test("playground --help prints the usage and exits 0", async () => {
  const { status, out } = await run(["--help"]);
  assert.equal(status, 0);
  assert.match(
    out,
    /^Usage: deno run --allow-read=\. --allow-net=127\.0\.0\.1/,
  );
});

Deno.test("playground refuses a port that is not a number with status 2", async () => {
  const { status, out } = await run(["--port", "eighty"]);
  assert.equal(status, 2);
  assert.match(out, /^playground\.ts: Cannot use --port "eighty"/);
});
