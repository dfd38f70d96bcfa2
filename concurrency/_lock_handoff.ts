// This module is browser compatible.

/**
 * Eventual fairness for the raw lock protocol, as parking_lot's: a releasing
 * thread that finds waiters normally frees the word and wakes one, and may
 * take the lock straight back before the woken thread runs (barging, which
 * keeps throughput high). Left at that, a thread that re-takes a lock in a
 * loop can starve a waiter for hundreds of milliseconds. So once every
 * {@linkcode FAIR_INTERVAL_MS} of contended releases, a thread's release
 * hands the lock over instead: it stores {@linkcode HANDED_OFF} (locked, no
 * owner yet, waiters bit set), which no fast path and no newly arrived
 * thread may take, and wakes one parked waiter, which takes it.
 *
 * A waiter may take a hand-off only once it has parked, so a thread that
 * just arrived cannot barge past the ones asleep. A hand-off is never
 * stranded: a release hands off only when `Atomics.notify` woke a thread,
 * which loops and takes it; a parked waiter that leaves without
 * the lock (interrupted, a deadlock) calls {@linkcode passHandoff}; and a
 * newly arrived thread that finds a hand-off parks for at most
 * {@linkcode HANDOFF_PATIENCE_MS} before it may take it, in case the waiter
 * it was meant for left in the instant it was made. The one thread
 * `Atomics.notify` can wake in vain is an `Atomics.waitAsync` abandoned
 * after an abort: a try-acquire that finds a hand-off takes it when the
 * thread table records no thread parked on the word
 * ({@linkcode takeStrandedHandoff}), and a blocking one after its patience.
 *
 * @module
 */

import { unpark } from "./_park.ts";
import {
  ARENA_START,
  Slot,
  SLOT_WORDS,
  TABLE_START,
  ThreadState,
} from "./_runtime.ts";

/**
 * The lock word while a release hands the lock to a parked waiter: owner 0
 * (no thread has that id) with the waiters bit set.
 */
export const HANDED_OFF = 1;

/** How long a thread's contended releases may let it barge before one hands off (parking_lot: 0.5 ms on average). */
export const FAIR_INTERVAL_MS = 0.5;

/** How long a thread that did not park before a hand-off waits before it may take it. */
export const HANDOFF_PATIENCE_MS = 1;

/** When this thread's next contended release hands the lock off (thread-local). */
let nextFairRelease = 0;
/** Contended releases of this thread, so the clock is read on one in {@linkcode CLOCK_EVERY} only. */
let contendedReleases = 0;
/** Reading the clock costs more than the rest of a release: read it on one contended release in this many (a power of two). */
const CLOCK_EVERY = 4;

/**
 * Releases a lock word whose waiters bit is set, held by this thread: frees
 * it and wakes one waiter, or, when this thread has barged for
 * {@linkcode FAIR_INTERVAL_MS}, hands it to the waiter it wakes.
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 */
export function releaseContended(view: Int32Array, word: number): void {
  if ((++contendedReleases & (CLOCK_EVERY - 1)) === 0) {
    const now = performance.now();
    if (now >= nextFairRelease) {
      nextFairRelease = now + FAIR_INTERVAL_MS;
      Atomics.store(view, word, HANDED_OFF);
      // A woken thread loops and takes it. When none was asleep (the
      // waiters are between sleeps, or left), release as usual: one that
      // comes back finds the word free, or took the hand-off already.
      if (unpark(word, 1) > 0) return;
      Atomics.compareExchange(view, word, HANDED_OFF, 0);
      return;
    }
  }
  Atomics.store(view, word, 0);
  unpark(word, 1);
}

/**
 * Takes a lock handed off to the parked waiters, for a waiter that has
 * parked at least once.
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 * @param mine The caller's owner bits (`threadId << 1`).
 * @returns true when the caller now owns the lock (waiters bit kept set).
 */
export function takeHandoff(
  view: Int32Array,
  word: number,
  mine: number,
): boolean {
  return Atomics.compareExchange(view, word, HANDED_OFF, mine | 1) ===
    HANDED_OFF;
}

/**
 * For a parked waiter that leaves without the lock: a hand-off that may
 * have been meant for it becomes a plain release, and another waiter is
 * woken.
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
 * Takes a hand-off no parked thread can take, for a try-acquire that found
 * one. The thread woken for it may have been an `Atomics.waitAsync`
 * abandoned after an abort, which `Atomics.notify` still counts: then the
 * thread table records no thread parked on the word, and the lock is free
 * in all but name. Reads the whole table, so it runs only in that rare case.
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 * @param mine The caller's owner bits (`threadId << 1`).
 * @returns true when the caller now owns the lock.
 */
export function takeStrandedHandoff(
  view: Int32Array,
  word: number,
  mine: number,
): boolean {
  return !someoneParkedOn(view, word) && takeHandoff(view, word, mine);
}

/**
 * Whether the thread table records a running thread parked on `word` (a pass
 * over the slots, stopping at the first).
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
