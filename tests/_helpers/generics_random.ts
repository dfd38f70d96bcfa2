/**
 * A small seeded pseudo-random generator (mulberry32), so the random
 * operation sequences of the generics tests are the same on every run and a
 * failure can be replayed from its seed.
 *
 * @module
 */

/** The seed the generics tests use unless a test says otherwise. */
export const SEED = 0x5eed_2026;

/** Deterministic random numbers from a 32-bit seed. */
export class Random {
  #state: number;

  constructor(seed: number = SEED) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
