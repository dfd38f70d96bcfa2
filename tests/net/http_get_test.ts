import assert from "node:assert/strict";
import { main } from "../../net/http_get.ts";
import { explainHttpFailure } from "../../net/_http_get_failure.ts";
import { ScriptError } from "../../_cli.ts";
import { serveCounting, serveRaw } from "../_helpers/net_http_servers.ts";
import { closedPort } from "../_helpers/net_sockets.ts";
import {
  checksum,
  interruptScript,
  runSavingScript,
} from "../_helpers/script_process.ts";

/** Runs `main` with stdout and stderr captured, apart and together. */
async function run(
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const decoder = new TextDecoder();
  let out = "";
  let err = "";
  const writeSync = Deno.stdout.writeSync;
  const { log, error } = console;
  Deno.stdout.writeSync = (bytes: Uint8Array): number => {
    out += decoder.decode(bytes);
    return bytes.length;
  };
  console.log = (...parts: unknown[]): void => {
    out += parts.join(" ") + "\n";
  };
  console.error = (...parts: unknown[]): void => {
    err += parts.join(" ") + "\n";
  };
  try {
    const code = await main(args);
    return { code, out: out + err, err };
  } finally {
    Deno.stdout.writeSync = writeSync;
    console.log = log;
    console.error = error;
  }
}

/** Asserts a failure was one line on stderr, naming the script. */
function assertOneLine(err: string): void {
  assert.equal(err.trimEnd().split("\n").length, 1, err);
  assert.match(err, /^http_get\.ts: /);
}

Deno.test("http_get.ts with no URL shows GET, keep-alive, chunked, HEAD, a form, a redirect and gzip offline", async () => {
  const { code, out } = await run([]);
  assert.equal(code, 0);
  assert.match(out, /HTTP\/1\.1 200 OK\n/);
  assert.match(out, /transfer-encoding: chunked\n/);
  assert.match(out, /one two three\n/);
  assert.match(out, /hello wirework, you said a b & c\n/);
  assert.match(
    out,
    /\(redirected: true, url: http:\/\/127\.0\.0\.1:\d+\/new\)/,
  );
  assert.match(out, /\(\d+ bytes of gzip on the wire, 901 decoded/);
  assert.match(out, /\(8 requests, 1 connection\)/);
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
  const { code, err } = await run(["--timeout", "2000", server.origin]);
  assert.equal(code, 1);
  assertOneLine(err);
  assert.match(err, /HttpProtocolError BAD_STATUS_LINE/);
});

Deno.test("http_get.ts explains a bad URL in one line and exits 1", async () => {
  const { code, out, err } = await run(["not-a-url"]);
  assert.equal(code, 1);
  assertOneLine(err);
  assert.match(err, /Cannot fetch "not-a-url": it is not a valid URL/);
  assert.doesNotMatch(out, /AbortError|Interrupted/);
  const ftp = await run(["ftp://127.0.0.1/"]);
  assert.equal(ftp.code, 1);
  assert.match(ftp.err, /only http: and https: URLs/);
});

Deno.test("http_get.ts names a refused connection and exits 1", async () => {
  const port = closedPort();
  const { code, err } = await run([`http://127.0.0.1:${port}/`]);
  assert.equal(code, 1);
  assertOneLine(err);
  assert.match(err, new RegExp(`connection refused .*127\\.0\\.0\\.1:${port}`));
});

Deno.test("http_get.ts names a timeout and exits 1; --timeout 0 waits without limit", async () => {
  await using hanging = serveRaw(() => ({ hang: true }));
  const timedOut = await run(["--timeout", "100", hanging.origin]);
  assert.equal(timedOut.code, 1);
  assertOneLine(timedOut.err);
  assert.match(timedOut.err, /: timed out after 100 ms$/m);
  // 0 is no limit, not "at once": the answer arrives and is printed.
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
  }));
  const unlimited = await run(["--timeout", "0", server.origin]);
  assert.equal(unlimited.code, 0, unlimited.err);
  assert.match(unlimited.out, /\n\nok\n$/);
});

Deno.test("http_get.ts names the flag to add when the host is not permitted", async () => {
  // The test run may reach loopback only: the permission check fails first,
  // before any lookup.
  const { code, err } = await run(["http://example.com/"]);
  assert.equal(code, 1);
  assertOneLine(err);
  assert.match(err, /run again with --allow-net=example\.com:80$/m);
});

Deno.test("http_get.ts --output names the flag to add when the file may not be written, before sending", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
  }));
  const { code, out, err } = await run([
    "-o",
    "/wirework-denied/out.bin",
    server.origin,
  ]);
  assert.equal(code, 1);
  assertOneLine(err);
  assert.match(
    err,
    /run again with --allow-write=\/wirework-denied\/out\.bin$/m,
  );
  assert.equal(server.requests.length, 0);
  assert.doesNotMatch(out, /HTTP\/1\.1/);
});

Deno.test("http_get.ts words a failed lookup, a reset and a bug apart", () => {
  const url = "http://nohost.invalid/";
  // What Deno.connect throws for a name that does not resolve: a plain Error.
  const lookup = explainHttpFailure(
    new Error(
      "failed to lookup address information: Name or service not known",
    ),
    url,
  );
  assert.ok(lookup instanceof ScriptError);
  assert.equal(
    lookup.message,
    'Cannot fetch "http://nohost.invalid/": the host name nohost.invalid did not resolve',
  );
  const reset = explainHttpFailure(
    new Deno.errors.ConnectionReset("Connection reset by peer"),
    url,
  );
  assert.ok(reset instanceof ScriptError);
  assert.match(reset.message, /: ConnectionReset: Connection reset by peer$/);
  const bug = new TypeError("x is undefined");
  assert.equal(explainHttpFailure(bug, url), bug);
  const denied = new Deno.errors.NotCapable('Requires net access to "a:80"');
  assert.equal(explainHttpFailure(denied, url), denied);
});

