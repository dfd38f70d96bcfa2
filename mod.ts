/**
 * wirework: a Deno toolkit for sockets, URLs, generic typed code and
 * threads that share memory. This entry re-exports the public API of the
 * four modules; import a module's own path (`@wirework/wirework/net`,
 * `/url`, `/generics`, `/concurrency`) to load only what you use.
 *
 * @example One call from each module
 * ```ts
 * import {
 *   echo,
 *   Lock,
 *   parseQs,
 *   PriorityQueue,
 *   Queue,
 *   serveEcho,
 *   SharedQueue,
 *   urljoin,
 * } from "@wirework/wirework";
 * import assert from "node:assert/strict";
 *
 * // net/: a TCP echo server on a free loopback port, and a client for it.
 * await using server = serveEcho({ port: 0 });
 * assert.equal(await echo("ping", { port: server.addr.port }), "ping");
 *
 * // url/: query strings and joins with Python's answers.
 * assert.deepEqual(parseQs("tag=a&tag=b&q=x+y"), {
 *   tag: ["a", "b"],
 *   q: ["x y"],
 * });
 * assert.equal(
 *   urljoin("https://example.com/docs/guide/", "../api"),
 *   "https://example.com/docs/api",
 * );
 *
 * // generics/: a deque and a min-heap.
 * const queue = Queue.from([1, 2]);
 * queue.push(3);
 * assert.equal(queue.shift(), 1);
 * const heap = new PriorityQueue<number>();
 * for (const n of [5, 1, 3]) heap.push(n);
 * assert.equal(heap.pop(), 1);
 *
 * // concurrency/: a lock and a queue that Web Workers can share
 * // (post `lock.handle` or `jobs.handle` to a worker to use them there).
 * const lock = new Lock({ name: "balance" });
 * {
 *   using _ = lock.hold();
 *   assert.equal(lock.locked(), true);
 * }
 * const jobs = new SharedQueue<{ id: number }>();
 * jobs.put({ id: 7 });
 * assert.deepEqual(jobs.get(), { id: 7 });
 * ```
 *
 * @module
 */
export * from "./net/mod.ts";
export * from "./url/mod.ts";
export * from "./generics/mod.ts";
export * from "./concurrency/mod.ts";
