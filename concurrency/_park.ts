// This module is browser compatible.

/**
 * The parking core: the ONLY code in `concurrency/` that puts a thread to
 * sleep or wakes one, keyed by the runtime word being waited on (the design
 * of Rust's parking_lot `core/`).
 *
 * A thread records what it waits on in its slot of the thread table before it
 * sleeps (word index, wait kind, primitive, timed), re-checks its interrupt
 * flag after recording and before sleeping, sleeps in bounded slices so an
 * interrupt or a deadlock check is never lost to a race with a notify, and
 * clears the record on every way out. Primitives loop around `park` and
 * re-check their own state word: spurious wakeups are allowed.
 *
 * Checks, in this order, on entry and after every slice: the thread's end
 * (`Slot.LIVE`: a thread the runtime has marked ended, a terminated worker
 * that runs on, throws `ThreadEndedError` and touches nothing more);
 * `throwIfInterrupted` (interruption); `checkDeadlock` from `_deadlock.ts`,
 * once a wait has lasted `DEADLOCK_CHECK_AFTER_MS` and after every slice from
 * then on, and at once when the thread that found a cycle wakes its victim
 * with {@linkcode requestDeadlockCheck}. When one throws after this thread
 * consumed a wake, the wake is passed on (`notify(index, 1)`), so no other
 * waiter is stranded.
 *
 * Wakes sent from outside a wait (an interrupt, a deadlock check request, a
 * re-check request) cannot change the word the thread sleeps on, so one that
 * lands between the thread's last look and its `Atomics.wait` would find no
 * sleeper to notify. Blocking parks get odd sequence numbers and async parks
 * even ones: the sender of such a wake notifies a blocking park again until
 * the thread has taken the request (or left that park), and an async park,
 * which can still look once its wait is registered, looks again and wakes
 * itself.
 *
 * Thread ends: {@linkcode endThread} is the one way a thread is marked ended
 * (finished, died, terminated); it wakes the thread, wakes the waiters of
 * the locks it owned (they find them poisoned), ends the threads it started,
 * and runs the hook a primitive registered for the wait the thread was
 * parked in ({@linkcode onAbandonedWait}: a `Barrier` breaks), so nothing
 * waits for a thread that will never come.
 *
 * @module
 */

import { withResolvers } from "../generics/_with_resolvers.ts";
import { checkDeadlock } from "./_deadlock.ts";
import { markLocksOfEnded } from "./_owner_death.ts";
import { recordParkStack } from "./_thread_dump_stacks.ts";
import { InterruptedError } from "./interrupted_error.ts";
import { ThreadEndedError } from "./thread_ended_error.ts";
import {
  ARENA_START,
  currentSlotBase,
  currentThreadId,
  deadlineIn,
  Header,
  liveChildrenOf,
  markThreadEnded,
  msLeft,
  Primitive,
  releaseEndedThread,
  releaseTerminatedSlot,
  Slot,
  SLOT_WORDS,
  slotBase,
  TABLE_START,
  threadLive,
  ThreadState,
  words,
} from "./_runtime.ts";

