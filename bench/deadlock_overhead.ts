/**
 * What deadlock detection and lock-order validation cost an uncontended
 * `Lock` acquire+release, side by side in one run, as ratios
 * against detection off. Targets: detection on ≤ 1.1x, lock-order
 * validation on ≤ 3x. Run-time detection only runs inside a wait that has
 * lasted 5 ms, so its row measures the same fast path; validation runs on
 * every acquire while it is on. The nested rows take the measured lock while
 * holding another, so validation also looks the order up in the shared graph.
 *
 * ```sh
 * deno run --allow-read=. --allow-write=bench/results.json bench/deadlock_overhead.ts [--iterations 1000000] [--rounds 15]
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { configure, type DeadlockConfig, Lock } from "../concurrency/mod.ts";
import { type Comparison, recordComparisons } from "./_results.ts";

interface Mode {
  readonly label: string;
  readonly settings: Partial<DeadlockConfig>;
  readonly nested: boolean;
}

const MODES: readonly Mode[] = [
  {
    label: "detection off",
    settings: { deadlockDetection: false, lockOrder: "off" },
    nested: false,
  },
  {
    label: "detection on (default)",
    settings: { deadlockDetection: true, lockOrder: "off" },
    nested: false,
  },
  {
    label: "lock-order validation on",
    settings: { deadlockDetection: true, lockOrder: "throw" },
    nested: false,
  },
  {
    label: "nested, detection off",
    settings: { deadlockDetection: false, lockOrder: "off" },
    nested: true,
  },
  {
    label: "nested, validation on",
    settings: { deadlockDetection: true, lockOrder: "throw" },
    nested: true,
  },
];

/** Nanoseconds per acquire+release of `lock`, over `iterations`. */
function measure(lock: Lock, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    lock.acquire();
    lock.release();
  }
  return (performance.now() - start) * 1e6 / iterations;
}

/** Runs the benchmark and prints one line per mode and the ratios. */
export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      iterations: { type: "string", default: "1000000" },
      rounds: { type: "string", default: "15" },
    },
  });
  const iterations = Number(values.iterations);
  const rounds = Number(values.rounds);
  const outer = new Lock({ name: "outer" });
  const lock = new Lock({ name: "measured" });
  const best = MODES.map(() => Infinity);
  const previous = configure();
  try {
    // Interleaved rounds, best of each: the machine's noise hits every mode alike.
    for (let round = 0; round < rounds; round++) {
      MODES.forEach((mode, i) => {
        configure(mode.settings);
        if (mode.nested) outer.acquire();
        try {
          best[i] = Math.min(best[i]!, measure(lock, iterations));
        } finally {
          if (mode.nested) outer.release();
        }
      });
    }
  } finally {
    configure(previous);
  }
  console.log(
    `uncontended Lock acquire+release, best of ${rounds} x ${iterations}:`,
  );
  MODES.forEach((mode, i) => {
    console.log(`  ${mode.label.padEnd(26)} ${best[i]!.toFixed(1)} ns`);
  });
  const ratio = (a: number, b: number): string =>
    (best[a]! / best[b]!).toFixed(2);
  console.log(
    `detection on / off:             ${ratio(1, 0)}x (target <= 1.1x)`,
  );
  console.log(`validation on / detection off:  ${ratio(2, 0)}x (target <= 3x)`);
  console.log(`nested, validation on / off:    ${ratio(4, 3)}x (target <= 3x)`);
  const compare = (
    id: string,
    title: string,
    on: number,
    off: number,
    target: number,
  ): Comparison => ({
    id: `concurrency.deadlock.${id}`,
    title,
    ratio: best[on]! / best[off]!,
    target,
    direction: "at-most",
    peer: MODES[off]!.label,
    figures: { [MODES[on]!.label]: best[on]!, [MODES[off]!.label]: best[off]! },
    unit: "ns",
  });
  await recordComparisons("bench:deadlock", [
    compare(
      "detection_cost",
      "Uncontended Lock acquire+release, deadlock detection on vs off",
      1,
      0,
      1.1,
    ),
    compare(
      "validation_cost",
      "Same, lock-order validation on vs detection off",
      2,
      0,
      3,
    ),
    compare(
      "validation_cost_nested",
      "Same while holding another lock, validation on vs off",
      4,
      3,
      3,
    ),
  ]);
}

if (import.meta.main) await main(Deno.args);
