#!/usr/bin/env -S deno run --allow-net=127.0.0.1 --allow-run=deno
/**
 * Keep-alive GETs per second against one `Deno.serve` in another process:
 * wirework's `HttpClient` against Deno's `fetch`, at 1 and at 50 requests in
 * flight, in the same run. The two peers take turns in short rounds so that
 * noise from a shared machine falls on both alike; each comparison is
 * printed as a ratio (target: at least 2x `fetch` at both).
 *
 * Run: `deno run --allow-net=127.0.0.1 --allow-run=deno bench/http_keep_alive_gets.ts`
 *
 * @module
 */

import { HttpClient } from "../net/mod.ts";

const ROUNDS = 7;
const ROUND_MS = 800;

interface Server {
  port: number;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const child = new Deno.Command("deno", {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      new URL("./_http_server.ts", import.meta.url).pathname,
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!/listening (\d+)/.test(text)) {
    const { value, done } = await lines.read();
    if (done) throw new Error("The benchmark server exited before listening");
    text += value;
  }
  const port = Number(/listening (\d+)/.exec(text)![1]);
  return {
    port,
    async stop() {
      await child.stdin.close();
      await lines.cancel();
      await child.status;
    },
  };
}

type Get = () => Promise<void>;

/** Runs `concurrency` loops of `get` for `ms`; returns requests per second. */
async function measure(
  get: Get,
  concurrency: number,
  ms: number,
): Promise<number> {
  let count = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await get();
        count++;
      }
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const server = await startServer();
  const url = `http://127.0.0.1:${server.port}/`;
  const client = new HttpClient();
  const wirework: Get = async () => {
    const response = await client.request(url);
    if (response.status !== 200) throw new Error(`Status ${response.status}`);
  };
  const fetchGet: Get = async () => {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`Status ${response.status}`);
  };
  try {
    console.log(
      `keep-alive GETs/s against Deno.serve in another process, ${ROUNDS} paired rounds of ${ROUND_MS} ms per peer`,
    );
    for (const concurrency of [1, 50]) {
      // Warm both peers up: connections, JIT.
      await measure(wirework, concurrency, 300);
      await measure(fetchGet, concurrency, 300);
      const ratios: number[] = [];
      let ours = 0;
      let theirs = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate who goes first, so neither always runs right after a GC.
        const first = round % 2 === 0 ? wirework : fetchGet;
        const second = first === wirework ? fetchGet : wirework;
        const a = await measure(first, concurrency, ROUND_MS);
        const b = await measure(second, concurrency, ROUND_MS);
        const [client, peer] = first === wirework ? [a, b] : [b, a];
        ours += client;
        theirs += peer;
        ratios.push(client / peer);
      }
      ratios.sort((x, y) => x - y);
      const median = ratios[Math.floor(ratios.length / 2)]!;
      console.log(
        `concurrency ${String(concurrency).padStart(2)}: HttpClient ${
          (ours / ROUNDS).toFixed(0)
        }/s, fetch ${(theirs / ROUNDS).toFixed(0)}/s (means); ratio ${
          median.toFixed(2)
        }x (median of ${ROUNDS} paired rounds, range ${ratios[0]!.toFixed(2)}-${
          ratios.at(-1)!.toFixed(2)
        }; target >= 2x)`,
      );
    }
  } finally {
    await client.close();
    await server.stop();
  }
}

if (import.meta.main) await main();
