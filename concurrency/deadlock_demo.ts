#!/usr/bin/env -S deno run --allow-read
/**
 * The classic two-thread, two-lock circular wait, reproduced with two
 * workers: worker 'A' moves money from account 1 to account 2 (taking
 * 'lock1' then 'lock2'), worker 'B' the other way ('lock2' then 'lock1'), and
 * they meet while each holds its first lock. Run with no flag, the deadlock
 * detector names the cycle (one worker gets a `DeadlockError`) and the demo
 * exits with status 1 within a few seconds instead of hanging. Each `--fix`
 * runs the same transfers safely and exits 0; `--lockdep` runs the two
 * orders one after the other — no deadlock can happen — and lock-order
 * validation still reports the inversion (status 1). `--all` runs the five
 * in turn and exits 0 when each ended as it should.
 *
 * ```sh
 * deno run --allow-read jsr:@wirework/wirework/concurrency/deadlock-demo
 * deno run --allow-read jsr:@wirework/wirework/concurrency/deadlock-demo --fix=ordering
 * ```
 *
 * @module
 */

import {
  COMMON_FLAGS,
  integerFlag,
  readPackageNeed,
  runScriptForStatus,
  UsageError,
} from "../_cli.ts";
import type { DemoTask, Transfer } from "./_deadlock_demo_worker.ts";
import { Barrier } from "./barrier.ts";
import { configure } from "./configure.ts";
import { DeadlockError } from "./deadlock_error.ts";
import { Lock } from "./lock.ts";
import { LockOrderError } from "./lock_order_error.ts";
import { SharedQueue } from "./shared_queue.ts";
import { spawn, type WorkerHandle } from "./spawn.ts";
import { installThreadDump } from "./install_thread_dump.ts";

/** Reads `--dump-after`: a thread dump on stderr once, if the demo still runs then. */
function dumpAfter(value: string | undefined): Disposable | undefined {
  if (value === undefined) return undefined;
  const after = integerFlag(value, "--dump-after", 0, 0, 3_600_000);
  return installThreadDump({ after });
}

const HELP =
  `Usage: deadlock_demo.ts [--fix=ordering|timeout|queue] [--lockdep] [--rounds=N] [--dump-after=MS]

Two workers move money between two accounts, each account guarded by a lock;
worker 'A' takes lock1 then lock2, worker 'B' lock2 then lock1.

  (no flag)       the circular wait: the detector reports the cycle, exit 1
  --fix=ordering  both take the locks with acquireAll (one global order), exit 0
  --fix=timeout   both use acquireWithBackoff (give up, back off, retry), exit 0
  --fix=queue     no locks: both send transfers through a SharedQueue to the
                  one owner of the balances (message passing), exit 0
  --lockdep       the two orders run one after the other, so nothing can
                  deadlock, yet lock-order validation reports the inversion, exit 1
  --all           the tour: each of the above in turn, exit 0 when each
                  ended as it should (for deno task demo)
  --rounds=N      transfers per worker for the fixes, 1 to 1000000 (default 100)
  --dump-after=MS print a thread dump to stderr if still running after MS ms
${COMMON_FLAGS}

Exit codes: 0 the transfers completed, 1 a deadlock or an inversion was
reported (or a failure, one line on stderr says why), 2 bad usage or the demo
did not finish in time, 130 stopped by Ctrl-C. Needs --allow-read for the
package (workers load their modules).`;

const WORKER = new URL("./_deadlock_demo_worker.ts", import.meta.url);
const START_BALANCE = 1000;
/** The demo gives up (exit 2) after this long, so it can never hang. */
const DEMO_TIMEOUT_MS = 30_000;

type Strategy = DemoTask["strategy"];

function startWorkers(
  strategy: Strategy,
  rounds: number,
  balances: Int32Array,
  queue?: SharedQueue<Transfer>,
): WorkerHandle<number>[] {
  const locks: [Lock, Lock] = [
    new Lock({ name: "lock1" }),
    new Lock({ name: "lock2" }),
  ];
  const barrier = new Barrier(2, { name: "meet" });
  return ["A", "B"].map((name, from) => {
    const task: DemoTask = {
      strategy,
      from,
      locks,
      barrier,
      balances,
      rounds,
      queue,
    };
    return spawn<number>(WORKER, { name, args: [task] });
  });
}

