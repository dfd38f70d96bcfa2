// This module is browser compatible.

/**
 * `SharedPrimitive`: what every primitive does the same way — its block in
 * the shared runtime, its id and name, and its release (`dispose()`,
 * `using`, or the garbage collector).
 *
 * @module
 */

import { dropReference, recordReference } from "./_arena.ts";
import {
  currentThreadId,
  handleFields,
  kindName,
  Primitive,
  primitiveIndex,
  PrimitiveKind,
  primitiveName,
  revival,
  words,
} from "./_runtime.ts";

/** The runtime's number for a kind of primitive, from its class name. */
function kindNumber(kind: string): number {
  const number = (PrimitiveKind as Record<string, number>)[kind];
  if (number === undefined) {
    throw new TypeError(`Cannot make a primitive of kind "${kind}"`);
  }
  return number;
}

/** Arena indices stay below 2**28 (the runtime's 1 GiB limit). */
const INDEX_RANGE = 2 ** 28;

/**
 * Drops the reference of an object the garbage collector took, in the
 * thread that held it (the entry and the index, packed in one number).
 */
const finalizers = new FinalizationRegistry<number>((packed) => {
  dropReference(Math.floor(packed / INDEX_RANGE), packed % INDEX_RANGE);
});

const disposedPrototypes = new WeakMap<object, object>();

/**
 * A prototype that shadows every method and accessor of `prototype` (and
 * its parents) with one that throws, so a disposed object fails clearly on
 * any call, while a live object's calls cost nothing more.
 */
