/**
 * The element with the largest key, Python's `max(items, key=...)`.
 *
 * @module
 */

/**
 * Returns the element of `items` whose key is largest, as Python's
 * `max(items, key=key, default=None)`: the first such element when keys
 * tie, `undefined` when `items` is empty. `key` is called once per element.
 *
 * `T` is a type variable with no bound, inferred from `items`; the key
 * function is where the constraint lives (it must return a `number`), the
 * TypeScript way of saying what Python says with a bound `TypeVar`.
 *
 * @typeParam T The type of the elements; returned as is, not widened.
 * @param items The elements to search, consumed once.
 * @param key Gives each element's key.
 * @returns The first element with the largest key, or `undefined`.
 * @throws {RangeError} When a key is `NaN`, which has no place in the order.
 *
 * @example Usage
 * ```ts
 * import { maxBy } from "@wirework/wirework/generics";
 * import assert from "node:assert/strict";
 *
 * const people = [{ name: "Ada", age: 36 }, { name: "Alan", age: 41 }];
 * assert.equal(maxBy(people, (person) => person.age)?.name, "Alan");
 * assert.equal(maxBy([], (n: number) => n), undefined);
 * ```
 */
export function maxBy<T>(
  items: Iterable<T>,
  key: (item: T) => number,
): T | undefined {
  let best: T | undefined;
  let bestKey = -Infinity;
  let found = false;
  let index = 0;
  for (const item of items) {
    const itemKey = key(item);
    if (Number.isNaN(itemKey)) {
      throw new RangeError(
        `Cannot compare element ${index}: its key is "NaN"`,
      );
    }
    index++;
    if (!found || itemKey > bestKey) {
      best = item;
      bestKey = itemKey;
      found = true;
    }
  }
  return best;
}
