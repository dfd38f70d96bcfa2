import assert from "node:assert/strict";
import { echo, type EchoDisconnectInfo, serveEcho } from "../../net/mod.ts";
import {
  PYTHON_AVAILABLE,
  runPython,
  sha256Hex,
} from "../_helpers/net_python.ts";
import { IPV6_LOOPBACK, readToEnd, within } from "../_helpers/net_sockets.ts";

const PYTHON_ECHO_CLIENT = `
import hashlib, socket, sys
port = int(sys.argv[1])
data = bytes(range(256)) * 4096  # 1 MiB, every byte value
with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    received = bytearray()
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        received += chunk
print(len(received), hashlib.sha256(received).hexdigest())
`;

Deno.test({
  name: "serveEcho() echoes 1 MiB from a Python socket client, byte for byte",
  ignore: !PYTHON_AVAILABLE,
  async fn() {
    await using server = serveEcho();
    const result = await runPython(PYTHON_ECHO_CLIENT, [
      String(server.addr.port),
    ]);
    assert.equal(result.code, 0, result.stderr);
    const sent = new Uint8Array(256 * 4096).map((_, i) => i % 256);
    assert.equal(
      result.stdout.trim(),
      `${sent.length} ${await sha256Hex(sent)}`,
    );
    assert.equal(server.bytesEchoed, sent.length);
  },
});

Deno.test({
  name:
    "serveEcho() answers each of several Python sendall/recv exchanges on one connection",
  ignore: !PYTHON_AVAILABLE,
  async fn() {
    await using server = serveEcho();
    const result = await runPython(
      `
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10) as s:
    for message in ["héllo", "wire", "x" * 10000]:
        data = message.encode()
        s.sendall(data)
        got = b""
        while len(got) < len(data):
            got += s.recv(65536)
        print(got.decode() == message, len(got))
`,
      [String(server.addr.port)],
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split("\n"), [
      "True 6",
      "True 4",
      "True 10000",
    ]);
  },
});

Deno.test("serveEcho() echoes a 4 MiB message to echo(), larger than the socket buffers", async () => {
  await using server = serveEcho();
  const message = crypto.getRandomValues(new Uint8Array(65536));
  const big = new Uint8Array(4 * 1024 * 1024);
  for (let i = 0; i < big.length; i += message.length) big.set(message, i);
  const reply = await echo(big, { port: server.addr.port });
  assert.deepEqual(reply, big);
});

Deno.test("serveEcho() gives each of 200 concurrent clients back exactly its own bytes", async () => {
  await using server = serveEcho();
  const messages = Array.from(
    { length: 200 },
    (_, i) => `client ${i}: ${"abcdefghij".repeat(1 + (i % 37))}`,
  );
  const replies = await Promise.all(
    messages.map((message) => echo(message, { port: server.addr.port })),
  );
  assert.deepEqual(replies, messages);
  assert.equal(server.totalConnections, 200);
});

Deno.test("serveEcho() serves a second client while a first one stays silent", async () => {
  await using server = serveEcho();
  const silent = await Deno.connect({ port: server.addr.port });
  try {
    assert.equal(
      await echo("not blocked", { port: server.addr.port }),
      "not blocked",
    );
  } finally {
    silent.close();
  }
});

Deno.test("EchoServer.shutdown() closes connected clients and resolves finished", async () => {
  const disconnected: EchoDisconnectInfo[] = [];
  const server = serveEcho({ onDisconnect: (info) => disconnected.push(info) });
  const clients = await Promise.all(
    Array.from({ length: 3 }, () => Deno.connect({ port: server.addr.port })),
  );
  try {
    // One round trip each, so the server has taken every connection on.
    for (const client of clients) {
      await client.write(new Uint8Array([7]));
      assert.equal(await client.read(new Uint8Array(1)), 1);
    }
    assert.equal(server.activeConnections, 3);
    await within(server.shutdown(), 5000, "shutdown");
    assert.equal(server.activeConnections, 0);
    for (const client of clients) {
      assert.equal((await readToEnd(client)).length, 0);
    }
    assert.deepEqual(disconnected.map((info) => info.reason), [
      "shutdown",
      "shutdown",
      "shutdown",
    ]);
    await assert.rejects(
      Deno.connect({ port: server.addr.port }),
      Deno.errors.ConnectionRefused,
    );
  } finally {
    for (const client of clients) client.close();
  }
});

