/**
 * What the net/ scripts share: their default ports, flag checks with clear
 * messages, and a Ctrl-C that stops a server cleanly.
 *
 * @module
 */

/** The TCP echo server's port when none is given (and the UDP echo's). */
export const DEFAULT_ECHO_PORT = 7007;
/** The chat server's port when none is given. */
export const DEFAULT_CHAT_PORT = 7008;

/**
 * Reads an integer flag.
 *
 * @param value The flag's text, or `undefined` when absent.
 * @param name The flag, for the message (`--port`).
 * @param fallback The value when the flag is absent.
 * @param min The smallest value allowed.
 * @param max The largest value allowed.
 * @returns The number.
 * @throws {TypeError} When the text is not an integer in range.
 */
export function integerFlag(
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
    throw new TypeError(
      `Cannot use ${name} "${value}": it must be an integer from ${min} to ${max}`,
    );
  }
  return number;
}

/**
 * Gives an `AbortSignal` that fires on the first Ctrl-C (SIGINT), and
 * removes the signal handler when disposed, so the process can exit.
 */
export class InterruptSignal implements Disposable {
  #controller = new AbortController();
  #onSigint = (): void => this.#controller.abort();

  constructor() {
    Deno.addSignalListener("SIGINT", this.#onSigint);
  }

  /** Aborted on Ctrl-C. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  [Symbol.dispose](): void {
    Deno.removeSignalListener("SIGINT", this.#onSigint);
  }
}

/**
 * Prints a usage error the way command-line tools do and sets exit code 2.
 *
 * @param script The script's name.
 * @param error What parsing the flags threw.
 * @param usage The usage text to point at.
 */
export function reportUsageError(
  script: string,
  error: unknown,
  usage: string,
): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${script}: ${message}\n\n${usage}`);
  Deno.exitCode = 2;
}
