#!/usr/bin/env -S deno run --unstable-net --allow-net=127.0.0.1
/**
 * A UDP echo server and client in one script, on {@linkcode serveUdpEcho}
 * and {@linkcode udpRequest}. UDP sockets (`Deno.listenDatagram`) need the
 * `--unstable-net` flag, which the shebang passes:
 *
 * ```sh
 * deno run --unstable-net --allow-net=127.0.0.1 jsr:@wirework/wirework/net/udp-echo serve
 * deno run --unstable-net --allow-net=127.0.0.1 jsr:@wirework/wirework/net/udp-echo send "hello"
 * ```
 *
 * With no arguments it serves on 127.0.0.1:7007 until Ctrl-C.
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
  UsageError,
} from "./_cli.ts";
import { formatAddr } from "./_socket_io.ts";
import { serveUdpEcho } from "./serve_udp_echo.ts";
import { udpRequest } from "./udp_request.ts";

const USAGE = `Usage: udp_echo.ts [serve] [options]
       udp_echo.ts send [options] [MESSAGE...]

serve (the default) runs a UDP echo server until Ctrl-C; send sends MESSAGE
(default "hello, wirework") in one datagram and prints the reply, retrying
when none comes. Needs deno run --unstable-net.

Options:
  --hostname HOST    address to bind (serve) or send to (send) (default 127.0.0.1)
  --port PORT        port to bind, 0 for any free one, or to send to (default ${DEFAULT_ECHO_PORT})
  --timeout MS       send: wait this long for each reply, 0 for ever (default 1000)
  --retries N        send: send again this many times (default 3)
${COMMON_USAGE}`;

/**
 * Serves or sends, as the first argument says.
 *
 * @param args The command-line arguments.
 * @returns When the server has stopped or the reply was printed.
 *
 * @example Print the help
 * ```ts
 * import { main } from "@wirework/wirework/net/udp-echo";
 *
 * await main(["--help"]);
 * ```
 */
export async function main(args: string[]): Promise<void> {
  await runScript(args, {
    name: "udp_echo.ts",
    usage: USAGE,
    options: {
      ...NET_OPTIONS,
      timeout: { type: "string" },
      retries: { type: "string" },
    },
    allowPositionals: true,
    onInterrupt: "stop",
  }, async (values, positionals, { signal }) => {
    const [command = "serve", ...words] = positionals;
    if (command !== "serve" && command !== "send") {
      throw new UsageError(`Unknown command "${command}": use serve or send`);
    }
    if (command === "serve" && words.length > 0) {
      throw new UsageError(`Unexpected argument "${words[0]}" after serve`);
    }
    const hostname = values.hostname;
    const port = integerFlag(
      values.port,
      "--port",
      DEFAULT_ECHO_PORT,
      0,
      65535,
    );
    const timeout = timeoutFlag(values.timeout, 1000) ?? Infinity;
    const retries = integerFlag(values.retries, "--retries", 3);
    if (command === "serve") {
      const server = serveUdpEcho({
        hostname,
        port,
        signal,
        onListen: (addr) =>
          console.log(`UDP echo on ${formatAddr(addr)} (Ctrl-C to stop)`),
        onDatagram: (from, bytes) =>
          console.log(`${formatAddr(from)}: ${bytes} bytes echoed`),
      });
      await server.finished;
      console.log(`Stopped after ${server.datagramsEchoed} datagrams`);
      return;
    }
    const message = words.length > 0 ? words.join(" ") : "hello, wirework";
    console.log(
      await udpRequest(message, { hostname, port, timeout, retries, signal }),
    );
  });
}

if (import.meta.main) await main(Deno.args);
