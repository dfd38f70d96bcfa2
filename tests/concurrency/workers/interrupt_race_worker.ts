// The target of the interrupt race tests: waits on a lock nobody releases,
// again and again, and counts the InterruptedErrors that end its waits.
import { InterruptedError, type Lock } from "../../../concurrency/mod.ts";

/**
 * Waits on `lock` (held by the test) with `acquire` ("blocking") or
 * `acquireAsync` ("async"); each InterruptedError bumps `seen[0]` (and
 * notifies it) and the worker waits again. Returns the count once `seen[1]`
 * is 1 and one more interrupt arrives.
 */
export default async function (
  mode: string,
  lock: Lock,
  seen: Int32Array,
): Promise<number> {
  for (;;) {
    try {
      if (mode === "async") await lock.acquireAsync();
      else lock.acquire();
      lock.release();
      throw new Error("Acquired a lock the test holds");
    } catch (error) {
      if (!(error instanceof InterruptedError)) throw error;
    }
    const count = Atomics.add(seen, 0, 1) + 1;
    Atomics.notify(seen, 0);
    if (Atomics.load(seen, 1) === 1) return count;
  }
}
