/**
 * Type tests for generics/: every misuse the module promises to refuse is a
 * `@ts-expect-error` line, and every return type an exact-type assertion.
 * `deno check` (part of `deno task check`) fails when a refused misuse starts
 * compiling, because an unused `@ts-expect-error` is itself an error. The
 * misuses sit in functions that are never called: they are here to be
 * type-checked, not run.
 */
import assert from "node:assert/strict";
import {
  type Codec,
  type Comparable,
  jsonCodec,
  mapCodec,
  maxBy,
  PriorityQueue,
  Queue,
  readFrames,
  type ReadonlyStack,
  type Sink,
  Stack,
  textCodec,
  writeFrame,
} from "../../generics/mod.ts";
import { assertType, type IsExact } from "../_helpers/generics_types.ts";

interface Animal {
  name: string;
}
interface Dog extends Animal {
  bark(): string;
}

class Version implements Comparable<Version> {
  constructor(readonly major: number) {}
  compareTo(other: Version): number {
    return this.major - other.major;
  }
}

/** Compares only with a subtype of itself, so it is not Comparable of itself. */
interface Narrow {
  rank: number;
  compareTo(other: Narrow & { extra: true }): number;
}

function _theHelperItselfWorks(): void {
  assertType<IsExact<string, string>>(true);
  assertType<IsExact<string, "a">>(false);
  assertType<IsExact<number | undefined, number>>(false);
  // @ts-expect-error the helper refuses a wrong claim
  assertType<IsExact<string, number>>(true);
}

function _stackElementTypes(): void {
  const strings = new Stack<string>();
  // @ts-expect-error a Stack<string> takes strings only
  strings.push(10);
  // @ts-expect-error Stack.from infers number from its items
  Stack.from([1, 2]).push("3");
  // @ts-expect-error size is read-only
  strings.size = 3;

  assertType<IsExact<ReturnType<typeof strings.pop>, string>>(true);
  assertType<IsExact<ReturnType<typeof strings.peek>, string>>(true);
  assertType<IsExact<ReturnType<typeof strings.tryPop>, string | undefined>>(
    true,
  );
  assertType<IsExact<ReturnType<typeof strings.tryPeek>, string | undefined>>(
    true,
  );
  assertType<
    IsExact<typeof Stack.from<Dog>, (items: Iterable<Dog>) => Stack<Dog>>
  >(
    true,
  );
  assertType<IsExact<ReturnType<typeof Stack.from<string>>, Stack<string>>>(
    true,
  );
  const spread = [...Stack.from(["a"])];
  assertType<IsExact<typeof spread, string[]>>(true);
}

function _queueElementTypes(): void {
  const numbers = new Queue<number>();
  // @ts-expect-error a Queue<number> takes numbers only
  numbers.push("1");
  // @ts-expect-error at the front too
  numbers.pushFront(null);
  assertType<IsExact<ReturnType<typeof numbers.shift>, number>>(true);
  assertType<IsExact<ReturnType<typeof numbers.pop>, number>>(true);
  assertType<IsExact<ReturnType<typeof numbers.at>, number | undefined>>(true);
  assertType<IsExact<ReturnType<typeof numbers.tryShift>, number | undefined>>(
    true,
  );
  assertType<IsExact<ReturnType<typeof numbers.peekBack>, number>>(true);
  assertType<IsExact<ReturnType<typeof Queue.from<"a">>, Queue<"a">>>(true);
}

function _priorityQueueComparators(): void {
  // The default comparator: numbers, strings, their unions, Comparables.
  new PriorityQueue<number>();
  new PriorityQueue<string>();
  new PriorityQueue<number | string>();
  new PriorityQueue<"low" | "high">();
  new PriorityQueue<Version>();
  PriorityQueue.from([new Version(1)]);

  // @ts-expect-error no default comparator for objects
  new PriorityQueue<{ priority: number }>();
  // @ts-expect-error nor for an object array given to from()
  PriorityQueue.from([{ priority: 1 }]);
  // @ts-expect-error nor for a union of a number and an object
  new PriorityQueue<number | Dog>();
  // @ts-expect-error nor for bigint, boolean or Date
  new PriorityQueue<bigint>();
  // @ts-expect-error a Date has no compareTo
  new PriorityQueue<Date>();
  // @ts-expect-error nor when compareTo only takes a subtype
  new PriorityQueue<Narrow>();
  // @ts-expect-error nor with no element type to go on
  new PriorityQueue();

  // With a comparator, any element type; T is inferred from it.
  const jobs = new PriorityQueue((a: Dog, b: Dog) =>
    a.name.localeCompare(b.name)
  );
  assertType<IsExact<typeof jobs, PriorityQueue<Dog>>>(true);
  const fromDogs = PriorityQueue.from(
    [] as Dog[],
    (a, b) => a.name.length - b.name.length,
  );
  assertType<IsExact<typeof fromDogs, PriorityQueue<Dog>>>(true);
  // @ts-expect-error the comparator must take the element type
  new PriorityQueue<number>((a: string, b: string) => a.length - b.length);
  // @ts-expect-error a comparator returns a number
  new PriorityQueue<Dog>((a: Dog, b: Dog) => a.name < b.name);

  const numbers = PriorityQueue.from([3, 1, 2]);
  assertType<IsExact<typeof numbers, PriorityQueue<number>>>(true);
  // @ts-expect-error a PriorityQueue<number> takes numbers only
  numbers.push("4");
  assertType<IsExact<ReturnType<typeof numbers.pop>, number>>(true);
  assertType<IsExact<ReturnType<typeof numbers.tryPeek>, number | undefined>>(
    true,
  );
  assertType<
    IsExact<
      ReturnType<typeof numbers.drain>,
      Generator<number, void, undefined>
    >
  >(true);
}

