// This module is browser compatible.

/**
 * Unrefs a Web Worker, so it no longer keeps the process alive: for daemon
 * workers, and for workers that `terminate()` could not stop (a thread
 * spinning in its own code keeps running until the process exits, but no
 * longer holds the process open).
 *
 * Deno 2.9.6 has no public `worker.unref()`; its `Worker` class carries the
 * ref switch that `node:worker_threads` uses under an unnamed symbol on
 * `Worker.prototype`. Measured on Deno 2.9.6: after it, a process whose only
 * other work is a worker spinning in `for (;;) {}` (terminated or not) exits
 * at once. When the switch is not found (another runtime or version), this
 * does nothing and says so by returning false.
 *
 * @module
 */

type RefSwitch = (this: Worker, ref: boolean) => void;

function findRefSwitch(): symbol | undefined {
  if (typeof Worker === "undefined") return undefined;
  for (const key of Object.getOwnPropertySymbols(Worker.prototype)) {
    if (key.description !== undefined && key.description !== "") continue;
    const value = (Worker.prototype as unknown as Record<symbol, unknown>)[key];
    if (typeof value === "function" && value.length === 1) return key;
  }
  return undefined;
}

const refSwitch = findRefSwitch();
const unrefed = new WeakSet<Worker>();

/**
 * Makes `worker` stop keeping the process alive (once; later calls do
 * nothing).
 *
 * @returns false when this runtime offers no way to do it.
 */
export function unrefWorker(worker: Worker): boolean {
  if (refSwitch === undefined) return false;
  if (unrefed.has(worker)) return true;
  unrefed.add(worker);
  ((worker as unknown as Record<symbol, RefSwitch>)[refSwitch]!).call(
    worker,
    false,
  );
  return true;
}
