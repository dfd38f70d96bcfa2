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
  DEFAULT_ECHO_PORT,
  integerFlag,
  InterruptSignal,
  parseFlags,
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
  --timeout MS       send: wait this long for each reply (default 1000)
  --retries N        send: send again this many times (default 3)
  -h, --help         show this help`;

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
  const settings = parseFlags(args, {
    name: "udp_echo.ts",
    usage: USAGE,
    flags: ["timeout", "retries"],
    allowPositionals: true,
  }, (values, positionals) => {
    const [command = "serve", ...words] = positionals;
    if (command !== "serve" && command !== "send") {
      throw new TypeError(`Unknown command "${command}": use serve or send`);
    }
    if (command === "serve" && words.length > 0) {
      throw new TypeError(`Unexpected argument "${words[0]}" after serve`);
    }
    return {
      command,
      message: words.length > 0 ? words.join(" ") : "hello, wirework",
      hostname: values.hostname,
      port: integerFlag(values.port, "--port", DEFAULT_ECHO_PORT, 0, 65535),
      timeout: integerFlag(values.timeout, "--timeout", 1000, 1),
      retries: integerFlag(values.retries, "--retries", 3),
    };
  });
  if (settings === undefined) return;

  using interrupt = new InterruptSignal();
  if (settings.command === "serve") {
    const server = serveUdpEcho({
      hostname: settings.hostname,
      port: settings.port,
      signal: interrupt.signal,
      onListen: (addr) =>
        console.log(`UDP echo on ${formatAddr(addr)} (Ctrl-C to stop)`),
      onDatagram: (from, bytes) =>
        console.log(`${formatAddr(from)}: ${bytes} bytes echoed`),
    });
    await server.finished;
    console.log(`Stopped after ${server.datagramsEchoed} datagrams`);
    return;
  }
  try {
    console.log(
      await udpRequest(settings.message, {
        hostname: settings.hostname,
        port: settings.port,
        timeout: settings.timeout,
        retries: settings.retries,
        signal: interrupt.signal,
      }),
    );
  } catch (error) {
    console.error(
      `udp_echo.ts: ${error instanceof Error ? error.message : error}`,
    );
    Deno.exitCode = 1;
  }
}

if (import.meta.main) await main(Deno.args);
