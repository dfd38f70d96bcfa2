/**
 * A small forward proxy for the proxy tests, on `Deno.listen`: plain
 * requests arrive in absolute form and are sent on to the origin (one
 * request per connection, answered with `Connection: close`); `CONNECT`
 * opens a TCP tunnel. It records every request head it saw, and can demand
 * credentials (`407` without the expected `Proxy-Authorization`).
 *
 * @module
 */

const latin1 = new TextDecoder("latin1");

/** A running proxy; dispose it to stop it and every tunnel. */
export interface TestProxy extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request head received (request line to empty line). */
  heads: string[];
}

/** How the proxy behaves. */
export interface TestProxyOptions {
  /** The `Proxy-Authorization` value to demand, if any. */
  authorization?: string;
}

function toBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await conn.write(bytes.subarray(written));
  }
}

/** Reads a head and the body its Content-Length announces. */
async function readMessage(
  conn: Deno.Conn,
): Promise<{ head: string; body: Uint8Array } | undefined> {
  const buffer = new Uint8Array(64 * 1024);
  let pending = new Uint8Array(0);
  let headEnd = -1;
  while (headEnd === -1) {
    const count = await conn.read(buffer);
    if (count === null) return undefined;
    const grown = new Uint8Array(pending.length + count);
    grown.set(pending);
    grown.set(buffer.subarray(0, count), pending.length);
    pending = grown;
    headEnd = latin1.decode(pending).indexOf("\r\n\r\n");
  }
  const head = latin1.decode(pending.subarray(0, headEnd + 4));
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
  let body = pending.subarray(headEnd + 4);
  while (body.length < length) {
    const count = await conn.read(buffer);
    if (count === null) return undefined;
    const grown = new Uint8Array(body.length + count);
    grown.set(body);
    grown.set(buffer.subarray(0, count), body.length);
    body = grown;
  }
  return { head, body };
}

async function pipe(from: Deno.Conn, to: Deno.Conn): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  try {
    while (true) {
      const count = await from.read(buffer);
      if (count === null) break;
      await writeAll(to, buffer.subarray(0, count));
    }
  } catch {
    // One side went away.
  }
}

/**
 * Starts the proxy on 127.0.0.1, port 0.
 *
 * @param options Credentials to demand.
 * @returns The running proxy.
 */
export function startTestProxy(options: TestProxyOptions = {}): TestProxy {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const heads: string[] = [];
  const open = new Set<Deno.Conn>();
  const handlers: Promise<void>[] = [];

  const track = (conn: Deno.Conn): Deno.Conn => {
    open.add(conn);
    return conn;
  };
  const close = (conn: Deno.Conn): void => {
    open.delete(conn);
    try {
      conn.close();
    } catch {
      // Already closed.
    }
  };

  async function handle(client: Deno.Conn): Promise<void> {
    let upstream: Deno.Conn | undefined;
    try {
      const message = await readMessage(client);
      if (message === undefined) return;
      heads.push(message.head);
      const [requestLine, ...lines] = message.head.split("\r\n");
      const [method, target] = requestLine!.split(" ");
      if (options.authorization !== undefined) {
        const given = lines.find((line) =>
          line.toLowerCase().startsWith("proxy-authorization:")
        )?.slice(20).trim();
        if (given !== options.authorization) {
          await writeAll(
            client,
            toBytes(
              "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            ),
          );
          return;
        }
      }
      if (method === "CONNECT") {
        const [hostname, port] = target!.split(":");
        upstream = track(
          await Deno.connect({ hostname, port: Number(port) }),
        );
        await writeAll(
          client,
          toBytes("HTTP/1.1 200 Connection Established\r\n\r\n"),
        );
        const up = upstream;
        await Promise.race([pipe(client, up), pipe(up, client)]);
        return;
      }
      const url = new URL(target!);
      upstream = track(
        await Deno.connect({
          hostname: url.hostname,
          port: Number(url.port || 80),
        }),
      );
      const forwarded = lines.filter((line) =>
        line !== "" && !/^(connection|proxy-authorization):/i.test(line)
      );
      const head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\n${
        forwarded.join("\r\n")
      }\r\nconnection: close\r\n\r\n`;
      await writeAll(upstream, toBytes(head));
      await writeAll(upstream, message.body);
      // Relay the answer, saying the proxy closes the connection after it.
      const answer = await readMessage(upstream);
      if (answer === undefined) return;
      const relayed = answer.head.replace(
        /\r\nconnection:[^\r]*/i,
        "",
      ).replace("\r\n", "\r\nconnection: close\r\n");
      await writeAll(client, toBytes(relayed));
      await writeAll(client, answer.body);
    } catch {
      // A side went away.
    } finally {
      if (upstream !== undefined) close(upstream);
      close(client);
    }
  }

  const accepting = (async () => {
    try {
      for await (const conn of listener) handlers.push(handle(track(conn)));
    } catch {
      // The listener was closed.
    }
  })();

  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    heads,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      for (const conn of open) close(conn);
      await Promise.all(handlers);
    },
  };
}
