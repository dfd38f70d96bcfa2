/**
 * `deno bench` for the echo server and client of net/: one 64-byte round
 * trip on an open connection (the server's per-message cost) and one
 * `echo()` call (connect, send, receive, close). The side-by-side figures
 * against Node.js are in echo_compare.ts.
 *
 * ```sh
 * deno bench --allow-net=127.0.0.1 bench/echo_bench.ts
 * ```
 *
 * @module
 */

import { echo, serveEcho } from "../net/mod.ts";

const ROUND_TRIPS = 200;

Deno.bench({
  name: `serveEcho(): ${ROUND_TRIPS} round trips of 64 bytes on one connection`,
  group: "echo",
  baseline: true,
  async fn(b) {
    await using server = serveEcho();
    const conn = await Deno.connect({ port: server.addr.port });
    conn.setNoDelay(true);
    const message = new Uint8Array(64).fill(1);
    const reply = new Uint8Array(64);
    try {
      b.start();
      for (let i = 0; i < ROUND_TRIPS; i++) {
        await conn.write(message);
        let received = 0;
        while (received < 64) {
          received += (await conn.read(reply.subarray(received)))!;
        }
      }
      b.end();
    } finally {
      conn.close();
    }
  },
});

Deno.bench({
  name: `echo(): ${ROUND_TRIPS} calls of 64 bytes, a connection each`,
  group: "echo",
  async fn(b) {
    await using server = serveEcho();
    const message = new Uint8Array(64).fill(1);
    b.start();
    for (let i = 0; i < ROUND_TRIPS; i++) {
      await echo(message, { port: server.addr.port });
    }
    b.end();
  },
});
