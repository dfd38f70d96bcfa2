// formatThreadDump's wait-for chains for dumps made by hand, so the text
// depends on the dump only: a chain that leaves the dump, and two chains
// that run into one cycle.
import assert from "node:assert/strict";
import { formatThreadDump, type threadDump } from "../../concurrency/mod.ts";

type Dump = ReturnType<typeof threadDump>;
type Thread = Dump["threads"][number];

/** A thread parked in an acquire of Lock #`lock` owned by thread `owner`. */
function acquiring(id: number, lock: number, owner: number): Thread {
  return {
    id,
    name: `t${id}`,
    state: "parked",
    parent: 1,
    parkedForMs: 5,
    parkedSince: -5,
    waitsOn: {
      kind: "acquire",
      timed: false,
      primitive: { kind: "Lock", id: lock, name: "" },
      owner: { id: owner, name: `t${owner}` },
    },
    holds: [],
  };
}

/** The "Wait-for chains:" part of a dump's text. */
function chainsOf(dump: Dump): string[] {
  const lines = formatThreadDump(dump).split("\n");
  const start = lines.indexOf("Wait-for chains:");
  return start < 0 ? [] : lines.slice(start + 1, lines.indexOf("", start));
}

Deno.test("formatThreadDump() draws a chain to a thread the dump does not list by its id", () => {
  const dump: Dump = {
    takenAt: 0,
    threads: [acquiring(2, 10, 3), acquiring(3, 11, 9)],
    cycles: [],
    stall: "none",
  };
  assert.deepEqual(chainsOf(dump), [
    '  "t2" #2 --(acquire Lock #10)--> "t3" #3 --(acquire Lock #11)--> #9',
  ]);
});

Deno.test("formatThreadDump() draws each chain into a cycle, then the cycle from its first thread", () => {
  const dump: Dump = {
    takenAt: 0,
    threads: [
      acquiring(2, 10, 4),
      acquiring(3, 11, 4),
      acquiring(4, 12, 5),
      acquiring(5, 13, 4),
      { id: 6, name: "t6", state: "running", parent: 1, holds: [] },
    ],
    cycles: [[4, 5]],
    stall: "none",
  };
  assert.deepEqual(chainsOf(dump), [
    '  "t2" #2 --(acquire Lock #10)--> "t4" #4 --(acquire Lock #12)--> "t5" #5 --(acquire Lock #13)--> "t4" #4',
    '  "t3" #3 --(acquire Lock #11)--> "t4" #4 --(acquire Lock #12)--> "t5" #5 --(acquire Lock #13)--> "t4" #4',
    '  "t4" #4 --(acquire Lock #12)--> "t5" #5 --(acquire Lock #13)--> "t4" #4  [deadlock cycle]',
  ]);
  assert.match(
    formatThreadDump(dump),
    /^5 threads, 0 parked for over 1 s, 1 deadlock cycle$/m,
  );
});

Deno.test("formatThreadDump() draws no chains when no parked thread waits for another", () => {
  const sleeper: Thread = {
    id: 2,
    name: "t2",
    state: "parked",
    parent: 1,
    parkedForMs: 5,
    parkedSince: -5,
    waitsOn: { kind: "sleep", timed: true },
    holds: [],
  };
  const dump: Dump = {
    takenAt: 0,
    threads: [sleeper, { ...acquiring(3, 10, 2), state: "running" }],
    cycles: [],
    stall: "none",
  };
  assert.deepEqual(chainsOf(dump), []);
  assert.doesNotMatch(formatThreadDump(dump), /Wait-for chains/);
});
