// Worker fixtures for tests/concurrency/lock_order_validation_test.ts.
import type { Event, Lock, RLock } from "../../../concurrency/mod.ts";

/**
 * Takes `locks` nested in the given order, then releases them all; first
 * waits (at most 20 s) for `go` when given.
 */
export default function (locks: (Lock | RLock)[], go?: Event): string {
  if (go !== undefined && !go.wait({ timeout: 20_000 })) return "no go";
  takeNested(locks);
  return "done";
}

function takeNested(locks: (Lock | RLock)[]): void {
  const [first, ...rest] = locks;
  if (first === undefined) return;
  using _ = first.hold();
  takeNested(rest);
}
