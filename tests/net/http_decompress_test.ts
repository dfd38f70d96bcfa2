import assert from "node:assert/strict";
import { HttpClient, HttpProtocolError } from "../../net/mod.ts";
import {
  bytes,
  serveCounting,
  serveRaw,
} from "../_helpers/net_http_servers.ts";
import {
  PEER_TEXT,
  type PeerKind,
  peerMissing,
  startPeer,
} from "../_helpers/net_http_peers.ts";
import { mulberry32 } from "../_helpers/random.ts";

const encoder = new TextEncoder();
const TEXT = "a body worth compressing, said twice. ".repeat(500);

async function compress(
  data: Uint8Array,
  format: "gzip" | "deflate" | "deflate-raw" | "brotli",
): Promise<Uint8Array> {
  return await new Response(
    new Blob([data as BlobPart]).stream().pipeThrough(
      new CompressionStream(format as CompressionFormat),
    ),
  ).bytes();
}

/** Deno.serve answering `/<coding>` with TEXT compressed that way. */
function serveEncoded(): ReturnType<typeof serveCounting> & {
  acceptEncodings: (string | null)[];
} {
  const acceptEncodings: (string | null)[] = [];
  const server = serveCounting(async (request) => {
    acceptEncodings.push(request.headers.get("accept-encoding"));
    const coding = new URL(request.url).pathname.slice(1);
    const format = { gzip: "gzip", deflate: "deflate", br: "brotli" }[coding];
    if (format === undefined) return new Response(TEXT);
    return new Response(
      await compress(encoder.encode(TEXT), format as "gzip") as BodyInit,
      { headers: { "content-encoding": coding } },
    );
  });
  return Object.assign(server, { acceptEncodings });
}

Deno.test("HttpClient asks for gzip, deflate and br and decodes each", async () => {
  await using server = serveEncoded();
  await using client = new HttpClient();
  for (const coding of ["gzip", "deflate", "br"]) {
    const response = await client.request(`${server.origin}/${coding}`);
    assert.equal(response.headers.get("content-encoding"), coding);
    assert.ok(
      Number(response.headers.get("content-length")) < TEXT.length / 10,
    );
    assert.equal(response.text(), TEXT);
  }
  assert.deepEqual(server.acceptEncodings, Array(3).fill("gzip, deflate, br"));
});

Deno.test("HttpClient.stream() decodes gzip, deflate and br as the body arrives", async () => {
  await using server = serveEncoded();
  await using client = new HttpClient();
  for (const coding of ["gzip", "deflate", "br"]) {
    const response = await client.stream(`${server.origin}/${coding}`);
    assert.equal(await response.text(), TEXT);
  }
  assert.equal(server.connections, 1);
});

Deno.test("HttpClient with decompress false sends no Accept-Encoding and keeps the body encoded", async () => {
  await using server = serveEncoded();
  await using client = new HttpClient({ decompress: false });
  const response = await client.request(`${server.origin}/gzip`);
  assert.equal(server.acceptEncodings[0], null);
  const decoded = await new Response(
    new Blob([response.body as BlobPart]).stream().pipeThrough(
      new DecompressionStream("gzip"),
    ),
  ).text();
  assert.equal(decoded, TEXT);
  await client.request(`${server.origin}/gzip`, { decompress: true });
  assert.equal(server.acceptEncodings[1], "gzip, deflate, br");
});

Deno.test("HttpClient keeps the caller's Accept-Encoding", async () => {
  await using server = serveEncoded();
  await using client = new HttpClient();
  const response = await client.request(`${server.origin}/gzip`, {
    headers: { "Accept-Encoding": "gzip" },
  });
  assert.deepEqual(server.acceptEncodings, ["gzip"]);
  assert.equal(response.text(), TEXT);
});

