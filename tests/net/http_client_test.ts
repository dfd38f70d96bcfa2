import assert from "node:assert/strict";
import { HttpClient, HttpProtocolError } from "../../net/mod.ts";
import { serveCounting, serveRaw } from "../_helpers/net_http_servers.ts";

Deno.test("HttpClient.request() GETs status, headers and body from Deno.serve", async () => {
  await using server = serveCounting((request) =>
    new Response(`path ${new URL(request.url).pathname}`, {
      status: 201,
      headers: { "x-answer": "42" },
    })
  );
  await using client = new HttpClient();
  const response = await client.request(`${server.origin}/a/b?c=d`);
  assert.equal(response.status, 201);
  assert.equal(response.statusText, "Created");
  assert.equal(response.httpVersion, "1.1");
  assert.equal(response.headers.get("x-answer"), "42");
  assert.equal(response.text(), "path /a/b");
});

Deno.test("HttpClient.request() sends a HEAD and reads no body despite Content-Length", async () => {
  await using server = serveCounting(() => new Response("twelve bytes"));
  await using client = new HttpClient();
  const head = await client.request(server.origin, { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-length"), "12");
  assert.equal(head.body.length, 0);
  const get = await client.request(server.origin);
  assert.equal(get.text(), "twelve bytes");
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient.request() POSTs a string and a byte body", async () => {
  await using server = serveCounting(async (request) =>
    Response.json({
      method: request.method,
      type: request.headers.get("content-type"),
      body: await request.text(),
    })
  );
  await using client = new HttpClient();
  const text = await client.request(server.origin, {
    method: "post",
    headers: { "content-type": "text/plain" },
    body: "héllo",
  });
  assert.deepEqual(text.json(), {
    method: "POST",
    type: "text/plain",
    body: "héllo",
  });
  const binary = await client.request(server.origin, {
    method: "PUT",
    body: new Uint8Array([104, 105]),
  });
  assert.deepEqual(binary.json(), { method: "PUT", type: null, body: "hi" });
});

Deno.test("HttpClient keeps one connection alive across sequential requests", async () => {
  await using server = serveCounting(() => new Response("ok"));
  await using client = new HttpClient();
  for (let index = 0; index < 5; index++) {
    assert.equal((await client.request(server.origin)).text(), "ok");
  }
  assert.equal(server.connections, 1);
  assert.equal(client.openConnections(), 1);
});

Deno.test("HttpClient opens one connection per concurrent request and reuses them", async () => {
  await using server = serveCounting(() => new Response("ok"));
  await using client = new HttpClient();
  for (let round = 0; round < 3; round++) {
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => client.request(server.origin)),
    );
    assert.ok(responses.every((response) => response.text() === "ok"));
  }
  assert.equal(server.connections, 4);
});

Deno.test("HttpClient queues requests beyond maxConnectionsPerOrigin", async () => {
  await using server = serveCounting(() => new Response("ok"));
  await using client = new HttpClient({ maxConnectionsPerOrigin: 2 });
  const responses = await Promise.all(
    Array.from({ length: 10 }, () => client.request(server.origin)),
  );
  assert.equal(responses.length, 10);
  assert.ok(server.connections <= 2);
  assert.ok(client.openConnections() <= 2);
});

Deno.test("HttpClient.stream() reads a large chunked body from Deno.serve in pieces", async () => {
  const piece = new Uint8Array(64 * 1024).fill(7);
  await using server = serveCounting(() =>
    new Response(ReadableStream.from(Array.from({ length: 64 }, () => piece)))
  );
  await using client = new HttpClient();
  const response = await client.stream(server.origin);
  assert.equal(response.headers.get("transfer-encoding"), "chunked");
  let total = 0;
  let pieces = 0;
  for await (const chunk of response.body) {
    assert.ok(chunk.every((byte) => byte === 7));
    total += chunk.length;
    pieces++;
  }
  assert.equal(total, 64 * 64 * 1024);
  assert.ok(pieces > 1);
  await client.request(server.origin);
  assert.equal(server.connections, 1, "the streamed connection was reused");
});

