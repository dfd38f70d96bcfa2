/** Shared setup for the deadlock tests: settling workers, expected cycles. */

import {
  configure,
  type DeadlockConfig,
  type DeadlockCycleEntry,
  type WorkerHandle,
} from "../../concurrency/mod.ts";
import { within } from "./concurrency_workers.ts";

/** How a worker ended: its value, or the error it threw. */
export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; error: unknown };

/** Waits (bounded) for every worker's result, keeping errors as outcomes. */
export function settle(
  workers: readonly WorkerHandle<unknown>[],
  timeout = 30_000,
): Promise<Outcome[]> {
  return within(
    Promise.all(
      workers.map((worker) =>
        worker.result.then(
          (value): Outcome => ({ ok: true, value }),
          (error): Outcome => ({ ok: false, error }),
        )
      ),
    ),
    timeout,
  );
}

/** A lock as the reports name it. */
export interface NamedLock {
  readonly id: number;
  readonly name: string;
}

/**
 * The cycle a deadlock report must show when each worker holds `holds[i]`
 * and waits for `waitsFor[i]`: in wait-for order, from the lowest thread id.
 */
export function expectedCycle(
  workers: readonly WorkerHandle<unknown>[],
  holds: readonly NamedLock[],
  waitsFor: readonly NamedLock[],
): DeadlockCycleEntry[] {
  const entries = workers.map((worker, i) => ({
    threadId: worker.threadId,
    threadName: worker.name,
    holds: { id: holds[i]!.id, name: holds[i]!.name },
    waitsFor: { id: waitsFor[i]!.id, name: waitsFor[i]!.name },
  }));
  // Wait-for order: the next entry holds what this one waits for.
  const ordered = [entries.reduce((a, b) => (a.threadId < b.threadId ? a : b))];
  while (ordered.length < entries.length) {
    const last = ordered[ordered.length - 1]!;
    ordered.push(entries.find((entry) => entry.holds.id === last.waitsFor.id)!);
  }
  return ordered;
}

/** Runs `body` with the settings changed, restoring the previous ones on every path. */
export async function withConfig<T>(
  settings: Partial<DeadlockConfig>,
  body: () => Promise<T> | T,
): Promise<T> {
  const previous = configure(settings);
  try {
    return await body();
  } finally {
    configure(previous);
  }
}
