// This module is browser compatible.

/**
 * Eventual fairness for the raw lock protocol, as parking_lot's: a releasing
 * thread that finds waiters normally frees the word and wakes one, and may
 * take the lock straight back before the woken thread runs (barging, which
 * keeps throughput high). Left at that, a thread that re-takes a lock in a
 * loop can starve a waiter for hundreds of milliseconds. So once every
 * {@linkcode FAIR_INTERVAL_MS} of contended releases, a thread's release
 * hands the lock over instead: it stores {@linkcode HANDED_OFF} (locked, no
 * owner yet, waiters bit set) and wakes one waiter. Any other thread may take
 * a hand-off (the woken waiter, or a waiter that was awake); the thread that
 * made it may not, so it cannot barge back in: it waits, and takes the lock
 * back only when nobody took it within {@linkcode HANDOFF_PATIENCE_MS}
 * (nobody was left to take it).
 *
 * A hand-off is made only when `Atomics.notify` woke a thread, so a lock
 * nobody waits for is never left handed off. The one thread it can wake in
 * vain is an `Atomics.waitAsync` abandoned after an abort (it stays
 * registered until its sleep slice ends): then the lock reads as locked
 * until the next acquire, which takes it (see {@linkcode tryTakeHandoff}).
 *
 * Which thread made a hand-off is thread-local state (the last lock word this
 * thread handed off): no shared word is needed, and the uncontended paths
 * never look at it.
 *
 * @module
 */

import { SLICE_MS, unpark } from "./_park.ts";
import {
  ARENA_START,
  Slot,
  SLOT_WORDS,
  TABLE_START,
  ThreadState,
} from "./_runtime.ts";

/**
 * The lock word while a release hands the lock over: owner 0 (no thread has
 * that id) with the waiters bit set.
 */
export const HANDED_OFF = 1;

/** How long a thread's contended releases may let it barge before one hands off (parking_lot: 0.5 ms on average). */
export const FAIR_INTERVAL_MS = 0.5;

/**
 * How long the thread that handed a lock off waits for another to take it
 * before it takes it back: five sleep slices of the parking core (100 ms).
 * The woken thread always takes it, however late it runs: an `acquireAsync`
 * waiter learns of its wake on an event loop turn, which a busy or starved
 * thread may take tens of milliseconds to reach, and taking the lock back
 * before then would undo the hand-off. Only an abandoned `Atomics.waitAsync`
 * (below) never takes it, and then a try-acquire takes it at once.
 */
export const HANDOFF_PATIENCE_MS = 5 * SLICE_MS;

/** When this thread's next contended release hands the lock off (thread-local). */
let nextFairRelease = 0;
/** The lock word this thread last handed off (thread-local), -1 for none. */
let handedOffWord = -1;

/**
 * Releases a lock word whose waiters bit is set, held by this thread: frees
 * it and wakes one waiter, or, when this thread has barged for
 * {@linkcode FAIR_INTERVAL_MS}, hands it over and wakes one waiter.
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 */
export function releaseContended(view: Int32Array, word: number): void {
  // A contended release calls Atomics.notify anyway: reading the clock
  // costs a fraction of that.
  const now = performance.now();
  if (now >= nextFairRelease) {
    handedOffWord = word;
    Atomics.store(view, word, HANDED_OFF);
    // Nobody asleep to wake (the waiters bit outlived its waiters, or they
    // are awake): unless one took it meanwhile, release as usual, and try
    // again at a later contended release.
    if (
      unpark(word, 1) > 0 ||
      Atomics.compareExchange(view, word, HANDED_OFF, 0) !== HANDED_OFF
    ) {
      nextFairRelease = now + FAIR_INTERVAL_MS;
    }
    return;
  }
  Atomics.store(view, word, 0);
  unpark(word, 1);
}

/**
 * The longest a thread that found `value` in `word` should park before it
 * looks again: the thread that handed the word off waits at most
 * {@linkcode HANDOFF_PATIENCE_MS}, any other as long as its acquire may.
 *
 * @param word The lock word's index.
 * @param value The word's value just read.
 * @returns The park's limit in ms (Infinity for none).
 */
export function handoffPatience(word: number, value: number): number {
  return value === HANDED_OFF && word === handedOffWord
    ? HANDOFF_PATIENCE_MS
    : Infinity;
}

/**
 * Takes a handed-off lock: at once for any thread but the one that handed
 * it off; for that one, only after it has parked (its patience ran out or a
 * release woke it). When the wake went to an async wait already given up
 * (`Atomics.waitAsync` cannot be withdrawn), nobody comes for the lock:
 * other threads take it at once, a try of this thread's takes it when no
 * thread is parked on it (`tryTakeHandoff`), and a blocking acquire of this
 * thread's after its patience. Not checked here: the walk of the thread
 * table would cost every contended re-take. The waiters bit stays set, as for any thread that slept:
 * if nobody waits any more, the next release finds no one to wake and clears
 * it.
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 * @param mine The caller's owner bits (`threadId << 1`).
 * @param parked Whether the caller has parked in this acquire (for a try
 *   that does not wait: whether it may take its own hand-off back).
 * @returns true when the caller now owns the lock.
 */
export function takeHandoff(
  view: Int32Array,
  word: number,
  mine: number,
  parked: boolean,
): boolean {
  if (word === handedOffWord && !parked) return false;
  if (
    Atomics.compareExchange(view, word, HANDED_OFF, mine | 1) !== HANDED_OFF
  ) return false;
  // Others may be asleep behind the lock: the waiters bit stays set, as for
  // any thread that slept.
  if (word === handedOffWord) handedOffWord = -1;
  return true;
}

/**
 * Takes a handed-off lock for a try-acquire (`blocking: false`): any thread
 * but the one that handed it off takes it; that one takes it back only when
 * the thread table records no thread parked on the word (the thread woken
 * for it may have been an `Atomics.waitAsync` abandoned after an abort,
 * which `Atomics.notify` still counts).
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 * @param mine The caller's owner bits (`threadId << 1`).
 * @returns true when the caller now owns the lock.
 */
export function tryTakeHandoff(
  view: Int32Array,
  word: number,
  mine: number,
): boolean {
  const own = word === handedOffWord;
  return takeHandoff(view, word, mine, !own || !someoneParkedOn(view, word));
}

/**
 * For a parked waiter that leaves without the lock (interrupted, a
 * deadlock): a hand-off that may have been meant for it becomes a plain
 * release, and another waiter is woken.
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 */
export function passHandoff(view: Int32Array, word: number): void {
  if (Atomics.compareExchange(view, word, HANDED_OFF, 0) === HANDED_OFF) {
    unpark(word, 1);
  }
}

/**
 * Whether the thread table records a running thread parked on `word` (a pass
 * over the slots, stopping at the first): for the rare paths only.
 */
function someoneParkedOn(view: Int32Array, word: number): boolean {
  for (let slot = TABLE_START; slot < ARENA_START; slot += SLOT_WORDS) {
    if (
      Atomics.load(view, slot + Slot.PARK_INDEX) === word &&
      Atomics.load(view, slot + Slot.STATE) === ThreadState.RUNNING
    ) return true;
  }
  return false;
}
