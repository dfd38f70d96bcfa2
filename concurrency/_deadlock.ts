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
 * A cycle may pass through a `join()`: a thread that joins a worker waits
 * for that worker to end, so a worker waiting for a lock its joiner holds
 * closes a cycle (the join is async and never reaches the check itself; it
 * counts once it has lasted the threshold, and is never the victim).
 *
 * The same check then looks for a stall (Go's "all goroutines are
 * asleep"): every live thread blocked in an untimed wait, so none can end
 * another's. Only a thread inside a park can see it (a caller that runs is a
 * live thread that runs), and only a blocking park proves it, so the proof
 * asks more than a cycle's: the victim must find the same picture (each
 * thread in the same wait, seen blocking) at every one of its checks for
 * `STALL_CONFIRM_MS`, since a thread woken by a notify may not have run
 * yet, and read it twice the last time. The victim
 * is the lowest thread id not taking a `Condition`'s lock back (the main
 * thread when it is among them); it throws `DeadlockError` with `stall`.
 *
 * Waits with a timeout do not count unless `configure({ countTimedWaits:
 * true })`, for cycles and stalls alike. A blocking acquire of a non-reentrant `Lock` that this thread
 * already holds throws at once ({@linkcode throwIfSelfDeadlock}, from the
 * raw lock's slow path).
 *
 * @module
 */

import {
  type DeadlockCycleEntry,
  DeadlockError,
  type LockInfo,
  type StallFinding,
} from "./deadlock_error.ts";
import type { DeadlockReport } from "./detect_deadlocks.ts";
import { requestDeadlockCheck, WaitKind, type WaitRecord } from "./_park.ts";
import {
  currentSlotBase,
  currentThreadId,
  forEachThread,
  Header,
  Slot,
  threadIds,
  threadName,
  words,
} from "./_runtime.ts";
import {
  countsTimedWaits,
  cycleThrough,
  describePrimitive,
  findCycles,
  fromLowest,
  isAcquire,
  isDeadlockLink,
  judgeStall,
  lockInfo,
  type ParkRecord,
  readPark,
  stillParked,
  waitKindName,
} from "./_wait_graph.ts";

/** How long every park of a stall must have lasted before it is thrown. */
const STALL_CONFIRM_MS = 100;

/** The parks that are links the detector follows, by thread. */
function linksAmong(
  parks: readonly (ParkRecord | undefined)[],
  countTimed: boolean,
): Map<number, ParkRecord> {
  const now = Date.now();
  const links = new Map<number, ParkRecord>();
  for (const park of parks) {
    if (park !== undefined && isDeadlockLink(park, countTimed, now)) {
      links.set(park.thread, park);
    }
  }
  return links;
}

/**
 * What a link waits for, as a report names it: a lock, or for a join the
 * joined thread's end, named in the place of a lock (id 0: no lock has it).
 */
function waitedFor(view: Int32Array, link: ParkRecord): LockInfo {
  if (link.kind !== WaitKind.JOIN) return lockInfo(view, link.primitive);
  const name = threadName(link.target);
  const who = name === "main" ? `thread '${name}'` : `worker '${name}'`;
  return { id: 0, name: `end of ${who}` };
}

/**
 * Turns the links of a cycle, starting with its lowest thread id, into
 * report entries: each thread holds what the one before it waits for.
 */
function describe(
  view: Int32Array,
  chain: readonly ParkRecord[],
): DeadlockCycleEntry[] {
  return chain.map((link, i) => ({
    ...threadRef(link.thread),
    holds: waitedFor(view, chain.at(i - 1)!),
    waitsFor: waitedFor(view, link),
    ...(link.kind === WaitKind.JOIN ? { joins: threadRef(link.target) } : {}),
  }));
}

/**
 * The thread that throws, chosen from parks every thread of the finding
 * reads alike: the highest thread id of a cycle (`highest`) or the lowest of
 * a stall, among the threads not taking a `Condition`'s lock back when there
 * is one (a thrown re-acquire would leave `Condition.wait` without its
 * lock), else among all; never a join (it waits for a promise). 0 when none
 * can.
 */
function chooseVictim(parks: readonly ParkRecord[], highest: boolean): number {
  const first = (id: number, than: number): boolean =>
    than === 0 || (highest ? id > than : id < than);
  let victim = 0;
  let fallback = 0;
  for (const park of parks) {
    if (park.kind === WaitKind.JOIN) continue;
    if (first(park.thread, fallback)) fallback = park.thread;
    if (
      park.kind !== WaitKind.CONDITION_REACQUIRE && first(park.thread, victim)
    ) victim = park.thread;
  }
  return victim !== 0 ? victim : fallback;
}

/** A thread as reports name it. */
function threadRef(thread: number): { threadId: number; threadName: string } {
  return { threadId: thread, threadName: threadName(thread) };
}

/**
 * The stall report: every thread by id, and the wait it is in. A proven
 * stall saw every park blocking, if not all of them at its last read.
 */
function describeStall(
  view: Int32Array,
  parks: readonly ParkRecord[],
  certainty: "possible" | "proven",
): StallFinding {
  const byId = [...parks].sort((a, b) => a.thread - b.thread);
  return {
    certainty,
    threads: byId.map((park) => {
      const primitive = park.primitive !== 0
        ? describePrimitive(view, park.primitive)
        : undefined;
      return {
        ...threadRef(park.thread),
        wait: waitKindName(park.kind),
        blocking: certainty === "proven" || park.blocking,
        ...(primitive === undefined ? {} : {
          waitsOn: {
            ...primitive,
            name: primitive.name || `${primitive.kind} ${primitive.id}`,
          },
        }),
        ...(park.kind === WaitKind.JOIN && park.target !== 0
          ? { joins: threadRef(park.target) }
          : {}),
      };
    }),
  };
}

/**
 * This thread's sighting of a stall whose victim it is: the picture (each
 * thread and the wait it is in), when it was first seen, and the threads
 * seen in a blocking park of that wait at some check since (a park that
 * begins again on the same wait is unmarked for its first milliseconds).
 * Per thread, as a thread's checks are its own: a stall is thrown only when
 * the same picture has held at every check for `STALL_CONFIRM_MS`.
 */
let stallSeen: { key: string; at: number; blocking: Set<number> } | undefined;

/**
 * Throws when every live thread is blocked in an untimed wait (a proven
 * stall) and this thread is its victim, after the confirmations of the
 * module's documentation.
 */
function checkStall(view: Int32Array, me: number, countTimed: boolean): void {
  // Every blocked thread runs this every slice: it stops reading at the
  // first thread that rules out a proven stall, or rules out this thread
  // as its victim, so it costs a slot or two in the common cases.
  const all: ParkRecord[] = [];
  let ruledOut = false;
  forEachThread(view, true, (id) => {
    const park = readPark(view, id);
    // It runs, its wait ends by itself, or it waits asynchronously (a join
    // always does): nothing proven.
    if (
      park === undefined || (park.timed && !countTimed) ||
      park.kind === WaitKind.JOIN
    ) {
      stallSeen = undefined;
      ruledOut = true;
      return false;
    }
    if (id < me && park.kind !== WaitKind.CONDITION_REACQUIRE) {
      ruledOut = true;
      return false;
    }
    all.push(park);
  });
  if (ruledOut || all.length === 0 || chooseVictim(all, false) !== me) return;
  const now = performance.now();
  const key = all.map((park) =>
    `${park.thread}:${park.kind}:${park.primitive}:${park.index}`
  ).join(",");
  if (stallSeen?.key !== key) {
    stallSeen = { key, at: now, blocking: new Set() };
  }
  for (const park of all) {
    if (park.blocking) stallSeen.blocking.add(park.thread);
  }
  // An async wait is never proven: its event loop may still wake someone.
  if (stallSeen.blocking.size < all.length) return;
  // A wake may still be on its way to one of them.
  if (now - stallSeen.at < STALL_CONFIRM_MS) return;
  // A cycle among them has a victim of its own.
  if (findCycles(linksAmong(all, countTimed)).length > 0) return;
  if (!stillParked(view, all)) return;
  stallSeen = undefined;
  throw new DeadlockError(undefined, {
    stall: describeStall(view, all, "proven"),
  });
}

/**
 * Looks for a wait-for cycle through this thread, which `park()` has put to
 * sleep for at least the threshold, and for a stall of every thread; throws
 * when this thread is the victim.
 *
 * @param record What this thread waits on.
 * @param timed Whether the wait has a timeout.
 * @throws {DeadlockError} When this thread is the victim of a stable cycle or a proven stall.
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
  if (Atomics.load(view, Header.DEADLOCK_DETECTION) === 0) return;
  const countTimed = countsTimedWaits(view);
  if (timed && !countTimed) return;
  const me = currentThreadId();
  if (isAcquire(record.kind)) {
    const now = Date.now();
    // A thread's park, when it is a link the detector follows.
    const linkOf = (thread: number): ParkRecord | undefined => {
      const park = readPark(view, thread);
      return park && isDeadlockLink(park, countTimed, now) ? park : undefined;
    };
    const start = linkOf(me);
    const chain = start && cycleThrough(start, linkOf);
    if (chain !== undefined && stillParked(view, chain, true)) {
      const victim = chooseVictim(chain, true);
      if (victim === me) {
        throw new DeadlockError(undefined, {
          cycle: describe(view, fromLowest(chain)),
        });
      }
      const link = chain.find((link) => link.thread === victim);
      if (link !== undefined) requestDeadlockCheck(victim, link.sequence);
      return;
    }
  }
  checkStall(view, me, countTimed);
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
  const info = lockInfo(view, lock);
  throw new DeadlockError(undefined, {
    cycle: [{ ...threadRef(currentThreadId()), holds: info, waitsFor: info }],
  });
}

/**
 * Returns every stable wait-for cycle among the threads blocked in a lock
 * acquire or a join now, and as its `stall` the stall when every live
 * thread is parked without a timeout (see `detectDeadlocks`), without
 * waiting (whether or not run-time detection is on). The calling thread
 * counts as what its slot records: it runs, unless an async wait of its own
 * is pending (a `join()` it awaits).
 */
export function findDeadlocks(): DeadlockReport {
  const view = words();
  const countTimed = countsTimedWaits(view);
  // Every live thread's park (undefined: it runs), read once for both.
  const parks = threadIds(view, true).map((id) => readPark(view, id));
  const report: DeadlockReport = findCycles(linksAmong(parks, countTimed))
    .filter((chain) => stillParked(view, chain, true))
    .map((chain) => describe(view, chain));
  const certainty = judgeStall(parks, countTimed);
  const parked = parks as ParkRecord[];
  if (certainty !== "none" && stillParked(view, parked)) {
    const stall = describeStall(view, parked, certainty);
    Object.defineProperty(report, "stall", { value: stall, enumerable: false });
  }
  return report;
}
