// This module is browser compatible.

/**
 * `StopFlag`: a shareable cancel token for any threads, with no worker handle.
 *
 * @module
 */

import { WaitKind, watchWord } from "./_park.ts";
import { FLAG_WORDS, RawFlag } from "./_raw_flag.ts";

import { SharedPrimitive } from "./shared_primitive.ts";

/** Options for creating a {@linkcode StopFlag}. */
export interface StopFlagOptions {
  /** A name for reports. Defaults to `"StopFlag <id>"`. */
  name?: string;
}

/** The structured-cloneable form of a {@linkcode StopFlag}, for `postMessage`. */
export interface StopFlagHandle {
  /** Always `"StopFlag"`. */
  readonly kind: "StopFlag";
  /** The runtime the flag lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the flag. */
  readonly index: number;
  /** The flag's stable id. */
  readonly id: number;
}

/**
 * A stop request shared by any threads, for the two cooperative patterns of
 * Python's threading ("a shared flag the thread checks" and "an `Event` it
 * waits on") without a worker handle: one thread calls `set()`, workers poll
 * `isSet()` in their loops, block in `wait()`, await `waitAsync()`, or hand
 * `signal` to async calls (fetch, timers, `net/`, every async wait's
 * `signal`). Checking it costs one atomic load. Its state lives in the shared
 * runtime; pass it in `spawn`'s `args` or post `flag.handle`.
 *
 * @example Usage
 * ```ts
 * import { StopFlag } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const stop = new StopFlag({ name: "shutdown" });
 * const signal = stop.signal;
 * assert.equal(stop.isSet(), false);
 * setTimeout(() => stop.set(), 1);
 * assert.equal(await stop.waitAsync({ timeout: 5000 }), true);
 * await new Promise((resolve) => setTimeout(resolve, 0));
 * assert.equal(signal.aborted, true);
 * stop.clear();
 * assert.equal(stop.wait({ timeout: 5 }), false);
 * ```
 */
export class StopFlag extends SharedPrimitive {
  /** The flag word and its sequence word, which `signal` watches (see `_raw_flag.ts`). */
  readonly #flag: RawFlag;
  #handle: StopFlagHandle | undefined;
  #controller: AbortController | undefined;

  /**
   * Creates a flag that is not set.
   *
   * @param options The flag's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options: StopFlagOptions = {}) {
    super(options, "StopFlag", FLAG_WORDS);
    this.#flag = new RawFlag(this.view, this.arenaIndex, WaitKind.STOP_FLAG);
  }

  /**
   * Revives a flag from its handle, in any thread.
   *
   * @param handle A `flag.handle` that crossed `postMessage`.
   * @returns A `StopFlag` over the same shared words.
   * @throws {TypeError} When `handle` is not a `StopFlag` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * stop.set();
   * assert.equal(StopFlag.from(structuredClone(stop.handle)).isSet(), true);
   * ```
   */
  static from(handle: StopFlagHandle): StopFlag {
    return new StopFlag(StopFlag.revive(handle, "StopFlag"));
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): StopFlagHandle {
    return this.#handle ??= this.handleFields("StopFlag");
  }

  /**
   * An `AbortSignal` that aborts when the flag is set (at once if it is),
   * in this thread. It learns of `set()` from an `Atomics.waitAsync`, so it
   * costs no polling and does not keep the thread alive. After `clear()`,
   * read it again for a fresh signal.
   */
  get signal(): AbortSignal {
    const previous = this.#controller;
    if (previous !== undefined && (!previous.signal.aborted || this.isSet())) {
      return previous.signal;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const seen = this.#flag.sets;
    if (this.isSet()) {
      controller.abort(this.#reason());
    } else {
      this.#watch(controller, seen);
    }
    return controller.signal;
  }

  #reason(): DOMException {
    return new DOMException(`Stop flag "${this.name}" was set`, "AbortError");
  }

  #watch(controller: AbortController, seen: number): void {
    watchWord(this.#flag.sequence, seen).then(() => {
      if (this.#flag.sets === seen) {
        this.#watch(controller, seen);
      } else {
        controller.abort(this.#reason());
      }
    });
  }

  /**
   * Sets the flag and wakes every thread waiting for it.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * stop.set();
   * assert.equal(stop.isSet(), true);
   * ```
   */
  set(): void {
    this.#flag.set();
  }

  /**
   * Clears the flag, so the flag can be reused for the next run.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * stop.set();
   * stop.clear();
   * assert.equal(stop.isSet(), false);
   * ```
   */
  clear(): void {
    this.#flag.clear();
  }

  /**
   * Returns whether the flag is set: the check a cooperative loop makes.
   *
   * @returns true once `set()` was called (until `clear()`).
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new StopFlag().isSet(), false);
   * ```
   */
  isSet(): boolean {
    return this.#flag.isSet();
  }

  /**
   * Waits until the flag is set, blocking the thread (Python's
   * `stop_event.wait(timeout)`); see {@linkcode StopFlag.waitAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new StopFlag().wait({ timeout: 5 }), false);
   * ```
   */
  wait(options: { timeout?: number } = {}): boolean {
    return this.#flag.wait(options);
  }

  /**
   * Waits until the flag is set without blocking the thread.
   *
   * @param options `timeout` in ms (default no limit) and an abort `signal`.
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { StopFlag } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const stop = new StopFlag();
   * setTimeout(() => stop.set(), 1);
   * assert.equal(await stop.waitAsync({ timeout: 5000 }), true);
   * ```
   */
  async waitAsync(
    options: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<boolean> {
    return await this.#flag.waitAsync(options);
  }
}
