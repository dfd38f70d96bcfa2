/**
 * The task of `pool_demo.ts`: counts the primes in `[from, to)` by trial
 * division (deliberately CPU-heavy), recording how many numbers this thread
 * has checked in `progress[threadId & 4095]`, and checking for an interrupt
 * every 1,024 numbers so a cancel stops it cooperatively.
 *
 * @module
 */

import type { Barrier } from "./barrier.ts";
import { checkInterrupt } from "./check_interrupt.ts";
import { threadId } from "./thread_id.ts";

function isPrime(n: number): boolean {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let divisor = 3; divisor * divisor <= n; divisor += 2) {
    if (n % divisor === 0) return false;
  }
  return true;
}

/**
 * Counts the primes in `[from, to)`; returns them with this thread's id.
 * With a `barrier`, it first waits there (so each worker of the pool takes
 * one such task: a roll call).
 */
export default function countPrimes(
  from: number,
  to: number,
  progress: Int32Array,
  barrier?: Barrier,
): { threadId: number; primes: number } {
  barrier?.wait({ timeout: 60_000 });
  const slot = threadId() & 4095;
  let primes = 0;
  let unreported = 0;
  for (let n = from; n < to; n++) {
    if (isPrime(n)) primes++;
    if (++unreported === 1024) {
      Atomics.add(progress, slot, unreported);
      unreported = 0;
      checkInterrupt();
    }
  }
  Atomics.add(progress, slot, unreported);
  return { threadId: threadId(), primes };
}
