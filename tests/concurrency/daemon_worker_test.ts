import assert from "node:assert/strict";
import { Event } from "../../concurrency/mod.ts";
import {
  untilParked,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";
import {
  INTERRUPT_WORKER,
  readyWord,
  untilReady,
} from "../_helpers/concurrency_interrupt.ts";

const canRunDeno =
  (await Deno.permissions.query({ name: "run", command: "deno" })).state ===
    "granted";
if (!canRunDeno) {
  console.log(
    "daemon_worker_test: skipping the child-process daemon tests: they need --allow-run=deno",
  );
}

async function runProgram(
  mode: string,
): Promise<{ code: number; out: string }> {
  const program = new URL(
    "./workers/interrupt_daemon_main.ts",
    import.meta.url,
  );
  const child = new Deno.Command("deno", {
    args: ["run", "--allow-read=.", program.pathname, mode],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  });
  const { code, stdout } = await child.output();
  return { code, out: new TextDecoder().decode(stdout) };
}

Deno.test({
  name: "a daemon worker parked for ever does not keep the process alive",
  ignore: !canRunDeno,
  fn: async () => {
    const { code, out } = await runProgram("park");
    assert.equal(code, 0);
    assert.match(out, /daemon true\nmain done/);
  },
});

Deno.test({
  name:
    "a daemon worker spinning in its own code does not keep the process alive either",
  ignore: !canRunDeno,
  fn: async () => {
    const { code, out } = await runProgram("spin");
    assert.equal(code, 0);
    assert.match(out, /main done/);
  },
});

Deno.test("a daemon worker works like any other while the process runs, and stop() ends it", async () => {
  const ready = readyWord();
  await withWorkers(async (start) => {
    const worker = start(INTERRUPT_WORKER, {
      args: ["event", new Event(), ready],
      daemon: true,
    });
    assert.equal(worker.daemon, true);
    await untilReady(ready);
    await untilParked(worker.threadId);
    assert.equal(
      await within(worker.stop({ grace: 20_000 }), 30_000),
      "interrupted",
    );
  });
});
