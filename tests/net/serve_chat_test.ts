import assert from "node:assert/strict";
import { type ChatLeaveReason, serveChat } from "../../net/mod.ts";
import { ChatTestClient } from "../_helpers/net_chat.ts";
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
  using bob = await ChatTestClient.join(server.addr.port, "bob");
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

  // The talker talks until the server gives up on the slow reader (its
  // socket buffers hold a few MiB first), with a hard cap on the volume.
  const line = "z".repeat(1000);
  let sent = 0;
  let droppedYet = false;
  dropped.promise.then(() => droppedYet = true);
  const talking = (async () => {
    while (!droppedYet && sent < 100_000) {
      await talker.send(`${sent} ${line}`);
      sent++;
    }
    await talker.send("done");
  })();
  let relayed = 0;
  let sawSlowLeave = false;
  while (true) {
    const got = await listener.nextLine();
    assert.notEqual(got, null, "the listener was disconnected");
    if (got === "talker: done") break;
    if (got === "* slow left (too slow)") {
      sawSlowLeave = true;
      continue;
    }
    assert.equal(got, `talker: ${relayed} ${line}`, "lines out of order");
    relayed++;
  }
  await talking;
  assert.equal(await within(dropped.promise, 1000, "the drop"), "slow");
  assert.ok(sawSlowLeave, "the room was not told the slow client left");
  assert.equal(relayed, sent);
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

Deno.test("serveChat() rejects bad options with TypeError and RangeError", () => {
  assert.throws(() => serveChat({ port: -1 }), TypeError);
  assert.throws(() => serveChat({ maxLineBytes: 0 }), RangeError);
  assert.throws(() => serveChat({ maxQueueBytes: 1.5 }), RangeError);
  assert.throws(() => serveChat({ idleTimeout: -1 }), RangeError);
});
