import assert from "node:assert/strict";
import { main as chatServerMain } from "../../net/chat_server.ts";
import { main as echoClientMain } from "../../net/echo_client.ts";
import { main as echoServerMain } from "../../net/echo_server.ts";
import { main as httpGetMain } from "../../net/http_get.ts";
import { main as udpEchoMain } from "../../net/udp_echo.ts";
import { serveEcho, serveUdpEcho } from "../../net/mod.ts";
import { closedPort } from "../_helpers/net_sockets.ts";

/**
 * Runs a script's main, capturing what it prints and the exit code it sets
 * or returns.
 */
async function run(
  main: (args: string[]) => Promise<void | number>,
  args: string[],
): Promise<{ out: string; err: string; exitCode: number }> {
  const { log, error } = console;
  let out = "";
  let err = "";
  console.log = (...parts: unknown[]) => void (out += parts.join(" ") + "\n");
  console.error = (...parts: unknown[]) => void (err += parts.join(" ") + "\n");
  Deno.exitCode = 0;
  try {
    const status = await main(args);
    return { out, err, exitCode: status ?? Deno.exitCode };
  } finally {
    console.log = log;
    console.error = error;
    Deno.exitCode = 0;
  }
}

Deno.test("every net/ script prints its usage for --help and -h", async () => {
  for (
    const main of [
      echoServerMain,
      echoClientMain,
      udpEchoMain,
      chatServerMain,
      httpGetMain,
    ]
  ) {
    for (const flag of ["--help", "-h"]) {
      const { out, exitCode } = await run(main, [flag]);
      assert.match(out, /^Usage: \w+\.ts/);
      assert.equal(exitCode, 0);
    }
  }
});

Deno.test("net/ scripts reject a bad flag value with exit code 2", async () => {
  const { err, exitCode } = await run(echoServerMain, ["--port", "http"]);
  assert.match(err, /Cannot use --port "http"/);
  assert.equal(exitCode, 2);
  assert.equal((await run(chatServerMain, ["--bogus"])).exitCode, 2);
  assert.equal((await run(udpEchoMain, ["dance"])).exitCode, 2);
  const timeout = await run(httpGetMain, ["--timeout", "soon", "http://a/"]);
  assert.match(timeout.err, /^http_get\.ts: Cannot use --timeout "soon"/);
  assert.equal(timeout.exitCode, 2);
});

Deno.test("net/ scripts print a one-line usage error naming the script, and --help wins over it", async () => {
  const { err, exitCode } = await run(echoClientMain, ["--count", "0"]);
  assert.match(
    err,
    /^echo_client\.ts: Cannot use --count "0".*\(see --help\)\n$/,
  );
  assert.equal(exitCode, 2);
  const help = await run(udpEchoMain, ["dance", "--help"]);
  assert.match(help.out, /^Usage: udp_echo\.ts/);
  assert.equal(help.exitCode, 0);
});

Deno.test("echo_client.ts prints the echo of its message", async () => {
  await using server = serveEcho();
  const { out, exitCode } = await run(echoClientMain, [
    "--port",
    String(server.addr.port),
    "hello",
    "there",
  ]);
  assert.equal(out, "hello there\n");
  assert.equal(exitCode, 0);
});

Deno.test("echo_client.ts explains a refused connection and exits 1", async () => {
  const port = closedPort();
  const { err, exitCode } = await run(echoClientMain, ["--port", String(port)]);
  assert.match(err, /connection refused/i);
  assert.match(err, /is an echo server running\?/);
  assert.equal(exitCode, 1);
});

Deno.test("udp_echo.ts send prints the reply from a UDP echo server", async () => {
  await using server = serveUdpEcho();
  const { out, exitCode } = await run(udpEchoMain, [
    "send",
    "--port",
    String(server.addr.port),
    "ping",
  ]);
  assert.equal(out, "ping\n");
  assert.equal(exitCode, 0);
});
