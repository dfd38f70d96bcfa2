/**
 * The peer server of the HTTP client benchmark: a `Deno.serve` on loopback,
 * port 0, that answers every request with a short body. It runs in its own
 * process so that the server's work does not share the client's event loop,
 * and prints `listening <port>` once ready. It stops on stdin EOF.
 *
 * @module
 */

const body = new TextEncoder().encode("hello from the benchmark server\n");

const server = Deno.serve(
  {
    hostname: "127.0.0.1",
    port: 0,
    onListen({ port }) {
      console.log(`listening ${port}`);
    },
  },
  () => new Response(body, { headers: { "content-type": "text/plain" } }),
);

// The parent closes our stdin when it is done; then shut down cleanly.
for await (const _ of Deno.stdin.readable) {
  // Nothing to read; the loop ends at EOF.
}
await server.shutdown();
