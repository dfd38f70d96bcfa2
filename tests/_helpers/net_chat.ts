/** A line client for the chat server tests, with every wait bounded. */

import { within } from "./net_sockets.ts";

const encoder = new TextEncoder();

/** One chat connection that reads lines with a timeout. */
export class ChatTestClient implements Disposable {
  #conn: Deno.TcpConn;
  #decoder = new TextDecoder();
  #buffer = new Uint8Array(65536);
  #pending = "";
  #ended = false;
  #closed = false;

  private constructor(conn: Deno.TcpConn) {
    this.#conn = conn;
  }

  /** Connects and reads the greeting line. */
  static async connect(port: number): Promise<ChatTestClient> {
    const client = new ChatTestClient(await Deno.connect({ port }));
    const greeting = await client.nextLine();
    if (!greeting?.startsWith("* welcome to wirework chat")) {
      client.close();
      throw new Error(`Unexpected greeting "${greeting}"`);
    }
    return client;
  }

  /** Connects, sends `nickname` and reads up to the welcome line. */
  static async join(port: number, nickname: string): Promise<ChatTestClient> {
    const client = await ChatTestClient.connect(port);
    await client.send(nickname);
    await client.waitFor((line) => line.startsWith(`* welcome, ${nickname};`));
    return client;
  }

  /** Sends one line (a `\n` is added). */
  async send(line: string): Promise<void> {
    await this.sendRaw(encoder.encode(`${line}\n`));
  }

  /** Sends bytes as they are. */
  async sendRaw(bytes: Uint8Array): Promise<void> {
    let written = 0;
    while (written < bytes.length) {
      written += await this.#conn.write(bytes.subarray(written));
    }
  }

  /** The next line, or `null` at the end of the stream; waits at most `timeout` ms. */
  async nextLine(timeout = 5000): Promise<string | null> {
    while (!this.#pending.includes("\n")) {
      if (this.#ended) {
        if (this.#pending === "") return null;
        const last = this.#pending;
        this.#pending = "";
        return last;
      }
      const n = await within(
        this.#conn.read(this.#buffer),
        timeout,
        "a line from the chat server",
      );
      if (n === null) this.#ended = true;
      else this.#pending += this.#decoder.decode(this.#buffer.subarray(0, n));
    }
    const end = this.#pending.indexOf("\n");
    const line = this.#pending.slice(0, end);
    this.#pending = this.#pending.slice(end + 1);
    return line;
  }

  /** Reads lines until one matches; returns it. Throws at the end of the stream. */
  async waitFor(
    match: (line: string) => boolean,
    timeout = 5000,
  ): Promise<string> {
    while (true) {
      const line = await this.nextLine(timeout);
      if (line === null) {
        throw new Error("The server closed before the line came");
      }
      if (match(line)) return line;
    }
  }

  /** Reads every line until the server closes the connection. */
  async readToEnd(timeout = 5000): Promise<string[]> {
    const lines: string[] = [];
    while (true) {
      const line = await this.nextLine(timeout);
      if (line === null) return lines;
      lines.push(line);
    }
  }

  /** Closes the connection (again is fine). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#conn.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }
}
