/**
 * Runs Python's `socket` module as a peer for the net/ tests: a program
 * nobody here wrote, so the tests do not only check our code against itself.
 */

import { pythonMissing } from "./python.ts";

/** Whether python3 can be started (checked once per test file). */
export const PYTHON_AVAILABLE: boolean =
  (await pythonMissing("socket")) === undefined;

if (!PYTHON_AVAILABLE) {
  console.log(
    "python3 is absent: the tests against Python's socket module are skipped",
  );
}

/** What a finished Python run printed. */
export interface PythonResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs `python3 -c code args…`, killed after `timeout` ms so a hung peer
 * cannot hang the test.
 */
export async function runPython(
  code: string,
  args: string[] = [],
  timeout = 10_000,
): Promise<PythonResult> {
  const child = new Deno.Command("python3", {
    args: ["-c", code, ...args],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
  try {
    const { stdout, stderr, code: exitCode } = await child.output();
    const decoder = new TextDecoder();
    return {
      stdout: decoder.decode(stdout),
      stderr: decoder.decode(stderr),
      code: exitCode,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** A Python program running in the background, e.g. a server. */
export class PythonProcess implements AsyncDisposable {
  #child: Deno.ChildProcess;
  #lines: ReadableStreamDefaultReader<string>;
  #buffered = "";

  /** Starts `python3 -c code args…` with stdout piped. */
  constructor(code: string, args: string[] = []) {
    this.#child = new Deno.Command("python3", {
      args: ["-u", "-c", code, ...args],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#lines = this.#child.stdout.pipeThrough(new TextDecoderStream())
      .getReader();
  }

  /** Reads the next line the program prints, waiting at most `timeout` ms. */
  async readLine(timeout = 10_000): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`No line from python3 in ${timeout} ms`)),
        timeout,
      );
    });
    try {
      while (!this.#buffered.includes("\n")) {
        const { value, done } = await Promise.race([
          this.#lines.read(),
          expired,
        ]);
        if (done) throw new Error("python3 exited before printing a line");
        this.#buffered += value;
      }
    } finally {
      clearTimeout(timer);
    }
    const end = this.#buffered.indexOf("\n");
    const line = this.#buffered.slice(0, end);
    this.#buffered = this.#buffered.slice(end + 1);
    return line;
  }

  /** Kills the program and waits for it, closing its pipe. */
  async [Symbol.asyncDispose](): Promise<void> {
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // Already exited.
    }
    await this.#lines.cancel().catch(() => {});
    await this.#child.status;
  }
}

/** Hex SHA-256 of some bytes, to compare large payloads across processes. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as BufferSource);
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}
