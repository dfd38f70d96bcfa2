/**
 * wirework: a Deno toolkit for sockets, URLs, generic typed code and
 * threads that share memory. This entry re-exports the public API of the
 * four modules; import a module's own path (`@wirework/wirework/net`,
 * `/url`, `/generics`, `/concurrency`) to load only what you use.
 *
 * @example Usage
 * ```ts
 * import * as wirework from "@wirework/wirework";
 * import * as net from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * // Everything a module exports is reachable from the root entry too.
 * for (const name of Object.keys(net)) {
 *   assert.ok(name in wirework, name);
 * }
 * ```
 *
 * @module
 */
export * from "./net/mod.ts";
export * from "./url/mod.ts";
export * from "./generics/mod.ts";
export * from "./concurrency/mod.ts";
