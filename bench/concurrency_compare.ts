#!/usr/bin/env -S deno run --allow-read=. --allow-write=bench/results.json --v8-flags=--harmony-struct
/**
 * Side-by-side speed of concurrency/ against its floors and peers, each
 * printed as a ratio measured in the same run and recorded in
 * `bench/results.json`:
 *
 * 1. uncontended `Lock` acquire+release vs a bare `compareExchange`+`store`
 *    pair, V8's native `Atomics.Mutex` (needs `--v8-flags=--harmony-struct`)
 *    and npm `async-mutex` on the main thread;
 * 2. two workers handing `Lock`s back and forth vs a bare
 *    `Atomics.wait`/`notify` ping-pong;
 * 3. `SharedQueue` 64-byte messages/s between two workers vs `postMessage`
 *    over a `MessageChannel` between two workers.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { Mutex as AsyncMutex } from "npm:async-mutex@0.5.0";
import { Barrier, Lock, SharedQueue, spawn } from "../concurrency/mod.ts";
import { type Comparison, recordComparisons } from "./_results.ts";
import { bestNsPerOp } from "./_timing.ts";

const HELP =
  `Usage: deno run --allow-read=. --allow-write=bench/results.json --v8-flags=--harmony-struct bench/concurrency_compare.ts [options]

Options:
  --only <part>        uncontended | handoff | queue (default: all three)
  --iterations <n>     uncontended acquire+release pairs per sample (default 2000000)
  --samples <n>        samples per measure; the best is kept (default 5)
  --steps <n>          handoff steps (round trips) per sample (default 20000)
  --messages <n>       queue messages per sample (default 200000)
  -h, --help           show this help`;

interface NativeMutex {
  lock(mutex: unknown, callback: () => void): void;
  new (): unknown;
}

/** Returns V8's `Atomics.Mutex` when the flag enabled it. */
function nativeMutex(): NativeMutex | undefined {
  const candidate = (Atomics as unknown as { Mutex?: NativeMutex }).Mutex;
  return typeof candidate === "function" ? candidate : undefined;
}

async function nsPerOpAsync(
  run: (iterations: number) => Promise<void>,
  iterations: number,
  samples: number,
): Promise<number> {
  await run(Math.min(iterations, 10_000));
  let best = Infinity;
  for (let sample = 0; sample < samples; sample++) {
    const started = performance.now();
    await run(iterations);
    best = Math.min(best, ((performance.now() - started) * 1e6) / iterations);
  }
  return best;
}

function ratioLine(
  label: string,
  ours: number,
  theirs: number,
  unit: string,
  target: string,
): string {
  return `  ${label.padEnd(46)} ${ours.toFixed(1).padStart(9)} vs ${
    theirs.toFixed(1).padStart(9)
  } ${unit}  ratio ${(ours / theirs).toFixed(2)}x  (${target})`;
}

