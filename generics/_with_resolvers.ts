// This module is browser compatible.

/**
 * `Promise.withResolvers`, where the runtime has it, and the same three
 * parts built by hand where it does not (Node.js 20, older browsers), so
 * code that waits runs unchanged on Deno, browsers and Node.js.
 *
 * @module
 */

/** A promise with its two settling functions. */
export interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

/** Builds the three parts without `Promise.withResolvers`. */
export function resolversByHand<T>(): Resolvers<T> {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/**
 * A new promise with its `resolve` and `reject`.
 *
 * @returns The promise and the functions that settle it.
 */
export const withResolvers: <T>() => Resolvers<T> =
  typeof Promise.withResolvers === "function"
    ? <T>() => Promise.withResolvers<T>()
    : resolversByHand;