function disposedPrototype(prototype: object, kind: string): object {
  let disposed = disposedPrototypes.get(prototype);
  if (disposed !== undefined) return disposed;
  disposed = Object.create(prototype) as object;
  for (
    let source = prototype;
    source !== Object.prototype && source !== null;
    source = Object.getPrototypeOf(source)
  ) {
    for (const key of Reflect.ownKeys(source)) {
      if (key === "constructor" || Object.hasOwn(disposed, key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(source, key)!;
      const label = typeof key === "symbol" ? key.toString() : key;
      const fail = (): never => {
        throw new TypeError(
          `Cannot use ${label} of a ${kind} that was disposed: its shared memory is freed`,
        );
      };
      const inert = key === "dispose" || key === Symbol.dispose;
      if (descriptor.get !== undefined || descriptor.set !== undefined) {
        Object.defineProperty(disposed, key, { get: fail, set: fail });
      } else if (typeof descriptor.value === "function") {
        Object.defineProperty(disposed, key, {
          value: inert ? () => {} : fail,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  disposedPrototypes.set(prototype, disposed);
  return disposed;
}

/**
 * What every primitive shares: a block in the process-wide runtime, a
 * stable `id`, a `name`, and a reference that keeps the block alive.
 *
 * Each object counts once, in shared memory, for as long as it lives: the
 * one `new` made and each one `from(handle)` revived, in any thread. The
 * block (state words and name) is freed for reuse when the last of them is
 * released, by `dispose()` (or `using`), by the garbage collector once the
 * object is unreachable, or when its thread ends. Calling a disposed object
 * throws a `TypeError`.
 *
 * A handle is not a reference: keep an object alive (do not dispose it)
 * until the thread you posted its handle to has revived it, or pass it in
 * `spawn`'s `args`, which does that for you. Reviving a handle whose
 * primitive was freed throws a `TypeError`.
 *
 * @example Usage
 * ```ts
 * import { Lock, SharedPrimitive } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const handle = (() => {
 *   using lock = new Lock({ name: "short-lived" });
 *   assert.ok(lock instanceof SharedPrimitive);
 *   assert.equal(lock.name, "short-lived");
 *   return lock.handle;
 * })();
 * // Disposed at the end of its block: its memory is reused.
 * assert.throws(() => Lock.from(handle), /freed/);
 * ```
 */
export abstract class SharedPrimitive {
  readonly #index: number;
  #entry: number;

  /**
   * Allocates the primitive's block (or adopts the one a subclass's `from()`
   * revived, see {@linkcode SharedPrimitive.revive}) and records this
   * object's reference to it.
   *
   * @param options The subclass's options: its `name`, or a revival.
   * @param kind The primitive's kind: the subclass's name (`"Lock"`).
   * @param stateWords How many state words a new primitive of this kind has.
   * @throws {RangeError} When the runtime's memory is at its limit.
   */
  protected constructor(
    options: { name?: string },
    kind: string,
    stateWords: number,
  ) {
    const index = primitiveIndex(options, kindNumber(kind), stateWords);
    this.#index = index;
    this.#entry = recordReference(index);
    finalizers.register(this, this.#entry * INDEX_RANGE + index, this);
  }

  /**
   * Opens a handle for a subclass's `from()`: checks it, takes a reference
   * on its primitive and returns the constructor options that adopt it.
   *
   * @typeParam T The subclass's options type.
   * @param handle What the caller passed to `from()`.
   * @param kind The primitive's kind (`"Lock"`), which the handle must name.
   * @returns Options that make the subclass's constructor adopt the primitive.
   * @throws {TypeError} When `handle` is not such a handle, or its primitive was freed.
   */
  protected static revive<T>(
    handle: { kind: string; runtime: SharedArrayBuffer; index: number },
    kind: string,
  ): T {
    const opened = handle as Parameters<typeof revival>[0];
    return revival<T>(opened, kindNumber(kind));
  }

  /** The runtime's words, as this thread sees them now (a new view after the runtime grew). */
  protected get view(): Int32Array {
    return words();
  }

  /** The calling thread's id: a primitive object acts for the thread that made or revived it. */
  protected get thread(): number {
    return currentThreadId();
  }

  /** The primitive's kind, as its class is named (`"BoundedSemaphore"`). */
  protected get kind(): string {
    return kindName(words()[this.#index + Primitive.KIND]!);
  }

  /** The arena index of the primitive's header. */
  protected get arenaIndex(): number {
    return this.#index;
  }

  /** The index of the primitive's first state word. */
  protected get stateIndex(): number {
    return this.#index + Primitive.STATE;
  }

  /**
   * The fields every handle starts with.
   *
   * @typeParam K The subclass's name.
   * @param kind The subclass's name, as the handle names it.
   * @returns The kind, the runtime, the arena index and the id.
   */
  protected handleFields<K extends string>(
    kind: K,
  ): { kind: K; runtime: SharedArrayBuffer; index: number; id: number } {
    return handleFields(kind, this.#index);
  }

  /**
   * The primitive's stable id, unique in the process (lower ids were created
   * first).
   *
   * @example Usage
   * ```ts
   * import { Event, Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const first = new Lock();
   * const second = new Event();
   * assert.ok(second.id > first.id);
   * assert.equal(Lock.from(first.handle).id, first.id);
   * ```
   */
  get id(): number {
    return words()[this.#index + Primitive.ID]!;
  }

  /**
   * The primitive's name, or `"<Class> <id>"` when it was given none.
   *
   * @example Usage
   * ```ts
   * import { Lock, Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * assert.equal(new Lock({ name: "cache" }).name, "cache");
   * const pool = new Semaphore(2);
   * assert.equal(pool.name, `Semaphore ${pool.id}`);
   * ```
   */
  get name(): string {
    return primitiveName(this.#index) || `${this.kind} ${this.id}`;
  }

  /**
   * Releases this object's reference: the primitive is freed when no object
   * in any thread holds it any more. Later calls on this object throw a
   * `TypeError`; calling `dispose()` again does nothing. Other objects over
   * the same primitive (revived in this or another thread) keep working.
   *
   * @example Usage
   * ```ts
   * import { Lock } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * const lock = new Lock();
   * const same = Lock.from(lock.handle);
   * lock.dispose();
   * assert.throws(() => lock.acquire(), /disposed/);
   * assert.equal(same.acquire(), true);
   * same.release();
   * same.dispose();
   * ```
   */
  dispose(): void {
    if (this.#entry < 0) return;
    const entry = this.#entry;
    this.#entry = -1;
    finalizers.unregister(this);
    Object.setPrototypeOf(
      this,
      disposedPrototype(Object.getPrototypeOf(this), this.kind),
    );
    dropReference(entry, this.#index);
  }

  /**
   * Calls {@linkcode SharedPrimitive.dispose}, for `using`.
   *
   * @example Usage
   * ```ts
   * import { Semaphore } from "@wirework/wirework/concurrency";
   * import assert from "node:assert/strict";
   *
   * let kept: Semaphore;
   * {
   *   using pool = new Semaphore(1);
   *   kept = pool;
   * }
   * assert.throws(() => kept.acquire(), /disposed/);
   * ```
   */
  [Symbol.dispose](): void {
    this.dispose();
  }
}
