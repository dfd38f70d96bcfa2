/**
 * Type-level assertions for the generics type tests, written here because
 * jsr:@std/testing cannot be reached.
 *
 * @module
 */

/**
 * `true` when `A` and `B` are the same type, `false` otherwise. Compares
 * through deferred conditional types, so `any`, `unknown` and `never` are
 * told apart and unions must match member for member.
 */
export type IsExact<A, B> = (<G>() => G extends A ? 1 : 2) extends
  (<G>() => G extends B ? 1 : 2) ? true : false;

/**
 * Fails type-checking when the type argument does not match the value:
 * `assertType<IsExact<A, B>>(true)` compiles only when `A` and `B` are the
 * same type.
 */
export function assertType<T extends boolean>(_expected: T): void {}