/** What a wait is for, recorded in the waiting thread's slot (`Slot.PARK_KIND`). */
export const WaitKind = {
  /** Waiting to own a lock-like primitive (`Lock`, `RLock`, a `Condition`'s lock). */
  ACQUIRE: 1,
  /** Waiting in `Condition.wait` for a notify. */
  CONDITION: 2,
  /** Waiting for a `Semaphore` or `BoundedSemaphore` permit. */
  SEMAPHORE: 3,
  /** Waiting for an `Event` to be set. */
  EVENT: 4,
  /** Waiting at a `Barrier`. */
  BARRIER: 5,
  /** Waiting in `SharedQueue.get` for an item. */
  QUEUE_GET: 6,
  /** Waiting in `SharedQueue.put` for room. */
  QUEUE_PUT: 7,
  /** Waiting in `SharedQueue.join` for every task to be done. */
  QUEUE_JOIN: 8,
  /** Kinds from 16 on: waits that belong to no primitive, or a second wait of one. */
  FIRST_FREE: 16,
  /** In `sleep`/`sleepAsync`, parked on the thread's own interrupt word (primitive 0: waits for no one). */
  SLEEP: 16,
  /** Waiting for a `StopFlag` to be set. */
  STOP_FLAG: 17,
  /**
   * A `Condition` taking its lock back after a wait: an acquire like
   * `ACQUIRE`, told apart so the deadlock detector picks another victim
   * when it can (a thrown re-acquire would leave the caller without the
   * condition's lock).
   */
  CONDITION_REACQUIRE: 18,
  /** Waiting to enter a `Barrier` that is draining or resetting (not yet counted as a party). */
  BARRIER_ENTER: 19,
  /**
   * Waiting in a worker handle's `join()` for the thread to end: recorded on
   * the joined thread's live word (`Slot.LIVE`), primitive 0.
   */
  JOIN: 20,
} as const;

/**
 * What a primitive tells the parking core about a wait. Primitives create
 * their records once (in the constructor), so parking allocates nothing.
 */
export interface WaitRecord {
  /** A `WaitKind`. */
  readonly kind: number;
  /** The arena index of the primitive's header (0 for none). */
  readonly primitive: number;
}

/** How a park ended. */
export type ParkResult = "woken" | "timed-out" | "not-equal";

/** The longest single sleep, so interrupts and deadlock checks are never lost. */
export const SLICE_MS = 20;
/** How long a blocking wait lasts before the first deadlock check. */
export const DEADLOCK_CHECK_AFTER_MS = 5;

/**
 * Records a park in this thread's slot; returns the park's sequence number,
 * odd for a blocking park and even (never 0) for an async one.
 */
function recordPark(
  view: Int32Array,
  slot: number,
  index: number,
  record: WaitRecord,
  timed: boolean,
  blocking: boolean,
): number {
  Atomics.store(view, slot + Slot.PARK_KIND, record.kind);
  Atomics.store(view, slot + Slot.PARK_PRIMITIVE, record.primitive);
  Atomics.store(view, slot + Slot.PARK_TIMED, timed ? 1 : 0);
  Atomics.store(view, slot + Slot.PARK_START, Date.now() | 0);
  // Only this thread writes its sequence. The parity tells a waker whether
  // the park can look again once its wait has begun (see `deliverWake`).
  let sequence = (Atomics.load(view, slot + Slot.PARK_SEQUENCE) + 1) | 0;
  if ((sequence & 1) !== (blocking ? 1 : 0)) sequence = (sequence + 1) | 0;
  if (sequence === 0) sequence = 2;
  Atomics.store(view, slot + Slot.PARK_SEQUENCE, sequence);
  // The only cost of stacks when they are off: this load.
  if (Atomics.load(view, Header.CAPTURE_STACKS) !== 0) {
    recordParkStack(view, slot, sequence);
  }
  // The index last: a reader that sees it non-zero sees a whole record.
  Atomics.store(view, slot + Slot.PARK_INDEX, index);
  return sequence;
}

function clearPark(view: Int32Array, slot: number): void {
  Atomics.store(view, slot + Slot.PARK_INDEX, 0);
  Atomics.add(view, slot + Slot.PARK_SEQUENCE, 1);
}

/**
 * Records an async wait that parks on no word of its own (a `join()`, which
 * waits for a promise), unless the slot already records a wait: the same
 * rule as {@linkcode parkAsync}'s overlapping waits.
 *
 * @param index The word the wait is about (a joined thread's live word).
 * @param record What the wait is for.
 * @param timed Whether it has a timeout.
 * @returns The park's sequence number, to clear it with {@linkcode clearAsyncWait}; -1 when nothing was recorded.
 */
