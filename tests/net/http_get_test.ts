import assert from "node:assert/strict";
import { main } from "../../net/http_get.ts";
import { serveRaw } from "../_helpers/net_http_servers.ts";

/** Runs `main` with stdout and stderr captured. */
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const decoder = new TextDecoder();
  let out = "";
  const writeSync = Deno.stdout.writeSync;
  const error = console.error;
  Deno.stdout.writeSync = (bytes: Uint8Array): number => {
    out += decoder.decode(bytes);
    return bytes.length;
  };
  console.error = (...parts: unknown[]): void => {
    out += parts.join(" ") + "\n";
  };
  try {
    return { code: await main(args), out };
  } finally {
    Deno.stdout.writeSync = writeSync;
    console.error = error;
  }
}

Deno.test("http_get.ts with no URL shows a GET, keep-alive reuse, chunked and HEAD offline", async () => {
  const { code, out } = await run([]);
  assert.equal(code, 0);
  assert.match(out, /HTTP\/1\.1 200 OK\n/);
  assert.match(out, /transfer-encoding: chunked\n/);
  assert.match(out, /one two three\n/);
  assert.match(out, /\(4 requests, 1 connection\)/);
});

Deno.test("http_get.ts URL prints the status line, headers and body", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nX-A: b\r\nContent-Length: 3\r\n\r\nabc",
  }));
  const { code, out } = await run([
    "--header",
    "X-Asked: yes",
    `${server.origin}/`,
  ]);
  assert.equal(code, 0);
  assert.equal(out, "HTTP/1.1 200 OK\nX-A: b\nContent-Length: 3\n\nabc\n");
  assert.match(server.requests[0]!.head, /\r\nX-Asked: yes\r\n/);
});

Deno.test("http_get.ts --head sends HEAD", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n",
  }));
  const { code } = await run(["--head", server.origin]);
  assert.equal(code, 0);
  assert.match(server.requests[0]!.head, /^HEAD \/ HTTP\/1\.1\r\n/);
});

Deno.test("http_get.ts exits 1 with the error code on a malformed response", async () => {
  await using server = serveRaw(() => ({ write: "HTTP/1.1 2OO OK\r\n\r\n" }));
  const { code, out } = await run(["--timeout", "2000", server.origin]);
  assert.equal(code, 1);
  assert.match(out, /HttpProtocolError BAD_STATUS_LINE/);
});

Deno.test("http_get.ts --help prints usage and exits 0", async () => {
  const { code, out } = await run(["--help"]);
  assert.equal(code, 0);
  assert.match(out, /^Usage: http_get\.ts/);
});
