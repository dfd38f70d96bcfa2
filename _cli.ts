/**
 * The one command-line convention every wirework script follows, in one
 * place:
 *
 * - `-h`/`--help` prints the usage on stdout and exits 0; `--version` prints
 *   the package version and exits 0;
 * - an unknown or malformed flag prints one line on stderr and exits 2;
 * - an expected failure (refused, in use, not permitted, timed out, a bad
 *   URL) prints one line naming the cause, and for a missing permission the
 *   flag to add, and exits 1, never with a stack trace;
 * - Ctrl-C stops the script cleanly and exits 130;
 * - `--timeout 0` means no time limit, wherever a script takes `--timeout`.
 *
 * A script describes its flags and hands its body to {@linkcode runScript}.
 *
 * @module
 */

import { parseArgs, type ParseArgsConfig } from "node:util";
import denoConfig from "./deno.json" with { type: "json" };

/** The package version, from deno.json. */
export const VERSION: string = denoConfig.version;

/** The exit code of a usage error: an unknown, missing or malformed flag. */
export const EXIT_USAGE = 2;
/** The exit code of an expected failure. */
export const EXIT_FAILURE = 1;
/** The exit code after Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A flag or argument the script cannot use; exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A failure the script expects and explains in one line; exits 1. */
export class ScriptError extends Error {
  override name = "ScriptError";
  /**
   * @param message What failed and why, in one line.
   * @param options The error that caused it.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{
    options: O;
    allowPositionals: true;
    strict: true;
  }>
>;

/** What a script tells {@linkcode runScript} about itself. */
export interface ScriptSpec<O extends Options> {
  /** The script's file name, as messages name it: `echo_server.ts`. */
  name: string;
  /** The text `--help` prints: a `Usage:` line, the flags and the exit codes. */
  usage: string;
  /** The script's own flags (`-h`, `--help` and `--version` are added). */
  options: O;
  /** Whether arguments other than flags are allowed. @default {false} */
  allowPositionals?: boolean;
  /**
   * Permissions checked before the body runs, so a missing one is one line
   * naming the flag rather than a failure deep inside (a worker that cannot
   * load its module).
   */
  needs?: readonly PermissionNeed[];
  /**
   * What Ctrl-C does: `exit` ends the process at once (for scripts with
   * nothing to close), `stop` aborts the body's signal and waits for the
   * body to return (a second Ctrl-C ends the process). @default {"exit"}
   */
  onInterrupt?: "exit" | "stop";
}

/** A permission a script needs, and the flag that grants it. */
export interface PermissionNeed {
  /** The permission, as `Deno.permissions.query` takes it. */
  descriptor: Deno.PermissionDescriptor;
  /** The flag to add: `--allow-read=.`. */
  flag: string;
  /** Why it is needed, for the message: `workers load their modules`. */
  reason: string;
}

/** What the body of a script receives beside its flags. */
export interface ScriptContext {
  /** Aborted on Ctrl-C (with `onInterrupt: "stop"`). */
  signal: AbortSignal;
}

/**
 * Reads an integer flag.
 *
 * @param value The flag's text, or `undefined` when absent.
 * @param name The flag, for the message (`--port`).
 * @param fallback The value when the flag is absent.
 * @param min The smallest value allowed.
 * @param max The largest value allowed.
 * @returns The number.
 * @throws {UsageError} When the text is not an integer in range.
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
    throw new UsageError(
      `Cannot use ${name} "${value}": it must be an integer from ${min} to ${max}`,
    );
  }
  return number;
}

/**
 * Reads a `--timeout` flag in milliseconds, where 0 means no time limit.
 *
 * @param value The flag's text, or `undefined` when absent.
 * @param fallback The value when the flag is absent (`undefined`: none).
 * @returns The milliseconds, or `undefined` for no limit.
 * @throws {UsageError} When the text is not a non-negative integer.
 */
export function timeoutFlag(
  value: string | undefined,
  fallback: number | undefined,
): number | undefined {
  if (value === undefined) return fallback;
  const ms = integerFlag(value, "--timeout", 0);
  return ms === 0 ? undefined : ms;
}

/** The flag that grants what a `NotCapable` error says is missing. */
export function permissionFlag(error: Error): string | undefined {
  const match = error.message.match(/Requires (\w+) access to "([^"]*)"/);
  if (!match) return error.message.match(/--allow-[a-z-]+/)?.[0];
  const [, kind, target] = match;
  // Port 0 asks for any free port: the flag grants the host.
  return `--allow-${kind}=${
    kind === "net" ? target!.replace(/:0$/, "") : target
  }`;
}

const PROGRAMMING_ERRORS = new Set([
  "Error",
  "TypeError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "EvalError",
  "URIError",
  "AggregateError",
]);

/**
 * Says how an error thrown by a script's body reads as one line, or returns
 * undefined when it is a bug that should keep its stack trace.
 */
export function describeFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof ScriptError) return error.message;
  if (error instanceof Deno.errors.NotCapable) {
    const flag = permissionFlag(error);
    const what = error.message.replace(/, run again with.*$/, "");
    return flag ? `${what}: run again with ${flag}` : error.message;
  }
  if (
    Object.values(Deno.errors).some((kind) => error instanceof kind) ||
    error instanceof DOMException
  ) {
    return `${error.name}: ${error.message}`;
  }
  // The package's own typed errors (DeadlockError, HttpProtocolError, ...)
  // are conditions a caller expects; plain built-in errors are bugs.
  if (!PROGRAMMING_ERRORS.has(error.name)) {
    return `${error.name}: ${error.message}`;
  }
  return undefined;
}

