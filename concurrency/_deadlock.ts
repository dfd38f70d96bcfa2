// This module is browser compatible.

/**
 * Run-time deadlock detection: the hook of the parking core.
 *
 * Only the parking core knows who waits for what, and the lock word already
 * records its owner, so the wait-for graph is read straight from shared
 * memory: a thread parked to acquire a `Lock` or `RLock` (its slot's
 * `PARK_KIND` is `ACQUIRE`, or `CONDITION_REACQUIRE` for a `Condition` taking
 * its lock back after a wait; `PARK_PRIMITIVE` is the lock) waits for the lock
 * word's owner, which may itself be parked to acquire another lock, and so on
 * (Rust parking_lot's `deadlock_detection`, on the thread table).
 *
 * `park()` calls {@linkcode checkDeadlock} once a blocking wait has lasted
 * `DEADLOCK_CHECK_AFTER_MS` (5 ms) and after every 20 ms sleep slice from then
 * on, so nothing runs on the uncontended path or in a short wait. The check:
 *
 * 1. marks the thread's slot (`Slot.DEADLOCK_CHECKED` = the park's
 *    sequence number): only threads so marked count as blocked, which leaves
 *    out async waits (their event loop may still release locks) and waits
 *    shorter than the threshold;
 * 2. follows the chain "waits for lock → lock's owner → what the owner waits
 *    for" from this thread; a chain that returns to this thread is a cycle;
 * 3. reads every link of the cycle a second time: each thread must still be
 *    in the same park (same sequence number) and each lock still owned by the
 *    same thread. Then, at a moment between the two passes, every thread of
 *    the cycle was asleep waiting for a lock that the next one held — a real
 *    deadlock, not a transient picture;
 * 4. picks the victim deterministically, from the records every thread of
 *    the cycle reads alike: the highest thread id among the threads in a
 *    plain acquire, or, when every thread of the cycle is a `Condition`
 *    taking its lock back, the highest thread id of all. A re-acquire is
 *    spared because its `DeadlockError` would leave `Condition.wait` without
 *    the lock its caller's guard releases. The victim throws `DeadlockError`;
 *    every other thread keeps waiting, and wakes the victim with a request
 *    to check at once (`requestDeadlockCheck`), rather than 5 ms into its
 *    next park or after its next 20 ms slice.
 *
 * Waits with a timeout do not count unless `configure({ countTimedWaits:
 * true })`. A blocking acquire of a non-reentrant `Lock` that this thread
 * already holds throws at once ({@linkcode throwIfSelfDeadlock}, from the
 * raw lock's slow path).
 *
 * @module
 */

import { type DeadlockCycleEntry, DeadlockError } from "./deadlock_error.ts";
import { requestDeadlockCheck, WaitKind, type WaitRecord } from "./_park.ts";
import {
  currentSlotBase,
  currentThreadId,
  Header,
  Primitive,
  PrimitiveKind,
  primitiveName,
  Slot,
  SLOT_WORDS,
  slotBase,
  TABLE_START,
  THREAD_SLOTS,
  threadName,
  ThreadState,
  words,
} from "./_runtime.ts";

/** Whether a wait kind is an acquire of a lock, which the wait-for graph follows. */
function isAcquire(kind: number): boolean {
  return kind === WaitKind.ACQUIRE || kind === WaitKind.CONDITION_REACQUIRE;
}

/** One edge of the wait-for graph: a thread blocked on a lock that another thread owns. */
interface WaitLink {
  /** The waiting thread. */
  readonly thread: number;
  /** Its park's sequence number when read. */
  readonly sequence: number;
  /** The arena index of the lock it waits for. */
  readonly lock: number;
  /** Whether it is a `Condition` taking its lock back (`CONDITION_REACQUIRE`). */
  readonly reacquire: boolean;
  /** The lock's owner when read. */
  readonly owner: number;
}

/** Returns the owner of a lock-like primitive, or 0 when it is unowned or has no owner word. */
function lockOwner(view: Int32Array, lock: number): number {
  const kind = Atomics.load(view, lock + Primitive.KIND);
  if (kind !== PrimitiveKind.Lock && kind !== PrimitiveKind.RLock) return 0;
  return Atomics.load(view, lock + Primitive.STATE) >>> 1;
}

