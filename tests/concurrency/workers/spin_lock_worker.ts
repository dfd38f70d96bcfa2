// Worker fixtures for tests/concurrency/spin_lock_test.ts: what would spin
// for ever when a spin lock left by an ended thread is not taken over runs
// here, so the test can bound it.
import { configure, Lock } from "../../../concurrency/mod.ts";
import { releaseSpinLock, takeSpinLock } from "../../../concurrency/_arena.ts";
import { Header, words } from "../../../concurrency/_runtime.ts";

/**
 * "take": takes and releases the spin lock at `word`, returning the holder
 * it read while it held it. "order": records the order a→b, leaves the
 * lock-order graph's spin lock held by `endedHolder`, then takes b→a under
 * "throw" validation, returning the name of the error it got.
 */
export default function (
  action: "take" | "order",
  word: number,
  endedHolder: number,
): number | string {
  const view = words();
  if (action === "take") {
    takeSpinLock(view, word);
    const holder = Atomics.load(view, word);
    releaseSpinLock(view, word);
    return holder;
  }
  const previous = configure({ lockOrder: "throw" });
  try {
    const a = new Lock({ name: "a" });
    const b = new Lock({ name: "b" });
    a.acquire();
    b.acquire();
    b.release();
    a.release();
    // The graph's first word is its spin lock.
    Atomics.store(
      view,
      Atomics.load(view, Header.LOCK_ORDER_GRAPH),
      endedHolder,
    );
    using _ = b.hold();
    try {
      a.acquire();
      a.release();
      return "no error";
    } catch (error) {
      return (error as Error).name;
    }
  } finally {
    configure(previous);
  }
}