async function settleAll(
  workers: WorkerHandle<number>[],
): Promise<PromiseSettledResult<number>[] | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), DEMO_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      Promise.allSettled(workers.map((worker) => worker.result)),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function runDeadlock(): Promise<number> {
  console.log(
    "Worker 'A' takes lock1 then lock2, worker 'B' lock2 then lock1; they meet while each holds its first lock.",
  );
  const balances = new Int32Array(new SharedArrayBuffer(8)).fill(
    START_BALANCE,
  );
  const started = performance.now();
  const workers = startWorkers("naive", 1, balances);
  try {
    const results = await settleAll(workers);
    if (results === undefined) {
      console.error(
        "The demo did not finish in time: no deadlock was reported",
      );
      return 2;
    }
    const elapsed = Math.round(performance.now() - started);
    const failed = results.findIndex((result) => result.status === "rejected");
    const error = failed < 0
      ? undefined
      : (results[failed] as PromiseRejectedResult).reason;
    if (!(error instanceof DeadlockError)) {
      console.log(
        `No deadlock this time (${elapsed} ms)${error ? `: ${error}` : ""}`,
      );
      return error ? 2 : 0;
    }
    console.log(`Deadlock detected ${elapsed} ms after the start:`);
    console.log(`  ${error.message}`);
    for (const entry of error.cycle) {
      console.log(
        `  thread ${entry.threadId} '${entry.threadName}': holds '${entry.holds.name}', waits for '${entry.waitsFor.name}'`,
      );
    }
    const survivor = workers[1 - failed]!;
    console.log(
      `Worker '${
        workers[failed]!.name
      }' (the highest thread id of the cycle) threw DeadlockError and released its lock; worker '${survivor.name}' ${
        results[1 - failed]!.status === "fulfilled" ? "then finished" : "failed"
      }.`,
    );
    return 1;
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

async function runFix(strategy: Strategy, rounds: number): Promise<number> {
  const balances = new Int32Array(new SharedArrayBuffer(8)).fill(
    START_BALANCE,
  );
  const queue = strategy === "queue"
    ? new SharedQueue<Transfer>({ name: "transfers", capacity: 4096 })
    : undefined;
  const started = performance.now();
  const workers = startWorkers(strategy, rounds, balances, queue);
  try {
    if (queue) {
      // This thread owns the balances: it applies every transfer, one at a time.
      for (let i = 0; i < 2 * rounds; i++) {
        const transfer = await queue.getAsync({ timeout: DEMO_TIMEOUT_MS });
        balances[transfer.from] = balances[transfer.from]! - transfer.amount;
        balances[transfer.to] = balances[transfer.to]! + transfer.amount;
      }
    }
    const results = await settleAll(workers);
    if (results === undefined) {
      console.error("The demo did not finish in time");
      return 2;
    }
    const failure = results.find((result) => result.status === "rejected");
    if (failure) {
      console.error(
        `A worker failed: ${(failure as PromiseRejectedResult).reason}`,
      );
      return 2;
    }
    const elapsed = Math.round(performance.now() - started);
    console.log(
      `--fix=${strategy}: ${
        2 * rounds
      } transfers in ${elapsed} ms, no deadlock; balances ${balances[0]} + ${
        balances[1]
      } = ${balances[0]! + balances[1]!}`,
    );
    return balances[0]! + balances[1]! === 2 * START_BALANCE ? 0 : 2;
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

async function runLockdep(): Promise<number> {
  configure({ lockOrder: "throw" });
  const locks: [Lock, Lock] = [
    new Lock({ name: "lock1" }),
    new Lock({ name: "lock2" }),
  ];
  const balances = new Int32Array(new SharedArrayBuffer(8)).fill(
    START_BALANCE,
  );
  const workers: WorkerHandle<number>[] = [];
  try {
    for (const [name, from] of [["A", 0], ["B", 1]] as const) {
      // One after the other: the two orders never overlap in time.
      const task: DemoTask = {
        strategy: "naive",
        from,
        locks,
        balances,
        rounds: 1,
      };
      const worker = spawn<number>(WORKER, { name, args: [task] });
      workers.push(worker);
      const [result] = (await settleAll([worker])) ?? [];
      if (result === undefined) {
        console.error("The demo did not finish in time");
        return 2;
      }
      if (result.status === "rejected") {
        const error = result.reason;
        if (!(error instanceof LockOrderError)) throw error;
        console.log(
          `Worker 'A' ran alone, then worker 'B' alone: no deadlock was possible, yet:`,
        );
        console.log(`  ${error.name}: ${error.message}`);
        for (const edge of error.cycle) {
          console.log(
            `  '${edge.from.name}' then '${edge.to.name}', first by '${edge.threadName}' at:`,
          );
          const frames = (edge.stack ?? "    (stack not recorded)").split("\n");
          console.log(frames.slice(0, 3).join("\n"));
        }
        return 1;
      }
    }
    console.log("No lock-order inversion was reported");
    return 0;
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

async function runAll(rounds: number): Promise<number> {
  const steps: [string, () => Promise<number>, number][] = [
    ["no flag: the circular wait", runDeadlock, 1],
    ["--fix=ordering", () => runFix("ordering", rounds), 0],
    ["--fix=timeout", () => runFix("timeout", rounds), 0],
    ["--fix=queue", () => runFix("queue", rounds), 0],
    ["--lockdep", runLockdep, 1],
  ];
  let unexpected = 0;
  for (const [title, step, expected] of steps) {
    console.log(`\n== ${title}`);
    const previous = configure();
    let status: number;
    try {
      status = await step();
    } finally {
      configure(previous);
    }
    if (status !== expected) {
      console.error(`expected status ${expected}, got ${status}`);
      unexpected++;
    }
  }
  return unexpected === 0 ? 0 : 2;
}

/**
 * Runs the demo.
 *
 * @param args The command-line arguments.
 * @returns The exit status: 0 transfers done, 1 a deadlock or inversion reported, 2 bad arguments or timeout.
 */
export async function main(args: string[]): Promise<number> {
  return await runScriptForStatus(args, {
    name: "deadlock_demo.ts",
    usage: HELP,
    options: {
      fix: { type: "string" },
      lockdep: { type: "boolean", default: false },
      all: { type: "boolean", default: false },
      rounds: { type: "string" },
      "dump-after": { type: "string" },
    },
    needs: readPackageNeed(import.meta.url),
  }, async (values) => {
    const rounds = integerFlag(values.rounds, "--rounds", 100, 1, 1_000_000);
    using _dump = dumpAfter(values["dump-after"]);
    if (
      [values.fix !== undefined, values.lockdep, values.all].filter(Boolean)
        .length > 1
    ) {
      throw new UsageError(
        "Cannot combine --fix, --lockdep and --all: pick one",
      );
    }
    if (values.all) return await runAll(rounds);
    if (values.lockdep) return await runLockdep();
    if (values.fix === undefined) return await runDeadlock();
    if (!["ordering", "timeout", "queue"].includes(values.fix)) {
      throw new UsageError(
        `Cannot apply --fix "${values.fix}": it must be ordering, timeout or queue`,
      );
    }
    return await runFix(values.fix as Strategy, rounds);
  });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
