// SharedQueue's ring with items past the small-item copy (more than 256
// bytes) and of sizes that straddle the ring's end at every offset: the
// bytes and their length prefixes must come back whole, in order.
import assert from "node:assert/strict";
import { QueueFullError, SharedQueue } from "../../concurrency/mod.ts";
import { bytesCodec } from "../../generics/codec.ts";
import { mulberry32 } from "../_helpers/random.ts";

Deno.test("SharedQueue wraps around its ring with items of up to 1,000 bytes, small and large, in FIFO order", () => {
  const random = mulberry32(20);
  const queue = new SharedQueue<Uint8Array>({
    capacity: 2053,
    codec: bytesCodec,
  });
  const expected: Uint8Array[] = [];
  const received: Uint8Array[] = [];
  for (let i = 0; i < 400; i++) {
    const item = new Uint8Array(1 + Math.floor(random() * 1000));
    for (let at = 0; at < item.length; at++) item[at] = (i + at * 7) & 0xff;
    expected.push(item);
    for (;;) {
      try {
        queue.put(item, { blocking: false });
        break;
      } catch (error) {
        if (!(error instanceof QueueFullError)) throw error;
        received.push(queue.get({ blocking: false }));
      }
    }
  }
  while (!queue.empty()) received.push(queue.get({ blocking: false }));
  assert.equal(received.length, expected.length);
  assert.ok(expected.some((item) => item.length > 256));
  assert.ok(expected.some((item) => item.length <= 256));
  for (let i = 0; i < expected.length; i++) {
    assert.deepEqual(received[i], expected[i], `item ${i}`);
  }
});
