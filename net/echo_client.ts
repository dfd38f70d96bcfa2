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
  COMMON_USAGE,
  DEFAULT_ECHO_PORT,
  integerFlag,
  NET_OPTIONS,
  runScript,
  ScriptError,
  timeoutFlag,
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
${COMMON_USAGE}

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
  await runScript(args, {
    name: "echo_client.ts",
    usage: USAGE,
    options: {
      ...NET_OPTIONS,
      timeout: { type: "string" },
      count: { type: "string" },
    },
    allowPositionals: true,
    onInterrupt: "stop",
  }, async (values, positionals, { signal }) => {
    const message = positionals.length > 0
      ? positionals.join(" ")
      : "hello, wirework";
    const hostname = values.hostname;
    const port = integerFlag(
      values.port,
      "--port",
      DEFAULT_ECHO_PORT,
      1,
      65535,
    );
    const timeout = timeoutFlag(values.timeout, 5000) ?? Infinity;
    const count = integerFlag(values.count, "--count", 1, 1);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      let reply: string;
      try {
        reply = await echo(message, { hostname, port, timeout, signal });
      } catch (error) {
        if (error instanceof Deno.errors.ConnectionRefused) {
          throw new ScriptError(
            `${error.message} (is an echo server running? deno run --allow-net=127.0.0.1 net/echo_server.ts --port ${port})`,
            { cause: error },
          );
        }
        throw error;
      }
      times.push(performance.now() - started);
      if (i === 0) console.log(reply);
      if (reply !== message) {
        throw new ScriptError("the reply differs from the message");
      }
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
  });
}

if (import.meta.main) await main(Deno.args);
