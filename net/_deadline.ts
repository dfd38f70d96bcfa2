/**
 * One signal for "the caller aborted or the time ran out", with a timer the
 * caller owns and disposes, so no timer outlives the operation (the test
 * sanitizers check that).
 *
 * @module
 */

/**
 * The longest delay `setTimeout` honours (2^31 - 1 ms); a longer one fires
 * after 1 ms with a `TimeoutOverflowWarning`.
 */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

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
      const expiresAt = performance.now() + timeout;
      const fire = (): void => {
        const left = expiresAt - performance.now();
        if (left > 0) {
          // A timeout past setTimeout's range: wait again for the rest.
          this.#timer = setTimeout(fire, Math.min(left, MAX_TIMER_DELAY));
          return;
        }
        this.#timer = undefined;
        this.#controller.abort(
          new DOMException(
            `${describe()} timed out after ${timeout} ms`,
            "TimeoutError",
          ),
        );
      };
      this.#timer = setTimeout(fire, Math.min(timeout, MAX_TIMER_DELAY));
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
