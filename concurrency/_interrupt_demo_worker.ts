/**
 * The worker side of `interrupt_demo.ts`: one function per scene, chosen by
 * name.
 *
 * @module
 */

import type { Event } from "./event.ts";
import { InterruptedError } from "./interrupted_error.ts";
import type { Lock } from "./lock.ts";
import type { SharedQueue } from "./shared_queue.ts";
import { sleep } from "./sleep.ts";
import type { StopFlag } from "./stop_flag.ts";

/** Runs one scene of the demo. */
export default function (
  scene: string,
  primitive: StopFlag | Event | Lock | SharedQueue<number>,
  ready: Event,
  counter?: Int32Array,
): unknown {
  switch (scene) {
    case "count-until-flag": {
      // Python's "a shared flag the thread checks".
      const flag = primitive as StopFlag;
      ready.set();
      let count = 0;
      while (!flag.isSet()) count++;
      return count;
    }
    case "tick-until-event": {
      // Python's `while not stop_event.wait(0.02): tick()`.
      const stop = primitive as Event;
      ready.set();
      let ticks = 0;
      while (!stop.wait({ timeout: 20 })) ticks++;
      return ticks;
    }
    case "wait-event": {
      ready.set();
      return (primitive as Event).wait();
    }
    case "acquire-lock": {
      ready.set();
      return (primitive as Lock).acquire();
    }
    case "stubborn": {
      // Swallows every interrupt and waits again: only terminate() ends it.
      ready.set();
      for (;;) {
        try {
          (primitive as Event).wait();
        } catch (error) {
          if (!(error instanceof InterruptedError)) throw error;
        }
      }
    }
    case "consume-queue": {
      // Blocks in get(); once terminated, Deno lets it run on: it reports
      // what its get() did in counter[0] (1: ThreadEndedError, 2: an item).
      ready.set();
      try {
        (primitive as SharedQueue<number>).get();
        Atomics.store(counter!, 0, 2);
      } catch (error) {
        Atomics.store(
          counter!,
          0,
          (error as Error).name === "ThreadEndedError" ? 1 : 3,
        );
      }
      Atomics.notify(counter!, 0);
      return null;
    }
    case "daemon-ticks": {
      ready.set();
      for (;;) {
        sleep(20);
        Atomics.add(counter!, 0, 1);
      }
    }
    default:
      throw new TypeError(`Unknown scene "${scene}"`);
  }
}
