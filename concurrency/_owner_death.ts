// This module is browser compatible.

/**
 * Owner death: a lock word whose owner thread has ended is poisoned.
 * `lockSlow` calls {@linkcode throwIfOwnerEnded} on its contended path only
 * (never on the one-CAS fast path); the thread table says whether the owner
 * still runs (a reused slot holds another id, so an old owner reads as ended).
 * The raw lock protocol passes its own release in, so this module depends on
 * no protocol (and the protocol's module does not import back).
 *
 * @module
 */

import {
  currentThreadId,
  guard,
  Primitive,
  PrimitiveKind,
  primitiveName,
  Slot,
  slotBase,
  ThreadState,
} from "./_runtime.ts";
import { referencedPrimitives } from "./_arena.ts";
import type { WaitRecord } from "./_park.ts";
import { PoisonedError } from "./poisoned_error.ts";

const RECOVER = Symbol.for("wirework.poisoned.recover");

/**
 * Sets the waiters bit of every `Lock` word that names `threadId`, once the
 * thread is marked ended. The word still names the ended owner, so the lock
 * reads as poisoned as before; and should the thread run on (terminated
 * while it could not be stopped), its release fails the one-CAS fast path
 * and stops at the slow path's end check. So the fast path needs no check.
 *
 * @param view The runtime words.
 * @param threadId The ended thread.
 */
export function markLocksOfEnded(view: Int32Array, threadId: number): void {
  const held = threadId << 1;
  for (const index of referencedPrimitives()) {
    if (Atomics.load(view, index + Primitive.KIND) === PrimitiveKind.Lock) {
      Atomics.compareExchange(view, index + Primitive.STATE, held, held | 1);
    }
  }
}

/** Whether `owner` has ended (finished, died, or its slot now holds another thread). */
export function ownerEnded(view: Int32Array, owner: number): boolean {
  const slot = slotBase(owner);
  return Atomics.load(view, slot + Slot.ID) !== owner ||
    Atomics.load(view, slot + Slot.STATE) >= ThreadState.FINISHED;
}

/**
 * Throws `PoisonedError` when the lock word's value names an owner that has
 * ended.
 *
 * @param view The runtime words.
 * @param word The lock word's index.
 * @param value The lock word's value just read (non-zero).
 * @param record The wait record of the acquire (its primitive names the lock).
 * @param unlock The protocol's release of the word, for `recover()`'s guard.
 */
export function throwIfOwnerEnded(
  view: Int32Array,
  word: number,
  value: number,
  record: WaitRecord,
  unlock: UnlockWord,
): void {
  const owner = value >>> 1;
  if (!ownerEnded(view, owner)) return;
  // The owner may have released the lock and then ended after `value` was
  // read (a counter worker's last release, then its return): only a word
  // that still names the owner once it is seen ended is poisoned.
  if (Atomics.load(view, word) >>> 1 !== owner) return;
  const base = record.primitive;
  const name = base === 0 ? "" : primitiveName(base);
  const error = new PoisonedError(undefined, {
    ownerThreadId: owner,
    lockName: name,
  });
  // An RLock's recursion count sits after its lock word.
  const countWord = base !== 0 && word === base + Primitive.STATE &&
      Atomics.load(view, base + Primitive.KIND) === PrimitiveKind.RLock
    ? word + 1
    : -1;
  Object.defineProperty(error, RECOVER, {
    value: () => recover(view, word, owner, countWord, unlock),
    enumerable: false,
  });
  throw error;
}

/** A lock protocol's release of a word held by `me`. */
export type UnlockWord = (view: Int32Array, word: number, me: number) => number;

function recover(
  view: Int32Array,
  word: number,
  owner: number,
  countWord: number,
  unlockWord: UnlockWord,
): (Disposable & AsyncDisposable) | undefined {
  const me = currentThreadId();
  for (;;) {
    const value = Atomics.load(view, word);
    if (value >>> 1 !== owner) return undefined;
    // Keep the waiters bit on: threads may sleep behind the dead owner.
    if (Atomics.compareExchange(view, word, value, (me << 1) | 1) === value) {
      break;
    }
  }
  if (countWord >= 0) Atomics.store(view, countWord, 1);
  return guard(() => {
    if (Atomics.load(view, word) >>> 1 !== me) return;
    if (countWord >= 0) Atomics.store(view, countWord, 0);
    unlockWord(view, word, me);
  });
}
