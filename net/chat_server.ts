#!/usr/bin/env -S deno run --allow-net=127.0.0.1
/**
 * Runs the line-based chat server of {@linkcode serveChat} and logs who
 * joins and leaves. Join with `nc 127.0.0.1 7008` (or `telnet`), send a
 * nickname, then chat; `/who` lists the room, `/quit` leaves.
 *
 * ```sh
 * deno run --allow-net=127.0.0.1 jsr:@wirework/wirework/net/chat-server --port 7008
 * ```
 *
 * Ctrl-C tells every client the server is shutting down and stops cleanly.
 *
 * @module
 */

import {
  COMMON_USAGE,
  DEFAULT_CHAT_PORT,
  integerFlag,
  NET_OPTIONS,
  runScript,
  timeoutFlag,
} from "./_cli.ts";
import { formatAddr } from "./_socket_io.ts";
import { serveChat } from "./serve_chat.ts";

const USAGE = `Usage: chat_server.ts [options]

Runs a line-based chat server; join with: nc 127.0.0.1 ${DEFAULT_CHAT_PORT}

Options:
  --hostname HOST          address to listen on (default 127.0.0.1)
  --port PORT              port to listen on, 0 for any free one (default ${DEFAULT_CHAT_PORT})
  --idle-timeout MS        disconnect clients silent this long, 0 for never (default 300000)
  --max-line-bytes N       disconnect clients that send a longer line (default 4096)
  --max-queue-bytes N      drop clients that fall this far behind (default 262144)
${COMMON_USAGE}`;

/**
 * Runs the chat server until Ctrl-C.
 *
 * @param args The command-line arguments.
 * @returns When the server has shut down (or at once, for `--help`).
 *
 * @example Print the help
 * ```ts
 * import { main } from "@wirework/wirework/net/chat-server";
 *
 * await main(["--help"]);
 * ```
 */
export async function main(args: string[]): Promise<void> {
  await runScript(args, {
    name: "chat_server.ts",
    usage: USAGE,
    options: {
      ...NET_OPTIONS,
      "idle-timeout": { type: "string" },
      "max-line-bytes": { type: "string" },
      "max-queue-bytes": { type: "string" },
    },
    onInterrupt: "stop",
  }, async (values, _, { signal }) => {
    const server = serveChat({
      hostname: values.hostname,
      port: integerFlag(values.port, "--port", DEFAULT_CHAT_PORT, 0, 65535),
      idleTimeout: timeoutFlag(values["idle-timeout"], 300_000) ?? 0,
      maxLineBytes: integerFlag(
        values["max-line-bytes"],
        "--max-line-bytes",
        4096,
        1,
      ),
      maxQueueBytes: integerFlag(
        values["max-queue-bytes"],
        "--max-queue-bytes",
        262_144,
        1,
      ),
      signal,
      onListen: (addr) =>
        console.log(
          `Chat on ${
            formatAddr(addr)
          }; join with: nc ${addr.hostname} ${addr.port} (Ctrl-C to stop)`,
        ),
      onJoin: (nickname, addr) =>
        console.log(
          `${nickname} joined from ${
            formatAddr(addr)
          } (${server.nicknames.length} here)`,
        ),
      onLeave: (nickname, reason, addr) =>
        console.log(
          `${
            nickname ?? formatAddr(addr)
          } left: ${reason} (${server.nicknames.length} here)`,
        ),
    });
    await server.finished;
    console.log(`Stopped after relaying ${server.messagesRelayed} messages`);
  });
}

if (import.meta.main) await main(Deno.args);