function _varianceOfTheViews(
  dogs: Stack<Dog>,
  animals: Stack<Animal>,
  dogView: ReadonlyStack<Dog>,
  animalView: ReadonlyStack<Animal>,
  dogSink: Sink<Dog>,
  animalSink: Sink<Animal>,
): void {
  // Covariant: a view of dogs is a view of animals.
  const _fromStack: ReadonlyStack<Animal> = dogs;
  const _fromView: ReadonlyStack<Animal> = dogView;
  // @ts-expect-error not the other way round: an animal may not bark
  const _narrowedView: ReadonlyStack<Dog> = animalView;
  // @ts-expect-error nor from a stack of animals
  const _narrowedStack: ReadonlyStack<Dog> = animals;

  // Contravariant: what takes any animal takes dogs.
  const _widenedSink: Sink<Dog> = animalSink;
  const _fromQueue: Sink<Dog> = new Queue<Animal>();
  const _fromHeap: Sink<number> = new PriorityQueue<number | string>();
  // @ts-expect-error not the other way round: a dog sink refuses cats
  const _dogsAsAnimals: Sink<Animal> = dogSink;
  // @ts-expect-error nor a stack of dogs
  const _stackAsAnimals: Sink<Animal> = dogs;
  // @ts-expect-error nor a queue of dogs
  const _queueAsAnimals: Sink<Animal> = new Queue<Dog>();

  // @ts-expect-error a read-only view has no push
  dogView.push({ name: "Rex", bark: () => "woof" });
  // @ts-expect-error a sink has no pop
  animalSink.pop();
  assertType<IsExact<ReturnType<typeof dogView.peek>, Dog>>(true);
  assertType<IsExact<ReturnType<typeof animalSink.push>, number>>(true);
}

function _codecsKeepTheirType(
  reader: ReadableStream<Uint8Array>,
  writer: WritableStreamDefaultWriter<Uint8Array>,
): void {
  type Point = { x: number; y: number };
  const points = jsonCodec<Point>();
  assertType<IsExact<typeof points, Codec<Point>>>(true);
  assertType<IsExact<ReturnType<typeof points.decode>, Point>>(true);
  assertType<IsExact<typeof textCodec, Codec<string>>>(true);

  // @ts-expect-error a text codec does not decode to a number
  const _number: number = textCodec.decode(new Uint8Array());
  // @ts-expect-error nor can it stand for a codec of numbers
  const _numbers: Codec<number> = textCodec;
  // @ts-expect-error a point codec does not encode strings
  points.encode("1,2");

  // @ts-expect-error writeFrame checks the value against the codec
  writeFrame(writer, textCodec, 42);
  // @ts-expect-error and the object shape too
  writeFrame(writer, points, { x: 1 });
  assertType<IsExact<ReturnType<typeof writeFrame<Point>>, Promise<void>>>(
    true,
  );

  const frames = readFrames(reader, points);
  assertType<IsExact<typeof frames, AsyncGenerator<Point, void, undefined>>>(
    true,
  );
  (async () => {
    for await (const text of readFrames(reader, textCodec)) {
      assertType<IsExact<typeof text, string>>(true);
      // @ts-expect-error frames read with a text codec are strings
      const _point: Point = text;
    }
  })();

  const port = mapCodec(textCodec, Number, String);
  assertType<IsExact<typeof port, Codec<number>>>(true);
  // @ts-expect-error the conversion must take what the inner codec decodes
  mapCodec(textCodec, (bytes: Uint8Array) => bytes.length, String);
}

function _maxByKeepsTheElementType(): void {
  const best = maxBy([{ name: "a", age: 1 }], (person) => person.age);
  assertType<IsExact<typeof best, { name: string; age: number } | undefined>>(
    true,
  );
  // @ts-expect-error the key must be a number
  maxBy(["a", "b"], (text) => text);
  // @ts-expect-error the key takes the element type
  maxBy([1, 2], (text: string) => text.length);
}

Deno.test("the covariant and contravariant views accept what their types allow", () => {
  const rex: Dog = { name: "Rex", bark: () => "woof" };
  const dogs = Stack.from([rex]);
  const view: ReadonlyStack<Animal> = dogs;
  assert.equal(view.peek().name, "Rex");

  const everything = new Queue<Animal>();
  const dogSink: Sink<Dog> = everything;
  dogSink.push(rex);
  assert.equal(everything.peekFront(), rex);
});
