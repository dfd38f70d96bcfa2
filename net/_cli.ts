/**
 * What the net/ scripts share: their default ports, the flags every one of
 * them takes (`--hostname`, `--port`), and the package's command-line
 * convention (`../_cli.ts`: help, version, one-line errors, exit codes,
 * Ctrl-C) applied to them.
 *
 * @module
 */

import { reportUsageError, UsageError, VERSION } from "../_cli.ts";
import { parseArgs } from "node:util";

export {
  COMMON_USAGE,
  integerFlag,
  runScript,
  ScriptError,
  timeoutFlag,
  UsageError,
} from "../_cli.ts";

/** The TCP echo server's port when none is given (and the UDP echo's). */
export const DEFAULT_ECHO_PORT = 7007;
/** The chat server's port when none is given. */
export const DEFAULT_CHAT_PORT = 7008;

/** The flags every net/ script takes. */
export const NET_OPTIONS = {
  hostname: { type: "string", default: "127.0.0.1" },
  port: { type: "string" },
} as const;

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
 * `-h`/`--help`, `--version` and the script's own flags, then hands them to
 * `read`. Prints the usage for `--help` and the version for `--version`;
 * prints a one-line usage error and sets exit code 2 when parsing or `read`
 * throws. For scripts that run their whole body through
 * {@linkcode runScript}, this is the parsing half alone.
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
      allowPositionals: true,
      options: {
        ...NET_OPTIONS,
        ...Object.fromEntries(
          spec.flags.map((flag) => [flag, { type: "string" }] as const),
        ),
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
    if (values.help) {
      console.log(spec.usage);
      return undefined;
    }
    if (values.version) {
      console.log(`wirework ${VERSION}`);
      return undefined;
    }
    if (!spec.allowPositionals && positionals.length > 0) {
      throw new UsageError(`Unexpected argument "${positionals[0]}"`);
    }
    // Every flag but help and version was declared as a string one.
    return read(values as unknown as ScriptFlags<Flag>, positionals);
  } catch (error) {
    if (args.includes("-h") || args.includes("--help")) {
      console.log(spec.usage);
      return undefined;
    }
    Deno.exitCode = reportUsageError(spec.name, error);
    return undefined;
  }
}
