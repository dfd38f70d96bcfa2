// This module is browser compatible.

/**
 * `registerErrorClass`: error classes of your own that keep their class when
 * a worker's error reaches `spawn`'s `result`.
 *
 * @module
 */

import { addErrorClass } from "./_transfer.ts";

/** Options for {@linkcode registerErrorClass}. */
export interface RegisterErrorClassOptions {
  /**
   * The name the class travels under; the same on every side. Defaults to
   * the class's own name (`ErrorClass.name`); give one when two classes share
   * a name, or when a bundler renames classes.
   */
  name?: string;
}

/**
 * Registers an error class so that its errors keep their class across
 * threads: an error of it (or of a subclass not registered itself) thrown in
 * a worker rejects `spawn`'s `result` with an instance of it, so
 * `instanceof` works. Classes are matched by name: register it where the
 * error is received, and on every side when a custom `name` is given; the
 * simplest is for the module that defines the class to register it, so
 * every thread that imports the class has it registered. Without
 * registration an error still arrives with its `name`, `message`, `stack`,
 * `cause` and own fields, as a plain `Error`.
 *
 * The error is rebuilt without running the class's constructor (whose
 * parameters are the class's business): it gets the class's prototype, the
 * worker's `name`, `message`, `stack`, `cause` (rebuilt the same way) and
 * every own enumerable field that can be structured-cloned. Registering a
 * class again is allowed; registering another class under a name in use
 * (`"TypeError"`, `"InterruptedError"`, …) is not.
 *
 * @param errorClass A class extending `Error`.
 * @param options The name it travels under.
 * @throws {TypeError} When `errorClass` is not a class extending `Error`, or
 *   its name is taken by another class.
 *
 * @example Usage
 * ```ts
 * import { registerErrorClass, spawn } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * // errors.ts, imported by the main thread and by the worker's module.
 * class QuotaError extends Error {
 *   override name = "QuotaError";
 *   constructor(readonly limit: number) {
 *     super(`Over the quota of ${limit}`);
 *   }
 * }
 * registerErrorClass(QuotaError);
 *
 * // The worker's module defines (and may register) the same class.
 * const source = `class QuotaError extends Error {
 *   name = "QuotaError";
 *   constructor(limit) {
 *     super("Over the quota of " + limit);
 *     this.limit = limit;
 *   }
 * }
 * export default () => { throw new QuotaError(3); };`;
 * const worker = spawn(`data:text/javascript,${encodeURIComponent(source)}`);
 * try {
 *   const error = await worker.result.catch((error: unknown) => error);
 *   assert.ok(error instanceof QuotaError);
 *   assert.equal(error.limit, 3);
 * } finally {
 *   worker.terminate();
 * }
 * ```
 */
export function registerErrorClass(
  errorClass: new (...args: never[]) => Error,
  options: RegisterErrorClassOptions = {},
): void {
  if (
    typeof errorClass !== "function" ||
    !(errorClass.prototype instanceof Error || errorClass === Error)
  ) {
    throw new TypeError(
      `Cannot register "${
        String((errorClass as { name?: unknown })?.name ?? errorClass)
      }" as an error class: it is not a class extending Error`,
    );
  }
  const name = options.name ?? errorClass.name;
  if (typeof name !== "string" || name === "") {
    throw new TypeError(
      `Cannot register an error class under the name "${
        String(name)
      }": give a non-empty name`,
    );
  }
  if (!addErrorClass(name, errorClass)) {
    throw new TypeError(
      `Cannot register error class "${name}": another class is registered under that name; give this one another name with { name }`,
    );
  }
}