export function recordAsyncWait(
  index: number,
  record: WaitRecord,
  timed: boolean,
): number {
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  if (Atomics.load(view, slot + Slot.PARK_INDEX) !== 0) return -1;
  return recordPark(view, slot, index, record, timed, false);
}

/** Clears a record of {@linkcode recordAsyncWait}, when it is still the slot's current one. */
export function clearAsyncWait(sequence: number): void {
  if (sequence < 0) return;
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  if (Atomics.load(view, slot + Slot.LIVE) !== me) return;
  if (Atomics.load(view, slot + Slot.PARK_SEQUENCE) !== sequence) return;
  clearPark(view, slot);
}

/** The error of a thread that the runtime has marked ended. */
export function threadEndedError(threadId: number): ThreadEndedError {
  return new ThreadEndedError(undefined, { threadId });
}

/** Returns the index of a thread's live word (its id while it runs, 0 once ended). */
export function liveWord(threadId: number): number {
  return slotBase(threadId) + Slot.LIVE;
}

/**
 * Throws `ThreadEndedError` when `me` has been marked ended: the entry check
 * of an operation of a primitive (which keeps its thread's id).
 *
 * @throws {ThreadEndedError} When the thread has ended.
 */
export function checkLive(view: Int32Array, me: number): void {
  if (hasEnded(view, me)) throwEnded(me);
}

/** Whether `me` has been marked ended (a terminated thread that runs on). */
export function hasEnded(view: Int32Array, me: number): boolean {
  return Atomics.load(view, slotBase(me) + Slot.LIVE) !== me;
}

/**
 * Throws `ThreadEndedError` for `threadId`: kept out of line, so the fast
 * paths that check the live word stay small enough to inline.
 *
 * @throws {ThreadEndedError} Always.
 */
export function throwEnded(threadId: number): never {
  throw threadEndedError(threadId);
}

/**
 * The entry check of a primitive's fast path, for an object that keeps its
 * thread's id and live word ({@linkcode liveWord}): a plain read, cheaper
 * than {@linkcode checkLive}'s `Atomics.load` and small enough to inline; a
 * change another thread made is seen on a later call at the latest.
 *
 * @throws {ThreadEndedError} When the thread has ended.
 */
export function checkLiveWord(
  view: Int32Array,
  live: number,
  me: number,
): void {
  if (view[live] !== me) throwEnded(me);
}

/**
 * Throws `ThreadEndedError` when this thread has been marked ended (a
 * terminated worker that runs on): the entry check of every operation.
 *
 * @throws {ThreadEndedError} When this thread has ended.
 */
export function throwIfEnded(): void {
  checkLive(words(), currentThreadId());
}

/**
 * Marks a thread ended, once, and makes every wait that depends on it move:
 * the thread itself (woken from its park, it throws `ThreadEndedError`), the
 * waiters of locks it owned (poisoned now), the threads it started (ended
 * as terminated: Deno ends a worker's workers with it, and any that runs on
 * stops at its next check), and the primitive it was parked in (its
 * {@linkcode onAbandonedWait} hook).
 *
 * @param threadId The thread.
 * @param state `ThreadState.FINISHED`, `DIED` or `TERMINATED`.
 */
export function endThread(threadId: number, state: number): void {
  const view = words();
  const slot = slotBase(threadId);
  const index = Atomics.load(view, slot + Slot.PARK_INDEX);
  const kind = Atomics.load(view, slot + Slot.PARK_KIND);
  const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
  const hook = index === 0 ? undefined : abandonHooks.get(kind);
  // A thread ending itself (a worker whose function returned with an async
  // wait pending) cleans up while it may still take locks; another thread's
  // end is marked first, so the ended thread cannot clean up a second time.
  const self = threadId === currentThreadId();
  if (self && hook && threadLive(view, threadId)) {
    hook(primitive, index, threadId);
  }
  const ended = markThreadEnded(threadId, state);
  if (ended) markLocksOfEnded(view, threadId);
  // The thread itself never drops its own references at its end: the
  // thread that sees it end does, once it has revived the result.
  if (!self) releaseEndedThread(threadId, state, index !== 0);
  if (!ended) return;
  if (index !== 0) {
    if (!self) hook?.(primitive, index, threadId);
    Atomics.notify(view, index, Infinity);
  }
  wakeWaitersOf(threadId);
  for (const child of liveChildrenOf(threadId)) {
    // Terminated, not died: the child may be blocked in Atomics.wait and run on.
    endThread(child, ThreadState.TERMINATED);
  }
}

