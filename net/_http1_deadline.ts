/**
 * The time limit and the caller's `AbortSignal` of one request, in one place.
 * It costs one timer and no `AbortController`: when it fires it aborts
 * whatever the request is waiting on at that moment (a connection's socket, a
 * connect, a wait for a pooled connection), which is the only way to
 * interrupt a pending socket read.
 *
 * @module
 */

/** Something the deadline can interrupt. */
export interface Abortable {
  abort(reason: unknown): void;
}

/** Fires on the caller's signal or after `timeout` ms, whichever is first. */
export class Http1Deadline implements Disposable {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #signal: AbortSignal | undefined;
  #target: Abortable | undefined;
  #aborted = false;
  #reason: unknown = undefined;
  #onAbort = (): void => this.#abort(this.#signal?.reason);

  /**
   * Starts the clock.
   *
   * @param timeout Milliseconds; `Infinity` means no limit.
   * @param signal The caller's signal, if any.
   * @param describe Says what timed out, for the `TimeoutError` message.
   */
  constructor(
    timeout: number,
    signal: AbortSignal | undefined,
    describe: () => string,
  ) {
    if (signal !== undefined) {
      if (signal.aborted) {
        this.#aborted = true;
        this.#reason = signal.reason;
        return;
      }
      this.#signal = signal;
      signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    if (Number.isFinite(timeout)) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#abort(
          new DOMException(
            `${describe()} timed out after ${timeout} ms`,
            "TimeoutError",
          ),
        );
      }, timeout);
    }
  }

  /** Whether the deadline has fired. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Why it fired: the caller's abort reason or a `TimeoutError`. */
  get reason(): unknown {
    return this.#reason;
  }

  /** Throws the reason if the deadline has fired. */
  throwIfAborted(): void {
    if (this.#aborted) throw this.#reason;
  }

  /**
   * Makes `target` the thing to interrupt when the deadline fires; if it
   * already has, interrupts it at once.
   *
   * @param target What the request now waits on, or `undefined`.
   */
  watch(target: Abortable | undefined): void {
    this.#target = target;
    if (this.#aborted) target?.abort(this.#reason);
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#clear();
    this.#target?.abort(reason);
  }

  #clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#signal = undefined;
  }

  /** Stops the timer and forgets the caller's signal. */
  [Symbol.dispose](): void {
    this.#clear();
    this.#target = undefined;
  }
}
