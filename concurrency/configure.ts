// This module is browser compatible.

/**
 * `configure`: the process-wide deadlock, lock-order and thread dump settings.
 *
 * @module
 */

import { closeLockGates, Header, words } from "./_runtime.ts";
import { capturesStacks, setCaptureStacks } from "./_thread_dump_stacks.ts";

/** How lock-order validation reports an inversion. */
export type LockOrderMode = "off" | "warn" | "throw";

/** The deadlock settings; every thread of the process sees the same ones. */
export interface DeadlockConfig {
  /**
   * Whether a blocking acquire that has waited past a few milliseconds looks
   * for a wait-for cycle, and a blocking acquire of a held non-reentrant
   * `Lock` throws. Defaults to true; costs nothing on the uncontended path.
   */
  deadlockDetection: boolean;
  /**
   * Lock-order validation: `"off"` (the default), `"warn"` (print the
   * `LockOrderError` once per new inverted pair, with `console.warn`) or
   * `"throw"` (the acquire that would close a cycle throws it and does not
   * take the lock).
   */
  lockOrder: LockOrderMode;
  /** Whether waits with a timeout count as deadlocked. Defaults to false: they end by themselves. */
  countTimedWaits: boolean;
  /**
   * Whether every park records the parking thread's stack, for
   * `threadDump()` to show where each parked thread stopped. Defaults to
   * false: a park then pays one load; when on, each park captures and
   * copies a stack (see the thread dump benchmark for the cost).
   */
  captureStacks: boolean;
}

const LOCK_ORDER_MODES: readonly LockOrderMode[] = ["off", "warn", "throw"];

/** The settings that are one header word each, 1 when on. */
const FLAG_WORDS = {
  deadlockDetection: Header.DEADLOCK_DETECTION,
  countTimedWaits: Header.TIMED_WAITS_DEADLOCK,
} as const;

function readConfig(view: Int32Array): DeadlockConfig {
  return {
    deadlockDetection: Atomics.load(view, Header.DEADLOCK_DETECTION) !== 0,
    lockOrder: LOCK_ORDER_MODES[Atomics.load(view, Header.LOCK_ORDER)] ?? "off",
    countTimedWaits: Atomics.load(view, Header.TIMED_WAITS_DEADLOCK) !== 0,
    captureStacks: capturesStacks(),
  };
}

function checkBoolean(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== "boolean") {
    throw new TypeError(
      `Cannot configure ${name} "${String(value)}": it must be true or false`,
    );
  }
}

/**
 * Changes the deadlock settings of the whole process: they live in the
 * shared runtime, so a change made in any thread (the main thread or a
 * worker) holds in every thread at once. Settings left out keep their value.
 *
 * @param settings The settings to change (see {@linkcode DeadlockConfig} for the defaults).
 * @returns The settings in force before the call, to restore them later.
 * @throws {TypeError} When a setting has a value of the wrong type.
 * @throws {RangeError} When `lockOrder` is not `"off"`, `"warn"` or `"throw"`.
 *
 * @example Usage
 * ```ts
 * import { configure } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const previous = configure({ lockOrder: "throw" });
 * try {
 *   assert.equal(configure().lockOrder, "throw");
 * } finally {
 *   configure(previous);
 * }
 * assert.equal(configure().lockOrder, previous.lockOrder);
 * ```
 */
export function configure(
  settings: Partial<DeadlockConfig> = {},
): DeadlockConfig {
  checkBoolean("deadlockDetection", settings.deadlockDetection);
  checkBoolean("countTimedWaits", settings.countTimedWaits);
  checkBoolean("captureStacks", settings.captureStacks);
  const mode = settings.lockOrder === undefined
    ? -1
    : LOCK_ORDER_MODES.indexOf(settings.lockOrder);
  if (settings.lockOrder !== undefined && mode < 0) {
    throw new RangeError(
      `Cannot configure lockOrder "${
        String(settings.lockOrder)
      }": it must be "off", "warn" or "throw"`,
    );
  }
  const view = words();
  const previous = readConfig(view);
  for (const [setting, word] of Object.entries(FLAG_WORDS)) {
    const value = settings[setting as keyof typeof FLAG_WORDS];
    if (value !== undefined) Atomics.store(view, word, value ? 1 : 0);
  }
  if (mode >= 0) {
    Atomics.store(view, Header.LOCK_ORDER, mode);
    if (mode > 0) closeLockGates();
  }
  if (settings.captureStacks !== undefined) {
    setCaptureStacks(settings.captureStacks);
  }
  return previous;
}