/** Part 1: the uncontended fast path. */
export async function uncontended(
  iterations: number,
  samples: number,
): Promise<Comparison[]> {
  const comparisons: Comparison[] = [];
  console.log(
    "Uncontended acquire+release, main thread (best of samples, ns per pair):",
  );
  const lock = new Lock();
  const word = new Int32Array(new SharedArrayBuffer(4));
  const lockPairs = (n: number): void => {
    for (let i = 0; i < n; i++) {
      lock.acquire();
      lock.release();
    }
  };
  const barePairs = (n: number): void => {
    for (let i = 0; i < n; i++) {
      if (Atomics.compareExchange(word, 0, 0, 1) !== 0) {
        throw new Error("The bare word was taken");
      }
      Atomics.store(word, 0, 0);
    }
  };
  const bare = bestNsPerOp(barePairs, iterations, samples, 100_000);
  const ours = bestNsPerOp(lockPairs, iterations, samples, 100_000);
  console.log(
    ratioLine(
      "Lock vs bare compareExchange+store",
      ours,
      bare,
      "ns",
      "target ≤ 1.5x",
    ),
  );
  comparisons.push({
    id: "concurrency.lock.uncontended_vs_bare",
    title: "Uncontended Lock acquire+release vs bare compareExchange+store",
    ratio: ours / bare,
    target: 1.5,
    direction: "at-most",
    peer: "bare CAS",
    figures: { wirework: ours, "bare CAS": bare },
    unit: "ns",
  });
  const Native = nativeMutex();
  if (Native) {
    const mutex = new Native();
    const noop = (): void => {};
    const nativePairs = (n: number): void => {
      for (let i = 0; i < n; i++) Native.lock(mutex, noop);
    };
    const native = bestNsPerOp(nativePairs, iterations, samples, 100_000);
    console.log(
      ratioLine(
        "Lock vs V8 Atomics.Mutex.lock",
        ours,
        native,
        "ns",
        "target < 1.0x",
      ),
    );
    comparisons.push({
      id: "concurrency.lock.uncontended_vs_atomics_mutex",
      title: "Uncontended Lock acquire+release vs V8 Atomics.Mutex",
      ratio: ours / native,
      target: 1,
      direction: "at-most",
      peer: "Atomics.Mutex",
      figures: { wirework: ours, "Atomics.Mutex": native },
      unit: "ns",
    });
  } else {
    console.log(
      "  Lock vs V8 Atomics.Mutex: not available (run with --v8-flags=--harmony-struct)",
    );
  }
  const asyncMutex = new AsyncMutex();
  const asyncIterations = Math.max(1, Math.floor(iterations / 10));
  const asyncMutexPairs = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const release = await asyncMutex.acquire();
      release();
    }
  };
  const lockAsyncPairs = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      await lock.acquireAsync();
      lock.release();
    }
  };
  const peer = await nsPerOpAsync(asyncMutexPairs, asyncIterations, samples);
  console.log(
    ratioLine(
      "Lock.acquire vs async-mutex acquire (await)",
      ours,
      peer,
      "ns",
      "reported",
    ),
  );
  const oursAsync = await nsPerOpAsync(
    lockAsyncPairs,
    asyncIterations,
    samples,
  );
  console.log(
    ratioLine(
      "Lock.acquireAsync vs async-mutex (both await)",
      oursAsync,
      peer,
      "ns",
      "reported",
    ),
  );
  comparisons.push({
    id: "concurrency.lock.acquire_async_vs_async_mutex",
    title: "Lock.acquireAsync vs npm async-mutex, both awaited",
    ratio: oursAsync / peer,
    direction: "at-most",
    peer: "async-mutex",
    figures: { wirework: oursAsync, "async-mutex": peer },
    unit: "ns",
  });
  return comparisons;
}

const WORKERS = new URL("./concurrency_workers.ts", import.meta.url);

/** Part 2: two workers handing locks back and forth. */
export async function handoff(
  steps: number,
  samples: number,
): Promise<Comparison[]> {
  console.log(
    "Two-worker handoff (best of samples, µs per round trip = two wakes):",
  );
  let bare = Infinity;
  let ours = Infinity;
  for (let sample = 0; sample < samples; sample++) {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const pingers = (["A", "B"] as const).map((role) =>
      spawn<number>(WORKERS, {
        args: ["bare-ping-pong", role, flag, steps],
        name: `bare-${role}`,
      })
    );
    try {
      const [elapsed] = await Promise.all(
        pingers.map((worker) => worker.result),
      );
      bare = Math.min(bare, (elapsed! * 1000) / steps);
    } finally {
      for (const worker of pingers) worker.terminate();
    }
    const locks = [new Lock(), new Lock(), new Lock()];
    const ready = new Int32Array(new SharedArrayBuffer(4));
    const handers = (["A", "B"] as const).map((role) =>
      spawn<number>(WORKERS, {
        args: ["lock-rotation", role, locks, steps, ready],
        name: `lock-${role}`,
      })
    );
    try {
      const [elapsed] = await Promise.all(
        handers.map((worker) => worker.result),
      );
      ours = Math.min(ours, (elapsed! * 1000) / steps);
    } finally {
      for (const worker of handers) worker.terminate();
    }
  }
  console.log(
    ratioLine(
      "Lock handoff vs bare Atomics.wait/notify",
      ours,
      bare,
      "µs",
      "target ≤ 1.3x",
    ),
  );
  return [{
    id: "concurrency.lock.handoff",
    title: "Two-worker Lock handoff vs bare Atomics.wait/notify ping-pong",
    ratio: ours / bare,
    target: 1.3,
    direction: "at-most",
    peer: "bare wait/notify",
    figures: { wirework: ours, "bare wait/notify": bare },
    unit: "µs per round trip",
    remark:
      "Bimodal: with a core each the spinning acquire catches the release and nobody sleeps; under load both sleep",
  }];
}

