#!/usr/bin/env -S deno run --allow-net=127.0.0.1
/**
 * Sends a message to a TCP echo server and prints what comes back: the
 * client half of Python's classic `socket` lesson, on {@linkcode echo}.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 jsr:@wirework/wirework/net/echo-client "hello" --port 7007
 * ```
 *
 * With no target it talks to `net/echo_server.ts` on its default,
 * 127.0.0.1:7007. Ctrl-C aborts a pending exchange.
 *
 * @module
 */

import {
  DEFAULT_ECHO_PORT,
  integerFlag,
  InterruptSignal,
  parseFlags,
} from "./_cli.ts";
import { echo } from "./echo.ts";

const USAGE = `Usage: echo_client.ts [options] [MESSAGE...]

Sends MESSAGE (default "hello, wirework") to a TCP echo server and prints the echo.

Options:
  --hostname HOST    the server's host (default 127.0.0.1)
  --port PORT        the server's port (default ${DEFAULT_ECHO_PORT})
  --timeout MS       give up after this long, 0 for never (default 5000)
  --count N          send the message N times, one connection each, and print
                     round-trip times (default 1)
  -h, --help         show this help

Start a server first: deno run --allow-net=127.0.0.1 net/echo_server.ts`;

/**
 * Echoes the message and prints the reply; sets exit code 1 on failure.
 *
 * @param args The command-line arguments.
 * @returns When the exchange is over.
 *
 * @example Print the help
 * ```ts
 * import { main } from "@wirework/wirework/net/echo-client";
 *
 * await main(["--help"]);
 * ```
 */
export async function main(args: string[]): Promise<void> {
  const settings = parseFlags(args, {
    name: "echo_client.ts",
    usage: USAGE,
    flags: ["timeout", "count"],
    allowPositionals: true,
  }, (values, positionals) => ({
    message: positionals.length > 0 ? positionals.join(" ") : "hello, wirework",
    hostname: values.hostname,
    port: integerFlag(values.port, "--port", DEFAULT_ECHO_PORT, 1, 65535),
    timeout: integerFlag(values.timeout, "--timeout", 5000),
    count: integerFlag(values.count, "--count", 1, 1),
  }));
  if (settings === undefined) return;

  const { message, hostname, port, timeout, count } = settings;
  using interrupt = new InterruptSignal();
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const reply = await echo(message, {
        hostname,
        port,
        timeout,
        signal: interrupt.signal,
      });
      times.push(performance.now() - started);
      if (i === 0) console.log(reply);
      if (reply !== message) {
        console.error("echo_client.ts: the reply differs from the message");
        Deno.exitCode = 1;
        return;
      }
    }
  } catch (error) {
    const hint = error instanceof Deno.errors.ConnectionRefused
      ? ` (is an echo server running? deno run --allow-net=127.0.0.1 net/echo_server.ts --port ${port})`
      : "";
    console.error(
      `echo_client.ts: ${
        error instanceof Error ? error.message : error
      }${hint}`,
    );
    Deno.exitCode = 1;
    return;
  }
  if (count > 1) {
    const average = times.reduce((a, b) => a + b, 0) / times.length;
    console.log(
      `${count} round trips: min ${Math.min(...times).toFixed(2)} ms, ` +
        `average ${average.toFixed(2)} ms, max ${
          Math.max(...times).toFixed(2)
        } ms`,
    );
  }
}

if (import.meta.main) await main(Deno.args);
