#!/usr/bin/env -S deno run
/**
 * The generics/ section of `deno task demo`: each container and the framing
 * at work, printed step by step. Needs no permissions: the byte stream it
 * frames over is in memory.
 *
 * ```sh
 * deno run jsr:@wirework/wirework/generics/demo
 * ```
 *
 * @module
 */

import { COMMON_USAGE, runScript } from "../_cli.ts";
import {
  type Comparable,
  jsonCodec,
  maxBy,
  PriorityQueue,
  Queue,
  readFrames,
  type ReadonlyStack,
  type Sink,
  Stack,
  textCodec,
  writeFrame,
} from "./mod.ts";

const HELP = `Usage: demo.ts [options]

Prints a tour of generics/: Stack, Queue, PriorityQueue, maxBy, the
variance-annotated views, and codecs with length-prefixed framing. Needs no
permissions.

Options:
${COMMON_USAGE}`;

class Version implements Comparable<Version> {
  constructor(readonly major: number, readonly minor: number) {}
  compareTo(other: Version): number {
    return this.major - other.major || this.minor - other.minor;
  }
  toString(): string {
    return `v${this.major}.${this.minor}`;
  }
}

function stackTour(): void {
  console.log("\n-- Stack<string>: last in, first out");
  const stack = Stack.from(["open file", "read line", "parse field"]);
  console.log(`  from three calls, top first: ${[...stack].join(" > ")}`);
  console.log(
    `  pop() -> ${stack.pop()}; peek() -> ${stack.peek()}; size ${stack.size}`,
  );
  try {
    new Stack<string>().pop();
  } catch (error) {
    console.log(
      `  pop() on an empty stack throws ${(error as Error).name}: ${
        (error as Error).message
      }`,
    );
  }
}

function queueTour(): void {
  console.log("\n-- Queue<number>: a deque on a growable ring buffer");
  const queue = new Queue<number>();
  for (let n = 1; n <= 5; n++) queue.push(n);
  queue.pushFront(0);
  console.log(`  push 1..5, pushFront 0: [${[...queue]}]`);
  console.log(
    `  shift() -> ${queue.shift()}, pop() -> ${queue.pop()}, at(-1) -> ${
      queue.at(-1)
    }`,
  );
  for (let n = 0; n < 100_000; n++) {
    queue.push(n);
    queue.shift();
  }
  console.log(
    `  100000 push+shift pairs later: size ${queue.size}, front ${queue.peekFront()} (each O(1))`,
  );
}

function priorityQueueTour(): void {
  console.log("\n-- PriorityQueue: a binary min-heap");
  const numbers = PriorityQueue.from([42, 7, 19, 3, 25]);
  console.log(
    `  numbers need no comparator; drain(): ${[...numbers.drain()].join(", ")}`,
  );
  interface Task {
    name: string;
    deadline: number;
  }
  const tasks = new PriorityQueue<Task>((a, b) => a.deadline - b.deadline);
  tasks.push({ name: "write report", deadline: 3 });
  tasks.push({ name: "fix build", deadline: 1 });
  tasks.push({ name: "review PR", deadline: 2 });
  console.log(
    `  objects need one (by deadline): ${
      [...tasks.drain()].map((task) => task.name).join(", ")
    }`,
  );
  const versions = PriorityQueue.from([
    new Version(2, 0),
    new Version(1, 10),
    new Version(1, 2),
  ]);
  console.log(
    `  Comparable elements order themselves: ${
      [...versions.drain()].join(", ")
    }`,
  );
}

function varianceTour(): void {
  console.log("\n-- maxBy and the variance-annotated views");
  interface Animal {
    name: string;
    weightKg: number;
  }
  interface Dog extends Animal {
    breed: string;
  }
  const dogs = Stack.from<Dog>([
    { name: "Rex", weightKg: 30, breed: "shepherd" },
    { name: "Fido", weightKg: 8, breed: "terrier" },
  ]);
  // ReadonlyStack<out T>: a stack of dogs may be read as a stack of animals.
  const animals: ReadonlyStack<Animal> = dogs;
  const heaviest = maxBy(animals, (animal) => animal.weightKg);
  console.log(
    `  the heaviest animal on a ReadonlyStack<Animal> built from dogs: ${heaviest?.name}`,
  );
  // Sink<in T>: a queue that takes any animal can be handed out as a sink of dogs.
  const shelter = new Queue<Animal>();
  const dogIntake: Sink<Dog> = shelter;
  dogIntake.push({ name: "Bella", weightKg: 12, breed: "beagle" });
  console.log(
    `  a Queue<Animal> used as a Sink<Dog> now holds: ${shelter.peekFront().name}`,
  );
}

async function framingTour(): Promise<void> {
  console.log("\n-- Codecs and length-prefixed framing over a byte stream");
  type Reading = { sensor: string; celsius: number };
  const codec = jsonCodec<Reading>();
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const chunks: number[] = [];
  // Tap the stream to show the bytes on the wire.
  const [wire, tap] = readable.tee();
  const tapping = (async () => {
    for await (const chunk of tap) chunks.push(chunk.length);
  })();
  const writer = writable.getWriter();
  const sending = (async () => {
    await writeFrame(writer, codec, { sensor: "kitchen", celsius: 21.5 });
    await writeFrame(writer, codec, { sensor: "attic", celsius: 31 });
    await writer.close();
  })();
  for await (
    const reading of readFrames(wire, codec, { maxFrameBytes: 1024 })
  ) {
    console.log(`  received ${reading.sensor}: ${reading.celsius} °C`);
  }
  await sending;
  await tapping;
  console.log(
    `  on the wire: frames of ${
      chunks.join(" and ")
    } bytes (4-byte big-endian length + JSON)`,
  );
  const utf8 = textCodec.encode("hé");
  console.log(
    `  textCodec.encode("hé") -> [${
      [...utf8].map((byte) => byte.toString(16).padStart(2, "0")).join(" ")
    }]`,
  );
}

/**
 * Runs the tour.
 *
 * @param args The command-line arguments: only the shared ones.
 */
async function main(args: string[]): Promise<void> {
  await runScript(
    args,
    { name: "demo.ts", usage: HELP, options: {} },
    async () => {
      console.log("== generics/: typed containers and codecs at work");
      stackTour();
      queueTour();
      priorityQueueTour();
      varianceTour();
      await framingTour();
    },
  );
}

if (import.meta.main) await main(Deno.args);
