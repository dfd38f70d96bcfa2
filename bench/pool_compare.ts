#!/usr/bin/env -S deno run --allow-read=. --allow-write=bench/results.json --allow-run=node
/**
 * `WorkerPool` side by side, pool of 2: no-op tasks per second (bursts of
 * tasks submitted at once, each awaited before the next: one large backlog of
 * 20,000, and bursts of 256; best of a few rounds) and submit→result latency
 * (one task at a time, p50 and p99), against npm piscina on Node.js (run by
 * `node bench/node/pool_piscina.mjs`, installed with
 * `npm ci --prefix bench/node`) and against `spawn` per task. Then the cancel
 * latency of a running task parked in a wait of `concurrency/`: from
 * `abort()` to the `InterruptedError` inside the task, and to the same
 * worker's next result.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Event, spawn, WorkerPool } from "../concurrency/mod.ts";
import { type Comparison, recordComparisons } from "./_results.ts";

const HELP =
  `Usage: deno run --allow-read=. --allow-write=bench/results.json --allow-run=node bench/pool_compare.ts [options]

Options:
  --tasks <n>     tasks per throughput round (default 20000)
  --samples <n>   latency samples (default 2000)
  --rounds <n>    throughput rounds, the best counts (default 3)
  -h, --help      show this help`;

const TASK = new URL("./pool_bench_task.ts", import.meta.url);
const SPAWN_TASK = new URL("./pool_spawn_task.ts", import.meta.url);
const PISCINA = new URL("./node/pool_piscina.mjs", import.meta.url);

interface Figures {
  /** Tasks per second, by burst size (tasks submitted at once, each burst awaited). */
  throughput: Record<string, number>;
  p50: number;
  p99: number;
}

