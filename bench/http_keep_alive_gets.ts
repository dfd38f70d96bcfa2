#!/usr/bin/env -S deno run --allow-net=127.0.0.1 --allow-run=deno --allow-read=bench --allow-write=bench/results.json --allow-sys=loadavg
/**
 * Keep-alive GETs per second against one `Deno.serve` in another process, at
 * 1 and at 50 requests in flight, three peers in the same run:
 *
 * - wirework's `HttpClient`;
 * - Deno's `fetch`;
 * - the floor: a minimal loop on `Deno.connect` that writes the same request
 *   bytes as `HttpClient` with its defaults (`accept-encoding: gzip, deflate,
 *   br` included, which the server answers the same way, uncompressed) and
 *   reads until the response's known length is in, parsing nothing. No
 *   client that parses can beat it by much; the ratio to it says how much of
 *   the time is the client's own.
 *
 * The peers take turns in short rounds so that noise from a shared machine
 * falls on all alike; each ratio is the median of the paired rounds, with
 * its range. Verdicts and figures go through `bench/_results.ts`.
 *
 * Run: `deno task bench:http`
 *
 * @module
 */

import { HttpClient } from "../net/mod.ts";
import { type Comparison, recordComparisons } from "./_results.ts";

const ROUNDS = 11;
const ROUND_MS = 500;
/**
 * Long enough for every peer's code to reach V8's optimizing tier before the
 * rounds start: at 1 in flight, HttpClient's larger functions were still
 * being compiled (on V8's worker threads, beside the server) after 300 ms.
 */
const WARM_UP_MS = 2000;

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

/** One peer: `loop()` makes a worker that does one GET per call. */
interface Peer {
  name: string;
  /** Makes the state of one of the loops in flight (a connection, say). */
  loop(): Promise<Get>;
  /** Frees what the loops hold. */
  close(): Promise<void>;
}

type Get = () => Promise<void>;

/** Runs `gets` in parallel loops for `ms`; returns requests per second. */
async function measure(gets: Get[], ms: number): Promise<number> {
  let count = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(gets.map(async (get) => {
    while (performance.now() < end) {
      await get();
      count++;
    }
  }));
  return count / ((performance.now() - start) / 1000);
}

function wireworkPeer(url: string): Peer {
  const client = new HttpClient();
  const get: Get = async () => {
    const response = await client.request(url);
    if (response.status !== 200) throw new Error(`Status ${response.status}`);
  };
  return {
    name: "wirework",
    loop: () => Promise.resolve(get),
    close: () => client.close(),
  };
}

function fetchPeer(url: string): Peer {
  const get: Get = async () => {
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`Status ${response.status}`);
  };
  return {
    name: "fetch",
    loop: () => Promise.resolve(get),
    close: () => Promise.resolve(),
  };
}

/** Reads one response off `conn` to learn its length (all are alike). */
async function probeResponseLength(
  conn: Deno.Conn,
  request: Uint8Array,
): Promise<number> {
  await conn.write(request);
  const buffer = new Uint8Array(64 * 1024);
  let end = 0;
  while (true) {
    const count = await conn.read(buffer.subarray(end));
    if (count === null) throw new Error("The server closed the probe");
    end += count;
    const text = new TextDecoder().decode(buffer.subarray(0, end));
    const headEnd = text.indexOf("\r\n\r\n");
    if (headEnd === -1) continue;
    const length = /\r\ncontent-length: *(\d+)/i.exec(text);
    if (length === null) throw new Error("The response has no length");
    const total = headEnd + 4 + Number(length[1]);
    if (end >= total) return total;
  }
}

function floorPeer(port: number): Peer {
  // What HttpClient sends for a GET with no options, byte for byte.
  const request = new TextEncoder().encode(
    `GET / HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\naccept-encoding: gzip, deflate, br\r\n\r\n`,
  );
  const conns: Deno.Conn[] = [];
  return {
    name: "floor",
    async loop() {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      conn.setNoDelay(true);
      conns.push(conn);
      const total = await probeResponseLength(conn, request);
      const buffer = new Uint8Array(64 * 1024);
      return async () => {
        await conn.write(request);
        let received = 0;
        while (received < total) {
          const count = await conn.read(buffer);
          if (count === null) throw new Error("The server closed");
          received += count;
        }
        if (received !== total) throw new Error("Unexpected response length");
      };
    },
    close() {
      for (const conn of conns.splice(0)) conn.close();
      return Promise.resolve();
    },
  };
}

interface Row {
  concurrency: number;
  means: Record<string, number>;
  ratios: Record<string, number[]>;
}

async function compare(
  peers: Peer[],
  concurrency: number,
): Promise<Row> {
  const loops: Get[][] = [];
  for (const peer of peers) {
    loops.push(
      await Promise.all(Array.from({ length: concurrency }, () => peer.loop())),
    );
  }
  // Warm every peer up: connections, JIT.
  for (const gets of loops) await measure(gets, WARM_UP_MS);
  const sums = peers.map(() => 0);
  const ratios: Record<string, number[]> = {};
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate who goes first, so no peer always runs right after a GC.
    const rates = peers.map(() => 0);
    for (let turn = 0; turn < peers.length; turn++) {
      const index = (round + turn) % peers.length;
      rates[index] = await measure(loops[index]!, ROUND_MS);
    }
    rates.forEach((rate, index) => sums[index]! += rate);
    for (let index = 1; index < peers.length; index++) {
      (ratios[peers[index]!.name] ??= []).push(rates[0]! / rates[index]!);
    }
  }
  const means: Record<string, number> = {};
  peers.forEach((peer, index) => means[peer.name] = sums[index]! / ROUNDS);
  return { concurrency, means, ratios };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function comparisonOf(row: Row, peer: string, target: number): Comparison {
  const ratios = [...row.ratios[peer]!].sort((a, b) => a - b);
  return {
    id: `http.keep_alive.${peer}.${row.concurrency}`,
    title:
      `keep-alive GETs/s, ${row.concurrency} in flight, HttpClient vs ${peer}`,
    ratio: median(ratios),
    target,
    peer,
    figures: {
      wirework: Math.round(row.means.wirework!),
      [peer]: Math.round(row.means[peer]!),
    },
    unit: "requests/s",
    remark: `median of ${ROUNDS} paired rounds of ${ROUND_MS} ms, range ${
      ratios[0]!.toFixed(2)
    }-${ratios.at(-1)!.toFixed(2)}`,
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  const url = `http://127.0.0.1:${server.port}/`;
  const peers = [wireworkPeer(url), fetchPeer(url), floorPeer(server.port)];
  const comparisons: Comparison[] = [];
  try {
    console.log(
      `keep-alive GETs/s against Deno.serve in another process, ${ROUNDS} rotated rounds of ${ROUND_MS} ms per peer`,
    );
    for (const concurrency of [1, 50]) {
      const row = await compare(peers, concurrency);
      console.log(
        `concurrency ${String(concurrency).padStart(2)}: ${
          peers.map((peer) =>
            `${peer.name} ${row.means[peer.name]!.toFixed(0)}/s`
          ).join(", ")
        } (means)`,
      );
      comparisons.push(
        comparisonOf(row, "floor", 0.9),
        comparisonOf(row, "fetch", concurrency === 1 ? 2 : 2.5),
      );
    }
  } finally {
    for (const peer of peers) await peer.close();
    await server.stop();
  }
  await recordComparisons("bench:http", comparisons);
}

if (import.meta.main) await main();
