// This module is browser compatible.

/**
 * `Event`: Python's `threading.Event` across workers.
 *
 * @module
 */

import { WaitKind } from "./_park.ts";
import { FLAG_WORDS, RawFlag } from "./_raw_flag.ts";

import { SharedPrimitive } from "./shared_primitive.ts";

/** Options for creating an {@linkcode Event}. */
export interface EventOptions {
  /** A name for reports. Defaults to `"Event <id>"`. */
  name?: string;
}

/** The structured-cloneable form of an {@linkcode Event}, for `postMessage`. */
export interface EventHandle {
  /** Always `"Event"`. */
  readonly kind: "Event";
  /** The runtime the event lives in. */
  readonly runtime: SharedArrayBuffer;
  /** The arena index of the event. */
  readonly index: number;
  /** The event's stable id. */
  readonly id: number;
}

/**
 * A flag threads wait for, as Python's `threading.Event`: `set` wakes every
 * waiter, `clear` resets it, `wait` returns at once while it is set. A wait
 * that began before a `set` returns true even when the flag was cleared
 * again at once (a sequence word records every set).
 *
 * @example Usage
 * ```ts
 * import { Event } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const ready = new Event();
 * assert.equal(ready.wait({ timeout: 5 }), false);
 * ready.set();
 * assert.equal(ready.isSet(), true);
 * assert.equal(await ready.waitAsync(), true);
 * ```
 */
export class Event extends SharedPrimitive {
  /** The flag word and its sequence word (see `_raw_flag.ts`). */
  readonly #flag: RawFlag;
  #handle: EventHandle | undefined;

  /**
   * Creates a cleared event.
   *
   * @param options The event's name.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  constructor(options: EventOptions = {}) {
    super(options, "Event", FLAG_WORDS);
    this.#flag = new RawFlag(this.view, this.arenaIndex, WaitKind.EVENT);
  }

  /**
   * Revives an event from its handle, in any thread.
   *
   * @param handle An `event.handle` that crossed `postMessage`.
   * @returns An `Event` over the same shared words.
   * @throws {TypeError} When `handle` is not an `Event` handle of this process's runtime,
   *   or its primitive was freed.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * event.set();
   * assert.equal(Event.from(structuredClone(event.handle)).isSet(), true);
   * ```
   */
  static from(handle: EventHandle): Event {
    return new Event(Event.revive(handle, "Event"));
  }

  /** The structured-cloneable handle to post to another thread. */
  get handle(): EventHandle {
    return this.#handle ??= this.handleFields("Event");
  }

  /**
   * Returns whether the flag is set.
   *
   * @returns true while set.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Event().isSet(), false);
   * ```
   */
  isSet(): boolean {
    return this.#flag.isSet();
  }

  /**
   * Sets the flag and wakes every thread waiting for it.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * event.set();
   * assert.equal(event.isSet(), true);
   * ```
   */
  set(): void {
    this.#flag.set();
  }

  /**
   * Clears the flag; later waits wait again.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * event.set();
   * event.clear();
   * assert.equal(event.isSet(), false);
   * ```
   */
  clear(): void {
    this.#flag.clear();
  }

  /**
   * Waits until the flag is set, blocking the thread; see {@linkcode Event.waitAsync}.
   *
   * @param options `timeout` in ms (default no limit).
   * @returns true when the flag was set before or during the wait, false when the timeout passed.
   * @throws {RangeError} For a negative timeout.
   * @throws {InterruptedError} When this thread is interrupted while it waits.
   *
   * @example Usage
   * ```ts
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Event().wait({ timeout: 5 }), false);
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
   * import { Event } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const event = new Event();
   * setTimeout(() => event.set(), 1);
   * assert.equal(await event.waitAsync({ timeout: 5000 }), true);
   * ```
   */
  async waitAsync(
    options: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<boolean> {
    return await this.#flag.waitAsync(options);
  }
}
