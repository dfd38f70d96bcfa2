/**
 * The best-of-samples timing the in-process comparisons share.
 *
 * @module
 */

/**
 * Warms `run` up, then times `samples` runs of `iterations` and returns the
 * best, in ns per iteration: the least disturbed sample on a shared machine.
 *
 * @param run Does `iterations` of the measured operation.
 * @param iterations How many a sample times.
 * @param samples How many samples to take.
 * @param warmup How many iterations run first, untimed.
 * @returns The best sample's ns per iteration.
 */
export function bestNsPerOp(
  run: (iterations: number) => void,
  iterations: number,
  samples: number,
  warmup: number,
): number {
  run(Math.min(iterations, warmup));
  let best = Infinity;
  for (let sample = 0; sample < samples; sample++) {
    const started = performance.now();
    run(iterations);
    best = Math.min(best, ((performance.now() - started) * 1e6) / iterations);
  }
  return best;
}