/** The burst sizes: one large backlog, and a window a caller would keep. */
const BURSTS = [20000, 256];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function measurePool(
  tasks: number,
  samples: number,
  rounds: number,
): Promise<Figures> {
  await using pool = new WorkerPool(TASK, { size: 2, name: "bench" });
  await Promise.all(Array.from({ length: 64 }, () => pool.submit([])));
  const throughput: Record<string, number> = {};
  for (const burst of BURSTS) {
    let best = 0;
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      for (let done = 0; done < tasks; done += burst) {
        const pending: Promise<unknown>[] = [];
        for (let i = 0; i < burst; i++) pending.push(pool.submit([]));
        await Promise.all(pending);
      }
      best = Math.max(best, tasks / ((performance.now() - start) / 1000));
    }
    throughput[burst] = best;
  }
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await pool.submit([]);
    latencies.push((performance.now() - start) * 1000);
  }
  latencies.sort((a, b) => a - b);
  return {
    throughput,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

async function measureSpawn(samples: number): Promise<Figures> {
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < samples; i++) {
    const begin = performance.now();
    await spawn(SPAWN_TASK).result;
    latencies.push((performance.now() - begin) * 1000);
  }
  const seconds = (performance.now() - start) / 1000;
  // Two at a time, as a pool of 2 would run them.
  const pairStart = performance.now();
  for (let i = 0; i < samples / 2; i++) {
    await Promise.all([spawn(SPAWN_TASK).result, spawn(SPAWN_TASK).result]);
  }
  const pairSeconds = (performance.now() - pairStart) / 1000;
  latencies.sort((a, b) => a - b);
  const perSecond = Math.max(samples / seconds, samples / pairSeconds);
  return {
    throughput: Object.fromEntries(BURSTS.map((burst) => [burst, perSecond])),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

async function measurePiscina(
  tasks: number,
  samples: number,
  rounds: number,
): Promise<Figures | string> {
  try {
    await Deno.stat(new URL("./node/node_modules/piscina", import.meta.url));
  } catch {
    return "piscina is not installed: run npm ci --prefix bench/node (deno task bench:pool does)";
  }
  const output = await new Deno.Command("node", {
    args: [
      PISCINA.pathname,
      String(tasks),
      String(samples),
      String(rounds),
      BURSTS.join(","),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!output.success) return `node exited with code ${output.code}`;
  return JSON.parse(new TextDecoder().decode(output.stdout)) as Figures;
}

async function measureCancel(
  samples: number,
): Promise<{ interrupt: number; free: number; p99: number }> {
  await using pool = new WorkerPool(TASK, { size: 1, name: "cancel" });
  await pool.submit([]);
  const stamp = new Float64Array(new SharedArrayBuffer(8));
  const interrupts: number[] = [];
  const frees: number[] = [];
  for (let i = 0; i < samples; i++) {
    const event = new Event();
    const started = new Event();
    const controller = new AbortController();
    const task = pool.submit(["wait", { event, started, stamp }], {
      signal: controller.signal,
    });
    task.catch(() => {});
    await started.waitAsync({ timeout: 5000 });
    // Let it park, as a task that waits long does.
    await new Promise((resolve) => setTimeout(resolve, 1));
    stamp[0] = 0;
    const aborted = performance.timeOrigin + performance.now();
    controller.abort();
    await pool.submit([]);
    const free = performance.timeOrigin + performance.now();
    if (stamp[0] === 0) throw new Error("The task was not interrupted");
    interrupts.push((stamp[0]! - aborted) * 1000);
    frees.push((free - aborted) * 1000);
  }
  interrupts.sort((a, b) => a - b);
  frees.sort((a, b) => a - b);
  return {
    interrupt: percentile(interrupts, 0.5),
    free: percentile(frees, 0.5),
    p99: percentile(interrupts, 0.99),
  };
}

function line(label: string, figures: Figures): void {
  const rates = BURSTS.map((burst) =>
    `${
      Math.round(figures.throughput[burst]!).toString().padStart(7)
    } tasks/s (bursts of ${burst})`
  ).join("  ");
  console.log(
    `${label.padEnd(28)} ${rates}   p50 ${
      figures.p50.toFixed(1).padStart(8)
    } µs   p99 ${figures.p99.toFixed(1).padStart(8)} µs`,
  );
}

/** Runs the comparison. */
export async function main(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        tasks: { type: "string", default: "20000" },
        samples: { type: "string", default: "2000" },
        rounds: { type: "string", default: "3" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  if (parsed.values.help) {
    console.log(HELP);
    return;
  }
  const tasks = Number(parsed.values.tasks);
  const samples = Number(parsed.values.samples);
  const rounds = Number(parsed.values.rounds);
  for (
    const [name, value] of [["tasks", tasks], ["samples", samples], [
      "rounds",
      rounds,
    ]] as const
  ) {
    if (!Number.isInteger(value) || value < 1) {
      console.error(
        `Cannot use --${name} "${value}": it must be an integer >= 1`,
      );
      Deno.exit(2);
    }
  }
  console.log(
    `pool of 2, ${tasks} no-op tasks a round in bursts of ${
      BURSTS.join(" and ")
    } (best of ${rounds}), ${samples} latency samples`,
  );
  const wirework = await measurePool(tasks, samples, rounds);
  line("wirework WorkerPool (Deno)", wirework);
  const piscina = await measurePiscina(tasks, samples, rounds);
  if (typeof piscina === "string") console.log(`piscina skipped: ${piscina}`);
  else line("piscina (Node.js)", piscina);
  const spawned = await measureSpawn(Math.min(40, samples));
  line("spawn per task", spawned);
  const cancel = await measureCancel(Math.min(200, samples));
  console.log(
    `cancel a running task parked in Event.wait: abort() → InterruptedError p50 ${
      cancel.interrupt.toFixed(1)
    } µs (p99 ${
      cancel.p99.toFixed(1)
    } µs), abort() → the same worker's next result p50 ${
      cancel.free.toFixed(1)
    } µs`,
  );
  const remark =
    "Measured on a shared 2-core machine under load from other work; the figures are noisy";
  const comparisons: Comparison[] = [];
  if (typeof piscina !== "string") {
    comparisons.push(
      ...BURSTS.map((burst): Comparison => ({
        id: burst === BURSTS[0]
          ? "pool.noop_throughput.piscina"
          : `pool.noop_throughput_burst_${burst}.piscina`,
        title:
          `WorkerPool no-op tasks/s vs piscina (pool of 2, bursts of ${burst})`,
        ratio: wirework.throughput[burst]! / piscina.throughput[burst]!,
        target: 1.5,
        peer: "piscina",
        figures: {
          wirework: Math.round(wirework.throughput[burst]!),
          piscina: Math.round(piscina.throughput[burst]!),
        },
        unit: "tasks/s",
        remark,
      })),
      {
        id: "pool.latency_p50.piscina",
        title:
          "WorkerPool submit→result p50 latency vs piscina (lower is better)",
        ratio: wirework.p50 / piscina.p50,
        target: 1,
        direction: "at-most",
        peer: "piscina",
        figures: {
          wirework: Number(wirework.p50.toFixed(1)),
          piscina: Number(piscina.p50.toFixed(1)),
        },
        unit: "µs",
        remark,
      },
    );
  }
  comparisons.push(
    {
      id: "pool.noop_throughput.spawn",
      title: "WorkerPool no-op tasks/s vs spawn per task",
      ratio: wirework.throughput[BURSTS[1]!]! / spawned.throughput[BURSTS[1]!]!,
      peer: "spawn per task",
      figures: {
        wirework: Math.round(wirework.throughput[BURSTS[1]!]!),
        spawn: Math.round(spawned.throughput[BURSTS[1]!]!),
      },
      unit: "tasks/s",
      remark,
    },
    {
      id: "pool.cancel_latency_p50",
      title:
        "WorkerPool cancel of a running task parked in a wait, p50 over 1 ms (lower is better)",
      ratio: cancel.interrupt / 1000,
      target: 1,
      direction: "at-most",
      peer: "a 1 ms budget",
      figures: {
        wirework: Number(cancel.interrupt.toFixed(1)),
        budget: 1000,
      },
      unit: "µs",
      remark,
    },
  );
  await recordComparisons("bench:pool", comparisons);
}

if (import.meta.main) await main(Deno.args);
