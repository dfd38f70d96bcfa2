#!/usr/bin/env -S deno run --allow-net=127.0.0.1
/**
 * Runs a TCP echo server and logs each connect and disconnect: the server
 * half of Python's classic `socket` lesson, on {@linkcode serveEcho}.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 jsr:@wirework/wirework/net/echo-server --port 7007
 * ```
 *
 * Listening on another address needs `--allow-net` for it
 * (`--hostname 0.0.0.0` needs `--allow-net=0.0.0.0`). Ctrl-C shuts down
 * cleanly, closing every open connection.
 *
 * @module
 */

import {
  COMMON_USAGE,
  DEFAULT_ECHO_PORT,
  integerFlag,
  NET_OPTIONS,
  runScript,
  timeoutFlag,
} from "./_cli.ts";
import { formatAddr } from "./_socket_io.ts";
import { serveEcho } from "./serve_echo.ts";

const USAGE = `Usage: echo_server.ts [options]

Runs a TCP echo server: every byte a client sends comes back to it.

Options:
  --hostname HOST          address to listen on (default 127.0.0.1)
  --port PORT              port to listen on, 0 for any free one (default ${DEFAULT_ECHO_PORT})
  --idle-timeout MS        close connections silent this long, 0 for never (default 0)
  --max-connections N      close connections over this many at once (default: no limit)
${COMMON_USAGE}

Try it: deno run --allow-net=127.0.0.1 net/echo_client.ts "hello"`;

/**
 * Runs the echo server until Ctrl-C.
 *
 * @param args The command-line arguments.
 * @returns When the server has shut down (or at once, for `--help`).
 *
 * @example Print the help
 * ```ts
 * import { main } from "@wirework/wirework/net/echo-server";
 *
 * await main(["--help"]);
 * ```
 */
export async function main(args: string[]): Promise<void> {
  await runScript(args, {
    name: "echo_server.ts",
    usage: USAGE,
    options: {
      ...NET_OPTIONS,
      "idle-timeout": { type: "string" },
      "max-connections": { type: "string" },
    },
    onInterrupt: "stop",
  }, async (values, _, { signal }) => {
    const server = serveEcho({
      hostname: values.hostname,
      port: integerFlag(values.port, "--port", DEFAULT_ECHO_PORT, 0, 65535),
      idleTimeout: timeoutFlag(values["idle-timeout"], 0) ?? 0,
      maxConnections: integerFlag(
        values["max-connections"],
        "--max-connections",
        Infinity,
        1,
      ),
      signal,
      onListen: (addr) =>
        console.log(`Listening on ${formatAddr(addr)} (Ctrl-C to stop)`),
      onConnect: (addr) =>
        console.log(
          `${formatAddr(addr)} connected (${server.activeConnections} open)`,
        ),
      onDisconnect: ({ remoteAddr, reason, bytesEchoed, error }) =>
        console.log(
          `${
            formatAddr(remoteAddr)
          } disconnected: ${reason}, ${bytesEchoed} bytes echoed` +
            (error ? ` (${error})` : "") +
            ` (${server.activeConnections} open)`,
        ),
    });
    await server.finished;
    console.log(
      `Stopped after ${server.totalConnections} connections, ${server.bytesEchoed} bytes echoed`,
    );
  });
}

if (import.meta.main) await main(Deno.args);
