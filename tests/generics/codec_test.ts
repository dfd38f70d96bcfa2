import assert from "node:assert/strict";
import {
  bytesCodec,
  jsonCodec,
  mapCodec,
  textCodec,
} from "../../generics/codec.ts";
import { Random } from "../_helpers/generics_random.ts";

Deno.test("textCodec round-trips random Unicode strings and agrees with TextEncoder", () => {
  const random = new Random();
  for (let round = 0; round < 500; round++) {
    const text = random.string(random.int(0, 40));
    const bytes = textCodec.encode(text);
    assert.deepEqual(bytes, new TextEncoder().encode(text));
    assert.equal(textCodec.decode(bytes), text);
  }
});

Deno.test("textCodec refuses invalid UTF-8 with a TypeError", () => {
  assert.throws(
    () => textCodec.decode(new Uint8Array([0x68, 0xc3])),
    TypeError,
  );
  assert.throws(() => textCodec.decode(new Uint8Array([0xff])), TypeError);
});

Deno.test("jsonCodec round-trips random JSON values", () => {
  const random = new Random(5);
  type Json = null | boolean | number | string | Json[] | {
    [key: string]: Json;
  };
  function value(depth: number): Json {
    switch (random.int(0, depth > 3 ? 3 : 5)) {
      case 0:
        return null;
      case 1:
        return random.next() < 0.5;
      case 2:
        return random.int(-1e9, 1e9) / 7;
      case 3:
        return random.string(random.int(0, 8));
      case 4:
        return Array.from({ length: random.int(0, 4) }, () => value(depth + 1));
      default:
        return Object.fromEntries(
          Array.from(
            { length: random.int(0, 4) },
            () => [random.string(3), value(depth + 1)],
          ),
        );
    }
  }
  const codec = jsonCodec<Json>();
  for (let round = 0; round < 300; round++) {
    const original = value(0);
    assert.deepEqual(codec.decode(codec.encode(original)), original);
  }
});

Deno.test("jsonCodec.encode() throws a TypeError for a value with no JSON form", () => {
  const codec = jsonCodec<unknown>();
  assert.throws(() => codec.encode(undefined), TypeError);
  assert.throws(() => codec.encode(() => 1), TypeError);
  assert.throws(() => codec.encode(1n), TypeError);
});

Deno.test("bytesCodec.decode() copies, so reusing the buffer does not change the value", () => {
  const buffer = new Uint8Array([1, 2, 3]);
  const decoded = bytesCodec.decode(buffer);
  buffer[0] = 99;
  assert.deepEqual(decoded, new Uint8Array([1, 2, 3]));
});

Deno.test("mapCodec() derives a codec whose conversions can reject bad input", () => {
  const port = mapCodec(
    textCodec,
    (text) => {
      const value = Number(text);
      if (!Number.isInteger(value) || value < 0 || value > 65535) {
        throw new RangeError(`Cannot use port "${text}"`);
      }
      return value;
    },
    (value: number) => String(value),
  );
  assert.equal(port.decode(port.encode(8080)), 8080);
  assert.throws(() => port.decode(textCodec.encode("99999")), RangeError);
});
