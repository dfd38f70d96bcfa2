/**
 * Runs `serveEcho` on a thread of its own for bench/echo_compare.ts, so the
 * server has its own event loop as the Node server in its own process does,
 * and does not share one with the client that drives it.
 *
 * @module
 */

import { serveEcho } from "../net/mod.ts";

declare const self: Worker & { close(): void };

const server = serveEcho({ hostname: "127.0.0.1", port: 0 });
self.postMessage({ port: server.addr.port });
self.onmessage = async () => {
  await server.shutdown();
  self.postMessage({ stopped: true });
  self.close();
};
