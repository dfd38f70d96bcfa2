#!/usr/bin/env -S deno run --allow-read=. --allow-write=bench/results.json
/**
 * Latency from `WorkerHandle.interrupt()` to the `InterruptedError` in a
 * worker parked on a `Lock` the main thread holds (target: median and 99th
 * percentile under 1 ms), over 1,000 interrupts. The main thread interrupts
 * as soon as the worker has recorded its wait, so many interrupts land
 * before the worker sleeps: the 99th percentile shows whether any of them
 * waits for the end of a sleep slice (5 ms, then 20 ms). The same again with
 * the worker waiting in `acquireAsync` (`Atomics.waitAsync`).
 *
 * What is timed is the round trip: the main thread stamps the time, calls
 * `interrupt()`, and blocks (`Atomics.wait`) until the worker, having caught
 * `InterruptedError`, bumps a shared word and notifies it. The one-way
 * latency is below the round trip; the floor printed next to it is the same
 * round trip with a bare `Atomics.notify` in place of the interrupt (two
 * plain futex wakes), so the difference is what interruption adds.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Lock, spawn } from "../concurrency/mod.ts";
import { Slot, slotBase, words } from "../concurrency/_runtime.ts";
import { recordComparisons } from "./_results.ts";

const HELP =
  `Usage: deno run --allow-read=. --allow-write=bench/results.json bench/interrupt_latency.ts [options]

Options:
  --samples <n>   interrupts timed (default 1000), after 50 warm-up rounds
  -h, --help      show this help`;

const WORKER = new URL("./_interrupt_latency_worker.ts", import.meta.url);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function untilParked(threadId: number): void {
  const view = words();
  const index = slotBase(threadId) + Slot.PARK_INDEX;
  const deadline = performance.now() + 5000;
  while (Atomics.load(view, index) === 0) {
    if (performance.now() > deadline) {
      throw new Error(
        `Cannot time the interrupt: thread ${threadId} did not park within 5 s`,
      );
    }
  }
}

function waitAck(ack: Int32Array, seen: number): void {
  if (Atomics.wait(ack, 0, seen, 5000) === "timed-out") {
    throw new Error(
      "Cannot time the interrupt: the worker did not answer within 5 s",
    );
  }
}

interface Spread {
  median: number;
  p99: number;
}

function describe(label: string, times: number[]): Spread {
  const sorted = [...times].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  const p99 = percentile(sorted, 0.99);
  console.log(
    `${label.padEnd(44)} median ${
      (median * 1000).toFixed(1).padStart(7)
    } µs  p90 ${
      (percentile(sorted, 0.9) * 1000).toFixed(1).padStart(7)
    } µs  p99 ${(p99 * 1000).toFixed(1).padStart(8)} µs`,
  );
  return { median, p99 };
}

async function timeInterrupts(
  samples: number,
  mode: "parked-lock" | "parked-lock-async",
): Promise<number[]> {
  const lock = new Lock({ name: "held by main" });
  lock.acquire();
  const ack = new Int32Array(new SharedArrayBuffer(8));
  const ping = new Int32Array(new SharedArrayBuffer(4));
  const worker = spawn(WORKER, { args: [mode, lock, ack, ping] });
  const times: number[] = [];
  try {
    for (let round = 0; round < samples + 50; round++) {
      untilParked(worker.threadId);
      const seen = Atomics.load(ack, 0);
      const start = performance.now();
      worker.interrupt();
      waitAck(ack, seen);
      if (round >= 50) times.push(performance.now() - start);
    }
    Atomics.store(ack, 1, 1);
    untilParked(worker.threadId);
    worker.interrupt();
    await worker.join({ timeout: 5000 });
  } finally {
    worker.terminate();
    lock.release();
  }
  return times;
}

async function timePings(samples: number): Promise<number[]> {
  const ack = new Int32Array(new SharedArrayBuffer(8));
  const ping = new Int32Array(new SharedArrayBuffer(4));
  const worker = spawn(WORKER, { args: ["ping", new Lock(), ack, ping] });
  const times: number[] = [];
  try {
    for (let round = 0; round < samples + 50; round++) {
      const seen = Atomics.load(ack, 0);
      // Give the worker time to be asleep again, as in the interrupt case.
      const settle = performance.now() + 0.2;
      while (performance.now() < settle) { /* spin briefly */ }
      const start = performance.now();
      Atomics.add(ping, 0, 1);
      Atomics.notify(ping, 0);
      waitAck(ack, seen);
      if (round >= 50) times.push(performance.now() - start);
    }
    Atomics.store(ack, 1, 1);
    Atomics.add(ping, 0, 1);
    Atomics.notify(ping, 0);
    await worker.join({ timeout: 5000 });
  } finally {
    worker.terminate();
  }
  return times;
}

/** Runs the benchmark and prints the medians and the verdict against the 1 ms target. */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      samples: { type: "string", default: "1000" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const samples = Number(values.samples);
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(
      `Cannot run "${values.samples}" samples: give a positive integer`,
    );
  }
  console.log(
    `interrupt() -> InterruptedError in a worker parked on a Lock, ${samples} samples (round trip)`,
  );
  const interrupt = describe(
    "interrupt round trip (ours)",
    await timeInterrupts(samples, "parked-lock"),
  );
  const asyncInterrupt = describe(
    "interrupt round trip, async wait (ours)",
    await timeInterrupts(samples, "parked-lock-async"),
  );
  const floor = describe(
    "bare notify round trip (floor)",
    await timePings(samples),
  );
  console.log(
    `ratio ours/floor ${
      (interrupt.median / floor.median).toFixed(2)
    }x; median round trip ${(interrupt.median * 1000).toFixed(1)} µs, p99 ${
      (interrupt.p99 * 1000).toFixed(1)
    } µs`,
  );
  const figures = {
    interrupt: interrupt.median * 1000,
    "interrupt p99": interrupt.p99 * 1000,
    "bare notify": floor.median * 1000,
    "bare notify p99": floor.p99 * 1000,
    "async wait": asyncInterrupt.median * 1000,
    "async wait p99": asyncInterrupt.p99 * 1000,
  };
  await recordComparisons("bench:interrupt", [{
    id: "concurrency.interrupt.latency",
    title: `interrupt() to InterruptedError round trip, median of ${samples}`,
    ratio: interrupt.median * 1000,
    scale: "µs",
    target: 1000,
    direction: "at-most",
    peer: "median",
    figures,
    unit: "µs",
  }, {
    id: "concurrency.interrupt.latency-p99",
    title:
      `interrupt() to InterruptedError round trip, 99th percentile of ${samples}`,
    ratio: interrupt.p99 * 1000,
    scale: "µs",
    target: 1000,
    direction: "at-most",
    peer: "p99",
    figures,
    unit: "µs",
  }, {
    id: "concurrency.interrupt.latency-async-p99",
    title:
      `interrupt() to InterruptedError in acquireAsync, 99th percentile of ${samples}`,
    ratio: asyncInterrupt.p99 * 1000,
    scale: "µs",
    target: 1000,
    direction: "at-most",
    peer: "p99",
    figures,
    unit: "µs",
  }]);
}

if (import.meta.main) await main(Deno.args);
