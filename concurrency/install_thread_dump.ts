// This module is browser compatible.

/**
 * `installThreadDump`: print a thread dump on a signal (`kill -QUIT`, as
 * the JVM does) or once after a delay (Python's
 * `faulthandler.dump_traceback_later`).
 *
 * @module
 */

import { formatThreadDump } from "./format_thread_dump.ts";
import { threadDump } from "./thread_dump.ts";

/** A signal that can print a dump: `SIGQUIT` (the JVM's), `SIGUSR1`, `SIGUSR2`, `SIGINFO`… */
export type DumpSignal =
  | "SIGQUIT"
  | "SIGUSR1"
  | "SIGUSR2"
  | "SIGINFO"
  | "SIGHUP"
  | "SIGINT"
  | "SIGTERM"
  | "SIGBREAK";

/** What this module uses of Deno's namespace, where it exists (read at call time, so a browser loads the module). */
interface DenoHost {
  addSignalListener(signal: DumpSignal, handler: () => void): void;
  removeSignalListener(signal: DumpSignal, handler: () => void): void;
  unrefTimer(id: number): void;
  stderr: { writeSync(bytes: Uint8Array): number };
}

function denoHost(): DenoHost | undefined {
  return (globalThis as { Deno?: DenoHost }).Deno;
}

/** Options for {@linkcode installThreadDump}. */
export interface InstallThreadDumpOptions {
  /**
   * The signal that prints a dump, on Deno (on Windows only `SIGINT` and
   * `SIGBREAK` exist). Omit it for no signal.
   */
  signal?: DumpSignal;
  /**
   * Prints one dump this many milliseconds from now, if the process still
   * runs then; the timer does not keep the process alive.
   */
  after?: number;
  /** Where the text goes; defaults to standard error. */
  write?: (text: string) => void;
}

function writeStderr(text: string): void {
  const host = denoHost();
  if (host === undefined) {
    console.error(text);
    return;
  }
  const bytes = new TextEncoder().encode(`${text}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    offset += host.stderr.writeSync(bytes.subarray(offset));
  }
}

/**
 * Prints `formatThreadDump(threadDump())` when the process gets `signal`,
 * without stopping it (the JVM's `kill -QUIT`), and, with `after`, once
 * when that many milliseconds have passed and the process still runs (for
 * tests and scripts that may hang). The dump reads shared memory only, so
 * it prints even while workers are deadlocked; the main thread's event loop
 * must be free to run the handler (a main thread blocked in a wait cannot
 * print; a worker can be).
 *
 * @param options The signal, the delay and where to write.
 * @returns A disposable that removes the signal handler and the timer.
 * @throws {TypeError} When neither `signal` nor `after` is given, `write`
 *   is not a function, or a signal is asked for where there are none.
 * @throws {RangeError} When `after` is not a number of milliseconds >= 0.
 *
 * @example Usage
 * ```ts
 * import { installThreadDump } from "@wirework/wirework/concurrency";
 * import assert from "node:assert/strict";
 *
 * const printed: string[] = [];
 * const { promise, resolve } = Promise.withResolvers<void>();
 * using _ = installThreadDump({
 *   after: 1,
 *   write: (text) => {
 *     printed.push(text);
 *     resolve();
 *   },
 * });
 * // The dump's timer does not keep the process alive: this one does.
 * const keepAlive = setTimeout(() => {}, 5000);
 * await promise;
 * clearTimeout(keepAlive);
 * assert.match(printed[0]!, /^Thread dump at /);
 * ```
 */
export function installThreadDump(
  options: InstallThreadDumpOptions,
): Disposable {
  const { signal, after } = options ?? {};
  const write = options?.write ?? writeStderr;
  if (typeof write !== "function") {
    throw new TypeError(
      `Cannot install a thread dump with write "${
        String(write)
      }": it must be a function`,
    );
  }
  if (signal === undefined && after === undefined) {
    throw new TypeError(
      "Cannot install a thread dump without a signal or an after delay",
    );
  }
  if (
    after !== undefined &&
    (typeof after !== "number" || !(after >= 0) || after === Infinity)
  ) {
    throw new RangeError(
      `Cannot install a thread dump after "${
        String(after)
      }": it must be a number of milliseconds >= 0`,
    );
  }
  const host = denoHost();
  if (signal !== undefined && host === undefined) {
    throw new TypeError(
      `Cannot install a thread dump on signal "${signal}": this runtime has no signals (use after)`,
    );
  }
  const print = (): void => write(formatThreadDump(threadDump()));
  if (signal !== undefined) host!.addSignalListener(signal, print);
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (after !== undefined) {
    const pending = setTimeout(() => {
      timer = undefined;
      print();
    }, after);
    // Node's timers are objects with unref(); Deno's are numbers.
    if (typeof pending === "number") host?.unrefTimer(pending);
    else (pending as { unref?: () => void }).unref?.();
    timer = pending;
  }
  let disposed = false;
  return {
    [Symbol.dispose](): void {
      if (disposed) return;
      disposed = true;
      if (signal !== undefined) host!.removeSignalListener(signal, print);
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
