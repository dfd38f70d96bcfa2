/**
 * The no-op module bench/pool_compare.ts spawns a worker for, once per task.
 *
 * @module
 */

/** Does nothing. */
export default function noop(): void {}
