/**
 * A per-connection idle timer that costs nothing on the hot path: activity
 * only stamps a time, and the single timer re-arms itself lazily when it
 * fires early, instead of being cleared and set again on every read.
 *
 * @module
 */

/** Calls `onIdle` once after `timeout` ms without a call to `touch()`. */
export class IdleTimer implements Disposable {
  #timeout: number;
  #onIdle: () => void;
  #lastActive = performance.now();
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Starts the timer; a `timeout` of 0 or `Infinity` never fires.
   *
   * @param timeout Milliseconds of inactivity allowed.
   * @param onIdle Called once when the time runs out.
   */
  constructor(timeout: number, onIdle: () => void) {
    this.#timeout = timeout;
    this.#onIdle = onIdle;
    if (timeout > 0 && Number.isFinite(timeout)) this.#arm(timeout);
  }

  /** Records activity, pushing the deadline back. */
  touch(): void {
    // Without a timer (disabled, fired or disposed) there is nothing to push back.
    if (this.#timer !== undefined) this.#lastActive = performance.now();
  }

  #arm(delay: number): void {
    this.#timer = setTimeout(() => {
      const idleFor = performance.now() - this.#lastActive;
      if (idleFor >= this.#timeout) {
        this.#timer = undefined;
        this.#onIdle();
      } else {
        this.#arm(this.#timeout - idleFor);
      }
    }, Math.max(1, Math.ceil(delay)));
  }

  /** Stops the timer for good. */
  [Symbol.dispose](): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
