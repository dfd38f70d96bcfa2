import assert from "node:assert/strict";
import { jsonCodec, textCodec } from "../../generics/codec.ts";
import { FrameError } from "../../generics/frame_error.ts";
import { readFrames } from "../../generics/read_frames.ts";
import { writeFrame } from "../../generics/write_frame.ts";
import { Random } from "../_helpers/generics_random.ts";
import { frameBytes, ShortWriter } from "../_helpers/generics_streams.ts";

const encoder = new TextEncoder();

Deno.test("writeFrame() writes a 4-byte big-endian length, then the payload", async () => {
  const writer = new ShortWriter(Infinity);
  await writeFrame(writer, textCodec, "hé");
  await writeFrame(writer, textCodec, "");
  assert.deepEqual(
    writer.bytes(),
    new Uint8Array([0, 0, 0, 3, 0x68, 0xc3, 0xa9, 0, 0, 0, 0]),
  );
  assert.equal(writer.calls, 2, "header and payload go out in one write");
});

Deno.test("writeFrame() continues short writes until the whole frame is out", async () => {
  const random = new Random();
  const texts = Array.from(
    { length: 50 },
    () => random.string(random.int(0, 200)),
  );
  const writer = new ShortWriter(3);
  for (const text of texts) await writeFrame(writer, textCodec, text);
  assert.deepEqual(
    writer.bytes(),
    frameBytes(texts.map((text) => encoder.encode(text))),
  );
});

Deno.test("writeFrame() throws a TypeError when write() makes no progress", async () => {
  const stuck = { write: () => Promise.resolve(0) };
  await assert.rejects(writeFrame(stuck, textCodec, "x"), {
    name: "TypeError",
    message: 'Cannot write a frame: write() returned "0" with 5 bytes left',
  });
});

Deno.test("writeFrame() throws a too-large FrameError and writes nothing", async () => {
  const writer = new ShortWriter(Infinity);
  await writeFrame(writer, textCodec, "four", { maxFrameBytes: 4 });
  await assert.rejects(
    writeFrame(writer, textCodec, "fiver", { maxFrameBytes: 4 }),
    (error) => {
      assert.ok(error instanceof FrameError);
      assert.equal(error.code, "too-large");
      assert.equal(error.frameBytes, 5);
      assert.equal(error.maxFrameBytes, 4);
      return true;
    },
  );
  assert.equal(writer.bytes().length, 8, "only the first frame was written");
});

Deno.test("writeFrame() writes to a WritableStream and releases its lock", async () => {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const codec = jsonCodec<number[]>();
  const received = Array.fromAsync(readFrames(readable, codec));
  await writeFrame(writable, codec, [1, 2]);
  assert.equal(writable.locked, false);
  await writeFrame(writable, codec, [3]);
  await writable.close();
  assert.deepEqual(await received, [[1, 2], [3]]);
});

Deno.test("writeFrame() rejects a bad maxFrameBytes with a RangeError and a non-writer with a TypeError", async () => {
  const writer = new ShortWriter(Infinity);
  await assert.rejects(
    writeFrame(writer, textCodec, "x", { maxFrameBytes: -1 }),
    RangeError,
  );
  await assert.rejects(
    writeFrame({} as unknown as ShortWriter, textCodec, "x"),
    TypeError,
  );
});