async function postMessageRate(count: number): Promise<number> {
  const url =
    new URL("./concurrency_postmessage_worker.ts", import.meta.url).href;
  const producer = new Worker(url, {
    type: "module",
    name: "postmessage-producer",
  });
  const consumer = new Worker(url, {
    type: "module",
    name: "postmessage-consumer",
  });
  try {
    const channel = new MessageChannel();
    const elapsed = new Promise<number>((resolve, reject) => {
      consumer.onmessage = (event: MessageEvent<number>) => resolve(event.data);
      consumer.onerror = (event) => reject(new Error(event.message));
      producer.onerror = (event) => reject(new Error(event.message));
    });
    producer.postMessage({ role: "producer", port: channel.port1, count }, [
      channel.port1,
    ]);
    consumer.postMessage({ role: "consumer", port: channel.port2, count }, [
      channel.port2,
    ]);
    return ((count - 1) / (await elapsed)) * 1000;
  } finally {
    producer.terminate();
    consumer.terminate();
  }
}

async function sharedQueueRate(
  count: number,
  codec: "bytes" | "length",
): Promise<number> {
  const queue = new SharedQueue<unknown>({ capacity: 64 * 1024 });
  const start = new Barrier(2);
  const producer = spawn<number>(WORKERS, {
    args: ["queue-produce", queue, start, count, codec],
    name: "queue-producer",
  });
  const consumer = spawn<number>(WORKERS, {
    args: ["queue-consume", queue, start, count, codec],
    name: "queue-consumer",
  });
  try {
    const [, elapsed] = await Promise.all([producer.result, consumer.result]);
    return ((count - 1) / elapsed) * 1000;
  } finally {
    producer.terminate();
    consumer.terminate();
  }
}

/** Part 3: messages per second between two workers. */
export async function queue(
  messages: number,
  samples: number,
): Promise<Comparison[]> {
  console.log(
    "64-byte messages between two workers (best of samples, messages/s):",
  );
  let peer = 0;
  let ours = 0;
  let transport = 0;
  for (let sample = 0; sample < samples; sample++) {
    peer = Math.max(peer, await postMessageRate(messages));
    ours = Math.max(ours, await sharedQueueRate(messages, "bytes"));
    transport = Math.max(transport, await sharedQueueRate(messages, "length"));
  }
  const rate = (value: number): string =>
    `${Math.round(value).toLocaleString("en")}/s`;
  console.log(
    `  ${"SharedQueue (bytesCodec) vs postMessage".padEnd(46)} ${
      rate(ours)
    } vs ${rate(peer)}  ratio ${(ours / peer).toFixed(2)}x  (target ≥ 5x)`,
  );
  console.log(
    `  ${"SharedQueue (decode without allocating) vs same".padEnd(46)} ${
      rate(transport)
    } vs ${rate(peer)}  ratio ${
      (transport / peer).toFixed(2)
    }x  (reported: the transport alone)`,
  );
  return [{
    id: "concurrency.shared_queue.bytes_vs_post_message",
    title: "SharedQueue 64-byte messages/s between two workers (bytesCodec)",
    ratio: ours / peer,
    target: 5,
    peer: "postMessage",
    figures: { wirework: ours, postMessage: peer },
    unit: "messages/s",
  }, {
    id: "concurrency.shared_queue.transport_vs_post_message",
    title: "SharedQueue transport alone (a decode that does not allocate)",
    ratio: transport / peer,
    peer: "postMessage",
    figures: { wirework: transport, postMessage: peer },
    unit: "messages/s",
  }];
}

/**
 * Runs the comparisons.
 *
 * @param args Command-line arguments (see `--help`).
 */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      only: { type: "string" },
      iterations: { type: "string", default: "2000000" },
      samples: { type: "string", default: "5" },
      steps: { type: "string", default: "20000" },
      messages: { type: "string", default: "200000" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const samples = Number(values.samples);
  const parts = values.only
    ? [values.only]
    : ["uncontended", "handoff", "queue"];
  console.log(
    `concurrency/ on Deno ${Deno.version.deno}, V8 ${Deno.version.v8}, ${navigator.hardwareConcurrency} cores`,
  );
  const comparisons: Comparison[] = [];
  for (const part of parts) {
    if (part === "uncontended") {
      comparisons.push(
        ...await uncontended(Number(values.iterations), samples),
      );
    } else if (part === "handoff") {
      comparisons.push(...await handoff(Number(values.steps), samples));
    } else if (part === "queue") {
      comparisons.push(...await queue(Number(values.messages), samples));
    } else {
      throw new RangeError(
        `Unknown part "${part}": use uncontended, handoff or queue`,
      );
    }
  }
  await recordComparisons("bench:concurrency", comparisons);
}

if (import.meta.main) await main(Deno.args);
