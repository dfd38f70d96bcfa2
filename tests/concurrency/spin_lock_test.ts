import assert from "node:assert/strict";
import {
  allocateWords,
  claimThreadSlot,
  freeWords,
  markThreadEnded,
  ThreadState,
  words,
} from "../../concurrency/_runtime.ts";
import { within, withWorkers } from "../_helpers/concurrency_workers.ts";

/** The id of a thread that has ended (its slot claimed, then marked died). */
function endedThread(): number {
  const id = claimThreadSlot("ended holder");
  markThreadEnded(id, ThreadState.DIED);
  return id;
}

Deno.test("a spin lock left held by a thread that has ended is taken over by the next taker", async () => {
  const word = allocateWords(1, "a test spin lock");
  try {
    Atomics.store(words(), word, endedThread());
    await withWorkers(async (start) => {
      const taker = start<number>("spin_lock_worker.ts", {
        args: ["take", word, 0],
      });
      assert.equal(await within(taker.result, 20_000), taker.threadId);
      assert.equal(Atomics.load(words(), word), 0);
    });
  } finally {
    freeWords(word);
  }
});

Deno.test("lock-order validation goes on when the graph's spin lock was left held by a thread that has ended", async () => {
  await withWorkers(async (start) => {
    const worker = start<string>("spin_lock_worker.ts", {
      args: ["order", 0, endedThread()],
    });
    assert.equal(await within(worker.result, 20_000), "LockOrderError");
  });
});
