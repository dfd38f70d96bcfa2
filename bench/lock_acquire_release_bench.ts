/**
 * `deno bench` view of the uncontended lock fast path: `Lock`
 * acquire+release against the bare `compareExchange`+`store` pair it is built
 * on, and against V8's native `Atomics.Mutex` when the flag enables it
 * (`deno bench --v8-flags=--harmony-struct`). The side-by-side ratios are in
 * bench/concurrency_compare.ts.
 *
 * @module
 */

import { Lock, RLock } from "../concurrency/mod.ts";

const lock = new Lock();
const rlock = new RLock();
const word = new Int32Array(new SharedArrayBuffer(4));

Deno.bench("bare compareExchange + store pair", {
  group: "uncontended",
  baseline: true,
}, () => {
  if (Atomics.compareExchange(word, 0, 0, 1) !== 0) {
    throw new Error("The bare word was taken");
  }
  Atomics.store(word, 0, 0);
});

Deno.bench("Lock acquire + release", { group: "uncontended" }, () => {
  lock.acquire();
  lock.release();
});

Deno.bench("RLock acquire + release", { group: "uncontended" }, () => {
  rlock.acquire();
  rlock.release();
});

const Native = (Atomics as unknown as {
  Mutex?: { new (): unknown; lock(m: unknown, f: () => void): void };
}).Mutex;
const nativeMutex = Native ? new Native() : undefined;
const noop = (): void => {};

Deno.bench({
  name: "V8 Atomics.Mutex.lock (needs --v8-flags=--harmony-struct)",
  group: "uncontended",
  ignore: Native === undefined,
  fn: () => Native!.lock(nativeMutex, noop),
});