type AbandonHook = (primitive: number, index: number, threadId: number) => void;
const abandonHooks = new Map<number, AbandonHook>();

/**
 * Registers what to do when a thread ends while parked in a wait of `kind`
 * (run by the thread that ends it): a `Barrier` breaks, as a party that
 * will never arrive would leave the others waiting for ever.
 *
 * @param kind A `WaitKind`.
 * @param hook Called with the primitive's arena index, the parked word and the thread.
 */
export function onAbandonedWait(kind: number, hook: AbandonHook): void {
  abandonHooks.set(kind, hook);
}

function throwIfInterruptedAt(view: Int32Array, slot: number): void {
  if (Atomics.load(view, slot + Slot.INTERRUPT) !== 0) {
    // As in Java, seeing the interrupt clears it; the notify tells an
    // interrupter waiting in `deliverWake` that it was seen.
    Atomics.store(view, slot + Slot.INTERRUPT, 0);
    Atomics.notify(view, slot + Slot.INTERRUPT, Infinity);
    throw new InterruptedError(undefined, { threadId: currentThreadId() });
  }
}

/**
 * Throws `InterruptedError` (and clears the flag) when this thread has been
 * interrupted.
 *
 * @throws {InterruptedError} When the interrupt flag is set.
 * @throws {ThreadEndedError} When this thread has ended.
 */
export function throwIfInterrupted(): void {
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  // An ended thread never reads the flag: its slot may be another's soon.
  throwIfEndedAt(view, slot, me);
  throwIfInterruptedAt(view, slot);
}

/** Returns whether this thread's interrupt flag is set, without clearing it. */
export function isInterrupted(): boolean {
  return Atomics.load(words(), currentSlotBase() + Slot.INTERRUPT) !== 0;
}

/**
 * Sets a thread's interrupt flag and wakes it from whatever it is parked on
 * (every waiter of that word wakes and re-checks: a spurious wakeup for the
 * others). When the thread is in a blocking park, returns once it has seen
 * the interrupt (see {@linkcode deliverWake}): usually one wake-up's time,
 * at most `WAKE_PATIENCE_MS`.
 *
 * @param threadId The thread to interrupt.
 * @returns false when the id names no live thread (its slot was reused).
 */
export function interruptThread(threadId: number): boolean {
  const view = words();
  const slot = slotBase(threadId);
  if (Atomics.load(view, slot + Slot.ID) !== threadId) return false;
  Atomics.store(view, slot + Slot.INTERRUPT, 1);
  // Every interrupt counts, so `interruptSignal` aborts even when a wait
  // consumed the flag before the signal's watcher ran.
  Atomics.add(view, slot + Slot.INTERRUPT_COUNT, 1);
  Atomics.notify(view, slot + Slot.INTERRUPT_COUNT, Infinity);
  deliverWake(view, slot, threadId, slot + Slot.INTERRUPT, 1, undefined);
  return true;
}

/**
 * The longest a waker waits for a thread in a blocking park to take its
 * request. A live thread takes it within one wake-up, or by the end of its
 * slice at worst; this bound is for a thread that does not get to run.
 */
export const WAKE_PATIENCE_MS = 5 * SLICE_MS;
/** The first pause between two notifies of {@linkcode deliverWake}; it doubles up to the next. */
const FIRST_WAKE_PAUSE_MS = 0.05;
const LAST_WAKE_PAUSE_MS = 1;

