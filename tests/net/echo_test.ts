import assert from "node:assert/strict";
import { echo, serveEcho } from "../../net/mod.ts";
import { PYTHON_AVAILABLE, PythonProcess } from "../_helpers/net_python.ts";
import { closedPort, SilentServer, within } from "../_helpers/net_sockets.ts";

const PYTHON_ECHO_SERVER = `
import socket, threading
with socket.create_server(("127.0.0.1", 0)) as server:
    print(server.getsockname()[1], flush=True)
    def serve(conn):
        with conn:
            while data := conn.recv(65536):
                conn.sendall(data)
    while True:
        conn, _ = server.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
`;

Deno.test({
  name: "echo() round trips text and bytes through a Python socket echo server",
  ignore: !PYTHON_AVAILABLE,
  async fn() {
    await using python = new PythonProcess(PYTHON_ECHO_SERVER);
    const port = Number(await python.readLine());
    assert.equal(await echo("héllo, wire ✓", { port }), "héllo, wire ✓");
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251);
    assert.deepEqual(await echo(bytes, { port }), bytes);
  },
});

Deno.test("echo() resolves a string for a string and bytes for bytes", async () => {
  await using server = serveEcho();
  const text = await echo("text", { port: server.addr.port });
  const bytes = await echo(new Uint8Array([1, 2, 3]), {
    port: server.addr.port,
  });
  assert.equal(typeof text, "string");
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual(bytes, new Uint8Array([1, 2, 3]));
});

Deno.test("echo() of an empty message resolves to an empty message", async () => {
  await using server = serveEcho();
  assert.equal(await echo("", { port: server.addr.port }), "");
});

Deno.test("echo() to a port nothing listens on rejects with ConnectionRefused naming the address", async () => {
  const port = closedPort();
  const error = await echo("hello", { port }).catch((e) => e);
  assert.ok(error instanceof Deno.errors.ConnectionRefused, String(error));
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
});

Deno.test("echo() to a server that never answers rejects with a TimeoutError DOMException", async () => {
  await using silent = new SilentServer();
  const started = performance.now();
  const error = await within(
    echo("anyone?", { port: silent.port, timeout: 150 }).catch((e) => e),
    5000,
    "the timeout",
  );
  assert.ok(error instanceof DOMException, String(error));
  assert.equal(error.name, "TimeoutError");
  assert.match(error.message, /timed out after 150 ms/);
  assert.ok(performance.now() - started >= 140);
  assert.equal(silent.accepted, 1);
});

Deno.test("echo() rejects with the signal's AbortError when aborted mid-exchange", async () => {
  await using silent = new SilentServer();
  const controller = new AbortController();
  const pending = echo("wait", {
    port: silent.port,
    signal: controller.signal,
  });
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, { name: "AbortError" });
});

Deno.test("echo() with an already aborted signal rejects without connecting", async () => {
  await using silent = new SilentServer();
  await assert.rejects(
    echo("never", { port: silent.port, signal: AbortSignal.abort() }),
    { name: "AbortError" },
  );
  assert.equal(silent.accepted, 0);
});

Deno.test("echo() rejects with UnexpectedEof when the server closes after part of the reply", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serving = (async () => {
    const conn = await listener.accept();
    const buffer = new Uint8Array(5);
    let read = 0;
    while (read < 5) read += (await conn.read(buffer.subarray(read)))!;
    await conn.write(buffer.subarray(0, 2));
    conn.close();
  })();
  const error = await echo("12345", { port: listener.addr.port }).catch((e) =>
    e
  );
  await serving;
  assert.ok(error instanceof Deno.errors.UnexpectedEof, String(error));
  assert.match(error.message, /after 2 of 5 bytes/);
});

Deno.test({
  name:
    "echo() rejects with ConnectionReset when a Python server resets the connection",
  ignore: !PYTHON_AVAILABLE,
  async fn() {
    // SO_LINGER with a zero timeout makes close() send a reset, not a FIN.
    await using python = new PythonProcess(`
import socket, struct
with socket.create_server(("127.0.0.1", 0)) as server:
    print(server.getsockname()[1], flush=True)
    conn, _ = server.accept()
    conn.recv(1)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
    print("reset", flush=True)
`);
    const port = Number(await python.readLine());
    const error = await echo("x".repeat(100_000), { port }).catch((e) => e);
    assert.equal(await python.readLine(), "reset");
    assert.ok(error instanceof Deno.errors.ConnectionReset, String(error));
    assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  },
});

Deno.test("echo() rejects bad options with TypeError and RangeError", async () => {
  await assert.rejects(echo("x", { port: -1 }), TypeError);
  await assert.rejects(echo("x", { port: 1, timeout: -5 }), RangeError);
});

Deno.test("echo() with a timeout past setTimeout's range arms one clamped timer and waits for a late reply", async () => {
  const TIMER_RANGE = 2 ** 31 - 1;
  const originalSetTimeout = globalThis.setTimeout;
  const delays: number[] = [];
  for (const timeout of [2 ** 31, 2 ** 40]) {
    delays.length = 0;
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    // The server answers from a timer it arms once it has the message, so
    // after the client's deadline timer, and due later: timers fire in the
    // order they are due, so a deadline that overflowed to 1 ms would fire
    // before the reply is sent.
    const accepted = listener.accept();
    const serving = (async () => {
      const conn = await accepted;
      try {
        const buffer = new Uint8Array(5);
        for (let read = 0; read < 5;) {
          const count = await conn.read(buffer.subarray(read));
          if (count === null) return; // The client gave up.
          read += count;
        }
        await new Promise((resolve) => originalSetTimeout(resolve, 20));
        await conn.write(buffer);
      } finally {
        conn.close();
      }
    })();
    globalThis.setTimeout = ((callback: () => void, delay?: number) => {
      delays.push(delay ?? 0);
      return originalSetTimeout(callback, delay);
    }) as typeof setTimeout;
    let reply: string | undefined;
    try {
      reply = await within(
        echo("late?", { port: listener.addr.port, timeout }),
        5000,
        "the late reply",
      );
    } finally {
      globalThis.setTimeout = originalSetTimeout;
      // When the client gave up, stop the server's accept or read.
      listener.close();
      if (reply === undefined) {
        accepted.then((conn) => conn.close(), () => {}).catch(() => {});
      }
      await within(serving.catch(() => {}), 5000, "the server to stop");
    }
    assert.equal(reply, "late?");
    assert.deepEqual(
      delays.filter((delay) => delay > 5000),
      [TIMER_RANGE],
      `one clamped timer for timeout ${timeout}`,
    );
  }
});
