/**
 * TCP and UDP sockets and a raw HTTP/1.1 client on `Deno.listen` and
 * `Deno.connect`: echo servers and clients, a chat server, keep-alive HTTP
 * over TCP and TLS.
 *
 * @example Usage
 * ```ts
 * import * as net from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * assert.equal(typeof net, "object");
 * ```
 *
 * @module
 */
// Sockets (issue #3): echo, UDP, chat.

// HTTP (issue #4): the raw HTTP/1.1 client.