Deno.test("HttpClient.stream() returns a connection whose short body was cancelled to the pool", async () => {
  await using server = serveCounting(() => new Response("x".repeat(1000)));
  await using client = new HttpClient();
  const response = await client.stream(server.origin);
  await response.cancel();
  assert.equal((await client.request(server.origin)).body.length, 1000);
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient.stream() closes the connection of a large cancelled body", async () => {
  const piece = new Uint8Array(256 * 1024);
  await using server = serveCounting(() =>
    new Response(ReadableStream.from(Array.from({ length: 16 }, () => piece)))
  );
  await using client = new HttpClient();
  {
    await using response = await client.stream(server.origin);
    const reader = response.body.getReader();
    assert.equal((await reader.read()).done, false);
    reader.releaseLock();
  }
  assert.equal(client.openConnections(), 0);
});

Deno.test("HttpClient.request() reads a chunked body with extensions and trailers", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
      "5;name=value\r\nhello\r\n" + '1 ; quoted="a b"\r\n \r\n' +
      "5\r\nworld\r\n0\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\n",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.equal(response.text(), "hello world");
  assert.equal(response.trailers.get("x-checksum"), "abc");
  assert.equal(response.trailers.get("x-other"), "d");
  await client.request(server.origin);
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient.stream() fills trailers once the body is read", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
      "2\r\nhi\r\n0\r\nX-Done: yes\r\n\r\n",
  }));
  await using client = new HttpClient();
  const response = await client.stream(server.origin);
  assert.equal(response.trailers.get("x-done"), null);
  assert.equal(await response.text(), "hi");
  assert.equal(response.trailers.get("x-done"), "yes");
});

Deno.test("HttpClient.request() reads a body delimited by close and does not reuse the connection", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\n\r\nuntil the end",
    close: true,
  }));
  await using client = new HttpClient();
  assert.equal((await client.request(server.origin)).text(), "until the end");
  assert.equal((await client.request(server.origin)).text(), "until the end");
  assert.equal(server.connections, 2);
});

Deno.test("HttpClient does not reuse an HTTP/1.0 connection without keep-alive", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.equal(response.httpVersion, "1.0");
  await client.request(server.origin);
  assert.equal(server.connections, 2);
});

Deno.test("HttpClient reuses an HTTP/1.0 connection that says Connection: keep-alive", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
  }));
  await using client = new HttpClient();
  await client.request(server.origin);
  await client.request(server.origin);
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient does not reuse a connection after Connection: close", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
  }));
  await using client = new HttpClient();
  await client.request(server.origin);
  await client.request(server.origin);
  assert.equal(server.connections, 2);
});

Deno.test("HttpClient does not reuse a connection it asked to close", async () => {
  await using server = serveCounting(() => new Response("ok"));
  await using client = new HttpClient();
  await client.request(server.origin, { headers: { connection: "close" } });
  assert.equal(client.openConnections(), 0);
});

Deno.test("HttpClient reads 204 and 304 without a body and reuses the connection", async () => {
  await using server = serveRaw(({ index }) => ({
    write: index === 0
      ? "HTTP/1.1 204 No Content\r\n\r\n"
      : index === 1
      ? "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n"
      : "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast",
  }));
  await using client = new HttpClient();
  assert.equal((await client.request(server.origin)).body.length, 0);
  assert.equal((await client.request(server.origin)).body.length, 0);
  assert.equal((await client.request(server.origin)).text(), "last");
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient skips interim 1xx responses", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 100 Continue\r\n\r\n" +
      "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n" +
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("link"), null);
  assert.equal(response.text(), "final");
});

Deno.test("HttpClient skips empty lines before a status line, as llhttp does", async () => {
  await using server = serveRaw(() => ({
    write: "\r\nHTTP/1.1 100 Continue\r\n\r\n\r\n\r\n" +
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.equal(response.status, 200);
  assert.equal(response.text(), "final");
});

Deno.test("HttpClient reads chunk extensions of RFC 9112's grammar", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
      '2;a=b;c;d="q \\" s"\r\nok\r\n1 ; e = f\r\n!\r\n0;last\r\n\r\n',
  }));
  await using client = new HttpClient();
  assert.equal((await client.request(server.origin)).text(), "ok!");
});

Deno.test("HttpClient replaces obsolete line folding with a space", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\n\tthree\r\nContent-Length: 0\r\n\r\n",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.equal(response.headers.get("x-folded"), "one two three");
});

Deno.test("HttpClient accepts repeated identical Content-Lengths", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok",
  }));
  await using client = new HttpClient();
  assert.equal((await client.request(server.origin)).text(), "ok");
});

