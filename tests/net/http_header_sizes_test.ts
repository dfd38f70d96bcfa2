import assert from "node:assert/strict";
import { HttpClient, HttpProtocolError } from "../../net/mod.ts";
import { serveRaw } from "../_helpers/net_http_servers.ts";

/**
 * Builds a response whose head (status line to empty line) is exactly
 * `size` bytes, shaped as `shape` says, with the body "ok".
 */
function headOfSize(shape: string, size: number): string {
  const end = "Content-Length: 2\r\n\r\n";
  if (shape === "one-value") {
    const fixed = "HTTP/1.1 200 OK\r\nX-Big: \r\n".length + end.length;
    return `HTTP/1.1 200 OK\r\nX-Big: ${"v".repeat(size - fixed)}\r\n${end}`;
  }
  if (shape === "reason") {
    const fixed = "HTTP/1.1 200 \r\n".length + end.length;
    return `HTTP/1.1 200 ${"r".repeat(size - fixed)}\r\n${end}`;
  }
  if (shape === "obs-text") {
    // Bytes 0x80-0xFF are allowed in values and must come back one to one.
    const fixed = "HTTP/1.1 200 OK\r\nX-Latin: \r\n".length + end.length;
    let value = "";
    for (let at = 0; at < size - fixed; at++) {
      value += String.fromCharCode(0x80 + at % 0x80);
    }
    return `HTTP/1.1 200 OK\r\nX-Latin: ${value}\r\n${end}`;
  }
  // Many Set-Cookie lines of 100 bytes, the last one padded to fit.
  let head = "HTTP/1.1 200 OK\r\n";
  const line = (value: string): string => `Set-Cookie: ${value}\r\n`;
  while (size - head.length - end.length - 100 >= 100) {
    head += line("c".repeat(100 - line("").length));
  }
  head += line("c".repeat(size - head.length - end.length - line("").length));
  return head + end;
}

const SIZES = [4095, 4096, 4097, 8192, 8193, 12289, 16383, 16384];
const SHAPES = ["one-value", "many-lines", "reason", "obs-text"];

Deno.test("HttpClient parses header sections of every shape up to maxHeaderBytes", async () => {
  await using server = serveRaw(({ head }) => {
    const [, shape, size] = /^GET \/([a-z-]+)\/(\d+) /.exec(head)!;
    return { write: headOfSize(shape!, Number(size)) + "ok" };
  });
  await using client = new HttpClient();
  for (const shape of SHAPES) {
    for (const size of SIZES) {
      const raw = headOfSize(shape, size);
      assert.equal(raw.length, size, `${shape} ${size}`);
      const response = await client.request(
        `${server.origin}/${shape}/${size}`,
      );
      assert.equal(response.text(), "ok", `${shape} ${size}`);
      if (shape === "reason") {
        assert.equal(response.statusText.length, size - 36);
      } else if (shape === "many-lines") {
        const cookies = response.headers.getSetCookie();
        assert.ok(cookies.length >= size / 100 - 2, `${shape} ${size}`);
      } else if (shape === "obs-text") {
        const value = response.rawHeaders[0]![1];
        assert.equal(value.charCodeAt(0), 0x80);
        assert.equal(value.charCodeAt(0x7f), 0xff);
      } else {
        const value = response.headers.get("x-big")!;
        assert.equal(value.length, size - 47);
      }
    }
  }
  // Every response was well formed, so one connection carried them all.
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient rejects a header section one byte over maxHeaderBytes with HEADER_OVERFLOW", async () => {
  await using server = serveRaw(({ head }) => {
    const [, shape, size] = /^GET \/([a-z-]+)\/(\d+) /.exec(head)!;
    return { write: headOfSize(shape!, Number(size)) + "ok" };
  });
  await using client = new HttpClient();
  for (const shape of SHAPES) {
    for (const [limit, size] of [[16384, 16385], [5000, 5001], [4096, 20000]]) {
      await assert.rejects(
        client.request(`${server.origin}/${shape}/${size}`, {
          maxHeaderBytes: limit,
        }),
        (error) =>
          error instanceof HttpProtocolError &&
          error.code === "HEADER_OVERFLOW",
        `${shape} ${size} over ${limit}`,
      );
    }
  }
  assert.equal(client.openConnections(), 0);
});

function chunkedWithTrailers(size: number): string {
  // The trailer section, from the first trailer line to the empty line.
  const fixed = "X-Trailer: \r\n\r\n".length;
  return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n" +
    `X-Trailer: ${"t".repeat(size - fixed)}\r\n\r\n`;
}

Deno.test("HttpClient reads trailer sections up to maxHeaderBytes and rejects larger ones", async () => {
  await using server = serveRaw(({ head }) => {
    const size = Number(/^GET \/(\d+) /.exec(head)![1]);
    return { write: chunkedWithTrailers(size) };
  });
  await using client = new HttpClient();
  for (const size of SIZES) {
    const response = await client.request(`${server.origin}/${size}`);
    assert.equal(response.text(), "ok");
    assert.equal(response.trailers.get("x-trailer")!.length, size - 15);
  }
  await assert.rejects(
    client.request(`${server.origin}/16385`),
    (error) =>
      error instanceof HttpProtocolError && error.code === "HEADER_OVERFLOW",
  );
});