function checkNeeds(needs: readonly PermissionNeed[]): void {
  for (const need of needs) {
    if (Deno.permissions.querySync(need.descriptor).state !== "granted") {
      throw new ScriptError(
        `Missing permission: ${need.reason}: run again with ${need.flag}`,
      );
    }
  }
}

/**
 * The flag that grants read access to the package's own files (which
 * workers load their modules from), or no need when the package runs from
 * a remote URL.
 *
 * @param moduleUrl The `import.meta.url` of a module in the package.
 * @returns The need, or an empty list.
 */
export function readPackageNeed(moduleUrl: string): PermissionNeed[] {
  const url = new URL("./", moduleUrl);
  if (url.protocol !== "file:") return [];
  const root = new URL("./", import.meta.url);
  const path = decodeURIComponent(root.pathname).replace(/\/$/, "");
  let cwd: string | undefined;
  try {
    cwd = Deno.cwd();
  } catch {
    cwd = undefined;
  }
  const flagPath = cwd === path ? "." : path;
  return [{
    descriptor: { name: "read", path },
    flag: `--allow-read=${flagPath}`,
    reason: "workers load their modules from the package",
  }];
}

/**
 * Parses a script's flags and runs its body under the convention above:
 * help, version, usage errors (exit 2), expected failures (exit 1, one line)
 * and Ctrl-C (exit 130). Sets `Deno.exitCode`; never calls `Deno.exit`
 * except on Ctrl-C, so tests can call it in-process.
 *
 * @param args The command-line arguments.
 * @param spec The script's name, usage and flags.
 * @param body The script's work, given the parsed flags.
 */
export async function runScript<const O extends Options>(
  args: string[],
  spec: ScriptSpec<O>,
  body: (
    values: Parsed<O>["values"],
    positionals: string[],
    context: ScriptContext,
  ) => void | Promise<void>,
): Promise<void> {
  const status = await runScriptForStatus(args, spec, async (...rest) => {
    await body(...rest);
    return 0;
  });
  if (status !== 0) Deno.exitCode = status;
}

/**
 * {@linkcode runScript} for a script whose body decides its own exit status
 * (a demo that exits 1 when it shows a deadlock): returns the status instead
 * of setting `Deno.exitCode`.
 *
 * @param args The command-line arguments.
 * @param spec The script's name, usage and flags.
 * @param body The script's work; returns its exit status.
 * @returns The exit status.
 */
export async function runScriptForStatus<const O extends Options>(
  args: string[],
  spec: ScriptSpec<O>,
  body: (
    values: Parsed<O>["values"],
    positionals: string[],
    context: ScriptContext,
  ) => number | Promise<number>,
): Promise<number> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args,
      options: {
        ...spec.options,
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    }) as Parsed<O>;
  } catch (error) {
    // A flag this script does not take: look for help first.
    if (args.includes("-h") || args.includes("--help")) {
      console.log(spec.usage);
      return 0;
    }
    return reportUsageError(spec.name, error);
  }
  const shared = parsed.values as { help?: boolean; version?: boolean };
  if (shared.help) {
    console.log(spec.usage);
    return 0;
  }
  if (shared.version) {
    console.log(`wirework ${VERSION}`);
    return 0;
  }
  if (!spec.allowPositionals && parsed.positionals.length > 0) {
    return reportUsageError(
      spec.name,
      new UsageError(`Unexpected argument "${parsed.positionals[0]}"`),
    );
  }
  const controller = new AbortController();
  const onSigint = (): void => {
    if (spec.onInterrupt === "stop" && !controller.signal.aborted) {
      controller.abort(new DOMException("Interrupted", "AbortError"));
    } else {
      Deno.exit(EXIT_INTERRUPTED);
    }
  };
  Deno.addSignalListener("SIGINT", onSigint);
  try {
    checkNeeds(spec.needs ?? []);
    const status = await body(parsed.values, parsed.positionals, {
      signal: controller.signal,
    });
    return controller.signal.aborted ? EXIT_INTERRUPTED : status;
  } catch (error) {
    if (controller.signal.aborted) return EXIT_INTERRUPTED;
    if (error instanceof UsageError) return reportUsageError(spec.name, error);
    const line = describeFailure(error);
    if (line === undefined) throw error;
    console.error(`${spec.name}: ${line}`);
    return EXIT_FAILURE;
  } finally {
    Deno.removeSignalListener("SIGINT", onSigint);
  }
}

/**
 * Prints a usage error as one line on stderr.
 *
 * @param script The script's file name.
 * @param error What parsing threw.
 * @returns The usage exit code, 2.
 */
export function reportUsageError(script: string, error: unknown): number {
  let message = error instanceof Error ? error.message : String(error);
  // node:util's parseArgs explains "--" at length; one line is enough.
  const unknown = message.match(/^Unknown option '([^']+)'/);
  if (unknown) message = `Unknown option "${unknown[1]}"`;
  message = message.replace(/\. To specify a positional argument.*$/, "");
  // A value that starts with a dash reads as a flag; say how to pass it.
  const ambiguous = message.match(/^Option '([^']+)' argument is ambiguous/);
  if (ambiguous) {
    const flag = ambiguous[1];
    message =
      `Option "${flag}" needs a value (write ${flag}=VALUE for one that starts with a dash)`;
  }
  message = message.split("\n")[0]!;
  console.error(`${script}: ${message} (see --help)`);
  return EXIT_USAGE;
}

/** The usage lines of the flags every script takes. */
export const COMMON_FLAGS = `  -h, --help             show this help and exit
      --version          print the wirework version and exit`;

/** The lines every usage text ends with: the shared flags and exit codes. */
export const COMMON_USAGE = `${COMMON_FLAGS}

Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad usage,
130 stopped by Ctrl-C.`;