Deno.test("HttpClient sends its request head with Host, the path and the caller's headers", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
  }));
  // No Accept-Encoding, so the head is exactly what the caller asked for.
  await using client = new HttpClient({ decompress: false });
  await client.request(`${server.origin}/p%20q?x=1#fragment`, {
    headers: [["X-One", "1"], ["x-two", " padded\t"]],
  });
  await client.request(`${server.origin}/`, {
    method: "POST",
    headers: new Headers({ host: "example.test" }),
  });
  const [first, second] = server.requests;
  assert.equal(
    first!.head,
    `GET /p%20q?x=1 HTTP/1.1\r\nX-One: 1\r\nx-two: padded\r\nhost: 127.0.0.1:${server.port}\r\n\r\n`,
  );
  assert.equal(
    second!.head,
    "POST / HTTP/1.1\r\nhost: example.test\r\ncontent-length: 0\r\n\r\n",
  );
});

Deno.test("HttpClient.request() gives every body an ArrayBuffer of its own, small and empty ones too", async () => {
  await using server = serveRaw(({ index }) => ({
    write: index === 2
      ? "HTTP/1.1 204 No Content\r\n\r\n"
      : `HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab${index}`,
  }));
  await using client = new HttpClient();
  const first = await client.request(server.origin);
  const second = await client.request(server.origin);
  const empty = await client.request(server.origin);
  assert.equal(second.text(), "ab1");
  for (const response of [first, second, empty]) {
    const { body } = response;
    assert.equal(body.byteOffset, 0);
    assert.equal(body.buffer.byteLength, body.length);
    assert.equal(response.body, body, "the same array on every read");
  }
  assert.notEqual(first.body.buffer, second.body.buffer);
  first.body[0] = 0x7a;
  assert.equal(first.text(), "zb0");
  assert.equal(second.text(), "ab1");
  assert.equal(empty.body.length, 0);
});

Deno.test("HttpClient parses every head on a reused connection, also one of the last head's size that differs in a byte", async () => {
  // Each differs from the one before in one byte, at the same size, except
  // the second, which repeats the first; the last is malformed.
  const heads = [
    "HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n\r\n",
    "HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n\r\n",
    "HTTP/1.1 200 OK\r\nX-A: 2\r\nContent-Length: 2\r\n\r\n",
    "HTTP/1.1 201 OK\r\nX-A: 2\r\nContent-Length: 2\r\n\r\n",
    "HTTP/1.1 201 OK\r\nX-A: \x01\r\nContent-Length: 2\r\n\r\n",
  ];
  await using server = serveRaw(({ index }) => ({
    write: `${heads[index]}ok`,
  }));
  await using client = new HttpClient();
  const seen: [number, string | null][] = [];
  for (let index = 0; index < 4; index++) {
    const response = await client.request(server.origin);
    seen.push([response.status, response.headers.get("x-a")]);
  }
  assert.deepEqual(seen, [[200, "1"], [200, "1"], [200, "2"], [201, "2"]]);
  assert.equal(server.connections, 1);
  await assert.rejects(
    client.request(server.origin),
    (error) =>
      error instanceof HttpProtocolError && error.code === "BAD_HEADER",
  );
});

Deno.test("HttpClient never reuses a connection after a protocol error", async () => {
  await using server = serveRaw(({ connection }) => ({
    write: connection === 0
      ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
      : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
  }));
  await using client = new HttpClient();
  await assert.rejects(
    client.request(server.origin),
    (error) => error instanceof HttpProtocolError && error.code === "BAD_CHUNK",
  );
  assert.equal(client.openConnections(), 0);
  assert.equal((await client.request(server.origin)).text(), "ok");
  assert.equal(server.connections, 2);
});

Deno.test("HttpClient does not reuse a connection with unread bytes after the body", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA",
  }));
  await using client = new HttpClient();
  assert.equal((await client.request(server.origin)).text(), "ok");
  assert.equal(client.openConnections(), 0);
});

