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
 * Replaces every primitive found in `value` (an array or plain object, at any
 * depth) with its handle, so `postMessage` can carry it.
 */
export function toTransferable(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(toTransferable);
  if (!isPlainObject(value)) {
    const handle = (value as { handle?: unknown }).handle;
    return isHandle(handle) ? handle : value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = toTransferable(item);
  }
  return copy;
}

/** Revives every primitive handle found in `value` (arrays and plain objects, at any depth). */
export function revive(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (isHandle(value)) return PRIMITIVES[value.kind]!(value);
  if (Array.isArray(value)) return value.map(revive);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = revive(item);
  return copy;
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
