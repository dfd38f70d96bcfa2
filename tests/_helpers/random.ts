/**
 * The one seeded pseudo-random generator of the tests and benchmarks
 * (mulberry32), so generated inputs are the same on every run and a failure
 * can be replayed from its seed.
 *
 * @module
 */

/**
 * mulberry32: a tiny, well-mixed 32-bit generator.
 *
 * @param seed Any 32-bit integer.
 * @returns A function giving the next float in [0, 1) on each call.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
