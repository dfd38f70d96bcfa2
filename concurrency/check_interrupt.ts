// This module is browser compatible.

/**
 * `checkInterrupt`: throws when this thread has been interrupted.
 *
 * @module
 */

import { throwIfInterrupted } from "./_park.ts";

/**
 * Throws `InterruptedError` when this thread has been interrupted, and clears
 * the interrupt, as every wait of `concurrency/` does on entry: the check a
 * busy loop that never waits puts in its body so `interrupt()` and
 * `stop()` reach it. It costs one atomic load.
 *
 * @throws {InterruptedError} When an interrupt is pending (the flag is then cleared).
 *
 * @example Usage
 * ```ts
 * import { checkInterrupt, spawn } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const source = `import { checkInterrupt } from "@wirework/wirework/concurrency";
 * export default () => { for (;;) checkInterrupt(); };`;
 * const worker = spawn(`data:text/javascript,${encodeURIComponent(source)}`);
 * try {
 *   worker.interrupt();
 *   await assert.rejects(worker.result, { name: "InterruptedError" });
 * } finally {
 *   worker.terminate();
 * }
 * checkInterrupt(); // The main thread was not interrupted: no throw.
 * ```
 */
export function checkInterrupt(): void {
  throwIfInterrupted();
}
