// Worker fixtures for tests/concurrency/lock_order_validation_test.ts.
import type { Lock, RLock } from "../../../concurrency/mod.ts";

/** Takes `locks` nested in the given order, then releases them all. */
export default function (locks: (Lock | RLock)[]): string {
  takeNested(locks);
  return "done";
}

function takeNested(locks: (Lock | RLock)[]): void {
  const [first, ...rest] = locks;
  if (first === undefined) return;
  using _ = first.hold();
  takeNested(rest);
}
