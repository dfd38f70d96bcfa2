// The worker side of bench/interrupt_latency.ts.
import { InterruptedError, type Lock } from "../concurrency/mod.ts";

/**
 * "parked-lock": parks on `lock` (held by the main thread) again and again;
 * each InterruptedError bumps ack[0]. "parked-lock-async": the same with
 * `acquireAsync`. "ping": waits on ping[0] and answers on
 * ack[0] (the bare wake round trip, the floor). Both end when ack[1] is 1.
 */
export default async function (
  mode: string,
  lock: Lock,
  ack: Int32Array,
  ping: Int32Array,
): Promise<string> {
  if (mode === "ping") {
    let seen = 0;
    for (;;) {
      Atomics.wait(ping, 0, seen, 5000);
      seen = Atomics.load(ping, 0);
      if (Atomics.load(ack, 1) === 1) return "done";
      Atomics.add(ack, 0, 1);
      Atomics.notify(ack, 0);
    }
  }
  for (;;) {
    try {
      if (mode === "parked-lock-async") await lock.acquireAsync();
      else lock.acquire();
      lock.release();
      return "acquired (the main thread released the lock)";
    } catch (error) {
      if (!(error instanceof InterruptedError)) throw error;
    }
    if (Atomics.load(ack, 1) === 1) return "done";
    Atomics.add(ack, 0, 1);
    Atomics.notify(ack, 0);
  }
}