/**
 * Wakes a thread for a request stored in its slot (`words()[request]` set
 * to `value`, which the thread resets when it takes the request), so the
 * request is never left to the end of a sleep slice.
 *
 * The request cannot change the word the thread sleeps on, and a thread in
 * a blocking park may have made its last check before the request landed
 * and not be asleep yet: a single notify would then wake no one and the
 * thread would sleep out its slice. So while the thread is in a blocking
 * park (an odd `PARK_SEQUENCE`) and has not taken the request, notify its
 * word again after each pause on the request word (taking the request
 * notifies it): 0.05 ms, then twice as long each time up to 1 ms. A
 * thread not parked records its next park before it checks its requests,
 * so it sees this one (both sides are sequentially consistent: one sees the
 * other's store); an async park registers its wait and then checks again
 * (see `parkAsync`); a park on the request word itself compares it. Returns
 * at once for the caller's own thread (it is not asleep), and gives up
 * after `WAKE_PATIENCE_MS` (a thread that does not get to run).
 *
 * @param park The `PARK_SEQUENCE` the request is for; undefined for any park.
 */
function deliverWake(
  view: Int32Array,
  slot: number,
  threadId: number,
  request: number,
  value: number,
  park: number | undefined,
): void {
  let pause = FIRST_WAKE_PAUSE_MS;
  let deadline = 0;
  // Pauses sleep rather than spin: on a machine with no core to spare, a
  // spinning waker would keep the woken thread from running.
  let mayBlock = true;
  for (;;) {
    // Read as a seqlock: a park records its sequence before its index and
    // clears its index before it bumps the sequence.
    const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
    const index = Atomics.load(view, slot + Slot.PARK_INDEX);
    const settled = Atomics.load(view, slot + Slot.PARK_SEQUENCE) === sequence;
    if (settled) {
      if (index === 0 || (park !== undefined && sequence !== park)) return;
      Atomics.notify(view, index, Infinity);
      if ((sequence & 1) === 0 || index === request) return;
    }
    if (Atomics.load(view, request) !== value) return;
    if (Atomics.load(view, slot + Slot.LIVE) !== threadId) return;
    const now = performance.now();
    if (deadline === 0) {
      if (threadId === currentThreadId()) return;
      deadline = now + WAKE_PATIENCE_MS;
    } else if (now >= deadline) return;
    const ms = Math.min(pause, deadline - now);
    pause = Math.min(2 * pause, LAST_WAKE_PAUSE_MS);
    if (mayBlock) {
      try {
        Atomics.wait(view, request, value, ms);
        continue;
      } catch (error) {
        // A browser's main thread may not block: it spins instead.
        if (!(error instanceof TypeError)) throw error;
        mayBlock = false;
      }
    }
    const until = performance.now() + ms;
    while (
      performance.now() < until && Atomics.load(view, request) === value
    ) { /* spin: this thread may not block */ }
  }
}

/**
 * Resolves once `words()[index]` is notified or differs from `expected`,
 * without a timer, so the watch never keeps the event loop alive (a pending
 * `Atomics.waitAsync` does not). For `interruptSignal` and `StopFlag.signal`.
 *
 * @param index The runtime word to watch.
 * @param expected The value the caller saw.
 */
export async function watchWord(
  index: number,
  expected: number,
): Promise<void> {
  const view = words();
  const waiting = Atomics.waitAsync(view, index, expected);
  if (waiting.async) await waiting.value;
}

/**
 * Wakes every thread parked to acquire a lock word that `threadId` owns,
 * after that thread ended (owner death): they re-check the word, find
 * the owner gone and throw `PoisonedError`, rather than sleep out a slice.
 * Reads the thread table only (one pass over the slots).
 *
 * @param threadId The thread that ended.
 */
