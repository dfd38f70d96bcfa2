import assert from "node:assert/strict";
import { type ChatLeaveReason, serveChat } from "../../net/mod.ts";
import { ChatTestClient } from "../_helpers/net_chat.ts";
import { PYTHON_AVAILABLE, runPython } from "../_helpers/net_python.ts";
import { within } from "../_helpers/net_sockets.ts";

Deno.test("serveChat() greets, takes a nickname and tells the room who joined", async () => {
  await using server = serveChat();
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  using bob = await ChatTestClient.connect(server.addr.port);
  await bob.send("bob");
  assert.equal(
    await bob.nextLine(),
    "* welcome, bob; here: alice, bob; /who lists the room, /quit leaves",
  );
  assert.equal(await alice.nextLine(), "* bob joined");
  assert.deepEqual(server.nicknames, ["alice", "bob"]);
});

Deno.test({
  name:
    "serveChat() serves two Python socket clients: join, broadcast, /who, /quit",
  ignore: !PYTHON_AVAILABLE,
  async fn() {
    await using server = serveChat();
    const result = await runPython(
      `
import socket, sys
port = int(sys.argv[1])
def join(nickname):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    lines = s.makefile("r", encoding="utf-8", newline="\\n")
    lines.readline()  # the greeting
    s.sendall(nickname.encode() + b"\\n")
    lines.readline()  # the welcome
    return s, lines
ada, ada_lines = join("ada")
bea, bea_lines = join("bea")
print(ada_lines.readline().strip())
bea.sendall(b"hello from python\\r\\n")
print(ada_lines.readline().strip())
ada.sendall(b"/who\\n")
print(ada_lines.readline().strip())
bea.sendall(b"/quit\\n")
print(bea_lines.readline().strip())
print(repr(bea_lines.readline()))
print(ada_lines.readline().strip())
ada.close()
bea.close()
`,
      [String(server.addr.port)],
    );
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.stdout.trim().split("\n"), [
      "* bea joined",
      "bea: hello from python",
      "* here: ada, bea",
      "* bye, bea",
      "''",
      "* bea left",
    ]);
  },
});

Deno.test("serveChat() broadcasts a line to every other client, not back to the sender", async () => {
  await using server = serveChat();
  const port = server.addr.port;
  using alice = await ChatTestClient.join(port, "alice");
  using bob = await ChatTestClient.join(port, "bob");
  using carol = await ChatTestClient.join(port, "carol");
  await bob.send("hello, room");
  assert.equal(
    await alice.waitFor((line) => !line.endsWith("joined")),
    "bob: hello, room",
  );
  assert.equal(
    await carol.waitFor((line) => !line.endsWith("joined")),
    "bob: hello, room",
  );
  // Bob's next line answers his /who: his own message never came back.
  await bob.send("/who");
  assert.equal(
    await bob.waitFor((line) => !line.endsWith("joined")),
    "* here: alice, bob, carol",
  );
  assert.equal(server.messagesRelayed, 1);
});

Deno.test("serveChat() /quit says goodbye, closes, and tells the room", async () => {
  const left: [string | undefined, ChatLeaveReason][] = [];
  await using server = serveChat({
    onLeave: (nickname, reason) => left.push([nickname, reason]),
  });
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  using bob = await ChatTestClient.join(server.addr.port, "bob");
  await bob.send("/quit");
  assert.deepEqual(await bob.readToEnd(), ["* bye, bob"]);
  assert.equal(
    await alice.waitFor((line) => line.endsWith("left")),
    "* bob left",
  );
  assert.deepEqual(server.nicknames, ["alice"]);
  assert.deepEqual(left, [["bob", "quit"]]);
});

Deno.test("serveChat() tells the room when a client just disconnects", async () => {
  await using server = serveChat();
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  const bob = await ChatTestClient.join(server.addr.port, "bob");
  bob.close();
  assert.equal(
    await alice.waitFor((line) => line.endsWith("left")),
    "* bob left",
  );
});

Deno.test("serveChat() refuses a taken (any case) or malformed nickname and asks again", async () => {
  await using server = serveChat();
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  using other = await ChatTestClient.connect(server.addr.port);
  await other.send("ALICE");
  assert.equal(
    await other.nextLine(),
    '* nickname "ALICE" is taken; send another',
  );
  await other.send("two words");
  assert.match(
    (await other.nextLine())!,
    /^\* nickname "two words" is not valid/,
  );
  await other.send("alice2");
  assert.match((await other.nextLine())!, /^\* welcome, alice2;/);
  assert.equal(await alice.nextLine(), "* alice2 joined");
});

Deno.test("serveChat() accepts \\r\\n line ends and answers unknown commands", async () => {
  await using server = serveChat();
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  using bob = await ChatTestClient.join(server.addr.port, "bob");
  await bob.sendRaw(new TextEncoder().encode("from telnet\r\n/nope now\r\n"));
  assert.equal(
    await alice.waitFor((line) => line.startsWith("bob")),
    "bob: from telnet",
  );
  assert.equal(
    await bob.nextLine(),
    '* unknown command "/nope": try /who or /quit',
  );
});

Deno.test("serveChat() relays a line of exactly maxLineBytes", async () => {
  await using server = serveChat({ maxLineBytes: 64 });
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  using bob = await ChatTestClient.join(server.addr.port, "bob");
  const line = "é".repeat(32); // 64 bytes in UTF-8
  await bob.send(line);
  assert.equal(await alice.waitFor((l) => l.startsWith("bob")), `bob: ${line}`);
});

