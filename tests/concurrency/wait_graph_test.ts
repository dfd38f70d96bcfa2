// The names the wait-for graph gives wait kinds, which thread dumps and
// stall reports print: one for every kind the parking core records, and
// "unknown" for a number it does not know.
import assert from "node:assert/strict";
import { WaitKind } from "../../concurrency/_park.ts";
import { waitKindName } from "../../concurrency/_wait_graph.ts";

Deno.test("waitKindName() names every wait kind as a dump prints it", () => {
  const names = [
    [WaitKind.ACQUIRE, "acquire"],
    [WaitKind.CONDITION, "condition"],
    [WaitKind.SEMAPHORE, "semaphore"],
    [WaitKind.EVENT, "event"],
    [WaitKind.BARRIER, "barrier"],
    [WaitKind.QUEUE_GET, "queue-get"],
    [WaitKind.QUEUE_PUT, "queue-put"],
    [WaitKind.QUEUE_JOIN, "queue-join"],
    [WaitKind.SLEEP, "sleep"],
    [WaitKind.STOP_FLAG, "stop-flag"],
    [WaitKind.CONDITION_REACQUIRE, "condition-reacquire"],
    [WaitKind.BARRIER_ENTER, "barrier-enter"],
    [WaitKind.JOIN, "join"],
  ] as const;
  for (const [kind, name] of names) assert.equal(waitKindName(kind), name);
});

Deno.test("waitKindName() names a kind it does not know unknown", () => {
  for (const kind of [0, 9, 15, 21, 99, -1]) {
    assert.equal(waitKindName(kind), "unknown");
  }
});