Deno.test("serveEcho() closes connections over maxConnections at once and counts them", async () => {
  const freed = Promise.withResolvers<void>();
  await using server = serveEcho({
    maxConnections: 2,
    onDisconnect: (info) => {
      if (info.reason === "end") freed.resolve();
    },
  });
  const first = await Deno.connect({ port: server.addr.port });
  const second = await Deno.connect({ port: server.addr.port });
  try {
    for (const client of [first, second]) {
      await client.write(new Uint8Array([1]));
      assert.equal(await client.read(new Uint8Array(1)), 1);
    }
    const third = await Deno.connect({ port: server.addr.port });
    try {
      assert.equal((await readToEnd(third)).length, 0);
    } finally {
      third.close();
    }
    assert.equal(server.rejectedConnections, 1);
    first.close();
    await within(freed.promise, 5000, "the first client's disconnect");
    assert.equal(
      await echo("room again", { port: server.addr.port }),
      "room again",
    );
  } finally {
    try {
      first.close();
    } catch {
      // Closed above.
    }
    second.close();
  }
});

Deno.test("serveEcho() closes a connection idle for idleTimeout ms", async () => {
  const closed = Promise.withResolvers<EchoDisconnectInfo>();
  await using server = serveEcho({
    idleTimeout: 100,
    onDisconnect: closed.resolve,
  });
  const client = await Deno.connect({ port: server.addr.port });
  try {
    const started = performance.now();
    assert.equal(
      (await within(readToEnd(client), 5000, "idle close")).length,
      0,
    );
    assert.ok(performance.now() - started >= 90, "closed before idleTimeout");
    assert.equal((await closed.promise).reason, "idle");
    assert.equal(server.idleTimeouts, 1);
  } finally {
    client.close();
  }
});

Deno.test("serveEcho() keeps a connection open while it stays active past idleTimeout", async () => {
  await using server = serveEcho({ idleTimeout: 600 });
  const client = await Deno.connect({ port: server.addr.port });
  try {
    const started = performance.now();
    const byte = new Uint8Array(1);
    while (performance.now() - started < 1000) {
      await client.write(byte);
      assert.equal(await client.read(byte), 1, "closed while active");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(server.idleTimeouts, 0);
  } finally {
    client.close();
  }
});

Deno.test("serveEcho() stops when its signal aborts", async () => {
  const controller = new AbortController();
  const server = serveEcho({ signal: controller.signal });
  controller.abort();
  await within(server.finished, 5000, "finished");
  await assert.rejects(
    Deno.connect({ port: server.addr.port }),
    Deno.errors.ConnectionRefused,
  );
});

Deno.test("serveEcho() with an already aborted signal calls onListen and accepts nothing", async () => {
  const listened: Deno.NetAddr[] = [];
  const server = serveEcho({
    signal: AbortSignal.abort(),
    onListen: (addr) => listened.push(addr),
  });
  assert.deepEqual(listened, [server.addr]);
  await within(server.finished, 5000, "finished");
  await assert.rejects(
    Deno.connect({ port: server.addr.port }),
    Deno.errors.ConnectionRefused,
  );
  assert.equal(server.totalConnections, 0);
});

Deno.test("serveEcho() reports connects and disconnects with the bytes echoed", async () => {
  const events: string[] = [];
  const done = Promise.withResolvers<void>();
  await using server = serveEcho({
    onListen: (addr) => events.push(`listen ${addr.port > 0}`),
    onConnect: (addr) => events.push(`connect ${addr.hostname}`),
    onDisconnect: (info) => {
      events.push(`${info.reason} ${info.bytesEchoed}`);
      done.resolve();
    },
  });
  await echo("12345", { port: server.addr.port });
  await within(done.promise, 5000, "disconnect");
  assert.deepEqual(events, ["listen true", "connect 127.0.0.1", "end 5"]);
});

Deno.test({
  name: "serveEcho() listens on IPv6 loopback",
  ignore: !IPV6_LOOPBACK,
  async fn() {
    await using server = serveEcho({ hostname: "::1" });
    assert.equal(server.addr.hostname, "::1");
    assert.equal(
      await echo("six", { hostname: "::1", port: server.addr.port }),
      "six",
    );
  },
});

Deno.test("serveEcho() rejects bad options with TypeError and RangeError", () => {
  assert.throws(() => serveEcho({ port: 70000 }), TypeError);
  assert.throws(() => serveEcho({ port: 1.5 }), TypeError);
  assert.throws(() => serveEcho({ idleTimeout: -1 }), RangeError);
  assert.throws(() => serveEcho({ maxConnections: -1 }), RangeError);
  assert.throws(() => serveEcho({ bufferSize: 0 }), RangeError);
});

Deno.test("serveEcho() throws AddrInUse for a port already taken", async () => {
  await using first = serveEcho();
  assert.throws(
    () => serveEcho({ port: first.addr.port }),
    Deno.errors.AddrInUse,
  );
});
