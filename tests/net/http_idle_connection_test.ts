import assert from "node:assert/strict";
import { HttpClient } from "../../net/mod.ts";

const latin1 = new TextDecoder("latin1");
const encoder = new TextEncoder();

/** One accepted connection of the scripted server. */
interface ServerConnection {
  /** Writes bytes the client did not ask for. */
  write(text: string): Promise<void>;
  /** Closes the server's sending side only. */
  closeWrite(): Promise<void>;
  /** Resolves once the client has closed the connection. */
  closedByClient: Promise<void>;
}

/**
 * A server that answers each request with its path as the body (a HEAD with
 * `Content-Length` only), and lets the test write more on a connection
 * later, as a misbehaving server would.
 */
function serveScripted(): AsyncDisposable & {
  origin: string;
  connections: ServerConnection[];
  requests: string[];
} {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const connections: ServerConnection[] = [];
  const requests: string[] = [];
  const conns: Deno.Conn[] = [];
  const handlers: Promise<void>[] = [];
  const write = async (conn: Deno.Conn, text: string): Promise<void> => {
    const bytes = encoder.encode(text);
    for (let written = 0; written < bytes.length;) {
      written += await conn.write(bytes.subarray(written));
    }
  };
  async function handle(conn: Deno.Conn, closed: () => void): Promise<void> {
    const buffer = new Uint8Array(16 * 1024);
    let pending = "";
    try {
      while (true) {
        const headEnd = pending.indexOf("\r\n\r\n");
        if (headEnd === -1) {
          const count = await conn.read(buffer);
          if (count === null) return;
          pending += latin1.decode(buffer.subarray(0, count));
          continue;
        }
        const head = pending.slice(0, headEnd);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1]);
        pending = pending.slice(headEnd + 4 + (length || 0));
        const [method, path] = head.split(" ");
        requests.push(`${method} ${path}`);
        await write(
          conn,
          `HTTP/1.1 200 OK\r\nContent-Length: ${path!.length}\r\n\r\n${
            method === "HEAD" ? "" : path
          }`,
        );
      }
    } catch {
      // The client reset the connection, or the test ended.
    } finally {
      closed();
    }
  }
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        conns.push(conn);
        const { promise, resolve } = Promise.withResolvers<void>();
        connections.push({
          write: (text) => write(conn, text),
          closeWrite: () => conn.closeWrite(),
          closedByClient: promise,
        });
        handlers.push(handle(conn, resolve));
      }
    } catch {
      // The listener was closed.
    }
  })();
  return {
    origin: `http://127.0.0.1:${listener.addr.port}`,
    connections,
    requests,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // Closed by its handler already.
        }
      }
      await Promise.all(handlers);
    },
  };
}

/** Waits for `promise`, failing the test with `what` after 5 s. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Timed out waiting until ${what}`)),
          5_000,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

Deno.test("HttpClient closes an idle connection on which an unsolicited response arrives, so later responses stay in step", async () => {
  await using server = serveScripted();
  await using client = new HttpClient();
  assert.equal((await client.request(`${server.origin}/1`)).text(), "/1");
  const idle = server.connections[0]!;
  await idle.write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n/injected");
  await within(idle.closedByClient, "the client closes the idle connection");
  assert.equal(client.openConnections(), 0);
  assert.equal((await client.request(`${server.origin}/2`)).text(), "/2");
  assert.equal((await client.request(`${server.origin}/3`)).text(), "/3");
  assert.equal(server.connections.length, 2);
});

Deno.test("HttpClient closes an idle connection on which a HEAD body arrives late", async () => {
  await using server = serveScripted();
  await using client = new HttpClient();
  const head = await client.request(`${server.origin}/abcde`, {
    method: "HEAD",
  });
  assert.equal(head.headers.get("content-length"), "6");
  assert.equal(head.body.length, 0);
  const idle = server.connections[0]!;
  await idle.write("/abcde");
  await within(idle.closedByClient, "the client closes the idle connection");
  assert.equal((await client.request(`${server.origin}/next`)).text(), "/next");
});

Deno.test("HttpClient closes an idle connection the server half-closed, and sends a POST on a new one", async () => {
  await using server = serveScripted();
  await using client = new HttpClient();
  assert.equal((await client.request(`${server.origin}/1`)).text(), "/1");
  const idle = server.connections[0]!;
  await idle.closeWrite();
  await within(idle.closedByClient, "the client closes the idle connection");
  assert.equal(client.openConnections(), 0);
  // A POST is never retried: it succeeds only if the stale connection was
  // not handed out.
  const post = await client.request(`${server.origin}/post`, {
    method: "POST",
    body: "x",
  });
  assert.equal(post.text(), "/post");
  assert.deepEqual(server.requests, ["GET /1", "POST /post"]);
});

Deno.test("HttpClient keeps reusing an idle connection on which nothing arrives", async () => {
  await using server = serveScripted();
  await using client = new HttpClient();
  for (let index = 0; index < 20; index++) {
    const path = `/${index}`;
    assert.equal((await client.request(server.origin + path)).text(), path);
  }
  assert.equal(server.connections.length, 1);
  assert.equal(client.openConnections(), 1);
});

Deno.test("HttpClient.close() ends the pending reads of its idle connections", async () => {
  await using server = serveScripted();
  const client = new HttpClient();
  await Promise.all(
    Array.from(
      { length: 4 },
      (_, index) => client.request(`${server.origin}/${index}`),
    ),
  );
  assert.equal(client.openConnections(), 4);
  await client.close();
  assert.equal(client.openConnections(), 0);
  // The test's op sanitizer fails it if a read were still pending here.
});
