#!/usr/bin/env -S deno run --unstable-net --allow-net=127.0.0.1
/**
 * The net/ sockets section of `deno task demo`: a TCP echo server and
 * client, a UDP round trip and a short chat between two clients, all on
 * loopback ports picked at random, all shut down before it exits.
 *
 * @module
 */

import { COMMON_USAGE, runScript, ScriptError } from "../_cli.ts";
import { LineReader } from "./_line_reader.ts";
import { writeAll } from "./_socket_io.ts";
import { echo, serveChat, serveEcho, serveUdpEcho, udpRequest } from "./mod.ts";

const encoder = new TextEncoder();

/** A chat client good enough for a demo: send a line, read a line. */
class DemoChatClient implements Disposable {
  #conn: Deno.TcpConn;
  #lines: LineReader;

  constructor(conn: Deno.TcpConn) {
    this.#conn = conn;
    this.#lines = new LineReader(conn, 4096);
  }

  static async join(port: number, nickname: string): Promise<DemoChatClient> {
    const client = new DemoChatClient(await Deno.connect({ port }));
    await client.readLine(); // the greeting
    await client.send(nickname);
    await client.readUntil((line) => line.startsWith("* welcome"));
    return client;
  }

  send(line: string): Promise<void> {
    return writeAll(this.#conn, encoder.encode(`${line}\n`));
  }

  async readLine(): Promise<string> {
    const line = await this.#lines.readLine();
    if (line === null) throw new Error("The chat server closed the connection");
    return line;
  }

  async readUntil(match: (line: string) => boolean): Promise<string> {
    while (true) {
      const line = await this.readLine();
      if (match(line)) return line;
    }
  }

  [Symbol.dispose](): void {
    this.#conn.close();
  }
}

async function tcpEcho(): Promise<void> {
  await using server = serveEcho({ hostname: "127.0.0.1", port: 0 });
  console.log(`  TCP echo server on 127.0.0.1:${server.addr.port}`);
  const started = performance.now();
  const reply = await echo("hello, wire", {
    port: server.addr.port,
    timeout: 2000,
  });
  console.log(
    `  echo("hello, wire") -> ${JSON.stringify(reply)} in ${
      (performance.now() - started).toFixed(1)
    } ms`,
  );
  const messages = Array.from({ length: 50 }, (_, i) => `client ${i}`);
  const replies = await Promise.all(
    messages.map((m) => echo(m, { port: server.addr.port, timeout: 2000 })),
  );
  const allOwn = replies.every((reply, i) => reply === messages[i]);
  console.log(
    `  50 clients at once -> ${
      allOwn ? "each got its own bytes back" : "MIXED UP"
    }`,
  );
  await server.shutdown();
  console.log(
    `  shut down: ${server.totalConnections} connections, ${server.bytesEchoed} bytes echoed`,
  );
  if (!allOwn || reply !== "hello, wire") throw new Error("TCP echo failed");
}

async function udpEcho(): Promise<void> {
  await using server = serveUdpEcho({ hostname: "127.0.0.1", port: 0 });
  const reply = await udpRequest("ping", {
    port: server.addr.port,
    timeout: 500,
    retries: 2,
  });
  console.log(
    `  UDP echo on 127.0.0.1:${server.addr.port}: udpRequest("ping") -> ${
      JSON.stringify(reply)
    }`,
  );
  if (reply !== "ping") throw new Error("UDP echo failed");
}

async function chat(): Promise<void> {
  await using server = serveChat({ hostname: "127.0.0.1", port: 0 });
  const port = server.addr.port;
  console.log(`  chat server on 127.0.0.1:${port}`);
  using alice = await DemoChatClient.join(port, "alice");
  using bob = await DemoChatClient.join(port, "bob");
  console.log(`  alice sees: ${await alice.readLine()}`);
  await bob.send("hi alice");
  console.log(`  bob says "hi alice"; alice sees: ${await alice.readLine()}`);
  await alice.send("/who");
  console.log(`  alice sends /who; she sees: ${await alice.readLine()}`);
  await bob.send("/quit");
  console.log(`  bob sends /quit; he sees: ${await bob.readLine()}`);
  console.log(`  alice sees: ${await alice.readLine()}`);
  await server.shutdown();
  console.log(`  shut down after ${server.messagesRelayed} message relayed`);
}

const USAGE = `Usage: demo.ts [options]

The net/ sockets tour: TCP echo, a UDP round trip and a short chat, on
loopback ports picked at random. Needs --unstable-net --allow-net=127.0.0.1.

Options:
${COMMON_USAGE}`;

/** Runs the sockets tour; exits 1 if any part fails or it takes over 10 s. */
async function main(args: string[]): Promise<void> {
  await runScript(args, { name: "demo.ts", usage: USAGE, options: {} }, () => {
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      watchdog = setTimeout(
        () => reject(new ScriptError("the tour took over 10 s, giving up")),
        10_000,
      );
    });
    const tour = async (): Promise<void> => {
      console.log("== net/: sockets on loopback");
      await tcpEcho();
      await udpEcho();
      await chat();
    };
    return Promise.race([tour(), timedOut]).finally(() =>
      clearTimeout(watchdog)
    );
  });
}

if (import.meta.main) await main(Deno.args);