Deno.test("HttpClient decodes raw deflate, stacked codings, and leaves unknown codings alone", async () => {
  const raw = await compress(encoder.encode("raw deflate"), "deflate-raw");
  const stacked = await compress(
    await compress(encoder.encode("twice"), "gzip"),
    "brotli",
  );
  const odd = encoder.encode("not really zstd");
  const bodies = [raw, stacked, odd];
  const codings = ["deflate", "gzip, br", "zstd"];
  await using server = serveRaw((request) => {
    const body = bodies[request.index]!;
    const head = `HTTP/1.1 200 OK\r\nContent-Encoding: ${
      codings[request.index]
    }\r\nContent-Length: ${body.length}\r\n\r\n`;
    const reply = new Uint8Array(head.length + body.length);
    reply.set(bytes(head));
    reply.set(body, head.length);
    return { write: reply };
  });
  await using client = new HttpClient();
  assert.equal((await client.request(server.origin)).text(), "raw deflate");
  assert.equal((await client.request(server.origin)).text(), "twice");
  assert.equal((await client.request(server.origin)).text(), "not really zstd");
});

Deno.test("HttpClient stops a decompression bomb at maxBodyBytes with BODY_OVERFLOW", async () => {
  const zeros = new Uint8Array(16 * 1024 * 1024);
  for (
    const [coding, format] of [["gzip", "gzip"], ["br", "brotli"]] as const
  ) {
    const bomb = await compress(zeros, format);
    assert.ok(bomb.length < 100_000);
    await using server = serveCounting(() =>
      new Response(bomb as BodyInit, {
        headers: { "content-encoding": coding },
      })
    );
    await using client = new HttpClient({ maxBodyBytes: 1024 * 1024 });
    await assert.rejects(
      client.request(server.origin),
      (error: unknown) =>
        error instanceof HttpProtocolError && error.code === "BODY_OVERFLOW" &&
        /decodes to more than maxBodyBytes 1048576/.test(error.message),
    );
    const response = await client.stream(server.origin);
    let received = 0;
    await assert.rejects(
      (async () => {
        for await (const piece of response.body) received += piece.length;
      })(),
      (error: unknown) =>
        error instanceof HttpProtocolError && error.code === "BODY_OVERFLOW",
    );
    assert.ok(received <= 1024 * 1024);
  }
});

Deno.test("HttpClient.stream() gives the connection back when a decoded body is cancelled", async () => {
  const big = new Uint8Array(4 * 1024 * 1024).fill(97);
  const gzip = await compress(big, "gzip");
  await using server = serveCounting(() =>
    new Response(gzip as BodyInit, { headers: { "content-encoding": "gzip" } })
  );
  await using client = new HttpClient();
  const response = await client.stream(server.origin);
  const reader = response.body.getReader();
  const { value } = await reader.read();
  assert.ok(value !== undefined && value.length > 0 && value[0] === 97);
  await reader.cancel();
  assert.equal((await client.request(server.origin)).body.length, big.length);
});

Deno.test("HttpClient decodes br under a maxBodyBytes limit, and rejects corrupt br", async () => {
  const good = await compress(encoder.encode(TEXT), "brotli");
  const corrupt = good.slice();
  corrupt.fill(0xff, 4, 40);
  await using server = serveRaw((request) => {
    const body = request.index === 0 ? good : corrupt;
    const head =
      `HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: ${body.length}\r\n\r\n`;
    const reply = new Uint8Array(head.length + body.length);
    reply.set(bytes(head));
    reply.set(body, head.length);
    return { write: reply };
  });
  await using client = new HttpClient({ maxBodyBytes: TEXT.length });
  assert.equal((await client.request(server.origin)).text(), TEXT);
  const response = await client.stream(server.origin);
  await assert.rejects(
    response.text(),
    (error: unknown) =>
      error instanceof HttpProtocolError &&
      error.code === "BAD_CONTENT_ENCODING",
  );
});

