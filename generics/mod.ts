/**
 * Type-safe generic building blocks — a {@linkcode Stack}, a double-ended
 * {@linkcode Queue}, a {@linkcode PriorityQueue}, {@linkcode Codec}s and
 * length-prefixed framing ({@linkcode writeFrame}, {@linkcode readFrames}) —
 * whose type guarantees are tested as hard as their behaviour: every misuse
 * the types refuse has a test that fails `deno check` when it stops being
 * refused. `net/` and `concurrency/` build on them.
 *
 * ## Python's generics, the TypeScript way
 *
 * | Python (`typing`, PEP 484/544/695)                       | TypeScript                                                             | here                                                                    |
 * | -------------------------------------------------------- | ---------------------------------------------------------------------- | ----------------------------------------------------------------------- |
 * | `T = TypeVar("T")`                                        | a type parameter, declared where used: `function f<T>(x: T): T`        | {@linkcode maxBy}`<T>`                                                  |
 * | `class Stack(Generic[T])`                                 | `class Stack<T>`                                                       | {@linkcode Stack}, {@linkcode Queue}                                    |
 * | `TypeVar("T", bound=SupportsLessThan)`                    | a constraint: `<T extends Comparable<T>>`, or a conditional type       | {@linkcode PriorityQueue} needs no comparator only for such `T`         |
 * | `TypeVar("T_co", covariant=True)`                         | an `out` annotation: `interface ReadonlyStack<out T>`                  | {@linkcode ReadonlyStack}                                               |
 * | `TypeVar("T_contra", contravariant=True)`                 | an `in` annotation: `interface Sink<in T>`                             | {@linkcode Sink}                                                        |
 * | `class SupportsClose(Protocol)`                           | any interface: TypeScript types are structural, no `implements` needed | {@linkcode Comparable}, {@linkcode Codec}                               |
 * | PEP 695: `class Stack[T]: ...`, `def first[T](xs: list[T]) -> T` | the same, with angle brackets: `class Stack<T>`, `function first<T>(xs: T[]): T` | all of the above                                              |
 * | PEP 695: `type Pair[T] = tuple[T, T]`                     | `type Pair<T> = [T, T]`                                                |                                                                         |
 *
 * Two differences matter in practice. Python checks types only in a separate
 * checker and never at run time; TypeScript does the same (`deno check`), so
 * a `jsonCodec<T>()` promises `T` but cannot check it — wrap it with
 * {@linkcode mapCodec} to validate. And where Python's variance lives on the
 * `TypeVar`, TypeScript infers it from how `T` is used (as PEP 695 type
 * parameters do), with `in`/`out` annotations to state it and have it
 * checked; method parameters are checked
 * loosely (bivariantly), which is why {@linkcode Sink} declares `push` as a
 * function-valued property.
 *
 * @example Containers
 * ```ts
 * import { PriorityQueue, Queue, Stack } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const stack = Stack.from([1, 2, 3]);
 * assert.equal(stack.pop(), 3);
 *
 * const queue = Queue.from(["a", "b"]);
 * assert.equal(queue.shift(), "a");
 *
 * const heap = PriorityQueue.from([5, 1, 3]);
 * assert.deepEqual([...heap.drain()], [1, 3, 5]);
 * ```
 *
 * @example Python's generics ideas, in TypeScript
 * ```ts
 * import {
 *   type Comparable,
 *   maxBy,
 *   PriorityQueue,
 *   type ReadonlyStack,
 *   type Sink,
 *   Stack,
 * } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * // TypeVar + a generic function: T is inferred from the argument.
 * function first<T>(items: readonly T[]): T | undefined {
 *   return items[0];
 * }
 * const word: string | undefined = first(["a", "b"]);
 * assert.equal(word, "a");
 *
 * // Generic[T], PEP 695 style: `class Box[T]` is `class Box<T>`.
 * class Box<T> {
 *   constructor(readonly value: T) {}
 * }
 * assert.equal(new Box(7).value + 1, 8);
 *
 * // bound=: a Protocol-like interface and a constrained type variable.
 * class Money implements Comparable<Money> {
 *   constructor(readonly cents: number) {}
 *   compareTo(other: Money): number {
 *     return this.cents - other.cents;
 *   }
 * }
 * function smallest<T extends Comparable<T>>(items: T[]): T {
 *   return items.reduce((a, b) => (a.compareTo(b) <= 0 ? a : b));
 * }
 * assert.equal(smallest([new Money(500), new Money(20)]).cents, 20);
 * assert.equal(PriorityQueue.from([new Money(3), new Money(1)]).pop().cents, 1);
 * assert.equal(maxBy([new Money(3), new Money(9)], (m) => m.cents)?.cents, 9);
 *
 * // covariant / contravariant: out and in.
 * interface Animal { name: string }
 * interface Dog extends Animal { bark(): string }
 * const dogs = Stack.from<Dog>([{ name: "Rex", bark: () => "woof" }]);
 * const readable: ReadonlyStack<Animal> = dogs; // out T: Dog -> Animal is fine
 * const animals = new Stack<Animal>();
 * const dogSink: Sink<Dog> = animals; // in T: a sink of animals takes dogs
 * dogSink.push(readable.peek() as Dog);
 * assert.equal(animals.size, 1);
 * ```
 *
 * @example Typed frames over a byte stream
 * ```ts
 * import { jsonCodec, readFrames, writeFrame } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const codec = jsonCodec<{ n: number }>();
 * const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
 * const received = Array.fromAsync(readFrames(readable, codec));
 * const writer = writable.getWriter();
 * await writeFrame(writer, codec, { n: 1 });
 * await writer.close();
 * assert.deepEqual(await received, [{ n: 1 }]);
 * ```
 *
 * @module
 */
export * from "./codec.ts";
export * from "./comparable.ts";
export * from "./frame_error.ts";
export * from "./max_by.ts";
export * from "./priority_queue.ts";
export * from "./queue.ts";
export * from "./read_frames.ts";
export * from "./readonly_stack.ts";
export * from "./sink.ts";
export * from "./stack.ts";
export * from "./write_frame.ts";