export function wakeWaitersOf(threadId: number): void {
  const view = words();
  const owned = threadId << 1;
  for (let slot = TABLE_START; slot < ARENA_START; slot += SLOT_WORDS) {
    const index = Atomics.load(view, slot + Slot.PARK_INDEX);
    if (index === 0) continue;
    // Parked on a lock it owned, or on a word of a primitive whose internal
    // lock (its first state word, as a `Barrier`'s) it held.
    const primitive = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
    if (
      (Atomics.load(view, index) & ~1) === owned ||
      (primitive !== 0 &&
        (Atomics.load(view, primitive + Primitive.STATE) & ~1) === owned)
    ) {
      // The request before the wake, so a park between slices sees it.
      const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
      Atomics.store(view, slot + Slot.RECHECK, sequence);
      const waiter = Atomics.load(view, slot + Slot.ID);
      deliverWake(view, slot, waiter, slot + Slot.RECHECK, sequence, sequence);
    }
  }
}

/**
 * Wakes a deadlock's victim so it runs the deadlock check at once: the
 * thread that found the cycle calls it, and the victim's park, if it is still
 * the one numbered `sequence`, checks as soon as it wakes rather than 5 ms
 * into its next park. A request for an earlier park is ignored.
 *
 * @param threadId The victim.
 * @param sequence The `PARK_SEQUENCE` of the victim's park that was read in the cycle.
 */
export function requestDeadlockCheck(
  threadId: number,
  sequence: number,
): void {
  const view = words();
  const slot = slotBase(threadId);
  if (Atomics.load(view, slot + Slot.ID) !== threadId) return;
  // The request before the wake, so the woken park sees it.
  Atomics.store(view, slot + Slot.DEADLOCK_CHECK_NOW, sequence);
  deliverWake(
    view,
    slot,
    threadId,
    slot + Slot.DEADLOCK_CHECK_NOW,
    sequence,
    sequence,
  );
}

/**
 * Takes this park's request in word `request` (`RECHECK`,
 * `DEADLOCK_CHECK_NOW`), if one came; true when it did. Taking it notifies
 * the word, for a sender waiting in `deliverWake`.
 */
function takeRequest(
  view: Int32Array,
  request: number,
  sequence: number,
): boolean {
  if (Atomics.compareExchange(view, request, sequence, 0) !== sequence) {
    return false;
  }
  Atomics.notify(view, request, Infinity);
  return true;
}

/** The async method to use instead of a blocking wait, with the kinds of wait it replaces. */
const ASYNC_METHODS: ReadonlyArray<readonly [string, readonly number[]]> = [
  ["acquireAsync()", [WaitKind.ACQUIRE, WaitKind.SEMAPHORE]],
  ["waitAsync()", [
    WaitKind.CONDITION,
    WaitKind.CONDITION_REACQUIRE,
    WaitKind.EVENT,
    WaitKind.STOP_FLAG,
    WaitKind.BARRIER,
    WaitKind.BARRIER_ENTER,
  ]],
  ["getAsync()", [WaitKind.QUEUE_GET]],
  ["putAsync()", [WaitKind.QUEUE_PUT]],
  ["joinAsync()", [WaitKind.QUEUE_JOIN]],
  ["sleepAsync()", [WaitKind.SLEEP]],
  ["join()", [WaitKind.JOIN]],
];

function asyncMethod(kind: number): string {
  const found = ASYNC_METHODS.find(([, kinds]) => kinds.includes(kind));
  return found?.[0] ?? "…Async()";
}

