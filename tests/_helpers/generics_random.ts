/**
 * A small seeded pseudo-random generator (mulberry32), so the random
 * operation sequences of the generics tests are the same on every run and a
 * failure can be replayed from its seed.
 *
 * @module
 */

import { mulberry32 } from "./random.ts";

/** The seed the generics tests use unless a test says otherwise. */
export const SEED = 0x5eed_2026;

/** Deterministic random numbers from a 32-bit seed. */
export class Random {
  readonly #next: () => number;

  constructor(seed: number = SEED) {
    this.#next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  /** A string of `length` characters, astral ones and combining marks included. */
  string(length: number): string {
    const alphabet = [
      "a",
      "Z",
      "0",
      " ",
      "é",
      "\u0301",
      "€",
      "😀",
      "𝄞",
      "\n",
      "\0",
    ];
    let text = "";
    for (let index = 0; index < length; index++) text += this.pick(alphabet);
    return text;
  }
}
