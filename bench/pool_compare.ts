#!/usr/bin/env -S deno run --allow-read=. --allow-write=bench/results.json,bench/.out --allow-run=node,deno
/**
 * `WorkerPool` side by side, pool of 2: no-op tasks per second (bursts of
 * tasks submitted at once, each awaited before the next: one large backlog of
 * 20,000, and bursts of 256; best of a few rounds) and submit→result latency
 * (one task at a time, p50 and p99), against npm piscina on Node.js (run by
 * `node bench/node/pool_piscina.mjs`, installed with
 * `npm ci --prefix bench/node`), wirework's `WorkerPool` on Node.js next
 * to piscina (the same runtime for both: `concurrency/` built for Node.js with
 * `deno bundle` into `bench/.out/node/`, run by
 * `node bench/node/pool_wirework.mjs`), and against `spawn` per task. Then the cancel
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
  `Usage: deno run --allow-read=. --allow-write=bench/results.json,bench/.out --allow-run=node,deno bench/pool_compare.ts [options]

Options:
  --tasks <n>     tasks per throughput round (default 20000)
  --samples <n>   latency samples (default 2000)
  --rounds <n>    throughput rounds, the best counts (default 3)
  -h, --help      show this help`;

const TASK = new URL("./pool_bench_task.ts", import.meta.url);
const SPAWN_TASK = new URL("./pool_spawn_task.ts", import.meta.url);
const PISCINA = new URL("./node/pool_piscina.mjs", import.meta.url);
const WIREWORK_NODE = new URL("./node/pool_wirework.mjs", import.meta.url);
/** Where concurrency/ is built for Node.js. */
const NODE_BUILD = new URL("./.out/node/concurrency/", import.meta.url);

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

/** Runs one of bench/node/'s pool scripts; its figures, or why there are none. */
async function measureOnNode(
  script: URL,
  leading: string[],
  tasks: number,
  samples: number,
  rounds: number,
): Promise<Figures | string> {
  let output;
  try {
    output = await new Deno.Command("node", {
      args: [
        script.pathname,
        ...leading,
        String(tasks),
        String(samples),
        String(rounds),
        BURSTS.join(","),
      ],
      stdout: "piped",
      stderr: "inherit",
    }).output();
  } catch (error) {
    return `node cannot be started: ${(error as Error).message}`;
  }
  if (!output.success) return `node exited with code ${output.code}`;
  return JSON.parse(new TextDecoder().decode(output.stdout)) as Figures;
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
  return await measureOnNode(PISCINA, [], tasks, samples, rounds);
}

/**
 * Builds concurrency/ for Node.js as tests/node/run.ts does: its worker
 * bootstraps are entries of their own, sharing the runtime's chunk.
 */
async function buildForNode(): Promise<URL | string> {
  await Deno.remove(NODE_BUILD, { recursive: true }).catch(() => {});
  const { success, stderr } = await new Deno.Command("deno", {
    args: [
      "bundle",
      "--quiet",
      "--platform=browser",
      "--format=esm",
      "--code-splitting",
      `--outdir=${NODE_BUILD.pathname}`,
      "concurrency/mod.ts",
      "concurrency/_worker_main.ts",
      "concurrency/_pool_worker_main.ts",
    ],
    cwd: new URL("../", import.meta.url).pathname,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!success) {
    return `cannot bundle concurrency/: ${
      new TextDecoder().decode(stderr).trim().split("\n")[0]
    }`;
  }
  await Deno.writeTextFile(
    new URL("package.json", NODE_BUILD),
    '{ "type": "module" }\n',
  );
  return new URL("mod.js", NODE_BUILD);
}

async function measureWireworkOnNode(
  tasks: number,
  samples: number,
  rounds: number,
): Promise<Figures | string> {
  const built = await buildForNode();
  if (typeof built === "string") return built;
  return await measureOnNode(
    WIREWORK_NODE,
    [built.href],
    tasks,
    samples,
    rounds,
  );
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
  const onNode = await measureWireworkOnNode(tasks, samples, rounds);
  if (typeof onNode === "string") {
    console.log(`wirework on Node.js skipped: ${onNode}`);
  } else line("wirework WorkerPool (Node.js)", onNode);
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
  if (typeof piscina !== "string" && typeof onNode !== "string") {
    // The same runtime for both: what the pool's design is worth, apart
    // from what Deno and Node.js do differently.
    comparisons.push(
      ...BURSTS.map((burst): Comparison => ({
        id: `pool.node.noop_throughput_burst_${burst}.piscina`,
        title:
          `WorkerPool on Node no-op tasks/s vs piscina on Node (pool of 2, bursts of ${burst})`,
        ratio: onNode.throughput[burst]! / piscina.throughput[burst]!,
        target: 1.5,
        peer: "piscina",
        figures: {
          wirework: Math.round(onNode.throughput[burst]!),
          piscina: Math.round(piscina.throughput[burst]!),
        },
        unit: "tasks/s",
        remark,
      })),
      {
        id: "pool.node.latency_p50.piscina",
        title:
          "WorkerPool on Node submit→result p50 latency vs piscina on Node (lower is better)",
        ratio: onNode.p50 / piscina.p50,
        target: 1,
        direction: "at-most",
        peer: "piscina",
        figures: {
          wirework: Number(onNode.p50.toFixed(1)),
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
