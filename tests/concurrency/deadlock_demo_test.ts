import assert from "node:assert/strict";
import { main } from "../../concurrency/deadlock_demo.ts";
import { withConfig } from "../_helpers/concurrency_deadlock.ts";

/** Runs the demo in this process, returning its exit status and what it printed. */
async function demo(args: string[]): Promise<{ status: number; out: string }> {
  const lines: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  console.error = console.log;
  try {
    // --lockdep changes the shared settings: restore them for the other tests.
    const status = await withConfig({}, () => main(args));
    return { status, out: lines.join("\n") };
  } finally {
    Object.assign(console, { log, error });
  }
}

Deno.test("deadlock_demo.ts with no flag reports the circular wait and exits 1", async () => {
  const { status, out } = await demo([]);
  assert.equal(status, 1, out);
  assert.match(
    out,
    /worker 'A' holds 'lock1' and waits for 'lock2'; worker 'B' holds 'lock2' and waits for 'lock1'/,
  );
});

for (const fix of ["ordering", "timeout", "queue"]) {
  Deno.test(`deadlock_demo.ts --fix=${fix} completes every transfer and exits 0`, async () => {
    const { status, out } = await demo([`--fix=${fix}`, "--rounds=20"]);
    assert.equal(status, 0, out);
    assert.match(out, /40 transfers .* no deadlock; balances .* = 2000/);
  });
}

Deno.test("deadlock_demo.ts --lockdep reports the inversion of a run that cannot deadlock", async () => {
  const { status, out } = await demo(["--lockdep"]);
  assert.equal(status, 1, out);
  assert.match(
    out,
    /LockOrderError: Lock order inversion: worker 'B' takes 'lock1' while holding 'lock2', but worker 'A' took 'lock2' while holding 'lock1'/,
  );
  assert.match(out, /_deadlock_demo_worker\.ts:\d+/);
});

Deno.test("deadlock_demo.ts refuses an unknown fix with status 2", async () => {
  const { status, out } = await demo(["--fix=prayer"]);
  assert.equal(status, 2);
  assert.match(out, /Cannot apply --fix "prayer"/);
});

Deno.test("deadlock_demo.ts --all runs every mode and exits 0 when each behaves", async () => {
  const { status, out } = await demo(["--all", "--rounds=10"]);
  assert.equal(status, 0, out);
  assert.equal(out.match(/^== /gm)?.length, 5);
});
