// This module is browser compatible.

/**
 * What crosses between threads in `spawn`: primitives turned into handles
 * and back (deeply, through arrays and plain objects), and errors turned
 * into clonable records and back, so a worker's error re-throws on the
 * caller's side with its class, fields and the worker's stack.
 *
 * To make a new primitive travel, add its class to `PRIMITIVES`; to make a
 * new error class of this module keep its class, add it to `ERROR_CLASSES`.
 * Users register their own with `registerErrorClass`, which calls
 * {@linkcode addErrorClass}.
 *
 * @module
 */

import { Barrier, type BarrierHandle } from "./barrier.ts";
import { BoundedSemaphore } from "./bounded_semaphore.ts";
import { BrokenBarrierError } from "./broken_barrier_error.ts";
import { Condition, type ConditionHandle } from "./condition.ts";
import { Event, type EventHandle } from "./event.ts";
import { DeadlockError } from "./deadlock_error.ts";
import { InterruptedError } from "./interrupted_error.ts";
import { Lock, type LockHandle } from "./lock.ts";
import { LockOrderError } from "./lock_order_error.ts";
import { QueueEmptyError } from "./queue_empty_error.ts";
import { QueueFullError } from "./queue_full_error.ts";
import { RLock, type RLockHandle } from "./rlock.ts";
import { Semaphore, type SemaphoreHandle } from "./semaphore.ts";
import { SharedQueue, type SharedQueueHandle } from "./shared_queue.ts";
import { PoisonedError } from "./poisoned_error.ts";
import { StopFlag, type StopFlagHandle } from "./stop_flag.ts";
import type { PrimitiveHandle } from "./_runtime.ts";

// deno-lint-ignore no-explicit-any
type Reviver = (handle: any) => object;

/** Every primitive class, by the `kind` of its handle. */
const PRIMITIVES: Record<string, Reviver> = {
  Lock: (handle: LockHandle) => Lock.from(handle),
  RLock: (handle: RLockHandle) => RLock.from(handle),
  Condition: (handle: ConditionHandle) => Condition.from(handle),
  Semaphore: (handle: SemaphoreHandle) => Semaphore.from(handle),
  BoundedSemaphore: (handle: SemaphoreHandle) => BoundedSemaphore.from(handle),
  Event: (handle: EventHandle) => Event.from(handle),
  // Actions do not cross threads; use Barrier.from(handle, { action }) for one.
  Barrier: (handle: BarrierHandle) => Barrier.from(handle),
  // Arrives with the default JSON codec; use SharedQueue.from(handle, { codec }) for another.
  SharedQueue: (handle: SharedQueueHandle) => SharedQueue.from(handle),
  // Interruption
  StopFlag: (handle: StopFlagHandle) => StopFlag.from(handle),
};

/** Our error classes, by name, so they keep their class across threads. */
const ERROR_CLASSES: Record<
  string,
  ErrorConstructor | (new (...args: never[]) => Error)
> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
  InterruptedError,
  // Deadlock tools, owner death, barriers, queues
  DeadlockError,
  LockOrderError,
  PoisonedError,
  BrokenBarrierError,
  QueueFullError,
  QueueEmptyError,
};

/** The key each error class travels under, by class (`ERROR_CLASSES` read backwards). */
const ERROR_KEYS = new Map<unknown, string>(
  Object.entries(ERROR_CLASSES).map(([key, errorClass]) => [errorClass, key]),
);

/**
 * Registers an error class under `key`, so errors of it (and of its
 * unregistered subclasses) cross threads as instances of it.
 *
 * @returns false when `key` names another class already.
 */
export function addErrorClass(
  key: string,
  errorClass: new (...args: never[]) => Error,
): boolean {
  const known = ERROR_CLASSES[key];
  if (known !== undefined && known !== errorClass) return false;
  ERROR_CLASSES[key] = errorClass;
  ERROR_KEYS.set(errorClass, key);
  return true;
}

/** The key of the nearest registered class of `error`, else its constructor's name. */
function errorClassKey(error: Error): string {
  for (
    let prototype = Object.getPrototypeOf(error);
    prototype !== null && prototype !== Error.prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    const key = ERROR_KEYS.get(prototype.constructor);
    if (key !== undefined) return key;
  }
  return error.constructor?.name ?? "Error";
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isHandle(value: unknown): value is PrimitiveHandle {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<PrimitiveHandle>;
  return typeof candidate.kind === "string" &&
    candidate.runtime instanceof SharedArrayBuffer &&
    typeof candidate.index === "number" &&
    Object.hasOwn(PRIMITIVES, candidate.kind);
}

/**
 * Replaces every primitive found in `value` (in arrays and plain objects, at
 * any depth) with its handle, so `postMessage` can carry it. A value that
 * holds no primitive is returned as it is, for `postMessage` to clone whole
 * (shared and cyclic references, and an array's named properties, as
 * structured cloning keeps them). One that holds a primitive is copied, so
 * the caller's objects never change; the copy keeps shared and cyclic
 * references, not an array's named properties.
 */
export function toTransferable(value: unknown): unknown {
  return holdsPrimitive(value, new Set())
    ? withHandles(value, new Map())
    : value;
}

/** The primitive's handle when `value` is a primitive object, else undefined. */
function handleOf(value: object): PrimitiveHandle | undefined {
  const handle = (value as { handle?: unknown }).handle;
  return isHandle(handle) ? handle : undefined;
}

/** Whether a primitive is found in `value`'s arrays and plain objects (`seen`: those walked). */
function holdsPrimitive(value: unknown, seen: Set<object>): boolean {
  if (typeof value !== "object" || value === null || seen.has(value)) {
    return false;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (holdsPrimitive(value[i], seen)) return true;
    }
    return false;
  }
  if (!isPlainObject(value)) return handleOf(value) !== undefined;
  for (const key of Object.keys(value)) {
    if (holdsPrimitive((value as Record<string, unknown>)[key], seen)) {
      return true;
    }
  }
  return false;
}

