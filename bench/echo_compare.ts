#!/usr/bin/env -S deno run --allow-net=127.0.0.1 --allow-read=. --allow-run=node
/**
 * Side by side: wirework's `serveEcho` against a Node.js `net` echo server
 * (`socket.pipe(socket)`, the idiomatic one), both driven by the same Deno
 * client in the same run, on loopback.
 *
 * 1. Round trips per second: 50 clients, each on its own connection, each
 *    sending 64 bytes and waiting for them to come back, over and over.
 * 2. Bulk throughput: 1 GiB through one connection in 64 KiB writes, read
 *    back at the same time, in MB/s (10^6 bytes per second).
 *
 * The wirework server runs in a Worker (its own thread and event loop); the
 * Node server in its own process. Each comparison prints a ratio.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 --allow-read=. --allow-run=node bench/echo_compare.ts
 * deno run --allow-net=127.0.0.1 --allow-read=. --allow-run=node bench/echo_compare.ts --bulk-mib 64 --duration 1000
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { recordComparisons } from "./_results.ts";

const NODE_ECHO_SERVER = `
const net = require("node:net");
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.on("error", () => {});
  socket.pipe(socket);
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

interface EchoPeer extends AsyncDisposable {
  name: string;
  port: number;
}

async function startWirework(): Promise<EchoPeer> {
  const worker = new Worker(
    new URL("./_echo_server_worker.ts", import.meta.url),
    { type: "module" },
  );
  const port = await new Promise<number>((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data.port);
    worker.onerror = (event) => reject(event.error ?? event.message);
  });
  return {
    name: "wirework serveEcho",
    port,
    async [Symbol.asyncDispose]() {
      const stopped = new Promise((resolve) => worker.onmessage = resolve);
      worker.postMessage("stop");
      await stopped;
      worker.terminate();
    },
  };
}

async function startNode(): Promise<EchoPeer> {
  const child = new Deno.Command("node", {
    args: ["-e", NODE_ECHO_SERVER],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("The Node echo server exited before listening");
    text += value;
  }
  return {
    name: `Node ${await nodeVersion()} net (pipe)`,
    port: Number(text.trim()),
    async [Symbol.asyncDispose]() {
      child.kill("SIGTERM");
      await reader.cancel();
      await child.status;
    },
  };
}

let cachedNodeVersion: string | undefined;
async function nodeVersion(): Promise<string> {
  if (cachedNodeVersion) return cachedNodeVersion;
  const { stdout } = await new Deno.Command("node", { args: ["--version"] })
    .output();
  return cachedNodeVersion = new TextDecoder().decode(stdout).trim();
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await conn.write(bytes.subarray(written));
  }
}

/** Round trips per second with `clients` connections for `duration` ms. */
async function roundTrips(
  port: number,
  clients: number,
  duration: number,
): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, () => Deno.connect({ port })),
  );
  try {
    let count = 0;
    const message = new Uint8Array(64).fill(0x2a);
    const started = performance.now();
    const deadline = started + duration;
    await Promise.all(conns.map(async (conn) => {
      conn.setNoDelay(true);
      const reply = new Uint8Array(64);
      while (performance.now() < deadline) {
        await writeAll(conn, message);
        let received = 0;
        while (received < 64) {
          const n = await conn.read(reply.subarray(received));
          if (n === null) throw new Error("The echo server closed early");
          received += n;
        }
        count++;
      }
    }));
    return count / ((performance.now() - started) / 1000);
  } finally {
    for (const conn of conns) conn.close();
  }
}

