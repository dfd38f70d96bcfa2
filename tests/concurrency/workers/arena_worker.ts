// Worker fixtures for tests/concurrency/arena_test.ts.
import { mulberry32 } from "../../_helpers/random.ts";
import {
  arenaUsage,
  freeBlock,
  PAGE_WORDS,
} from "../../../concurrency/_arena.ts";
import { allocateWords, words } from "../../../concurrency/_runtime.ts";
import { Lock } from "../../../concurrency/mod.ts";

/** What one worker saw while filling the arena and churning it. */
export interface FillReport {
  /** Blocks it held when the arena was full. */
  blocks: number;
  /** Failures seen while at least a page was left: "full" with space. */
  falseFull: number;
  /** Words whose pattern another block overwrote. */
  corrupted: number;
  /** Allocations in the churn phase. */
  churned: number;
  /** The buffer's length in words as this thread saw it at the end. */
  viewWords: number;
}

function pattern(seed: number, index: number, offset: number): number {
  return Math.imul(seed + 1, 0x9e3779b1) ^ (index + offset);
}

function write(seed: number, index: number, count: number): void {
  const view = words();
  for (let offset = 0; offset < count; offset++) {
    Atomics.store(view, index + offset, pattern(seed, index, offset));
  }
}

function damaged(seed: number, index: number, count: number): number {
  const view = words();
  let bad = 0;
  for (let offset = 0; offset < count; offset++) {
    if (Atomics.load(view, index + offset) !== pattern(seed, index, offset)) {
      bad++;
    }
  }
  return bad;
}

const scenarios: Record<string, (...args: never[]) => unknown> = {
  // Allocates blocks of 1 to 64 words until the arena is full, writing a
  // pattern into each; then frees and reallocates at random; checks every
  // pattern at each step and frees everything at the end.
  fill: (seed: number, start: Int32Array): FillReport => {
    // Every worker starts together, for the most contention (10 s at most):
    // each arrival wakes those already waiting, so the last one to arrive
    // does not fill the arena alone while the others sleep out a poll.
    Atomics.add(start, 0, 1);
    Atomics.notify(start, 0);
    const deadline = performance.now() + 10_000;
    while (
      Atomics.load(start, 0) < Atomics.load(start, 1) &&
      performance.now() < deadline
    ) {
      Atomics.wait(start, 0, Atomics.load(start, 0), 5);
    }
    const random = mulberry32(seed);
    const held: [number, number][] = [];
    const report: FillReport = {
      blocks: 0,
      falseFull: 0,
      corrupted: 0,
      churned: 0,
      viewWords: 0,
    };
    let filling = true;
    const allocate = (): boolean => {
      const count = 1 + Math.floor(random() * 64);
      try {
        const index = allocateWords(count, "a test block");
        write(seed, index, count);
        held.push([index, count]);
        return true;
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        // Nothing frees in the fill phase, so what is left only shrinks:
        // a page still free now was free when the allocation failed.
        const usage = arenaUsage();
        if (filling && usage.next + PAGE_WORDS <= usage.limit) {
          report.falseFull++;
        }
        return false;
      }
    };
    while (allocate());
    filling = false;
    report.blocks = held.length;
    for (const [index, count] of held) {
      report.corrupted += damaged(seed, index, count);
    }
    // A worker that got no block has nothing to churn (the test fails it).
    for (let round = 0; round < 2_000 && held.length > 0; round++) {
      const victim = Math.floor(random() * held.length);
      const [index, count] = held[victim]!;
      report.corrupted += damaged(seed, index, count);
      freeBlock(index);
      held[victim] = held[held.length - 1]!;
      held.pop();
      // Reallocating may fail when another worker took the freed block.
      if (allocate()) report.churned++;
    }
    for (const [index, count] of held) {
      report.corrupted += damaged(seed, index, count);
      freeBlock(index);
    }
    report.viewWords = words().length;
    return report;
  },
  // Creates locks and keeps them in a global list, so only the end of the
  // thread drops them.
  // Returns the arena index and id of each, as plain numbers.
  leak: (count: number): [number, number][] => {
    const kept: Lock[] = [];
    for (let i = 0; i < count; i++) kept.push(new Lock());
    (globalThis as { kept?: Lock[] }).kept = kept;
    return kept.map((lock) => [lock.handle.index, lock.id]);
  },
  // Revives the lock it was given and uses it.
  "use-lock": (lock: Lock): number => {
    if (!lock.acquire({ timeout: 5_000 })) throw new Error("not acquired");
    lock.release();
    return lock.id;
  },
  // Creates a lock and returns it: the parent revives it after this thread ended.
  "return-lock": (): Lock => new Lock({ name: "made in a worker" }),
};

export default (name: string, ...args: never[]): unknown => {
  const scenario = scenarios[name];
  if (scenario === undefined) throw new Error(`No scenario "${name}"`);
  return scenario(...args);
};
