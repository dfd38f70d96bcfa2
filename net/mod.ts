/**
 * TCP and UDP sockets and a raw HTTP/1.1 client on `Deno.listen` and
 * `Deno.connect`: echo servers and clients, a chat server, keep-alive HTTP
 * over TCP and TLS.
 *
 * Deno only, by design: every socket here is a `Deno.Conn` or a
 * `Deno.DatagramConn`, so `net/` does not load on Node.js or in a browser
 * (`url/`, `generics/` and `concurrency/` do).
 *
 * @example Echo a message through a TCP echo server
 * ```ts
 * import { echo, serveEcho } from "@wirework/wirework/net";
 * import assert from "node:assert/strict";
 *
 * // Port 0 picks a free port; the server listens before serveEcho returns.
 * await using server = serveEcho({ hostname: "127.0.0.1", port: 0 });
 * const reply = await echo("hello, wire", {
 *   port: server.addr.port,
 *   timeout: 5000,
 * });
 * assert.equal(reply, "hello, wire");
 * assert.equal(server.totalConnections, 1);
 * ```
 *
 * @module
 */
// Sockets: echo, UDP, chat.
export * from "./serve_echo.ts";
export * from "./echo.ts";
export * from "./serve_udp_echo.ts";
export * from "./udp_request.ts";
export * from "./serve_chat.ts";

// HTTP: the raw HTTP/1.1 client.
export * from "./http_client.ts";
export * from "./http_protocol_error.ts";
export * from "./http_proxy_error.ts";
export * from "./http_redirect_error.ts";
export * from "./http_request.ts";
export * from "./http_response_head.ts";
export * from "./http_response.ts";
export * from "./http_stream_response.ts";
