// Interrupts sent at random moments of a wait, so some land between the
// waiting thread's last look at its interrupt flag and its Atomics.wait:
// none may be left to the end of a sleep slice.
import assert from "node:assert/strict";
import { Lock, type WorkerHandle } from "../../concurrency/mod.ts";
import { Slot, slotBase, words } from "../../concurrency/_runtime.ts";
import { mulberry32 } from "../_helpers/random.ts";
import {
  sharedInts,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";
import { SOAK } from "../_helpers/soak.ts";

// 300 interrupts a test in the default run; 5,000 with WIREWORK_SOAK=1 (and --allow-env).
const INTERRUPTS = SOAK ? 5000 : 300;

/** Spins until the thread records a park other than `previous`; returns its sequence. */
function untilNewPark(threadId: number, previous: number): number {
  const view = words();
  const slot = slotBase(threadId);
  const deadline = performance.now() + 20_000;
  for (;;) {
    const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
    if (
      sequence !== previous && Atomics.load(view, slot + Slot.PARK_INDEX) !== 0
    ) {
      return sequence;
    }
    if (performance.now() > deadline) {
      throw new Error(`Thread ${threadId} did not wait again within 20 s`);
    }
  }
}

/** Spins for `ms` (a delay of a few µs cannot be slept). */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* spin */ }
}

/**
 * A delay before the interrupt: mostly none or a few µs (the instants after
 * the wait is recorded, before and after its Atomics.wait), sometimes a few
 * hundred µs (asleep), and now and then past the first 5 ms slice (the
 * instant the wait looks again and sleeps its next slice).
 */
function delay(random: () => number): number {
  const pick = random();
  if (pick < 0.4) return 0;
  if (pick < 0.8) return random() * 0.03;
  if (pick < 0.97) return random() * 0.4;
  return 4.8 + random() * 0.4;
}

/** Sends the interrupts one at a time, each after a random delay into a new wait. */
async function interruptAtRandom(
  worker: WorkerHandle<number>,
  seen: Int32Array,
  seed: number,
  afterEach: (round: number, park: number) => void,
): Promise<void> {
  const random = mulberry32(seed);
  let park = 0;
  for (let round = 0; round < INTERRUPTS; round++) {
    park = untilNewPark(worker.threadId, park);
    spin(delay(random));
    assert.equal(worker.interrupt(), true);
    afterEach(round, park);
    // The next round starts from the worker's next wait.
    if (Atomics.wait(seen, 0, round, 20_000) === "timed-out") {
      throw new Error(`Interrupt ${round + 1} was never answered`);
    }
  }
  Atomics.store(seen, 1, 1);
  untilNewPark(worker.threadId, park);
  worker.interrupt();
  assert.equal(await within(worker.result), INTERRUPTS + 1);
}

Deno.test("every interrupt of a blocking wait is seen before interrupt() returns, wherever in the wait it lands", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    lock.acquire();
    try {
      const seen = sharedInts(2);
      const worker = start<number>("interrupt_race_worker.ts", {
        args: ["blocking", lock, seen],
      });
      const view = words();
      const slot = slotBase(worker.threadId);
      const unseen: number[] = [];
      await interruptAtRandom(worker, seen, 0x1417, (round, park) => {
        // The lock is never released, so the wait ends only by the interrupt
        // (the acquire may park anew now and then, to look at the lock
        // again: a thread that is between two parks sees the flag before it
        // sleeps). A flag still set while the thread is in the park that
        // was interrupted is an interrupt left to a later look.
        if (
          Atomics.load(view, slot + Slot.INTERRUPT) !== 0 &&
          Atomics.load(view, slot + Slot.PARK_INDEX) !== 0 &&
          Atomics.load(view, slot + Slot.PARK_SEQUENCE) === park
        ) {
          unseen.push(round);
        }
      });
      assert.deepEqual(unseen, []);
    } finally {
      lock.release();
    }
  });
});

Deno.test("every interrupt of an async wait ends it, wherever in the wait it lands", async () => {
  await withWorkers(async (start) => {
    const lock = new Lock();
    lock.acquire();
    try {
      const seen = sharedInts(2);
      const worker = start<number>("interrupt_race_worker.ts", {
        args: ["async", lock, seen],
      });
      await interruptAtRandom(worker, seen, 0x2014, () => {});
    } finally {
      lock.release();
    }
  });
});