/** A copy of `value` with primitives swapped for handles (`copies`: each container's copy). */
function withHandles(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  const array = Array.isArray(value);
  if (!array && !isPlainObject(value)) return handleOf(value) ?? value;
  const copy = (array ? new Array(value.length) : {}) as Record<
    number | string,
    unknown
  >;
  copies.set(value, copy);
  const items = value as Record<number | string, unknown>;
  // An array's holes stay holes.
  for (const key of array ? value.keys() : Object.keys(value)) {
    if (key in items) copy[key] = withHandles(items[key], copies);
  }
  return copy;
}

/**
 * Revives every primitive handle found in `value` (in arrays and plain
 * objects, at any depth), in place: `value` is what `postMessage` just
 * delivered, owned by no one else, so its shared and cyclic references and
 * an array's named properties stay as the clone made them.
 */
export function revive(value: unknown, seen: Set<object> = new Set()): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (isHandle(value)) return PRIMITIVES[value.kind]!(value);
  const array = Array.isArray(value);
  if ((!array && !isPlainObject(value)) || seen.has(value)) return value;
  seen.add(value);
  const items = value as Record<number | string, unknown>;
  for (const key of array ? value.keys() : Object.keys(value)) {
    const item = items[key];
    const revived = revive(item, seen);
    if (revived !== item) items[key] = revived;
  }
  return value;
}

/**
 * Revives every primitive handle found in `value` into a copy of its arrays
 * and plain objects, leaving `value` itself as it is (a sender that keeps
 * references while `value` is in flight). Only the containers are copied,
 * never the buffers and other objects in them.
 */
export function reviveCopy(value: unknown): unknown {
  return revive(withHandles(value, new Map()));
}

/** An error, or any thrown value, as it crosses `postMessage`. */
export interface SerializedError {
  /** The constructor's name (`"TypeError"`, `"DOMException"`, …); absent for a thrown non-error. */
  className?: string;
  name?: string;
  message?: string;
  stack?: string;
  /** The error's own enumerable fields that can be cloned (`code`, `threadId`, `cycle`, …). */
  fields?: Record<string, unknown>;
  cause?: SerializedError;
  /** A thrown value that is not an error. */
  value?: unknown;
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** Turns a thrown value into a clonable record. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return { value: cloneable(error) ? error : String(error) };
  }
  const fields: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(error)) {
    if (
      key === "name" || key === "message" || key === "stack" || key === "cause"
    ) continue;
    const transferable = toTransferable(item);
    if (cloneable(transferable)) fields[key] = transferable;
  }
  const record: SerializedError = {
    className: errorClassKey(error),
    name: error.name,
    message: error.message,
    stack: error.stack,
    fields,
  };
  // Absent rather than undefined, so a record without one is plain JSON.
  if (error.cause !== undefined && depth < 8) {
    record.cause = serializeError(error.cause, depth + 1);
  }
  return record;
}

/** Turns a record from {@linkcode serializeError} back into an error of its class. */
export function deserializeError(record: SerializedError): unknown {
  if (record.className === undefined) return revive(record.value);
  let error: Error;
  if (record.className === "DOMException") {
    error = new DOMException(record.message, record.name);
  } else {
    const errorClass = ERROR_CLASSES[record.className] ??
      ERROR_CLASSES[record.name ?? ""] ?? Error;
    // Build without running the constructor, whose parameters differ by class.
    error = Reflect.construct(Error, [record.message], errorClass) as Error;
    if (error.name !== record.name) defineOwn(error, "name", record.name);
  }
  if (record.stack !== undefined) defineOwn(error, "stack", record.stack);
  for (const [key, item] of Object.entries(record.fields ?? {})) {
    (error as unknown as Record<string, unknown>)[key] = revive(item);
  }
  if (record.cause !== undefined) {
    defineOwn(error, "cause", deserializeError(record.cause));
  }
  return error;
}

/** Sets an error's own `name`, `stack` or `cause` as the engine does: writable, not enumerable. */
function defineOwn(error: Error, key: string, value: unknown): void {
  Object.defineProperty(error, key, {
    value,
    writable: true,
    configurable: true,
  });
}
