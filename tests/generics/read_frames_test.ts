import assert from "node:assert/strict";
import { bytesCodec, jsonCodec, textCodec } from "../../generics/codec.ts";
import { FrameError } from "../../generics/frame_error.ts";
import { readFrames } from "../../generics/read_frames.ts";
import { Random } from "../_helpers/generics_random.ts";
import {
  frameBytes,
  PieceReader,
  splitRandomly,
  streamOf,
} from "../_helpers/generics_streams.ts";

const encoder = new TextEncoder();

function randomTexts(
  random: Random,
  count: number,
  maxLength: number,
): string[] {
  return Array.from(
    { length: count },
    () =>
      random.string(
        Math.min(maxLength, random.pick([0, 1, 5, 40, 300, 5_000])),
      ),
  );
}

Deno.test("readFrames() reassembles frames split at random points, from a stream and from a read() reader", async () => {
  const random = new Random();
  for (let round = 0; round < 40; round++) {
    const maxPiece = random.pick([1, 3, 17, 4_096]);
    // Byte-sized pieces on short frames only, to keep the test quick.
    const texts = randomTexts(
      random,
      random.int(0, 12),
      maxPiece < 10 ? 300 : 5_000,
    );
    const bytes = frameBytes(texts.map((text) => encoder.encode(text)));
    const pieces = splitRandomly(bytes, random, maxPiece);
    assert.deepEqual(
      await Array.fromAsync(readFrames(streamOf(pieces), textCodec)),
      texts,
      `round ${round}, stream`,
    );
    assert.deepEqual(
      await Array.fromAsync(readFrames(new PieceReader(pieces), textCodec)),
      texts,
      `round ${round}, reader`,
    );
  }
});

Deno.test("readFrames() yields every frame when many arrive coalesced in one chunk", async () => {
  const values = Array.from({ length: 1_000 }, (_, index) => ({ index }));
  const codec = jsonCodec<{ index: number }>();
  const bytes = frameBytes(values.map((value) => codec.encode(value)));
  const reader = new PieceReader([bytes]);
  assert.deepEqual(await Array.fromAsync(readFrames(reader, codec)), values);
  assert.ok(reader.reads < 10, `${reader.reads} reads for one chunk`);
});

Deno.test("readFrames() reads a frame bigger than its read buffer", async () => {
  const payload = new Uint8Array(300_000).map((_, index) => index % 251);
  const pieces = [frameBytes([payload])];
  const [fromReader] = await Array.fromAsync(
    readFrames(new PieceReader(pieces), bytesCodec),
  );
  assert.deepEqual(fromReader, payload);
});

Deno.test("readFrames() carries empty frames", async () => {
  const texts = ["", "a", "", ""];
  const bytes = frameBytes(texts.map((text) => encoder.encode(text)));
  assert.deepEqual(
    await Array.fromAsync(readFrames(streamOf([bytes]), textCodec)),
    texts,
  );
});

Deno.test("readFrames() throws a truncated FrameError wherever the stream is cut inside a frame", async () => {
  const payloads = [encoder.encode("hello"), encoder.encode("world!")];
  const bytes = frameBytes(payloads);
  const boundaries = new Map([[0, 0], [9, 1], [bytes.length, 2]]);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const complete = boundaries.get(cut);
    const frames = readFrames(
      new PieceReader([bytes.slice(0, cut)]),
      textCodec,
    );
    if (complete !== undefined) {
      const texts = await Array.fromAsync(frames);
      assert.equal(texts.length, complete, `cut at ${cut}`);
      continue;
    }
    const inFirst = cut < 9;
    const headerBytes = inFirst ? cut : cut - 9;
    await assert.rejects(Array.fromAsync(frames), (error) => {
      assert.ok(error instanceof FrameError, `cut at ${cut}`);
      assert.equal(error.code, "truncated");
      assert.equal(error.receivedBytes, headerBytes, `cut at ${cut}`);
      if (headerBytes >= 4) {
        assert.equal(error.frameBytes, inFirst ? 5 : 6);
        assert.match(
          error.message,
          /^Cannot read frame of "\d" bytes: the stream ended after \d of them$/,
        );
      } else {
        assert.equal(error.frameBytes, undefined);
        assert.match(
          error.message,
          /^Cannot read frame: the stream ended after \d of 4 header bytes$/,
        );
      }
      return true;
    });
  }
});

