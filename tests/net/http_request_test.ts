import assert from "node:assert/strict";
import { HttpClient, httpRequest } from "../../net/mod.ts";
import { serveCounting, serveRaw } from "../_helpers/net_http_servers.ts";

/** A port nothing listens on: reaching the network would be refused. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

Deno.test("httpRequest() sends one request and closes its connection", async () => {
  await using server = serveCounting((request) =>
    new Response(`${request.method} ${request.headers.get("x-a")}`)
  );
  const first = await httpRequest(server.origin, { headers: { "x-a": "1" } });
  const second = await httpRequest(new URL(server.origin), {
    method: "DELETE",
  });
  assert.equal(first.text(), "GET 1");
  assert.equal(second.text(), "DELETE null");
  assert.equal(server.connections, 2);
});

Deno.test("httpRequest() rejects with TimeoutError when the server never answers", async () => {
  await using server = serveRaw(() => ({ hang: true }));
  await assert.rejects(
    httpRequest(server.origin, { timeout: 50 }),
    (error) => error instanceof DOMException && error.name === "TimeoutError",
  );
});

Deno.test("httpRequest() rejects with ConnectionRefused on a refused port", async () => {
  await assert.rejects(
    httpRequest(`http://127.0.0.1:${closedPort()}/`),
    Deno.errors.ConnectionRefused,
  );
});

const BAD_REQUESTS: [string, string, Parameters<typeof httpRequest>[1]][] = [
  ["a header value with CRLF", "/", {
    headers: { "x-a": "1\r\nX-Injected: yes" },
  }],
  ["a header value with a bare LF", "/", { headers: { "x-a": "1\nb" } }],
  ["a header value with NUL", "/", { headers: { "x-a": "1\0" } }],
  ["a header value above U+00FF", "/", { headers: { "x-a": "€" } }],
  ["a header name with a space", "/", { headers: { "x a": "1" } }],
  ["a header name with a colon", "/", { headers: [["x:a", "1"]] }],
  ["an empty header name", "/", { headers: [["", "1"]] }],
  ["a method with a space", "/", { method: "GET /evil HTTP/1.1\r\n" }],
  ["the CONNECT method", "/", { method: "CONNECT" }],
  ["a Transfer-Encoding header", "/", {
    method: "POST",
    headers: { "transfer-encoding": "chunked" },
    body: "x",
  }],
  ["a Content-Length that differs from the body", "/", {
    method: "POST",
    headers: { "content-length": "5" },
    body: "x",
  }],
];

for (const [what, path, init] of BAD_REQUESTS) {
  Deno.test(`httpRequest() refuses ${what} with TypeError before connecting`, async () => {
    await assert.rejects(
      httpRequest(`http://127.0.0.1:${closedPort()}${path}`, init),
      TypeError,
    );
  });
}

Deno.test("httpRequest() refuses a URL that is not http: or https:", async () => {
  await assert.rejects(httpRequest("ftp://127.0.0.1/"), {
    name: "TypeError",
    message:
      'Cannot request "ftp://127.0.0.1/": only http: and https: URLs are supported',
  });
  await assert.rejects(httpRequest("not a url"), TypeError);
});

Deno.test("httpRequest() refuses credentials in the URL", async () => {
  await assert.rejects(httpRequest("http://user:pw@127.0.0.1:9/"), TypeError);
});

Deno.test("httpRequest() sends Latin-1 header values byte for byte", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
  }));
  await httpRequest(server.origin, { headers: { "x-name": "café" } });
  assert.match(server.requests[0]!.head, /\r\nx-name: caf\xe9\r\n/);
});

Deno.test("httpRequest() reaches an IPv6 loopback server", async () => {
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve(
      { hostname: "::1", port: 0, onListen() {} },
      () => new Response("six"),
    );
  } catch (error) {
    console.log(`Skipping: no IPv6 loopback (${(error as Error).message})`);
    return;
  }
  await using _ = server;
  const response = await httpRequest(`http://[::1]:${server.addr.port}/`);
  assert.equal(response.text(), "six");
});

Deno.test("HttpClient clears its shared deadline timer on close()", async () => {
  await using server = serveCounting(() => new Response("ok"));
  const client = new HttpClient({ timeout: 60_000 });
  await client.request(server.origin);
  await client.close();
  // The ops sanitizer fails this test if a timer is left behind.
});
