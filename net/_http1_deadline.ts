/**
 * The time limit and the caller's `AbortSignal` of one request, in one place.
 * When either fires it aborts whatever the request is waiting on at that
 * moment (a connection's socket, a connect, a wait for a pooled connection),
 * which is the only way to interrupt a pending socket read.
 *
 * The time limits of all of a client's requests share one timer, the
 * {@linkcode Http1Clock}: a timer per request (set, then cleared) measured a
 * tenth of the client's speed at one request in flight.
 *
 * @module
 */

/** Says what a deadline guards, for the message when it runs out. */
export interface Describable {
  describe(): string;
}

/** Something the deadline can interrupt. */
export interface Abortable {
  abort(reason: unknown): void;
}

/**
 * The longest delay `setTimeout` honours (2^31 - 1 ms, about 24.8 days); a
 * longer one fires after 1 ms, with a `TimeoutOverflowWarning`. Farther
 * deadlines arm the timer for this long, then again for the rest.
 */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * One timer for the deadlines of many requests. It is armed for the earliest
 * deadline it knows of; when it fires it expires the deadlines that are due
 * and re-arms for the next. A deadline that finishes early just leaves the
 * list, so the common case costs no timer call at all. The deadlines are
 * kept in a list linked through the deadlines themselves: joining and
 * leaving it, once per request, allocate and hash nothing. The timer is
 * unref'd, so it never keeps a process alive, and cleared by `close()`.
 */
export class Http1Clock {
  #first: Http1Deadline | undefined;
  #last: Http1Deadline | undefined;
  #size = 0;
  #timer: number | undefined;
  #firesAt = Infinity;
  #closed = false;

  /**
   * Watches a deadline until it is removed.
   *
   * @param deadline The deadline.
   */
  add(deadline: Http1Deadline): void {
    if (deadline.clockLinked) return;
    deadline.clockLinked = true;
    deadline.clockPrevious = this.#last;
    deadline.clockNext = undefined;
    if (this.#last === undefined) this.#first = deadline;
    else this.#last.clockNext = deadline;
    this.#last = deadline;
    this.#size++;
    if (deadline.expiresAt < this.#firesAt) this.#arm(deadline.expiresAt);
  }

  /**
   * Stops watching a deadline.
   *
   * @param deadline The deadline.
   */
  delete(deadline: Http1Deadline): void {
    if (!deadline.clockLinked) return;
    this.#unlink(deadline);
    if (this.#closed && this.#size === 0) this.#clear();
  }

  /** Clears the timer once no deadline is pending any more. */
  close(): void {
    this.#closed = true;
    if (this.#size === 0) this.#clear();
  }

  #unlink(deadline: Http1Deadline): void {
    const { clockPrevious: previous, clockNext: next } = deadline;
    if (previous === undefined) this.#first = next;
    else previous.clockNext = next;
    if (next === undefined) this.#last = previous;
    else next.clockPrevious = previous;
    deadline.clockPrevious = deadline.clockNext = undefined;
    deadline.clockLinked = false;
    this.#size--;
  }

  #arm(at: number): void {
    this.#clear();
    this.#firesAt = at;
    const delay = Math.min(
      MAX_TIMER_DELAY,
      Math.max(0, Math.ceil(at - performance.now())),
    );
    this.#timer = setTimeout(this.#fire, delay) as unknown as number;
    Deno.unrefTimer(this.#timer);
  }

  #clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#firesAt = Infinity;
  }

  #fire = (): void => {
    this.#timer = undefined;
    this.#firesAt = Infinity;
    const now = performance.now();
    // Unlink every due deadline first: expiring one runs callers' code,
    // which may end other deadlines and change the list.
    const due: Http1Deadline[] = [];
    for (let deadline = this.#first; deadline !== undefined;) {
      const next = deadline.clockNext;
      if (deadline.expiresAt <= now) {
        this.#unlink(deadline);
        due.push(deadline);
      }
      deadline = next;
    }
    for (const deadline of due) deadline.expire();
    let earliest = Infinity;
    for (
      let deadline = this.#first;
      deadline !== undefined;
      deadline = deadline.clockNext
    ) {
      if (deadline.expiresAt < earliest) earliest = deadline.expiresAt;
    }
    if (earliest < this.#firesAt) this.#arm(earliest);
    if (this.#closed && this.#size === 0) this.#clear();
  };
}

/** Fires on the caller's signal or after `timeout` ms, whichever is first. */
export class Http1Deadline implements Disposable {
  /** `performance.now()` at which the time runs out. */
  readonly expiresAt: number;
  /** `performance.now()` when it was made, for callers that need the time. */
  readonly startedAt: number;
  /** Whether it is in its clock's list (kept by {@linkcode Http1Clock}). */
  clockLinked = false;
  /** The one before it in its clock's list. */
  clockPrevious: Http1Deadline | undefined = undefined;
  /** The one after it in its clock's list. */
  clockNext: Http1Deadline | undefined = undefined;
  #clock: Http1Clock | undefined;
  #timeout: number;
  #describe: Describable;
  #signal: AbortSignal | undefined;
  #target: Abortable | undefined;
  #aborted = false;
  #reason: unknown = undefined;
  #onAbort: (() => void) | undefined;

  /**
   * Starts the clock.
   *
   * @param clock The shared timer.
   * @param timeout Milliseconds; `Infinity` means no limit.
   * @param signal The caller's signal, if any.
   * @param describe Says what timed out, for the `TimeoutError` message.
   */
  constructor(
    clock: Http1Clock,
    timeout: number,
    signal: AbortSignal | undefined,
    describe: Describable,
  ) {
    this.#timeout = timeout;
    this.#describe = describe;
    this.startedAt = performance.now();
    this.expiresAt = this.startedAt + timeout;
    if (signal !== undefined) {
      if (signal.aborted) {
        this.#aborted = true;
        this.#reason = signal.reason;
        return;
      }
      this.#signal = signal;
      this.#onAbort = () => this.#abort(signal.reason);
      signal.addEventListener("abort", this.#onAbort, { once: true });
    }
    if (Number.isFinite(timeout)) {
      this.#clock = clock;
      clock.add(this);
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

  /** Called by the clock when the time has run out. */
  expire(): void {
    this.#clock = undefined;
    this.#abort(
      new DOMException(
        `${this.#describe.describe()} timed out after ${this.#timeout} ms`,
        "TimeoutError",
      ),
    );
  }

  #abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    this.#clear();
    this.#target?.abort(reason);
  }

  #clear(): void {
    this.#clock?.delete(this);
    this.#clock = undefined;
    if (this.#onAbort !== undefined) {
      this.#signal?.removeEventListener("abort", this.#onAbort);
    }
    this.#signal = undefined;
  }

  /** Leaves the clock and forgets the caller's signal. */
  [Symbol.dispose](): void {
    this.#clear();
    this.#target = undefined;
  }
}
