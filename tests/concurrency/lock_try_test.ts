// What `Lock` and `RLock` answer once their one compare-and-swap failed
// and the call may not wait (`blocking: false`, `timeout: 0`, and an async
// acquire with `timeout: 0`): the same for both classes, written once.
import assert from "node:assert/strict";
import { Lock, RLock } from "../../concurrency/mod.ts";
import { Primitive, words } from "../../concurrency/_runtime.ts";
import { RLOCK_COUNT } from "../../concurrency/_raw_lock.ts";
import { within, withWorkers } from "../_helpers/concurrency_workers.ts";

const LOCKS = [
  ["Lock", () => new Lock()],
  ["RLock", () => new RLock()],
] as const;

for (const [name, create] of LOCKS) {
  Deno.test(`${name}: a try and an async acquire with timeout 0 answer false at once while another thread holds it, and true once it is free`, async () => {
    await withWorkers(async (start) => {
      const lock = create();
      const count = lock.handle.index + Primitive.STATE + RLOCK_COUNT;
      const flag = new Int32Array(new SharedArrayBuffer(8));
      const worker = start<string>("lock_worker.ts", {
        args: ["hold-until-flag", lock, flag],
      });
      try {
        await within((async () => {
          while (Atomics.load(flag, 1) === 0) {
            await Atomics.waitAsync(flag, 1, 0, 10).value;
          }
        })());
        const held = Atomics.load(words(), count);
        assert.equal(lock.acquire({ blocking: false }), false);
        assert.equal(lock.acquire({ timeout: 0 }), false);
        assert.equal(await lock.acquireAsync({ timeout: 0 }), false);
        assert.equal(lock.locked(), true);
        // An RLock's recursion count is the holder's, untouched by the tries.
        assert.equal(Atomics.load(words(), count), held);
      } finally {
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
      }
      assert.equal(await within(worker.result), "released");
      assert.equal(lock.acquire({ timeout: 0 }), true);
      lock.release();
      assert.equal(await lock.acquireAsync({ timeout: 0 }), true);
      lock.release();
      assert.equal(lock.locked(), false);
    });
  });
}