Deno.test("readFrames() throws a too-large FrameError at the header, before reading the payload", async () => {
  const bytes = frameBytes([new Uint8Array(10), new Uint8Array(11)]);
  const reader = new PieceReader(
    Array.from(bytes, (byte) => Uint8Array.of(byte)),
  );
  const values: Uint8Array[] = [];
  await assert.rejects(
    (async () => {
      for await (
        const value of readFrames(reader, bytesCodec, { maxFrameBytes: 10 })
      ) {
        values.push(value);
      }
    })(),
    (error) => {
      assert.ok(error instanceof FrameError);
      assert.equal(error.code, "too-large");
      assert.equal(error.frameBytes, 11);
      assert.equal(error.maxFrameBytes, 10);
      assert.equal(
        error.message,
        'Cannot read frame of "11" bytes: it is over maxFrameBytes 10',
      );
      return true;
    },
  );
  assert.equal(values.length, 1, "the frame at the limit is accepted");
  assert.equal(
    reader.reads,
    14 + 4,
    "1-byte reads: frame one, then the header of frame two only",
  );
});

Deno.test("readFrames() refuses a header over the 16 MiB default limit", async () => {
  const header = new Uint8Array([0x01, 0x00, 0x00, 0x01]); // 16 MiB + 1
  await assert.rejects(
    Array.fromAsync(readFrames(streamOf([header]), bytesCodec)),
    { name: "FrameError", code: "too-large", maxFrameBytes: 16 * 1024 * 1024 },
  );
});

Deno.test("readFrames() rejects a maxFrameBytes or timeout out of range with a RangeError", async () => {
  for (const maxFrameBytes of [-1, 1.5, 2 ** 32, Number.NaN]) {
    await assert.rejects(
      Array.fromAsync(readFrames(streamOf([]), bytesCodec, { maxFrameBytes })),
      RangeError,
      String(maxFrameBytes),
    );
  }
  await assert.rejects(
    Array.fromAsync(readFrames(streamOf([]), bytesCodec, { timeout: -1 })),
    RangeError,
  );
});

Deno.test("readFrames() lets the codec's decode error through unchanged", async () => {
  const bytes = frameBytes([new Uint8Array([0xff])]);
  await assert.rejects(
    Array.fromAsync(readFrames(streamOf([bytes]), textCodec)),
    TypeError,
  );
});

Deno.test("readFrames() throws a TypeError for something that is not a reader or a non-byte chunk", async () => {
  await assert.rejects(
    Array.fromAsync(
      readFrames({} as unknown as ReadableStream<Uint8Array>, textCodec),
    ),
    TypeError,
  );
  const strings = ReadableStream.from(["abcd"]) as unknown as ReadableStream<
    Uint8Array
  >;
  await assert.rejects(
    Array.fromAsync(readFrames(strings, textCodec)),
    TypeError,
  );
});

Deno.test("readFrames() releases, and does not cancel, a stream when the loop stops early", async () => {
  const bytes = frameBytes([encoder.encode("one"), encoder.encode("two")]);
  const stream = streamOf([bytes]);
  for await (const text of readFrames(stream, textCodec)) {
    assert.equal(text, "one");
    break;
  }
  assert.equal(stream.locked, false);
  await stream.cancel();
});

Deno.test("readFrames() stops with the signal's reason when aborted while waiting", async () => {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const controller = new AbortController();
  const frames = readFrames(readable, textCodec, { signal: controller.signal });
  void writer.write(frameBytes([encoder.encode("first")]));
  assert.deepEqual(await frames.next(), { done: false, value: "first" });
  const waiting = frames.next();
  controller.abort(new Error("stop now"));
  await assert.rejects(waiting, { message: "stop now" });
  assert.equal(readable.locked, false);
  await writer.abort();
});

Deno.test("readFrames() rejects at once with a signal that is already aborted", async () => {
  const stream = streamOf([frameBytes([encoder.encode("x")])]);
  await assert.rejects(
    Array.fromAsync(
      readFrames(stream, textCodec, { signal: AbortSignal.abort() }),
    ),
    { name: "AbortError" },
  );
  assert.equal(stream.locked, false);
  await stream.cancel();
});

Deno.test("readFrames() throws a TimeoutError when a frame takes longer than timeout", async () => {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  // Half a frame arrives; the rest never does.
  void writer.write(new Uint8Array([0, 0, 0, 9, 1]));
  await assert.rejects(
    Array.fromAsync(readFrames(readable, bytesCodec, { timeout: 30 })),
    { name: "TimeoutError" },
  );
  await writer.abort();
});

Deno.test("readFrames() does not count the caller's time between frames against timeout", async () => {
  const bytes = frameBytes([encoder.encode("a"), encoder.encode("b")]);
  const frames = readFrames(streamOf([bytes]), textCodec, { timeout: 20 });
  const received: string[] = [];
  for await (const text of frames) {
    received.push(text);
    // Longer than the timeout, on purpose: this is the caller's time.
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  assert.deepEqual(received, ["a", "b"]);
});