Deno.test("serveChat() answers a line over maxLineBytes with an error line and disconnects", async () => {
  await using server = serveChat({ maxLineBytes: 64 });
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  using bob = await ChatTestClient.join(server.addr.port, "bob");
  await bob.send("x".repeat(65));
  assert.deepEqual(await bob.readToEnd(), [
    "* error: line longer than 64 bytes; disconnecting",
  ]);
  assert.equal(
    await alice.waitFor((line) => line.includes("left")),
    "* bob left (line too long)",
  );
});

Deno.test("serveChat() stops an endless line without waiting for its newline", async () => {
  await using server = serveChat({ maxLineBytes: 1024 });
  using bob = await ChatTestClient.join(server.addr.port, "bob");
  await bob.sendRaw(new Uint8Array(5000).fill(0x61));
  assert.deepEqual(await bob.readToEnd(), [
    "* error: line longer than 1024 bytes; disconnecting",
  ]);
});

Deno.test("serveChat() disconnects a client idle for idleTimeout ms, saying why", async () => {
  const left = Promise.withResolvers<ChatLeaveReason>();
  await using server = serveChat({
    idleTimeout: 150,
    onLeave: (_, reason) => left.resolve(reason),
  });
  // Silent from the start: not even a nickname, so no step races the timer.
  using bob = await ChatTestClient.connect(server.addr.port);
  assert.deepEqual(await bob.readToEnd(), [
    "* idle for 150 ms; disconnecting",
  ]);
  assert.equal(await within(left.promise, 5000, "onLeave"), "idle");
});

Deno.test("serveChat() drops a client that never reads, while the room keeps flowing", async () => {
  const dropped = Promise.withResolvers<string | undefined>();
  await using server = serveChat({
    maxQueueBytes: 64 * 1024,
    onLeave: (nickname, reason) => {
      if (reason === "too-slow") dropped.resolve(nickname);
    },
  });
  const port = server.addr.port;
  using _slow = await ChatTestClient.join(port, "slow");
  using listener = await ChatTestClient.join(port, "listener");
  using talker = await ChatTestClient.join(port, "talker");
  await listener.waitFor((line) => line === "* talker joined");

  // The talker talks in batches, the listener reading each batch before the
  // next (so the listener itself never falls behind), until the server gives
  // up on the slow reader, whose socket buffers hold a few MiB first; then
  // one more batch shows the room still flows. The volume is capped.
  const line = "z".repeat(1000);
  const BATCH = 16;
  let sent = 0;
  let droppedYet = false;
  dropped.promise.then(() => droppedYet = true);
  let sawSlowLeave = false;
  let batchesAfterDrop = 0;
  while (batchesAfterDrop < 2 && sent < 64_000) {
    if (droppedYet) batchesAfterDrop++;
    const batch = Array.from(
      { length: BATCH },
      (_, i) => `${sent + i} ${line}\n`,
    ).join("");
    await talker.sendRaw(new TextEncoder().encode(batch));
    for (let i = 0; i < BATCH; i++) {
      let got = await listener.nextLine();
      if (got === "* slow left (too slow)") {
        sawSlowLeave = true;
        got = await listener.nextLine();
      }
      assert.equal(got, `talker: ${sent} ${line}`, "lost or out of order");
      sent++;
    }
  }
  assert.equal(await within(dropped.promise, 1000, "the drop"), "slow");
  assert.ok(sawSlowLeave, "the room was not told the slow client left");
  assert.equal(server.slowClientsDropped, 1);
  assert.deepEqual(server.nicknames, ["listener", "talker"]);
});

Deno.test("ChatServer.shutdown() tells every client and disconnects them all", async () => {
  const server = serveChat();
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  using bob = await ChatTestClient.join(server.addr.port, "bob");
  await alice.waitFor((line) => line === "* bob joined");
  const finished = server.shutdown();
  assert.deepEqual(await alice.readToEnd(), ["* server shutting down"]);
  assert.deepEqual(await bob.readToEnd(), ["* server shutting down"]);
  await within(finished, 5000, "finished");
  assert.equal(server.clientCount, 0);
});

Deno.test("serveChat() stops when its signal aborts, telling connected clients", async () => {
  const controller = new AbortController();
  const server = serveChat({ signal: controller.signal });
  using alice = await ChatTestClient.join(server.addr.port, "alice");
  controller.abort();
  assert.deepEqual(await alice.readToEnd(), ["* server shutting down"]);
  await within(server.finished, 5000, "finished");
  assert.equal(server.clientCount, 0);
});

Deno.test("serveChat() with an already aborted signal calls onListen and is finished at once", async () => {
  const listened: Deno.NetAddr[] = [];
  const server = serveChat({
    signal: AbortSignal.abort(),
    onListen: (addr) => listened.push(addr),
  });
  assert.deepEqual(listened, [server.addr]);
  await within(server.finished, 5000, "finished");
});

Deno.test("serveChat() rejects bad options with TypeError and RangeError", () => {
  assert.throws(() => serveChat({ port: -1 }), TypeError);
  assert.throws(() => serveChat({ maxLineBytes: 0 }), RangeError);
  assert.throws(() => serveChat({ maxQueueBytes: 1.5 }), RangeError);
  assert.throws(() => serveChat({ idleTimeout: -1 }), RangeError);
});