Deno.test("http_get.ts stops on Ctrl-C mid-request with exit 130 and nothing on stderr", async () => {
  const asked = Promise.withResolvers<void>();
  await using server = serveRaw(() => {
    asked.resolve();
    return { hang: true };
  });
  const outcome = await interruptScript(
    ["--allow-net=127.0.0.1"],
    "net/http_get.ts",
    ["--timeout", "0", server.origin],
    asked.promise,
  );
  assert.equal(outcome.code, 130, outcome.err);
  assert.equal(outcome.err, "");
  await server.connectionClosed(0);
});

Deno.test("http_get.ts -h and --help print the usage and exit 0", async () => {
  for (const flag of ["-h", "--help"]) {
    const { code, out } = await run([flag]);
    assert.equal(code, 0);
    assert.match(out, /^Usage: http_get\.ts/);
    assert.match(out, /--location/);
  }
});

Deno.test("http_get.ts --data POSTs the text as a form, as curl -d", async () => {
  await using server = serveRaw(() => ({
    write: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
  }));
  const { code } = await run(["-d", "a=1&b=two", server.origin]);
  assert.equal(code, 0);
  const [request] = server.requests;
  assert.match(request!.head, /^POST \/ HTTP\/1\.1\r\n/);
  assert.match(
    request!.head,
    /\r\nContent-Type: application\/x-www-form-urlencoded\r\n/,
  );
  assert.equal(request!.body, "a=1&b=two");
  const typed = await run([
    "--data",
    "{}",
    "--header",
    "content-type: application/json",
    server.origin,
  ]);
  assert.equal(typed.code, 0);
  assert.match(
    server.requests[1]!.head,
    /\r\ncontent-type: application\/json\r\n/,
  );
  assert.doesNotMatch(server.requests[1]!.head, /x-www-form-urlencoded/);
});

Deno.test("http_get.ts prints a redirect as it is, and follows it with --location", async () => {
  await using server = serveRaw((request) =>
    request.head.startsWith("GET /new ")
      ? { write: "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\narrived" }
      : {
        write:
          "HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n",
      }
  );
  const plain = await run([`${server.origin}/old`]);
  assert.equal(plain.code, 0);
  assert.match(plain.out, /^HTTP\/1\.1 302 Found\n/);
  const followed = await run(["--location", `${server.origin}/old`]);
  assert.equal(followed.code, 0);
  assert.match(followed.out, /^HTTP\/1\.1 200 OK\n[^]*\n\narrived\n$/);
});

Deno.test("http_get.ts asks for and decodes a compressed body only with --compressed", async () => {
  const gzip = await new Response(
    ReadableStream.from([new TextEncoder().encode("decoded text")])
      .pipeThrough(new CompressionStream("gzip")),
  ).bytes();
  const head =
    `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${gzip.length}\r\n\r\n`;
  const reply = new Uint8Array(head.length + gzip.length);
  reply.set(new TextEncoder().encode(head));
  reply.set(gzip, head.length);
  await using server = serveRaw(() => ({ write: reply }));
  const compressed = await run(["--compressed", server.origin]);
  assert.equal(compressed.code, 0);
  assert.match(compressed.out, /\n\ndecoded text\n$/);
  assert.match(
    server.requests[0]!.head,
    /\r\naccept-encoding: gzip, deflate, br\r\n/,
  );
  const raw = await run([server.origin]);
  assert.equal(raw.code, 0);
  assert.doesNotMatch(raw.out, /decoded text/);
  assert.doesNotMatch(server.requests[1]!.head, /accept-encoding/i);
});

Deno.test("http_get.ts --output writes the body to a file and ends with a plain line off a terminal", async () => {
  const body = new Uint8Array(300_000).map((_, index) => index % 251);
  await using server = serveCounting(() => new Response(body));
  const script = new URL("../../net/http_get.ts", import.meta.url).href;
  const saved = await runSavingScript(script, [
    "--output",
    "<path>",
    server.origin,
  ]);
  assert.deepEqual(
    [saved.code, saved.length, saved.sum],
    [0, body.length, checksum(body)],
  );
  const stdout = saved.out;
  const stderr = saved.err;
  assert.match(stdout[0]!, /^HTTP\/1\.1 200 OK$/);
  assert.match(
    stderr,
    /^293\.0 KiB \(300000 bytes\) saved to \S+body\.bin in \d+\.\d\d s, [\d.]+ \S+\/s\n$/,
  );
});

Deno.test("http_get.ts exits 2 with one usage line on bad flags", async () => {
  for (
    const [args, message] of [
      [["--timeout", "soon", "http://127.0.0.1:9/"], /--timeout "soon"/],
      [["--head", "--data", "x", "http://127.0.0.1:9/"], /--head with --data/],
      [["--output", "f"], /without a URL/],
      [["--header", "nocolon", "http://127.0.0.1:9/"], /header "nocolon"/],
      [["--bogus"], /Unknown option "--bogus"/],
    ] as const
  ) {
    const { code, out, err } = await run([...args]);
    assert.equal(code, 2, err);
    assertOneLine(err);
    assert.match(err, message);
    assert.match(err, /\(see --help\)\n$/);
    assert.doesNotMatch(out, /Usage:/);
  }
});
