/**
 * The loops that `deno task bench:ab <revision> --instructions` counts
 * under valgrind: one operation of `concurrency/` repeated on this thread,
 * in a process of its own, against the library whose `mod.ts` it is given.
 * Each loop is warmed up first so that the function doing the work is
 * optimized before the counted part starts; bench/ab_compare.ts runs each
 * loop at two counts and takes the difference, which cancels start-up.
 *
 * Run as `deno run --allow-read bench/_ab_instructions.ts <url of mod.ts>
 * <operation> <count>`. Uses only public names; when the library lacks one
 * the operation needs, prints `missing <name>` and exits with 3, so the
 * comparison can show that side as not applicable.
 *
 * @module
 */

import type * as Library from "../concurrency/mod.ts";
import type { Codec } from "../generics/codec.ts";

type Concurrency = typeof Library;

/** One counted operation of `concurrency/`. */
export interface InstructionOperation {
  /** The name given on the command line. */
  name: string;
  /** What one operation is, for the table. */
  label: string;
  /** The public names of `concurrency/mod.ts` it uses. */
  uses: readonly string[];
  /** Operations per call of the loop function. */
  batch: number;
  /** Calls of the loop function before the counted part. */
  warmUpBatches: number;
  /** The two counts whose difference gives the instructions per operation. */
  counts: readonly [number, number];
  /** Builds the loop function: `loop(n)` does the operation `n` times. */
  prepare(library: Concurrency): (n: number) => void;
}

/** Decodes to the message's length: the queue's transport without an allocation per message. */
const lengthCodec: Codec<Uint8Array | number> = {
  encode: (message) => message as Uint8Array,
  decode: (bytes) => bytes.length,
};

/** The operations counted, in the order of the table. */
export const INSTRUCTION_OPERATIONS: readonly InstructionOperation[] = [
  {
    name: "lock",
    label: "Lock acquire+release",
    uses: ["Lock"],
    batch: 1000,
    warmUpBatches: 400,
    counts: [2_000_000, 6_000_000],
    prepare(library) {
      const lock = new library.Lock();
      return (n) => {
        for (let i = 0; i < n; i++) {
          lock.acquire();
          lock.release();
        }
      };
    },
  },
  {
    name: "semaphore",
    label: "Semaphore acquire+release",
    uses: ["Semaphore"],
    batch: 1000,
    warmUpBatches: 400,
    counts: [1_000_000, 3_000_000],
    prepare(library) {
      const semaphore = new library.Semaphore(1);
      return (n) => {
        for (let i = 0; i < n; i++) {
          semaphore.acquire();
          semaphore.release();
        }
      };
    },
  },
  {
    name: "event",
    label: "Event set+isSet+clear",
    uses: ["Event"],
    batch: 1000,
    warmUpBatches: 400,
    counts: [1_000_000, 3_000_000],
    prepare(library) {
      const event = new library.Event();
      return (n) => {
        for (let i = 0; i < n; i++) {
          event.set();
          if (!event.isSet()) throw new Error("The event did not stay set");
          event.clear();
        }
      };
    },
  },
  {
    name: "event-wait",
    label: "Event wait, timeout 0, not set",
    uses: ["Event"],
    batch: 100,
    warmUpBatches: 400,
    counts: [100_000, 300_000],
    prepare(library) {
      const event = new library.Event();
      const options = { timeout: 0 };
      return (n) => {
        for (let i = 0; i < n; i++) {
          if (event.wait(options)) throw new Error("The event was set");
        }
      };
    },
  },
  {
    name: "condition",
    label: "Condition wait, timeout 0",
    uses: ["Condition", "Lock"],
    batch: 100,
    warmUpBatches: 400,
    counts: [100_000, 300_000],
    prepare(library) {
      const condition = new library.Condition(new library.Lock());
      condition.acquire();
      const options = { timeout: 0 };
      return (n) => {
        for (let i = 0; i < n; i++) {
          if (condition.wait(options)) throw new Error("Nothing notified");
        }
      };
    },
  },
  {
    name: "queue",
    label: "SharedQueue put+get, 64 bytes",
    uses: ["SharedQueue"],
    batch: 1000,
    warmUpBatches: 400,
    counts: [200_000, 600_000],
    prepare(library) {
      const queue = new library.SharedQueue<Uint8Array | number>({
        capacity: 4096,
        codec: lengthCodec,
      });
      const message = new Uint8Array(64).fill(7);
      return (n) => {
        let bytes = 0;
        for (let i = 0; i < n; i++) {
          queue.put(message);
          bytes += queue.get() as number;
        }
        if (bytes !== n * 64) {
          throw new Error(`Received ${bytes} bytes, expected ${n * 64}`);
        }
      };
    },
  },
];

/**
 * Runs one operation `count` times (after its warm-up) against the library
 * at `libraryUrl`.
 *
 * @param libraryUrl The URL of a `concurrency/mod.ts`.
 * @param operation The operation.
 * @param count How many times; a multiple of the operation's batch.
 * @returns The public name the library lacks, or undefined when it ran.
 */
export async function runOperation(
  libraryUrl: string,
  operation: InstructionOperation,
  count: number,
): Promise<string | undefined> {
  const library: Concurrency = await import(libraryUrl);
  const missing = operation.uses.find((name) =>
    (library as Record<string, unknown>)[name] === undefined
  );
  if (missing !== undefined) return missing;
  const loop = operation.prepare(library);
  for (let batch = 0; batch < operation.warmUpBatches; batch++) {
    loop(operation.batch);
  }
  for (let batch = 0; batch < count / operation.batch; batch++) {
    loop(operation.batch);
  }
  return undefined;
}

/**
 * The command line: `<url of mod.ts> <operation> <count>`.
 *
 * @param args The command-line arguments.
 */
export async function main(args: string[]): Promise<void> {
  const [libraryUrl, name, countText] = args;
  const operation = INSTRUCTION_OPERATIONS.find((each) => each.name === name);
  const count = Number(countText);
  if (
    libraryUrl === undefined || operation === undefined ||
    !Number.isInteger(count / operation.batch) || count < 0
  ) {
    throw new TypeError(
      `Cannot count "${
        args.join(" ")
      }": give <url of mod.ts> <operation> <count, a multiple of its batch>`,
    );
  }
  const missing = await runOperation(libraryUrl, operation, count);
  if (missing !== undefined) {
    console.log(`missing ${missing}`);
    Deno.exit(3);
  }
  console.log(`done ${operation.name} ${count}`);
}

if (import.meta.main) await main(Deno.args);
