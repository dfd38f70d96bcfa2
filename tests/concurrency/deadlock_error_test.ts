// The sentences DeadlockError builds from its cycle and its stall, one for
// each kind of entry: a lock held while waiting for another, a non-reentrant
// lock waited for again, a joined thread's end, a join, and a stalled wait.
import assert from "node:assert/strict";
import { DeadlockError } from "../../concurrency/mod.ts";

const thread = (threadName: string, threadId: number) => ({
  threadId,
  threadName,
});

/** A cycle entry: the thread, the lock it holds and the lock it waits for, as `[id, name]`. */
const entry = (
  who: { threadId: number; threadName: string },
  [heldId, held]: [number, string],
  [wantedId, wanted]: [number, string],
) => ({
  ...who,
  holds: { id: heldId, name: held },
  waitsFor: { id: wantedId, name: wanted },
});

Deno.test("DeadlockError describes each entry of a cycle by what it holds, waits for or joins", () => {
  const error = new DeadlockError(undefined, {
    cycle: [
      entry(thread("main", 1), [1, "a"], [2, "b"]),
      entry(thread("w", 2), [2, "b"], [2, "b"]),
      entry(thread("x", 3), [0, "end of worker 'x'"], [3, "c"]),
      {
        ...entry(thread("y", 4), [3, "c"], [0, "end of thread 'main'"]),
        joins: thread("main", 1),
      },
    ],
  });
  assert.equal(error.name, "DeadlockError");
  assert.equal(error.stall, undefined);
  assert.equal(
    error.message,
    "Deadlock: thread 'main' holds 'a' and waits for 'b'; " +
      "worker 'w' holds non-reentrant lock 'b' and waits for it again; " +
      "worker 'x' waits for 'c'; " +
      "worker 'y' holds 'c' and joins thread 'main'",
  );
});

Deno.test("DeadlockError describes a stall by each thread's wait, primitive and joined thread", () => {
  const error = new DeadlockError(undefined, {
    stall: {
      certainty: "proven",
      threads: [
        {
          ...thread("main", 1),
          wait: "join",
          joins: thread("w", 2),
          blocking: false,
        },
        {
          ...thread("w", 2),
          wait: "event",
          waitsOn: { kind: "Event", id: 5, name: "go" },
          blocking: true,
        },
      ],
    },
  });
  assert.deepEqual(error.cycle, []);
  assert.equal(
    error.message,
    "Deadlock: every thread is asleep: thread 'main' waits in join for worker 'w'; " +
      "worker 'w' waits in event on Event 'go'",
  );
});