Deno.test("HttpClient retries a GET once when the server closes the reused connection without answering", async () => {
  // The server reads the second request, then closes: the stale-connection
  // race, where the close crosses the request on the wire.
  await using server = serveRaw(({ connection, index }) =>
    connection === 0 && index === 1
      ? { close: true }
      : { write: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" }
  );
  await using client = new HttpClient();
  await client.request(server.origin);
  assert.equal((await client.request(server.origin)).text(), "ok");
  assert.equal(server.connections, 2);
  assert.equal(server.requests.length, 3);
});

Deno.test("HttpClient does not retry a POST when the server closes the reused connection without answering", async () => {
  await using server = serveRaw(({ index }) =>
    index === 1
      ? { close: true }
      : { write: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" }
  );
  await using client = new HttpClient();
  await client.request(server.origin);
  await assert.rejects(
    client.request(server.origin, { method: "POST", body: "once" }),
    (error) =>
      (error instanceof HttpProtocolError && error.code === "NO_RESPONSE") ||
      error instanceof Deno.errors.ConnectionReset ||
      error instanceof Deno.errors.BrokenPipe,
  );
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient.request() rejects with TimeoutError when the server never answers", async () => {
  await using server = serveRaw(() => ({ hang: true }));
  await using client = new HttpClient();
  await assert.rejects(
    client.request(server.origin, { timeout: 100 }),
    (error) => error instanceof DOMException && error.name === "TimeoutError",
  );
  assert.equal(client.openConnections(), 0);
});

Deno.test("HttpClient.request() rejects with TimeoutError when a body stalls", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
    hang: false,
  }));
  await using client = new HttpClient({ timeout: 100 });
  await assert.rejects(
    client.request(server.origin),
    (error) => error instanceof DOMException && error.name === "TimeoutError",
  );
});

Deno.test("HttpClient.request() rejects with the signal's reason when aborted", async () => {
  const controller = new AbortController();
  await using server = serveRaw(() => {
    controller.abort(new Error("changed my mind"));
    return { hang: true };
  });
  await using client = new HttpClient();
  await assert.rejects(
    client.request(server.origin, { signal: controller.signal }),
    { message: "changed my mind" },
  );
});

Deno.test("HttpClient.request() rejects at once on an aborted signal", async () => {
  await using client = new HttpClient();
  await assert.rejects(
    client.request("http://127.0.0.1:9/", { signal: AbortSignal.abort() }),
    (error) => error instanceof DOMException && error.name === "AbortError",
  );
});

Deno.test("HttpClient.request() rejects with ConnectionRefused on a closed port", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  await using client = new HttpClient();
  await assert.rejects(
    client.request(`http://127.0.0.1:${port}/`),
    Deno.errors.ConnectionRefused,
  );
  assert.equal(client.openConnections(), 0);
});

Deno.test("HttpClient refuses requests after close()", async () => {
  const client = new HttpClient();
  await client.close();
  await assert.rejects(client.request("http://127.0.0.1:9/"), TypeError);
});

Deno.test("HttpClient rejects negative limits with RangeError", () => {
  assert.throws(() => new HttpClient({ timeout: -1 }), RangeError);
  assert.throws(
    () => new HttpClient({ maxConnectionsPerOrigin: 0 }),
    RangeError,
  );
  assert.throws(() => new HttpClient({ maxBodyBytes: Number.NaN }), RangeError);
});

Deno.test("HttpResponse.rawHeaders keeps the names' case, the order and repeated fields", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX-Z: z\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.deepEqual(response.rawHeaders, [
    ["Set-Cookie", "a=1"],
    ["X-Z", "z"],
    ["set-cookie", "b=2"],
    ["Content-Length", "0"],
  ]);
  assert.deepEqual(response.headers.getSetCookie(), ["a=1", "b=2"]);
});

Deno.test("HttpClient frees the pool slot of an unread stream when its timeout runs out", async () => {
  await using server = serveRaw(({ connection }) => ({
    write: connection === 0
      ? "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
      : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
  }));
  await using client = new HttpClient({ maxConnectionsPerOrigin: 1 });
  const stalled = await client.stream(server.origin, { timeout: 100 });
  // Waits for the only slot, which the stalled stream frees when it times out.
  const next = await client.request(server.origin, { timeout: 5_000 });
  assert.equal(next.text(), "ok");
  await assert.rejects(
    stalled.text(),
    (error) => error instanceof DOMException && error.name === "TimeoutError",
  );
});

Deno.test("HttpClient never exceeds maxConnectionsPerOrigin when connections close", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
    close: true,
  }));
  await using client = new HttpClient({ maxConnectionsPerOrigin: 2 });
  let most = 0;
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      const response = await client.request(server.origin);
      most = Math.max(most, client.openConnections());
      assert.equal(response.text(), "ok");
    }),
  );
  assert.equal(server.connections, 12);
  assert.ok(most <= 2, `at most 2 open, saw ${most}`);
});
