/**
 * What the net/ scripts share: their default ports, the flags every one of
 * them takes (`--hostname`, `--port`, `--help`), flag checks with clear
 * messages, and a Ctrl-C that stops a server cleanly.
 *
 * @module
 */

import { parseArgs } from "node:util";

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

/** A script's flag values: the shared ones plus its own, as text. */
export type ScriptFlags<Flag extends string> =
  & { hostname: string; port: string | undefined }
  & { [Name in Flag]: string | undefined };

/** What {@linkcode parseFlags} needs to know about a script. */
export interface ScriptSpec<Flag extends string> {
  /** The script's file name, for error messages (`echo_server.ts`). */
  name: string;
  /** The usage text `--help` prints and a usage error points at. */
  usage: string;
  /** The script's own flags beyond `--hostname` and `--port`; each takes a value. */
  flags: readonly Flag[];
  /** Whether arguments other than flags are allowed. @default {false} */
  allowPositionals?: boolean;
}

/**
 * Parses a script's arguments: `--hostname` (default `127.0.0.1`), `--port`,
 * `-h`/`--help` and the script's own flags, then hands them to `read`.
 * Prints the usage for `--help`; prints a usage error with exit code 2 when
 * parsing or `read` throws.
 *
 * @param args The command-line arguments.
 * @param spec The script's name, usage text and own flags.
 * @param read Turns the flag values and positionals into the script's settings.
 * @returns The settings, or `undefined` when the script should stop at once.
 */
export function parseFlags<Flag extends string, Settings>(
  args: string[],
  spec: ScriptSpec<Flag>,
  read: (flags: ScriptFlags<Flag>, positionals: string[]) => Settings,
): Settings | undefined {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: spec.allowPositionals ?? false,
      options: {
        hostname: { type: "string", default: "127.0.0.1" },
        port: { type: "string" },
        ...Object.fromEntries(
          spec.flags.map((flag) => [flag, { type: "string" }] as const),
        ),
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(spec.usage);
      return undefined;
    }
    // Every flag but help was declared as a string one, so its value is text.
    return read(values as ScriptFlags<Flag>, positionals);
  } catch (error) {
    reportUsageError(spec.name, error, spec.usage);
    return undefined;
  }
}

/**
 * Prints a usage error the way command-line tools do and sets exit code 2.
 *
 * @param script The script's name.
 * @param error What parsing the flags threw.
 * @param usage The usage text to point at.
 */
function reportUsageError(
  script: string,
  error: unknown,
  usage: string,
): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${script}: ${message}\n\n${usage}`);
  Deno.exitCode = 2;
}