Deno.test("HttpClient rejects a corrupt gzip body with BAD_CONTENT_ENCODING", async () => {
  const good = await compress(encoder.encode(TEXT), "gzip");
  const random = mulberry32(13);
  const corrupt = good.slice();
  for (let index = 20; index < corrupt.length; index += 7) {
    corrupt[index] = Math.floor(random() * 256);
  }
  await using server = serveCounting(() =>
    new Response(corrupt as BodyInit, {
      headers: { "content-encoding": "gzip" },
    })
  );
  await using client = new HttpClient();
  await assert.rejects(
    client.request(server.origin),
    (error: unknown) =>
      error instanceof HttpProtocolError &&
      error.code === "BAD_CONTENT_ENCODING" && error.cause instanceof Error,
  );
});

Deno.test("HttpClient reads HEAD and 304 of an encoded resource without decoding", async () => {
  await using server = serveRaw(() => ({
    write:
      "HTTP/1.1 304 Not Modified\r\nContent-Encoding: gzip\r\nContent-Length: 40\r\n\r\n",
  }));
  await using client = new HttpClient();
  const response = await client.request(server.origin);
  assert.equal(response.status, 304);
  assert.equal(response.body.length, 0);
});

for (const kind of ["node", "python"] as const satisfies PeerKind[]) {
  const missing = await peerMissing(kind);
  if (missing !== undefined) {
    console.log(
      `${missing}: the decompression tests against ${kind} are skipped`,
    );
  }
  Deno.test({
    name: `HttpClient decodes what ${kind}'s zlib encodes`,
    ignore: missing !== undefined,
    async fn() {
      await using peer = await startPeer(kind);
      await using client = new HttpClient();
      // Python's standard library has no brotli.
      const codings = kind === "node" ? ["gzip", "deflate", "br"] : [
        "gzip",
        "deflate",
      ];
      for (const coding of codings) {
        const response = await client.request(
          `${peer.origin}/encoded/${coding}`,
        );
        assert.equal(response.headers.get("content-encoding"), coding);
        assert.equal(response.text(), PEER_TEXT);
        const streamed = await client.stream(
          `${peer.origin}/encoded/${coding}`,
        );
        assert.equal(await streamed.text(), PEER_TEXT);
      }
    },
  });
}

Deno.test("HttpClient decodes seeded random bodies in every coding, with and without a limit", async () => {
  const random = mulberry32(0xc0de);
  const formats = [["gzip", "gzip"], ["deflate", "deflate"], [
    "br",
    "brotli",
  ]] as const;
  const cases: { coding: string; plain: Uint8Array; wire: Uint8Array }[] = [];
  for (let index = 0; index < 12; index++) {
    // Some bodies repetitive (compressible), some noise; some tiny, some
    // across many reads.
    const length = Math.floor(random() ** 3 * 300_000);
    const noisy = random() < 0.5;
    const plain = new Uint8Array(length);
    for (let at = 0; at < length; at++) {
      plain[at] = noisy ? Math.floor(random() * 256) : 97 + (at % 7);
    }
    const [coding, format] = formats[index % 3]!;
    cases.push({ coding, plain, wire: await compress(plain, format) });
  }
  await using server = serveRaw((request) => {
    const { coding, wire } = cases[request.index % cases.length]!;
    const head =
      `HTTP/1.1 200 OK\r\nContent-Encoding: ${coding}\r\nContent-Length: ${wire.length}\r\n\r\n`;
    const reply = new Uint8Array(head.length + wire.length);
    reply.set(bytes(head));
    reply.set(wire, head.length);
    return { write: reply };
  });
  for (const maxBodyBytes of [Infinity, 1_000_000]) {
    await using client = new HttpClient({ maxBodyBytes });
    for (const { coding, plain } of cases) {
      const response = await client.request(server.origin);
      assert.equal(response.body.length, plain.length, coding);
      assert.ok(
        response.body.every((byte, at) => byte === plain[at]),
        `${coding} body of ${plain.length} bytes differs`,
      );
    }
  }
});