function waitSlice(
  view: Int32Array,
  index: number,
  expected: number,
  ms: number,
  record: WaitRecord,
): string {
  try {
    return Atomics.wait(view, index, expected, ms);
  } catch (error) {
    // Browsers forbid Atomics.wait on a page's main thread: point to the
    // async form of the wait.
    if (error instanceof TypeError) {
      const method = asyncMethod(record.kind);
      throw new TypeError(
        `Cannot block this thread with Atomics.wait (a browser's main thread may not): use ${method} instead`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Puts this thread to sleep while `words()[index] === expected`, for at most
 * `timeoutMs`, with `Atomics.wait`.
 *
 * @param index The runtime word to wait on.
 * @param expected The value the caller saw; the sleep ends at once when the word differs.
 * @param timeoutMs How long to wait at most (Infinity: no limit).
 * @param record What the wait is for (see `WaitRecord`).
 * @param timed Whether the wait has a deadline of its own (a park cut short
 *   only to look again, as a driver's `limit`, is not a timed wait).
 * @returns "woken" after a notify (or a spurious wake), "not-equal" when the
 *   word already differed, "timed-out" when `timeoutMs` passed.
 * @throws {InterruptedError} When this thread is interrupted before or while it waits.
 * @throws {TypeError} Where the thread may not block (a browser main thread).
 */
export function park(
  index: number,
  expected: number,
  timeoutMs: number,
  record: WaitRecord,
  timed: boolean = timeoutMs !== Infinity,
): ParkResult {
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  throwIfEndedAt(view, slot, me);
  const sequence = recordPark(view, slot, index, record, timed, true);
  // A wake this park consumed and still owes: passed on when it throws, so
  // no other waiter is stranded. Passed on in `finally`, not in a catch that
  // throws the error again: each throw costs (the runtime records a stack
  // trace and location for it), and this is the interrupt's path.
  let owedWake = false;
  try {
    throwIfInterruptedAt(view, slot);
    const start = performance.now();
    const deadline = start + timeoutMs;
    let next = DEADLOCK_CHECK_AFTER_MS;
    for (;;) {
      const now = performance.now();
      const remaining = deadline - now;
      if (remaining <= 0) return "timed-out";
      // A check request that came while this thread was awake (its wake
      // lost) must not wait out a slice: do not sleep. One that lands in
      // the instant between this load and the sleep waits for the slice's
      // end, as every check did before requests.
      const slice =
        Atomics.load(view, slot + Slot.DEADLOCK_CHECK_NOW) === sequence ||
          Atomics.load(view, slot + Slot.RECHECK) === sequence
          ? 0
          : Math.min(remaining, next);
      next = SLICE_MS;
      const result = waitSlice(view, index, expected, slice, record);
      owedWake = result === "ok";
      throwIfEndedAt(view, slot, me);
      throwIfInterruptedAt(view, slot);
      if (result === "not-equal") return "not-equal";
      if (takeRequest(view, slot + Slot.RECHECK, sequence)) {
        owedWake = false;
        return "woken";
      }
      const checkNow = takeRequest(
        view,
        slot + Slot.DEADLOCK_CHECK_NOW,
        sequence,
      );
      if (
        checkNow ||
        (result !== "ok" &&
          performance.now() - start >= DEADLOCK_CHECK_AFTER_MS)
      ) {
        checkDeadlock(record, timed);
      }
      owedWake = false;
      // A wake may also have been a release: the caller re-checks its word.
      if (result === "ok") return "woken";
    }
  } finally {
    if (owedWake) Atomics.notify(view, index, 1);
    leavePark(view, slot, me, true);
  }
}

function throwIfEndedAt(view: Int32Array, slot: number, me: number): void {
  if (Atomics.load(view, slot + Slot.LIVE) !== me) throw threadEndedError(me);
}

/**
 * Clears this thread's park record (when it made one), unless the thread has
 * ended: an ended thread leaves its record (the slot may be another
 * thread's soon) and lets its slot be reused now that it waits no more.
 */
function leavePark(
  view: Int32Array,
  slot: number,
  me: number,
  recorded: boolean,
): void {
  if (Atomics.load(view, slot + Slot.LIVE) !== me) releaseTerminatedSlot(me);
  else if (recorded) clearPark(view, slot);
}

/**
 * Waits without blocking the thread while `words()[index] === expected`, for
 * at most `timeoutMs`, with `Atomics.waitAsync` (a ref'd timer keeps the
 * event loop alive meanwhile). Works on any thread, the main thread included.
 * When several async waits of one thread overlap, the slot records the first.
 *
 * @param index The runtime word to wait on.
 * @param expected The value the caller saw.
 * @param timeoutMs How long to wait at most (Infinity: no limit).
 * @param signal Aborts the wait: the promise rejects with `signal.reason`.
 * @param record What the wait is for.
 * @param timed Whether the wait has a deadline of its own (see `park`).
 * @returns The same results as `park`.
 * @throws {InterruptedError} When this thread is interrupted before or while it waits.
 */
export async function parkAsync(
  index: number,
  expected: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  record: WaitRecord,
  timed: boolean = timeoutMs !== Infinity,
): Promise<ParkResult> {
  signal?.throwIfAborted();
  const view = words();
  const me = currentThreadId();
  const slot = slotBase(me);
  throwIfEndedAt(view, slot, me);
  const recorded = Atomics.load(view, slot + Slot.PARK_INDEX) === 0;
  const sequence = recorded
    ? recordPark(view, slot, index, record, timed, false)
    : -1;
  // As in `park`: a consumed wake still owed is passed on in `finally`.
  let owedWake = false;
  try {
    throwIfInterruptedAt(view, slot);
    const deadline = deadlineIn(timeoutMs);
    for (;;) {
      const remaining = msLeft(deadline);
      if (remaining <= 0) return "timed-out";
      const slice = Math.min(remaining, SLICE_MS);
      const waiting = waitAsyncSlice(view, index, expected, slice, signal);
      // The wait is registered now: a wake sent after the last look and
      // before it (an interrupt, this thread's end, a re-check request)
      // found no one to notify, so take it up here.
      if (wakeMissed(view, slot, me, sequence)) {
        Atomics.notify(view, index, Infinity);
      }
      const result = await waiting;
      owedWake = result === "ok";
      throwIfEndedAt(view, slot, me);
      throwIfInterruptedAt(view, slot);
      signal?.throwIfAborted();
      owedWake = false;
      if (result === "ok") return "woken";
      if (takeRequest(view, slot + Slot.RECHECK, sequence)) return "woken";
      if (result === "not-equal") return "not-equal";
    }
  } finally {
    if (owedWake) Atomics.notify(view, index, 1);
    leavePark(view, slot, me, recorded);
  }
}

/** Whether an async park has a request it may have missed (see `parkAsync`). */
function wakeMissed(
  view: Int32Array,
  slot: number,
  me: number,
  sequence: number,
): boolean {
  return Atomics.load(view, slot + Slot.INTERRUPT) !== 0 ||
    Atomics.load(view, slot + Slot.LIVE) !== me ||
    (sequence !== -1 && Atomics.load(view, slot + Slot.RECHECK) === sequence);
}

function waitAsyncSlice(
  view: Int32Array,
  index: number,
  expected: number,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  const waiting = Atomics.waitAsync(view, index, expected, ms);
  if (!waiting.async) return Promise.resolve(waiting.value);
  const { promise, resolve } = withResolvers<string>();
  // A pending waitAsync does not keep Deno's event loop alive; the timer does.
  const timer = setTimeout(() => resolve("timed-out"), ms + 1);
  const onAbort = (): void => resolve("aborted");
  signal?.addEventListener("abort", onAbort, { once: true });
  waiting.value.then(resolve);
  return promise.finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  });
}

/**
 * Wakes up to `count` threads parked on a runtime word. Callers change the
 * word (or a sequence word) BEFORE calling it, so no wake is lost.
 *
 * @param index The runtime word.
 * @param count How many waiters to wake (Infinity for all).
 * @returns How many were woken.
 */
export function unpark(index: number, count: number): number {
  return Atomics.notify(words(), index, count);
}
