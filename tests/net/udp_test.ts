import assert from "node:assert/strict";
import { serveUdpEcho, udpRequest } from "../../net/mod.ts";
import {
  PYTHON_AVAILABLE,
  PythonProcess,
  runPython,
} from "../_helpers/net_python.ts";
import { within } from "../_helpers/net_sockets.ts";

/** A UDP socket that counts what it receives and answers only when told to. */
class UdpPeer implements AsyncDisposable {
  #socket = Deno.listenDatagram({
    hostname: "127.0.0.1",
    port: 0,
    transport: "udp",
  });
  #loop: Promise<void>;
  #waiters: { count: number; resolve: () => void }[] = [];
  received: string[] = [];
  readonly port: number = (this.#socket.addr as Deno.NetAddr).port;

  /** @param answer Whether to answer the n-th datagram (0-based), and with what. */
  constructor(answer: (index: number, text: string) => string | undefined) {
    this.#loop = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const [data, from] of this.#socket) {
          const text = decoder.decode(data);
          const reply = answer(this.received.length, text);
          this.received.push(text);
          for (const waiter of this.#waiters) {
            if (this.received.length >= waiter.count) waiter.resolve();
          }
          if (reply !== undefined) {
            await this.#socket.send(new TextEncoder().encode(reply), from);
          }
        }
      } catch {
        // Closed.
      }
    })();
  }

  /** Resolves once `count` datagrams have arrived. */
  receivedAtLeast(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#waiters.push({ count, resolve });
    return promise;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#socket.close();
    await this.#loop;
  }
}

Deno.test("udpRequest() round trips text and bytes through serveUdpEcho()", async () => {
  await using server = serveUdpEcho();
  const port = server.addr.port;
  assert.equal(await udpRequest("héllo, udp", { port }), "héllo, udp");
  const bytes = new Uint8Array(60_000).map((_, i) => i % 253);
  assert.deepEqual(await udpRequest(bytes, { port }), bytes);
  assert.equal(server.datagramsEchoed, 2);
  assert.equal(server.bytesEchoed, "héllo, udp".length + 1 + 60_000);
});

Deno.test({
  name: "serveUdpEcho() answers a Python socket UDP client",
  ignore: !PYTHON_AVAILABLE,
  async fn() {
    await using server = serveUdpEcho();
    const result = await runPython(
      `
import socket, sys
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    s.settimeout(5)
    for message in [b"one", b"two", bytes(range(256))]:
        s.sendto(message, ("127.0.0.1", int(sys.argv[1])))
        data, _ = s.recvfrom(65536)
        print(data == message, len(data))
`,
      [String(server.addr.port)],
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split("\n"), [
      "True 3",
      "True 3",
      "True 256",
    ]);
  },
});

Deno.test({
  name: "udpRequest() gets its reply from a Python UDP server",
  ignore: !PYTHON_AVAILABLE,
  async fn() {
    await using python = new PythonProcess(`
import socket
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1], flush=True)
    while True:
        data, peer = s.recvfrom(65536)
        s.sendto(data.upper(), peer)
`);
    const port = Number(await python.readLine());
    assert.equal(await udpRequest("shout", { port }), "SHOUT");
  },
});

Deno.test("udpRequest() retries a peer that never answers, then rejects with TimeoutError", async () => {
  await using peer = new UdpPeer(() => undefined);
  const error = await within(
    udpRequest("anyone?", { port: peer.port, timeout: 50, retries: 3 })
      .catch((e) => e),
    5000,
    "the timeout",
  );
  assert.ok(error instanceof DOMException, String(error));
  assert.equal(error.name, "TimeoutError");
  assert.match(error.message, /after 4 attempts of 50 ms each/);
  await within(peer.receivedAtLeast(4), 2000, "four datagrams");
  assert.deepEqual(peer.received, ["anyone?", "anyone?", "anyone?", "anyone?"]);
});

Deno.test("udpRequest() succeeds on a retry when the first datagram goes unanswered", async () => {
  await using peer = new UdpPeer((index, text) =>
    index === 0 ? undefined : `re: ${text}`
  );
  const reply = await udpRequest("lost once", {
    port: peer.port,
    timeout: 100,
    retries: 2,
  });
  assert.equal(reply, "re: lost once");
  assert.equal(peer.received.length, 2);
});

Deno.test("udpRequest() with retries 0 sends exactly once", async () => {
  await using peer = new UdpPeer(() => undefined);
  await assert.rejects(
    udpRequest("once", { port: peer.port, timeout: 30, retries: 0 }),
    { name: "TimeoutError" },
  );
  await within(peer.receivedAtLeast(1), 2000, "one datagram");
  assert.equal(peer.received.length, 1);
});

Deno.test("udpRequest() rejects with the signal's AbortError when aborted", async () => {
  await using peer = new UdpPeer(() => undefined);
  const controller = new AbortController();
  const pending = udpRequest("wait", {
    port: peer.port,
    timeout: 10_000,
    signal: controller.signal,
  });
  await within(peer.receivedAtLeast(1), 2000, "the datagram");
  controller.abort();
  await assert.rejects(pending, { name: "AbortError" });
});

Deno.test("udpRequest() rejects oversized datagrams and bad options", async () => {
  await assert.rejects(
    udpRequest(new Uint8Array(65508), { port: 9 }),
    RangeError,
  );
  await assert.rejects(udpRequest("x", { port: 9, retries: -1 }), RangeError);
  await assert.rejects(udpRequest("x", { port: 65536 }), TypeError);
});

Deno.test("serveUdpEcho() stops on shutdown() and on its signal", async () => {
  const server = serveUdpEcho();
  await within(server.shutdown(), 2000, "shutdown");
  const controller = new AbortController();
  const other = serveUdpEcho({ signal: controller.signal });
  controller.abort();
  await within(other.finished, 2000, "finished");
  // The port is free again: binding it works.
  Deno.listenDatagram({
    hostname: "127.0.0.1",
    port: other.addr.port,
    transport: "udp",
  }).close();
});