/** MB/s echoing `total` bytes in 64 KiB writes through one connection. */
async function bulk(port: number, total: number): Promise<number> {
  const conn = await Deno.connect({ port });
  try {
    conn.setNoDelay(true);
    const chunk = new Uint8Array(65536).map((_, i) => i % 251);
    const started = performance.now();
    const writing = (async () => {
      for (let sent = 0; sent < total; sent += chunk.length) {
        await writeAll(
          conn,
          chunk.subarray(0, Math.min(chunk.length, total - sent)),
        );
      }
    })();
    const reading = (async () => {
      const buffer = new Uint8Array(256 * 1024);
      let received = 0;
      while (received < total) {
        const n = await conn.read(buffer);
        if (n === null) throw new Error("The echo server closed early");
        received += n;
      }
    })();
    await Promise.all([writing, reading]);
    return total / 1e6 / ((performance.now() - started) / 1000);
  } finally {
    conn.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const format = (n: number): string => Math.round(n).toLocaleString("en-US");

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      clients: { type: "string", default: "50" },
      duration: { type: "string", default: "1500" },
      rounds: { type: "string", default: "8" },
      "bulk-mib": { type: "string", default: "1024" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(
      "Usage: echo_compare.ts [--clients 50] [--duration 1500] [--rounds 8] [--bulk-mib 1024]",
    );
    return;
  }
  const clients = Number(values.clients);
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);
  const bulkBytes = Number(values["bulk-mib"]) * 1024 * 1024;

  await using wirework = await startWirework();
  await using node = await startNode();
  const peers = [wirework, node];

  // Warm up both (JIT, connection setup paths) before measuring.
  for (const peer of peers) await roundTrips(peer.port, clients, 500);

  const rates = new Map<EchoPeer, number[]>(peers.map((p) => [p, []]));
  for (let round = 0; round < rounds; round++) {
    // Alternate the order so drift on a shared machine hits both alike.
    for (const peer of round % 2 ? [...peers].reverse() : peers) {
      rates.get(peer)!.push(await roundTrips(peer.port, clients, duration));
    }
  }
  // Each round's two runs are back to back: their ratio cancels most of the
  // load other processes put on the machine, which moves between rounds.
  const pairedRatios = rates.get(wirework)!.map((rate, i) =>
    rate / rates.get(node)![i]!
  );
  console.log(
    `Echo round trips/s, ${clients} clients x 64-byte messages ` +
      `(${rounds} rounds of ${duration} ms each, alternating):`,
  );
  for (const peer of peers) {
    console.log(
      `  ${peer.name.padEnd(30)} median ${
        format(median(rates.get(peer)!)).padStart(8)
      } /s  (rounds: ${rates.get(peer)!.map(format).join(", ")})`,
    );
  }
  console.log(
    `  ratio: ${median(pairedRatios).toFixed(2)}x Node (median of the ` +
      `per-round ratios ${pairedRatios.map((r) => r.toFixed(2)).join(", ")}; ` +
      `target >= 1.00x)`,
  );

  // Bulk: each server twice, in the order W N N W; the best run of each.
  const throughput = new Map<EchoPeer, number[]>(peers.map((p) => [p, []]));
  for (const peer of [...peers, ...[...peers].reverse()]) {
    throughput.get(peer)!.push(await bulk(peer.port, bulkBytes));
  }
  console.log(
    `Bulk echo throughput, ${
      bulkBytes / 1024 / 1024
    } MiB in 64 KiB writes, one connection (best of 2):`,
  );
  for (const peer of peers) {
    console.log(
      `  ${peer.name.padEnd(30)} ${
        format(Math.max(...throughput.get(peer)!)).padStart(8)
      } MB/s  (runs: ${throughput.get(peer)!.map(format).join(", ")})`,
    );
  }
  const bulkRatio = Math.max(...throughput.get(wirework)!) /
    Math.max(...throughput.get(node)!);
  console.log(`  ratio: ${bulkRatio.toFixed(2)}x Node`);
  await recordComparisons("bench:net", [{
    id: "net.echo.round_trips",
    title:
      `Echo round trips/s, ${clients} clients x 64 B, serveEcho vs Node net`,
    ratio: median(pairedRatios),
    target: 1,
    peer: "Node net",
    figures: {
      wirework: median(rates.get(wirework)!),
      "Node net": median(rates.get(node)!),
    },
    unit: "round trips/s",
  }, {
    id: "net.echo.bulk",
    title: `Bulk echo, ${bulkBytes / 1024 / 1024} MiB in 64 KiB writes`,
    ratio: bulkRatio,
    peer: "Node net",
    figures: {
      wirework: Math.max(...throughput.get(wirework)!),
      "Node net": Math.max(...throughput.get(node)!),
    },
    unit: "MB/s",
  }]);
}

if (import.meta.main) await main(Deno.args);
