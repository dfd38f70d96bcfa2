// Churn: fresh locks and fresh workers every round, so lock blocks and
// thread slots are freed and reused while other threads contend. A new
// lock must never read as owned by a thread of an earlier round.
import assert from "node:assert/strict";
import { Lock, PoisonedError } from "../../concurrency/mod.ts";
import {
  sharedInts,
  within,
  withWorkers,
} from "../_helpers/concurrency_workers.ts";
import { SOAK } from "../_helpers/soak.ts";

// 30 rounds in the default run; 400 with WIREWORK_SOAK=1 (and --allow-env).
const ROUNDS = SOAK ? 400 : 30;
const TAKES = 300;

Deno.test(`fresh Locks and workers every round (${ROUNDS} rounds) never poison a new lock with an old owner`, async () => {
  for (let round = 0; round < ROUNDS; round++) {
    const counter = sharedInts();
    const locks = [0, 1, 2].map((at) =>
      new Lock({ name: `round ${round} lock ${at}` })
    );
    try {
      await withWorkers(async (start) => {
        const workers = [0, 1].map(() =>
          start<string>("lock_churn_worker.ts", {
            args: [locks, counter, TAKES],
          })
        );
        // The main thread contends too, asynchronously, until both end.
        let mine = 0;
        for (let take = 0; take < TAKES; take++) {
          for (const lock of locks) {
            try {
              assert.ok(await lock.acquireAsync({ timeout: 20_000 }));
            } catch (error) {
              if (error instanceof PoisonedError) {
                assert.fail(
                  `round ${round}: ${error.message} (owner ${error.ownerThreadId})`,
                );
              }
              throw error;
            }
          }
          counter[0]!++;
          mine++;
          for (let at = locks.length - 1; at >= 0; at--) locks[at]!.release();
        }
        const results = await within(
          Promise.all(workers.map((worker) => worker.result)),
        );
        assert.deepEqual(results, ["ok", "ok"], `round ${round}`);
        assert.equal(counter[0], mine + 2 * TAKES);
      });
    } finally {
      // Every other round's locks are left to the garbage collector.
      if (round % 2 === 0) { for (const lock of locks) lock.dispose(); }
    }
  }
});