/**
 * Reads what `thread` waits for, when it is blocked (marked by its own check)
 * in an acquire of an owned lock; undefined otherwise. The sequence number is
 * read first and last, so every field belongs to the same park.
 */
function readWait(
  view: Int32Array,
  thread: number,
  countTimed: boolean,
): WaitLink | undefined {
  const slot = slotBase(thread);
  if (Atomics.load(view, slot + Slot.ID) !== thread) return undefined;
  if (Atomics.load(view, slot + Slot.STATE) !== ThreadState.RUNNING) {
    return undefined;
  }
  const sequence = Atomics.load(view, slot + Slot.PARK_SEQUENCE);
  if (Atomics.load(view, slot + Slot.DEADLOCK_CHECKED) !== sequence) {
    return undefined;
  }
  if (Atomics.load(view, slot + Slot.PARK_INDEX) === 0) return undefined;
  const kind = Atomics.load(view, slot + Slot.PARK_KIND);
  if (!isAcquire(kind)) return undefined;
  if (!countTimed && Atomics.load(view, slot + Slot.PARK_TIMED) !== 0) {
    return undefined;
  }
  const lock = Atomics.load(view, slot + Slot.PARK_PRIMITIVE);
  const owner = lockOwner(view, lock);
  if (owner === 0) return undefined;
  if (Atomics.load(view, slot + Slot.PARK_SEQUENCE) !== sequence) {
    return undefined;
  }
  return {
    thread,
    sequence,
    lock,
    owner,
    reacquire: kind === WaitKind.CONDITION_REACQUIRE,
  };
}

/** Follows owners from `start`; returns the links when the chain comes back to `start`. */
function cycleThrough(
  view: Int32Array,
  start: WaitLink,
  countTimed: boolean,
): WaitLink[] | undefined {
  const chain = [start];
  let owner = start.owner;
  while (owner !== start.thread) {
    // A cycle that does not pass through `start`: its own threads report it.
    if (chain.some((link) => link.thread === owner)) return undefined;
    if (chain.length > THREAD_SLOTS) return undefined;
    const link = readWait(view, owner, countTimed);
    if (link === undefined) return undefined;
    chain.push(link);
    owner = link.owner;
  }
  return chain;
}

/** Reads every link again: the same parks, the same owners. */
function isStable(
  view: Int32Array,
  chain: readonly WaitLink[],
  countTimed: boolean,
): boolean {
  return chain.every((link) => {
    const again = readWait(view, link.thread, countTimed);
    return again !== undefined && again.sequence === link.sequence &&
      again.lock === link.lock && again.owner === link.owner &&
      again.reacquire === link.reacquire;
  });
}

const KIND_NAMES: Record<number, string> = {
  [PrimitiveKind.Lock]: "Lock",
  [PrimitiveKind.RLock]: "RLock",
};

function lockInfo(
  view: Int32Array,
  lock: number,
): { id: number; name: string } {
  const id = Atomics.load(view, lock + Primitive.ID);
  const kind = KIND_NAMES[Atomics.load(view, lock + Primitive.KIND)] ?? "Lock";
  return { id, name: primitiveName(lock) || `${kind} ${id}` };
}

/** Turns links into report entries, starting with the lowest thread id. */
function describe(
  view: Int32Array,
  chain: readonly WaitLink[],
): DeadlockCycleEntry[] {
  const count = chain.length;
  const entries = chain.map((link, i) => ({
    threadId: link.thread,
    threadName: threadName(link.thread),
    holds: lockInfo(view, chain[(i + count - 1) % count]!.lock),
    waitsFor: lockInfo(view, link.lock),
  }));
  let first = 0;
  for (let i = 1; i < count; i++) {
    if (entries[i]!.threadId < entries[first]!.threadId) first = i;
  }
  return [...entries.slice(first), ...entries.slice(0, first)];
}

