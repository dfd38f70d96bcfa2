/**
 * Framing against real peers: a TCP connection on loopback, and Python's
 * `struct.pack(">I", ...)` as an independent implementation of the header.
 */
import assert from "node:assert/strict";
import { jsonCodec, textCodec } from "../../generics/codec.ts";
import { FrameError } from "../../generics/frame_error.ts";
import { readFrames } from "../../generics/read_frames.ts";
import { writeFrame } from "../../generics/write_frame.ts";
import { Random } from "../_helpers/generics_random.ts";

const LOOPBACK = "127.0.0.1";

/** A connected pair of TCP connections on loopback, closed by the caller. */
async function connectedPair(): Promise<[Deno.TcpConn, Deno.TcpConn]> {
  using listener = Deno.listen({ hostname: LOOPBACK, port: 0 });
  const accepting = listener.accept();
  const client = await Deno.connect({
    hostname: LOOPBACK,
    port: listener.addr.port,
  });
  return [client, await accepting];
}

function closeUnlessClosed(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch (error) {
    if (!(error instanceof Deno.errors.BadResource)) throw error;
  }
}

Deno.test("frames cross a TCP connection on loopback, large ones split and small ones coalesced", async () => {
  const random = new Random();
  const texts = [
    ...Array.from({ length: 500 }, () => random.string(random.int(0, 20))),
    random.string(200_000), // far bigger than one TCP segment or read
    ...Array.from({ length: 20 }, () => random.string(random.int(0, 3_000))),
  ];
  const [client, server] = await connectedPair();
  try {
    const received = Array.fromAsync(readFrames(server, textCodec));
    for (const text of texts) await writeFrame(client, textCodec, text);
    await client.closeWrite();
    const got = await received;
    assert.equal(got.length, texts.length);
    assert.deepEqual(got, texts);
  } finally {
    client.close();
    server.close();
  }
});

Deno.test("frames cross a TCP connection read through conn.readable and written through conn.writable", async () => {
  const codec = jsonCodec<{ seq: number; body: string }>();
  const values = Array.from(
    { length: 300 },
    (_, seq) => ({ seq, body: "x".repeat(seq * 7) }),
  );
  const [client, server] = await connectedPair();
  try {
    const received = Array.fromAsync(readFrames(server.readable, codec));
    const writer = client.writable.getWriter();
    for (const value of values) await writeFrame(writer, codec, value);
    await writer.close(); // closes the client connection
    assert.deepEqual(await received, values);
  } finally {
    closeUnlessClosed(server); // a readable read to its end closes its conn
  }
});

Deno.test("a TCP peer that closes mid-frame gives a truncated FrameError", async () => {
  const [client, server] = await connectedPair();
  try {
    const received: string[] = [];
    const reading = (async () => {
      for await (const text of readFrames(server, textCodec)) {
        received.push(text);
      }
    })();
    await writeFrame(client, textCodec, "whole");
    // A header announcing 100 bytes, then 10 of them, then the end.
    await client.write(new Uint8Array([0, 0, 0, 100, ...new Uint8Array(10)]));
    client.close();
    await assert.rejects(reading, {
      name: "FrameError",
      code: "truncated",
      frameBytes: 100,
      receivedBytes: 14,
    });
    assert.deepEqual(received, ["whole"]);
  } finally {
    server.close();
  }
});

Deno.test("a TCP peer sending a frame over maxFrameBytes gives a too-large FrameError", async () => {
  const [client, server] = await connectedPair();
  try {
    await writeFrame(client, textCodec, "x".repeat(1_025));
    await assert.rejects(
      Array.fromAsync(readFrames(server, textCodec, { maxFrameBytes: 1_024 })),
      (error) =>
        error instanceof FrameError && error.code === "too-large" &&
        error.frameBytes === 1_025,
    );
  } finally {
    client.close();
    server.close();
  }
});

Deno.test("aborting readFrames() on a TCP connection leaves the connection to its owner to close", async () => {
  const [client, server] = await connectedPair();
  const controller = new AbortController();
  try {
    const frames = readFrames(server, textCodec, { signal: controller.signal });
    await writeFrame(client, textCodec, "one");
    assert.deepEqual(await frames.next(), { done: false, value: "one" });
    const waiting = frames.next();
    controller.abort();
    await assert.rejects(waiting, { name: "AbortError" });
  } finally {
    client.close();
    server.close(); // ends the read still pending on it
  }
});

const python = (await pythonMissing("struct")) === undefined;

if (!python) {
  console.log("skipping the Python framing peer: python3 is not available");
}

// Python reads frames from stdin with struct.unpack(">I"), parses each as
// JSON and sends back, framed with struct.pack(">I"), its own JSON of
// {"echo": value, "bytes": payload length}.
const PYTHON_PEER = `
import json, struct, sys
stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
def read_exact(n):
    data = b""
    while len(data) < n:
        chunk = stdin.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data
while True:
    header = read_exact(4)
    if header is None:
        break
    (length,) = struct.unpack(">I", header)
    payload = read_exact(length)
    reply = json.dumps({"echo": json.loads(payload), "bytes": length}).encode()
    stdout.write(struct.pack(">I", len(reply)) + reply)
    stdout.flush()
`;
import { pythonMissing } from "../_helpers/python.ts";

Deno.test({
  name: "frames agree with Python's struct.pack('>I') framing both ways",
  ignore: !python,
  async fn() {
    type Sent = { n: number; text: string };
    const random = new Random(9);
    const values: Sent[] = Array.from(
      { length: 100 },
      (_, n) => ({ n, text: random.string(random.int(0, 500)) }),
    );
    const sentCodec = jsonCodec<Sent>();
    const replyCodec = jsonCodec<{ echo: Sent; bytes: number }>();
    const child = new Deno.Command("python3", {
      args: ["-c", PYTHON_PEER],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const replies = Array.fromAsync(
      readFrames(child.stdout, replyCodec, { timeout: 10_000 }),
    );
    const writer = child.stdin.getWriter();
    try {
      for (const value of values) await writeFrame(writer, sentCodec, value);
    } finally {
      await writer.close();
    }
    const got = await replies;
    assert.deepEqual(got.map((reply) => reply.echo), values);
    assert.deepEqual(
      got.map((reply) => reply.bytes),
      values.map((value) => sentCodec.encode(value).length),
    );
    assert.equal((await child.status).code, 0);
  },
});
