// This module is browser compatible.

/**
 * `formatThreadDump`: a thread dump as text, in the spirit of `jstack`.
 *
 * @module
 */

import type {
  DumpedHold,
  DumpedPrimitive,
  DumpedThread,
  DumpedWait,
  ThreadDump,
} from "./thread_dump.ts";

/** How long a park lasts before the summary counts it as long. */
const LONG_PARK_MS = 1000;

function quoteThread(thread: { id: number; name: string }): string {
  return `"${thread.name}" #${thread.id}`;
}

function quotePrimitive(primitive: DumpedPrimitive): string {
  return primitive.name === ""
    ? `${primitive.kind} #${primitive.id}`
    : `${primitive.kind} "${primitive.name}" #${primitive.id}`;
}

/** `1 thread`, `2 threads`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function describeWait(wait: DumpedWait): string {
  const parts = [`waiting (${wait.kind}${wait.timed ? ", timed" : ""})`];
  if (wait.primitive) parts.push(`on ${quotePrimitive(wait.primitive)}`);
  if (wait.owner) parts.push(`owned by ${quoteThread(wait.owner)}`);
  if (wait.thread) parts.push(`for ${quoteThread(wait.thread)} to end`);
  return parts.join(" ");
}

function describeHold(held: DumpedHold): string {
  if (held.kind === "task") {
    return `runs ${quotePrimitive({ ...held, kind: "pool task" })}`;
  }
  if (held.kind === "Semaphore" || held.kind === "BoundedSemaphore") {
    return `holds ${count(held.count, "permit")} of ${quotePrimitive(held)}`;
  }
  const times = held.count > 1 ? ` (${held.count} times)` : "";
  return `holds ${quotePrimitive(held)}${times}`;
}

function threadBlock(thread: DumpedThread, cycleOf: Set<number>): string {
  const head = [`${quoteThread(thread)} ${thread.state}`];
  if (thread.parent !== 0) head.push(`parent #${thread.parent}`);
  if (thread.parkedForMs !== undefined) {
    head.push(`for ${duration(thread.parkedForMs)}`);
  }
  const lines = [head.join(", ")];
  if (thread.waitsOn) {
    const mark = cycleOf.has(thread.id) ? "  <- in a deadlock cycle" : "";
    lines.push(`    - ${describeWait(thread.waitsOn)}${mark}`);
  }
  for (const held of thread.holds) lines.push(`    - ${describeHold(held)}`);
  if (thread.stack) {
    for (const frame of thread.stack.split("\n")) {
      lines.push(`        ${frame}`);
    }
  }
  return lines.join("\n");
}

/** The link from a thread to the one it waits for, as a chain shows it. */
function link(thread: DumpedThread): string {
  const wait = thread.waitsOn!;
  return wait.primitive
    ? `--(${wait.kind} ${quotePrimitive(wait.primitive)})-->`
    : `--(${wait.kind})-->`;
}

/** The thread a parked thread waits for (a lock's owner, a joined thread), 0 for none. */
function target(thread: DumpedThread | undefined): number {
  if (thread?.state !== "parked") return 0;
  return thread.waitsOn?.owner?.id ?? thread.waitsOn?.thread?.id ?? 0;
}

/**
 * Draws every wait-for chain: from each thread nobody waits for, along
 * owners and joins until a thread waits for none or one seen before; then
 * each cycle, from its first thread round to it again.
 */
function chains(dump: ThreadDump): string[] {
  const byId = new Map(dump.threads.map((thread) => [thread.id, thread]));
  const waited = new Set(dump.threads.map(target));
  /** Draws a path of thread ids with the link each takes to the next. */
  const draw = (path: readonly number[]): string => {
    const parts = [quoteThread(byId.get(path[0]!)!)];
    for (let i = 1; i < path.length; i++) {
      const to = byId.get(path[i]!);
      parts.push(link(byId.get(path[i - 1]!)!));
      parts.push(to ? quoteThread(to) : `#${path[i]}`);
    }
    return `  ${parts.join(" ")}`;
  };
  const lines: string[] = [];
  for (const thread of dump.threads) {
    if (target(thread) === 0 || waited.has(thread.id)) continue;
    const path = [thread.id];
    for (let at = thread.id; target(byId.get(at)) !== 0;) {
      at = target(byId.get(at));
      path.push(at);
      if (path.indexOf(at) < path.length - 1) break;
    }
    lines.push(draw(path));
  }
  for (const cycle of dump.cycles) {
    lines.push(`${draw([...cycle, cycle[0]!])}  [deadlock cycle]`);
  }
  return lines;
}

/**
 * Turns a thread dump into text, in the spirit of Java's `jstack`: one block
 * per thread (its state, how long it has been parked, what it waits on and
 * who owns it, what it holds: locks, semaphore permits, the pool task it
 * runs; its stack when captured), then the wait-for
 * chains drawn out with every cycle marked, then a summary line
 * (`5 threads, 2 parked for over 1 s, 1 deadlock cycle`), which names a
 * stall when the dump found one.
 *
 * @param dump A dump from `threadDump()`.
 * @returns The text, lines separated by `\n`, without a trailing newline.
 *
 * @example Usage
 * ```ts
 * import { formatThreadDump, threadDump } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const text = formatThreadDump(threadDump());
 * assert.match(text, /"main" #\d+ running/);
 * assert.match(text, /\d+ threads?, 0 parked for over 1 s, 0 deadlock cycles$/);
 * ```
 */
export function formatThreadDump(dump: ThreadDump): string {
  if (
    typeof dump !== "object" || dump === null || !Array.isArray(dump.threads)
  ) {
    throw new TypeError(
      `Cannot format thread dump "${String(dump)}": it is not a thread dump`,
    );
  }
  const cycleOf = new Set(dump.cycles.flat());
  const lines = [
    `Thread dump at ${new Date(dump.takenAt).toISOString()}`,
    "",
  ];
  for (const thread of dump.threads) {
    lines.push(threadBlock(thread, cycleOf), "");
  }
  const drawn = chains(dump);
  if (drawn.length > 0) lines.push("Wait-for chains:", ...drawn, "");
  const long =
    dump.threads.filter((thread) => (thread.parkedForMs ?? 0) > LONG_PARK_MS)
      .length;
  const stall = dump.stall === "proven"
    ? ", a stall: every live thread is blocked in a wait without a timeout"
    : dump.stall === "possible"
    ? ", a possible stall: every live thread waits without a timeout"
    : "";
  const threads = count(dump.threads.length, "thread");
  const cycles = count(dump.cycles.length, "deadlock cycle");
  lines.push(`${threads}, ${long} parked for over 1 s, ${cycles}${stall}`);
  return lines.join("\n");
}