/**
 * The thread of a cycle that throws: the highest thread id among the plain
 * acquires, or among all when every link is a `Condition` taking its lock
 * back. Depends on the links only, so every thread of the cycle agrees.
 */
function chooseVictim(chain: readonly WaitLink[]): number {
  let victim = 0;
  let fallback = 0;
  for (const link of chain) {
    fallback = Math.max(fallback, link.thread);
    if (!link.reacquire) victim = Math.max(victim, link.thread);
  }
  return victim !== 0 ? victim : fallback;
}

function countsTimedWaits(view: Int32Array): boolean {
  return Atomics.load(view, Header.TIMED_WAITS_DEADLOCK) !== 0;
}

/**
 * Looks for a wait-for cycle through this thread, which `park()` has put to
 * sleep for at least the threshold; throws when this thread is the victim.
 *
 * @param record What this thread waits on.
 * @param timed Whether the wait has a timeout.
 * @throws {DeadlockError} When this thread is the victim of a stable cycle.
 */
export function checkDeadlock(record: WaitRecord, timed: boolean): void {
  const view = words();
  const slot = currentSlotBase();
  // Marked even with detection off, so detectDeadlocks() still sees this wait.
  Atomics.store(
    view,
    slot + Slot.DEADLOCK_CHECKED,
    Atomics.load(view, slot + Slot.PARK_SEQUENCE),
  );
  if (!isAcquire(record.kind)) return;
  if (Atomics.load(view, Header.DEADLOCK_DETECTION) === 0) return;
  const countTimed = countsTimedWaits(view);
  if (timed && !countTimed) return;
  const start = readWait(view, currentThreadId(), countTimed);
  if (start === undefined) return;
  const chain = cycleThrough(view, start, countTimed);
  if (chain === undefined || !isStable(view, chain, countTimed)) return;
  const victim = chooseVictim(chain);
  if (victim !== start.thread) {
    const link = chain.find((link) => link.thread === victim)!;
    requestDeadlockCheck(victim, link.sequence);
    return;
  }
  throw new DeadlockError(undefined, { cycle: describe(view, chain) });
}

/**
 * Throws when a blocking acquire would wait for a non-reentrant lock that
 * this thread holds itself (called from the raw lock's slow path, which
 * found `me` in the lock word). Does nothing when detection is off, or for a
 * timed wait unless timed waits count: such a wait just times out.
 *
 * @param lock The arena index of the lock.
 * @param timeoutMs The acquire's timeout.
 * @throws {DeadlockError} With a one-thread cycle.
 */
export function throwIfSelfDeadlock(lock: number, timeoutMs: number): void {
  const view = words();
  if (Atomics.load(view, Header.DEADLOCK_DETECTION) === 0) return;
  if (timeoutMs !== Infinity && !countsTimedWaits(view)) return;
  const me = currentThreadId();
  const info = lockInfo(view, lock);
  throw new DeadlockError(undefined, {
    cycle: [{
      threadId: me,
      threadName: threadName(me),
      holds: info,
      waitsFor: info,
    }],
  });
}

/**
 * Returns every stable wait-for cycle among the threads blocked in a lock
 * acquire now, each starting with its lowest thread id, without waiting
 * (whether or not run-time detection is on).
 */
export function findDeadlocks(): DeadlockCycleEntry[][] {
  const view = words();
  const countTimed = countsTimedWaits(view);
  const reported = new Set<number>();
  const cycles: DeadlockCycleEntry[][] = [];
  for (let slot = 0; slot < THREAD_SLOTS; slot++) {
    const id = Atomics.load(view, TABLE_START + slot * SLOT_WORDS + Slot.ID);
    if (id === 0 || reported.has(id)) continue;
    const start = readWait(view, id, countTimed);
    if (start === undefined) continue;
    const chain = cycleThrough(view, start, countTimed);
    if (
      chain === undefined || chain.some((link) => reported.has(link.thread))
    ) {
      continue;
    }
    if (!isStable(view, chain, countTimed)) continue;
    for (const link of chain) reported.add(link.thread);
    cycles.push(describe(view, chain));
  }
  return cycles;
}
