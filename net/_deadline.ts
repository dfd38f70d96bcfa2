/**
 * One signal for "the caller aborted or the time ran out", with a timer the
 * caller owns and disposes, so no timer outlives the operation (the test
 * sanitizers check that).
 *
 * @module
 */

/** An `AbortSignal` that fires on the caller's signal or after `timeout` ms. */
export class Deadline implements Disposable {
  #controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #outer: AbortSignal | undefined;
  #onOuterAbort = (): void => this.#controller.abort(this.#outer?.reason);

  /**
   * Starts the clock.
   *
   * @param timeout Milliseconds; `Infinity` or 0 means no time limit.
   * @param signal The caller's signal, if any.
   * @param describe Says what timed out, for the `TimeoutError` message.
   */
  constructor(
    timeout: number,
    signal: AbortSignal | undefined,
    describe: () => string,
  ) {
    this.#outer = signal;
    if (signal?.aborted) {
      this.#controller.abort(signal.reason);
      return;
    }
    signal?.addEventListener("abort", this.#onOuterAbort, { once: true });
    if (timeout > 0 && Number.isFinite(timeout)) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#controller.abort(
          new DOMException(
            `${describe()} timed out after ${timeout} ms`,
            "TimeoutError",
          ),
        );
      }, timeout);
    }
  }

  /** Aborted when the caller aborts or the time runs out. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Throws the abort reason if the deadline has passed. */
  throwIfAborted(): void {
    this.#controller.signal.throwIfAborted();
  }

  /** Clears the timer and the listener on the caller's signal. */
  [Symbol.dispose](): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#outer?.removeEventListener("abort", this.#onOuterAbort);
  }
}
